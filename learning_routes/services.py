"""Writes of the leerroute domain (REQ L-02 … L-06, C-08, F-03).

Every write is one `case_change` (cases.kit): the case row and the enrolment are locked, a
closed case is refused, and the timeline and audit events (with the field history) are
written in the same transaction. Services that check a date against today, or default to
it, take `today`; the clock is never read inside a rule.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.dates import format_date
from cases.kit import case_change
from finance.constants import ROUTE_PROVISIONS
from finance.services import cost_register

from . import plan_hooks
from .constants import EndReason, EnrolmentStatus, ExamResult, RouteChangeKind, RouteCode
from .hooks import TIMELINE_KIND
from .models import (
    Absence,
    Enrolment,
    Exam,
    LearningRoute,
    ProgressReport,
    Provider,
    ProviderMeeting,
    RouteChange,
)
from .rules import college_offers_course, own_course_message, schakelen_refusal
from .selectors import contract_for

SOURCE = "learning_routes"


def _log(change, obj, action: str, summary: str, *, detail: str = "", changes=None):
    """Timeline event and audit event (with its processing line and field history) of one
    leerroute step, in the change's transaction."""
    change.timeline(TIMELINE_KIND, summary, detail=detail, source=SOURCE)
    change.audit(action, obj=obj, changes=changes)


def _lock(change, enrolment: Enrolment) -> Enrolment:
    """The enrolment, locked for this unit of work (it must belong to the locked case)."""
    return change.lock(Enrolment, pk=enrolment.pk)


def enrolment_create(
    *,
    inburgeraar,
    route: LearningRoute,
    provider: Provider,
    by,
    on: date | None = None,
    request=None,
    today: date | None = None,
) -> Enrolment:
    """REQ L-02/L-04: a leerroute with a provider that has a valid contract for the route on
    the day (`on`, default `today`); it waits for DLP registration by administratie. The
    price is the contract's. One open leerroute per person.

    REQ L-03 (Wi art. 16, 19–21): only for asielstatushouders; the college buys no course
    for gezins- and overige migranten, who arrange and pay their own."""
    today = today or timezone.localdate()
    on = on or today
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        if not college_offers_course(change.case.doelgroep):
            raise ValidationError(own_course_message())
        contract = contract_for(provider_id=provider.pk, route_id=route.pk, on=on)
        if contract is None or not provider.is_active:
            raise ValidationError(
                {
                    "provider": _(
                        "%(provider)s heeft op %(day)s geen geldig contract voor de %(route)s."
                    )
                    % {"provider": provider, "day": format_date(on), "route": route}
                }
            )
        # The case row lock serialises this check with any other create for the case.
        if (
            Enrolment.objects.filter(inburgeraar=change.case)
            .exclude(status=EnrolmentStatus.ENDED)
            .exists()
        ):
            raise ValidationError(_("Er loopt al een leerroute; beëindig of schakel die eerst."))
        enrolment = Enrolment.objects.create(
            inburgeraar=change.case,
            route=route,
            provider=provider,
            contract=contract,
            price=contract.price,
            requested_on=on,
            created_by=by,
        )
        _log(
            change,
            enrolment,
            "enrolment_created",
            _("Leerroute %(route)s bij %(provider)s aangevraagd.")
            % {"route": route, "provider": provider},
        )
    return enrolment


