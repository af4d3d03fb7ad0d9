"""Reads the PIP's writes rely on: the latest established version and the term."""

from datetime import date

from django.db.models import Sum

from ..constants import ExtensionStatus, VersionStatus
from ..models import Pip, PipVersion
from ..term import term_first_day, term_last_day


def latest_established(pip: Pip) -> PipVersion | None:
    return (
        pip.versions.filter(status=VersionStatus.ESTABLISHED)
        .select_related("route", "beschikking")
        .order_by("-number")
        .first()
    )


def first_dagtekening(pip: Pip) -> date | None:
    """REQ D-06: the term hangs on the first established version's dagtekening."""
    return (
        pip.versions.filter(status=VersionStatus.ESTABLISHED)
        .order_by("number")
        .values_list("dagtekening", flat=True)
        .first()
    )


def granted_extensions(pip: Pip) -> tuple[int, date | None]:
    """REQ D-07: months granted in total, and the last day DUO stated in its latest grant."""
    granted = pip.extensions.filter(status=ExtensionStatus.GRANTED)
    months = granted.aggregate(total=Sum("months"))["total"] or 0
    until = (
        granted.exclude(new_last_day__isnull=True)
        .order_by("-decided_on", "-id")
        .values_list("new_last_day", flat=True)
        .first()
    )
    return months, until


def current_term(pip: Pip) -> tuple[date, date] | None:
    """(first day, last day) of the term including granted extensions, or None."""
    start = first_dagtekening(pip)
    if start is None:
        return None
    months, until = granted_extensions(pip)
    return term_first_day(start), term_last_day(
        start, extension_months=months, extended_until=until
    )
