"""Sittings of the leerbaarheidstoets: planning (a free device and toetsbegeleider at a
werkcentrum) and recording how a sitting went (REQ I-06, D-03, D-04)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.audit import field_changes
from cases.dates import format_date
from cases.kit import case_change, model_update
from cases.models import Inburgeraar, User

from ..audit import Op
from ..constants import OCCUPYING_SESSION_STATUSES, SessionStatus, TimelineKind
from ..models import Device, Leerbaarheidstoets, Toetsbegeleider, ToetsCorrection, ToetsSession
from .base import SOURCE, Outcome, _day, _raise, _sync, lock_toets


def _overlapping(starts_at: datetime, ends_at: datetime, exclude_pk=None):
    qs = ToetsSession.objects.filter(
        status__in=OCCUPYING_SESSION_STATUSES, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def _slot(session: ToetsSession) -> str:
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return f"{format_date(start)} {start:%H:%M}–{end:%H:%M}"


def session_day_warning(day: date) -> str | None:
    """Issue 13 item 5: a sitting on a Saturday, Sunday or feestdag (Atw) is allowed (a
    werkcentrum may open then) but unusual enough to say so."""
    from cases.calendar import feestdag_name

    holiday = feestdag_name(day)
    if holiday:
        return _("Let op: de afname valt op %(holiday)s (%(day)s), een feestdag.") % {
            "holiday": holiday,
            "day": format_date(day),
        }
    if day.weekday() >= 5:
        return _(
            "Let op: de afname valt op een %(weekday)s (%(day)s); is het werkcentrum dan open?"
        ) % {
            "weekday": _("zaterdag") if day.weekday() == 5 else _("zondag"),
            "day": format_date(day),
        }
    return None


def session_problems(
    *, toets: Leerbaarheidstoets, data: dict, today: date, exclude_pk=None
) -> dict:
    """REQ I-06: a sitting needs a werkcentrum, a free device and a free, trained toetsbegeleider
    within the 12 months the toets is open (REQ D-04)."""
    errors: dict[str, str] = {}
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    day = timezone.localdate(starts_at)
    location, device, begeleider = data["location"], data["device"], data["toetsbegeleider"]
    if ends_at <= starts_at:
        errors["ends_at"] = _(
            "De eindtijd ligt vóór of op de begintijd; kies een eindtijd na de begintijd."
        )
    if day < today:
        errors["starts_at"] = _("Een afname plant u vandaag of later.")
    elif toets.duo_ready_on and day < toets.duo_ready_on:
        errors["starts_at"] = _(
            "De toets staat dan nog niet klaar in het DUO-portaal (vanaf %(day)s)."
        ) % {"day": _day(toets.duo_ready_on)}
    elif toets.open_until and day > toets.open_until:
        errors["starts_at"] = _(
            "De toets staat dan niet meer open in het DUO-portaal (open tot en met %(day)s)."
        ) % {"day": _day(toets.open_until)}
    if not location.hosts_toets or not location.is_valid_on(day):
        errors["location"] = _("Op deze locatie wordt de leerbaarheidstoets niet afgenomen.")
    if not device.is_valid_on(day):
        errors["device"] = _("Dit device is op die datum niet in gebruik.")
    elif device.location_id and device.location_id != location.pk:
        errors["device"] = _("Dit device staat op een andere locatie (%(location)s).") % {
            "location": device.location
        }
    if not Toetsbegeleider.objects.selectable_on(day).filter(pk=begeleider.pk).exists():
        errors["toetsbegeleider"] = _(
            "Deze toetsbegeleider is op die datum niet getraind of niet beschikbaar."
        )
    if errors:
        return errors
    clashes = list(
        _overlapping(starts_at, ends_at, exclude_pk)
        .filter(Q(device=device) | Q(toetsbegeleider=begeleider))
        .order_by("starts_at")
    )
    for clash in clashes:
        if clash.device_id == device.pk:
            errors.setdefault(
                "device",
                _("Dit device is dan al geboekt (%(slot)s). Kies een ander device of tijdstip.")
                % {"slot": _slot(clash)},
            )
        if clash.toetsbegeleider_id == begeleider.pk:
            errors.setdefault(
                "toetsbegeleider",
                _(
                    "Deze toetsbegeleider is dan al ingepland (%(slot)s). Kies een andere "
                    "toetsbegeleider of tijdstip."
                )
                % {"slot": _slot(clash)},
            )
    return errors


SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "location",
    "device",
    "toetsbegeleider",
    "invitation_sent_on",
    "notes",
)


def toets_session_plan(
    *,
    inburgeraar: Inburgeraar,
    data: dict,
    by: User,
    session: ToetsSession | None = None,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Plan (or move) a sitting of the leerbaarheidstoets (REQ I-06). A device or a
    toetsbegeleider booked twice at overlapping times is refused."""
    today = today or timezone.localdate()
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        toets = lock_toets(change)
        if toets.is_exempt:
            raise ValidationError(_("De inburgeraar heeft ontheffing van de leerbaarheidstoets."))
        if toets.taken_on:
            raise ValidationError(_("De leerbaarheidstoets is al afgenomen."))
        created = session is None
        if not created:
            if session.toets_id != toets.pk:
                raise PermissionDenied
            saved = change.lock(ToetsSession, pk=session.pk, toets=toets)
            if saved.status != SessionStatus.PLANNED:
                raise ValidationError(_("Alleen een geplande afname kan worden verzet."))
        other_planned = toets.sessions.filter(status=SessionStatus.PLANNED)
        if not created:
            other_planned = other_planned.exclude(pk=saved.pk)
        first = other_planned.first()
        if first is not None:
            raise ValidationError(
                _("Er staat al een afname gepland (%(slot)s); verzet of annuleer die eerst.")
                % {"slot": _slot(first)}
            )
        # Serialise bookings of the same device and toetsbegeleider (the conflict check
        # below reads, then writes): lock both catalogue rows first.
        # (No ordering: the default one of Toetsbegeleider joins the nullable user.)
        list(Device.objects.select_for_update().filter(pk=data["device"].pk).order_by())
        list(
            Toetsbegeleider.objects.select_for_update()
            .filter(pk=data["toetsbegeleider"].pk)
            .order_by()
        )
        _raise(
            session_problems(
                toets=toets, data=data, today=today, exclude_pk=None if created else saved.pk
            )
        )
        diff = {}
        if created:
            saved = ToetsSession(toets=toets, planned_by=by)
            for name in SESSION_FIELDS:
                if name in data:
                    setattr(saved, name, data[name])
            saved.save()
        else:
            diff = model_update(saved, data, fields=SESSION_FIELDS)
        change.timeline(
            TimelineKind.TOETS_SESSION,
            (
                _("Leerbaarheidstoets gepland: %(slot)s, %(location)s.")
                if created
                else _("Afname leerbaarheidstoets verzet naar %(slot)s, %(location)s.")
            )
            % {"slot": _slot(saved), "location": saved.location},
            source=SOURCE,
        )
        change.audit(
            "toets_session_saved",
            obj=saved,
            changes=diff,
            operation=Op.CREATE if created else None,
        )
        change.facts_changed()  # REQ D-01 … D-04
    _sync(inburgeraar, case)
    if session is not None:
        session.refresh_from_db()
    return Outcome(saved)