def enrolment_register_dlp(
    *, enrolment: Enrolment, on: date, by, request=None, today: date | None = None
) -> Enrolment:
    """REQ L-04 / C-08: administratie registers the route in DLP (who and when), not before
    the request and not after `today`; the route price is booked as a cost on the
    inburgeraar's municipality (REQ L-03, F-03), only for an asielstatushouder: the college
    pays no course for anyone else (Wi art. 16 lid 1)."""
    today = today or timezone.localdate()
    with case_change(enrolment.inburgeraar, by=by, request=request, today=today) as change:
        locked = _lock(change, enrolment)
        if locked.status != EnrolmentStatus.TO_REGISTER:
            raise ValidationError(_("Deze leerroute is al aangemeld in DLP."))
        if on < locked.requested_on:
            raise ValidationError(
                {"registered_on": _("De aanmelddatum ligt vóór de aanvraagdatum.")}
            )
        if on > change.today:
            raise ValidationError({"registered_on": _("De aanmelddatum ligt in de toekomst.")})
        diff = change.update(
            locked,
            {"status": EnrolmentStatus.REGISTERED, "registered_on": on, "registered_by": by},
            fields=("status", "registered_on", "registered_by"),
        )
        if college_offers_course(change.case.doelgroep):
            cost_register(
                inburgeraar=change.case,
                provision=ROUTE_PROVISIONS[locked.route.code],
                amount=locked.price,
                on=on,
                description=f"{locked.route} bij {locked.provider}",
                source=f"learning_routes.enrolment:{locked.pk}",
                by=by,
            )
        _log(
            change,
            locked,
            "enrolment_registered_dlp",
            _("Leerroute aangemeld in DLP."),
            changes=diff,
        )
    return locked


def enrolment_start(
    *, enrolment: Enrolment, on: date, by, request=None, today: date | None = None
) -> Enrolment:
    """REQ L-04: the provider reports the start date (not before the DLP registration)."""
    with case_change(enrolment.inburgeraar, by=by, request=request, today=today) as change:
        locked = _lock(change, enrolment)
        if locked.status != EnrolmentStatus.REGISTERED:
            raise ValidationError(_("Een leerroute kan pas starten na de aanmelding in DLP."))
        if on < locked.registered_on:
            raise ValidationError({"started_on": _("De startdatum ligt vóór de aanmelding.")})
        diff = change.update(
            locked,
            {"status": EnrolmentStatus.STARTED, "started_on": on, "started_recorded_by": by},
            fields=("status", "started_on", "started_recorded_by"),
        )
        _log(
            change,
            locked,
            "enrolment_started",
            _("Leerroute gestart op %(day)s.") % {"day": format_date(on)},
            changes=diff,
        )
    return locked


def hours_attended(enrolment: Enrolment) -> int:
    """Course hours attended so far, from the provider's reports."""
    return enrolment.reports.aggregate(total=Sum("hours_attended"))["total"] or 0


def progress_report_record(
    *, enrolment: Enrolment, data: dict, by, request=None, today: date | None = None
):
    """REQ L-05: a periodic report of the provider, within a started leerroute."""
    with case_change(enrolment.inburgeraar, by=by, request=request, today=today) as change:
        locked = _lock(change, enrolment)
        if locked.status != EnrolmentStatus.STARTED:
            raise ValidationError(_("Rapportages horen bij een gestarte leerroute."))
        report = ProgressReport(enrolment=locked, recorded_by=by, **data)
        if report.period_end < report.period_start:
            raise ValidationError(
                {"period_end": _("Het einde van de periode ligt vóór het begin.")}
            )
        if report.period_start < locked.started_on:
            raise ValidationError(
                {"period_start": _("De periode begint vóór de start van de leerroute.")}
            )
        if report.hours_attended > report.hours_scheduled:
            raise ValidationError(
                {"hours_attended": _("Er kunnen niet meer uren gevolgd zijn dan gepland.")}
            )
        report.save()
        _log(
            change,
            report,
            "progress_report_recorded",
            _("Voortgangsrapportage t/m %(day)s: %(hours)s van %(planned)s uur aanwezig.")
            % {
                "day": format_date(report.period_end),
                "hours": report.hours_attended,
                "planned": report.hours_scheduled,
            },
        )
    return report


def exam_record(
    *, enrolment: Enrolment, data: dict, by, request=None, today: date | None = None
) -> Exam:
    """REQ L-05: an exam and its result. Issue 13 item 5: a result (behaald, niet behaald)
    is of an exam already sat, so its date is not in the future."""
    with case_change(enrolment.inburgeraar, by=by, request=request, today=today) as change:
        locked = _lock(change, enrolment)
        exam = Exam(enrolment=locked, recorded_by=by, **data)
        if exam.result != ExamResult.PLANNED and exam.exam_on > change.today:
            raise ValidationError(
                {
                    "exam_on": _(
                        "Een examen met een uitslag is al afgelegd: de examendatum ligt in de "
                        "toekomst (%(day)s). Kies “Gepland” of vul de datum van het examen in."
                    )
                    % {"day": format_date(exam.exam_on)}
                }
            )
        exam.save()
        _log(
            change,
            exam,
            "exam_recorded",
            _("Examen %(skill)s %(level)s: %(result)s.")
            % {
                "skill": exam.get_skill_display(),
                "level": exam.level,
                "result": exam.get_result_display().lower(),
            },
        )
    return exam


