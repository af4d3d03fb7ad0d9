"""Reporting the established PIP to DUO (REQ C-08)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.kit import case_change
from cases.models import User

from ..models import DuoRegistration
from ._common import KIND_DUO, SOURCE, fmt, today_or


def duo_registration_done(
    *,
    registration: DuoRegistration,
    done_on: date,
    by: User,
    note: str = "",
    request=None,
    today: date | None = None,
) -> DuoRegistration:
    """REQ C-08: administratie reported the established PIP to DUO, on a date, by a name.

    Works on a closed case too: the PIP was established and DUO must still hear of it.
    """
    today = today_or(today)
    case = registration.version.pip.inburgeraar
    with case_change(case, by=by, request=request, today=today, allow_closed=True) as change:
        locked = change.lock(
            DuoRegistration, pk=registration.pk, version__pip__inburgeraar=change.case
        )
        if locked.is_done:
            raise ValidationError(
                _("Deze registratie is al afgehandeld op %(date)s.") % {"date": fmt(locked.done_on)}
            )
        if done_on > today:
            raise ValidationError({"done_on": _("De datum kan niet in de toekomst liggen.")})
        if done_on < locked.version.dagtekening:
            raise ValidationError(
                {
                    "done_on": _("De datum ligt vóór de vaststelling van het PIP (%(date)s).")
                    % {"date": fmt(locked.version.dagtekening)}
                }
            )
        diff = change.update(
            locked,
            {"done_on": done_on, "done_by": by, "note": note.strip()},
            fields=["done_on", "done_by", "note"],
        )
        change.timeline(
            KIND_DUO,
            _("PIP versie %(n)s op %(date)s bij DUO geregistreerd door %(name)s.")
            % {"n": locked.version.number, "date": fmt(done_on), "name": by},
            source=SOURCE,
        )
        change.audit("duo_registration_done", obj=locked, changes=diff)
    registration.done_on, registration.done_by = done_on, by
    return locked