def toets_session_record(
    *,
    session: ToetsSession,
    status: str,
    by: User,
    notes: str = "",
    request=None,
    today: date | None = None,
) -> Outcome:
    """Record how a planned sitting went: taken (sets the taken date, REQ D-03), no-show or
    cancelled."""
    today = today or timezone.localdate()
    inburgeraar = session.toets.inburgeraar
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        toets = lock_toets(change)
        session = change.lock(ToetsSession, pk=session.pk, toets=toets)
        if session.status != SessionStatus.PLANNED:
            raise ValidationError(_("Van deze afname is de uitkomst al vastgelegd."))
        day = timezone.localdate(session.starts_at)
        if status in (SessionStatus.TAKEN, SessionStatus.NO_SHOW) and day > today:
            raise ValidationError({"status": _("Deze afname ligt nog in de toekomst.")})
        if status == SessionStatus.TAKEN and toets.taken_on:
            raise ValidationError({"status": _("De toets is al afgenomen.")})
        if status not in (SessionStatus.TAKEN, SessionStatus.NO_SHOW, SessionStatus.CANCELLED):
            raise ValidationError({"status": _("Kies wat er met de afname is gebeurd.")})
        values = {"status": status}
        if notes.strip():
            values["notes"] = notes.strip()[:300]
        diff = model_update(session, values, fields=list(values))
        if status == SessionStatus.TAKEN:
            field_changes(
                obj=toets,
                inburgeraar_id=change.case.pk,
                by=by,
                changes=model_update(toets, {"taken_on": day}, fields=("taken_on",)),
            )
        summary = {
            SessionStatus.TAKEN: _(
                "Leerbaarheidstoets afgenomen op %(day)s; de uitslag is na 48 uur "
                "zichtbaar in het DUO-portaal."
            ),
            SessionStatus.NO_SHOW: _("Niet verschenen bij de leerbaarheidstoets van %(day)s."),
            SessionStatus.CANCELLED: _("Afname leerbaarheidstoets van %(day)s geannuleerd."),
        }[status] % {"day": _day(day)}
        change.timeline(TimelineKind.TOETS_SESSION, summary, source=SOURCE)
        change.audit("toets_session_saved", obj=session, changes=diff)
        change.facts_changed()  # REQ D-01 … D-04
    return Outcome(session)