def absence_record(
    *, enrolment: Enrolment, data: dict, by, request=None, today: date | None = None
) -> Absence:
    """REQ L-05: absence reported by the provider."""
    with case_change(enrolment.inburgeraar, by=by, request=request, today=today) as change:
        locked = _lock(change, enrolment)
        absence = Absence(enrolment=locked, recorded_by=by, **data)
        if absence.absent_until < absence.absent_from:
            raise ValidationError({"absent_until": _("De einddatum ligt vóór de begindatum.")})
        # Issue 13 item 5: absence is from lessons, so not before the route started.
        if locked.started_on is None or absence.absent_from < locked.started_on:
            raise ValidationError(
                {
                    "absent_from": _(
                        "Afwezigheid kan pas vanaf de start van de leerroute (%(day)s)."
                    )
                    % {"day": format_date(locked.started_on)}
                    if locked.started_on
                    else _("De leerroute is nog niet gestart; er is nog geen afwezigheid.")
                }
            )
        absence.save()
        _log(
            change,
            absence,
            "absence_recorded",
            _("Afwezigheid van %(hours)s uur vastgelegd.") % {"hours": absence.hours},
        )
    return absence


def can_afschalen(enrolment: Enrolment, hours: int | None = None) -> bool:
    """REQ L-06: B1-route only, started, not yet afgeschaald, at least the configured course
    hours (600 by default) attended."""
    hours = hours_attended(enrolment) if hours is None else hours
    return (
        enrolment.route.code == RouteCode.B1
        and enrolment.status == EnrolmentStatus.STARTED
        and enrolment.afgeschaald_on is None
        and hours >= settings.HBEL_AFSCHALEN_HOURS
    )


def enrolment_afschalen(
    *,
    enrolment: Enrolment,
    ground: str,
    on: date,
    by,
    request=None,
    today: date | None = None,
):
    """REQ L-06: afschalen B1 → A2, recorded with its ground; opens a draft PIP version."""
    if not ground.strip():
        raise ValidationError({"ground": _("Geef de grond voor het afschalen.")})
    with case_change(enrolment.inburgeraar, by=by, request=request, today=today) as change:
        locked = _lock(change, enrolment)
        hours = hours_attended(locked)
        if locked.route.code != RouteCode.B1:
            raise ValidationError(_("Afschalen kan alleen binnen de B1-route."))
        if hours < settings.HBEL_AFSCHALEN_HOURS:
            raise ValidationError(
                _("Afschalen kan pas na %(needed)s lesuren; gevolgd zijn er %(hours)s.")
                % {"needed": settings.HBEL_AFSCHALEN_HOURS, "hours": hours}
            )
        if not can_afschalen(locked, hours):
            raise ValidationError(_("Deze leerroute kan nu niet worden afgeschaald."))
        route_change = RouteChange.objects.create(
            enrolment=locked,
            kind=RouteChangeKind.AFSCHALEN,
            ground=ground,
            hours_attended=hours,
            decided_on=on,
            decided_by=by,
        )
        diff = change.update(locked, {"afgeschaald_on": on}, fields=("afgeschaald_on",))
        _log(
            change,
            route_change,
            "route_afgeschaald",
            _("Afgeschaald van B1 naar A2 na %(hours)s lesuren.") % {"hours": hours},
            detail=ground,
            changes=diff,
        )
        plan_hooks.open_pip_revision(
            inburgeraar=change.case,
            reason=_("Afschalen van B1 naar A2: %(ground)s") % {"ground": ground},
            by=by,
        )
    enrolment.afgeschaald_on = locked.afgeschaald_on  # the caller's copy, as before
    return route_change


