"""One unit of work for every write to a case (STYLE.md, 'Services own the rules').

    with case_change(inburgeraar, by=user, request=request) as change:
        afspraak = change.lock(Werkafspraak, pk=afspraak_id)    # row lock on the object
        diff = change.update(afspraak, data, fields=FIELDS)     # field-history diff
        change.timeline("werkafspraak", _("Werkafspraak gewijzigd."))
        change.audit("werkafspraak_saved", obj=afspraak, changes=diff)
        change.facts_changed()                                  # deadlines after the commit

`case_change` opens the transaction, locks the case row, refuses a closed case with a clear
Dutch message (unless `allow_closed`), and gives the service one object that writes the
timeline event, the audit event with its field history and processing line, and schedules
the deadline recompute once after the commit, however often facts changed.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit as case_audit
from .. import timeline as case_timeline
from ..models import Inburgeraar


class CaseClosed(ValidationError):
    """A write to a closed case (afgerond, verhuisd, beëindigd)."""


def closed_case_message() -> str:
    return _("Dit dossier is afgesloten; er kan niets meer in worden gewijzigd.")


def as_text(value) -> str:
    """A value as the field history keeps it: ISO dates, '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def model_update(obj: models.Model, data: dict, *, fields: Iterable[str]) -> dict:
    """Set the given fields of `obj` from `data` and save only those that changed.

    Returns the diff {field: (old text, new text)} for the field history; nothing is saved
    when nothing changed. `updated_at` is saved along when the model has it.
    """
    diff: dict[str, tuple[str, str]] = {}
    for field in fields:
        if field not in data:
            continue
        old, new = getattr(obj, field), data[field]
        if old != new:
            diff[field] = (as_text(old), as_text(new))
            setattr(obj, field, new)
    if diff and obj.pk is not None:
        update_fields = list(diff)
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            update_fields.append("updated_at")
        obj.save(update_fields=update_fields)
    return diff


class CaseChange:
    """What a service writes in one unit of work; see the module docstring."""

    def __init__(self, case: Inburgeraar, *, by, request, today: date):
        self.case = case
        self.by = by
        self.request = request
        self.today = today
        self.events: list = []
        self._recompute = False

    def lock(self, model: type[models.Model], **lookup) -> models.Model:
        """The object, locked for this transaction; it must belong to the case."""
        queryset = model.objects.select_for_update()
        if any(f.name == "inburgeraar" for f in model._meta.concrete_fields):
            queryset = queryset.filter(inburgeraar=self.case)
        return queryset.get(**lookup)

    def update(self, obj: models.Model, data: dict, *, fields: Iterable[str]) -> dict:
        return model_update(obj, data, fields=fields)

    def timeline(self, kind: str, summary: str, *, detail: str = "", source: str = ""):
        event = case_timeline.add_event(
            inburgeraar=self.case,
            kind=kind,
            summary=summary,
            detail=detail,
            source=source or "cases",
            by=self.by,
        )
        self.events.append(event)
        return event

    def audit(self, code: str, *, obj=None, changes: dict | None = None, operation=None):
        """The audit event of a declared code; with `changes`, its field history too."""
        target = obj if obj is not None else self.case
        event = case_audit.record(
            code,
            actor=self.by,
            request=self.request,
            obj=target,
            inburgeraar_id=self.case.pk,
            operation=operation,
        )
        if changes:
            case_audit.field_changes(
                obj=target, inburgeraar_id=self.case.pk, by=self.by, changes=changes
            )
        return event

    def facts_changed(self) -> None:
        """The case's deadline facts changed: recompute once, after the commit (REQ D)."""
        self._recompute = True


@contextmanager
def case_change(
    inburgeraar: Inburgeraar,
    *,
    by,
    request=None,
    today: date | None = None,
    allow_closed: bool = False,
):
    """The unit of work of a case write (see the module docstring). Yields a `CaseChange`
    whose `case` is the locked, fresh row; the caller's copy is not refreshed."""
    from ..deadlines.services import deadlines_schedule_recompute

    with transaction.atomic():
        case = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
        if case.is_closed and not allow_closed:
            raise CaseClosed(closed_case_message(), code="case_closed")
        change = CaseChange(case, by=by, request=request, today=today or timezone.localdate())
        yield change
        if change._recompute:
            deadlines_schedule_recompute(case.pk)