def toets_session_correct(
    *,
    session: ToetsSession,
    status: str,
    reason: str,
    by: User,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Issue 13: the outcome of a sitting was recorded in error (taken instead of no-show, a
    sitting that never happened): the consultant corrects it with a reason. The correction
    is kept (`ToetsCorrection`, field history, audit event, timeline); the taken date of the
    toets follows (REQ D-03, D-04). A sitting with a recorded result is corrected only after
    the result: the result hangs on it."""
    today = today or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom u de afname corrigeert.")})
    inburgeraar = session.toets.inburgeraar
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        toets = lock_toets(change)
        session = change.lock(ToetsSession, pk=session.pk, toets=toets)
        if session.status == SessionStatus.PLANNED:
            raise ValidationError(_("Van deze afname is nog geen uitkomst vastgelegd."))
        if status not in (SessionStatus.TAKEN, SessionStatus.NO_SHOW, SessionStatus.CANCELLED):
            raise ValidationError({"status": _("Kies wat er met de afname is gebeurd.")})
        if status == session.status:
            raise ValidationError({"status": _("Dit is al de vastgelegde uitkomst.")})
        day = timezone.localdate(session.starts_at)
        toets_changes: dict = {}
        if session.status == SessionStatus.TAKEN:
            if toets.has_result:
                raise ValidationError(
                    {
                        "status": _(
                            "Bij deze afname is al een uitslag vastgelegd. Corrigeer eerst de "
                            "uitslag; een uitslag van DUO hoort bij een afname."
                        )
                    }
                )
            if toets.taken_on == day:
                toets_changes = model_update(toets, {"taken_on": None}, fields=("taken_on",))
        if status == SessionStatus.TAKEN:
            if day > today:
                raise ValidationError({"status": _("Deze afname ligt nog in de toekomst.")})
            if toets.taken_on and toets.taken_on != day:
                raise ValidationError({"status": _("De toets is al op een andere dag afgenomen.")})
            toets_changes = model_update(toets, {"taken_on": day}, fields=("taken_on",))
        if status == SessionStatus.NO_SHOW and day > today:
            raise ValidationError({"status": _("Deze afname ligt nog in de toekomst.")})
        diff = model_update(session, {"status": status}, fields=("status",))
        field_changes(obj=toets, inburgeraar_id=change.case.pk, by=by, changes=toets_changes)
        ToetsCorrection.objects.create(
            toets=toets,
            session=session,
            subject=ToetsCorrection.Subject.SESSION,
            reason=reason.strip(),
            changes={k: list(v) for k, v in {**diff, **toets_changes}.items()},
            corrected_by=by,
        )
        change.timeline(
            TimelineKind.TOETS_SESSION,
            _("Afname leerbaarheidstoets van %(day)s gecorrigeerd: %(status)s.")
            % {"day": _day(day), "status": SessionStatus(status).label.lower()},
            detail=reason.strip(),
            source=SOURCE,
        )
        change.audit("toets_session_corrected", obj=session, changes=diff)
        change.facts_changed()  # REQ D-01 … D-04
    return Outcome(session)