def enrolment_schakelen(
    *,
    enrolment: Enrolment,
    to_route: LearningRoute,
    provider: Provider,
    ground: str,
    on: date,
    by,
    request=None,
    today: date | None = None,
):
    """REQ L-06: switch to another route: the current enrolment ends, a new one waits for DLP
    registration, and a draft PIP version is opened with the new route.

    Wi art. 17 lid 2 with Besluit art. 5.4 lid 1: only until 1½ years after the start of
    the term (`on` is the day of the decision), except onderwijsroute → B1-route, which is
    possible throughout."""
    if not ground.strip():
        raise ValidationError({"ground": _("Geef de grond voor het schakelen.")})
    if to_route.pk == enrolment.route_id:
        raise ValidationError({"to_route": _("Kies een andere leerroute dan de huidige.")})
    with case_change(enrolment.inburgeraar, by=by, request=request, today=today) as change:
        locked = _lock(change, enrolment)
        if not locked.is_open:
            raise ValidationError(_("Deze leerroute is al beëindigd."))
        refusal = schakelen_refusal(
            from_code=locked.route.code,
            to_code=to_route.code,
            on=on,
            term_first_day=plan_hooks.term_started_on(change.case),
        )
        if refusal:
            raise ValidationError({"to_route": refusal})
        hours = hours_attended(locked)
        route_change = RouteChange.objects.create(
            enrolment=locked,
            kind=RouteChangeKind.SCHAKELEN,
            to_route=to_route,
            ground=ground,
            hours_attended=hours,
            decided_on=on,
            decided_by=by,
        )
        diff = change.update(
            locked,
            {"status": EnrolmentStatus.ENDED, "ended_on": on, "end_reason": EndReason.SWITCHED},
            fields=("status", "ended_on", "end_reason"),
        )
        # Nested unit of work on the same case: a savepoint, and the case row is already ours.
        new = enrolment_create(
            inburgeraar=change.case,
            route=to_route,
            provider=provider,
            by=by,
            on=on,
            request=request,
            today=change.today,
        )
        change.audit("route_geschakeld", obj=route_change, changes=diff)
        plan_hooks.open_pip_revision(
            inburgeraar=change.case,
            reason=_("Schakelen naar de %(route)s: %(ground)s")
            % {"route": to_route, "ground": ground},
            by=by,
            route=to_route,
            provider=provider,
        )
    for field in ("status", "ended_on", "end_reason"):  # the caller's copy, as before
        setattr(enrolment, field, getattr(locked, field))
    return new


def enrolment_for_plan(
    *,
    inburgeraar,
    route: LearningRoute,
    provider: Provider,
    by,
    on: date,
    request=None,
    today: date | None = None,
):
    """REQ L-04: an established PIP puts its leerroute on administratie's DLP worklist, once.
    A route that is already open (e.g. after schakelen) is left as it is. Called inside the
    PIP's own unit of work; `enrolment_create` nests in it."""
    current = (
        Enrolment.objects.filter(inburgeraar=inburgeraar)
        .exclude(status=EnrolmentStatus.ENDED)
        .first()
    )
    if current is not None:
        return current
    return enrolment_create(
        inburgeraar=inburgeraar,
        route=route,
        provider=provider,
        by=by,
        on=on,
        request=request,
        today=today,
    )


def provider_meeting_record(*, data: dict, by, request=None) -> ProviderMeeting:
    """REQ L-05 / K-02: minute a meeting with a provider. It belongs to the recorder's team
    and is seen by that team and the participants only; the write is audited (issue 22,
    finding 5)."""
    from cases.audit import record

    with transaction.atomic():
        meeting = ProviderMeeting.objects.create(
            provider=data["provider"],
            held_on=data["held_on"],
            attendees=data["attendees"],
            minutes=data["minutes"],
            decisions=data.get("decisions", ""),
            recorded_by=by,
            team_id=by.team_id,
        )
        meeting.participants.set(data.get("participants") or [])
        record("provider_meeting_recorded", actor=by, request=request, obj=meeting)
    return meeting
