"""Retention: closed cases are removed a configurable number of years after closing.

Apps that store files for a case (verslagen) register a purge hook that deletes those files:
`register_purge_hook(fn)` with fn(inburgeraar_ids), called inside the purge's transaction.
A hook deletes a file with `delete_file_on_commit(storage, name)`: only once the purge has
committed, so a rollback keeps both the rows and their files. The PDFs of issued documents
(cases.documents, every kind) are purged that way without a hook.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction

from . import audit, documents
from .constants import CLOSED_PHASES
from .models import Household, Inburgeraar

logger = logging.getLogger("hbel.retention")

PurgeHook = Callable[[Sequence[int]], None]
_purge_hooks: list[PurgeHook] = []


def register_purge_hook(fn: PurgeHook) -> None:
    _purge_hooks.append(fn)


def _delete_file(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        # The rows are gone already; a file left behind holds no reference to anyone.
        logger.exception("retention: could not delete a stored file")


def delete_file_on_commit(storage, name: str) -> None:
    """Delete a stored file after the current transaction commits (never on a rollback)."""
    transaction.on_commit(partial(_delete_file, storage, name))


@dataclass(frozen=True)
class Expired:
    inburgeraar_id: int
    gemeente: str
    closed_on: date


def expired_cases(*, today: date, years: int | None = None) -> list[Expired]:
    """Cases closed more than `years` (default HBEL_RETENTION_YEARS) before today."""
    years = settings.HBEL_RETENTION_YEARS if years is None else years
    cutoff = today - relativedelta(years=years)
    rows = (
        Inburgeraar.objects.filter(phase__in=CLOSED_PHASES, closed_on__lt=cutoff)
        .order_by("closed_on", "id")
        .values_list("id", "gemeente__name", "closed_on")
    )
    return [Expired(*row) for row in rows]


def purge_expired_cases(*, today: date, years: int | None = None) -> list[Expired]:
    """Delete expired cases with their documents; leave one audit event per case that holds
    nothing but its former internal id."""
    expired = expired_cases(today=today, years=years)
    ids = [e.inburgeraar_id for e in expired]
    if not ids:
        return []
    with transaction.atomic():
        household_ids = set(
            Inburgeraar.objects.filter(pk__in=ids)
            .exclude(household__isnull=True)
            .values_list("household_id", flat=True)
        )
        documents.purge_files(ids)
        for hook in _purge_hooks:
            hook(ids)
        Inburgeraar.objects.filter(pk__in=ids).delete()
        Household.objects.filter(pk__in=household_ids, members__isnull=True).delete()
        for inburgeraar_id in ids:
            audit.case_purged(inburgeraar_id=inburgeraar_id)
    return expired
