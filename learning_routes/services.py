"""Writes of the leerroute domain (REQ L-02 … L-06, C-08, F-03)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import audit, timeline
from cases.dates import format_date
from finance.constants import ROUTE_PROVISIONS
from finance.services import cost_register

from . import plan_hooks
from .constants import EndReason, EnrolmentStatus, RouteChangeKind, RouteCode
from .models import Absence, Enrolment, Exam, LearningRoute, ProgressReport, Provider, RouteChange
from .selectors import contract_for

timeline.register_kind("leerroute", _("Leerroute"))


def _log(enrolment, obj, action: str, summary: str, by, request=None, detail: str = ""):
    """Timeline event and audit event (with its processing line) of one leerroute step."""
    timeline.add_event(
        inburgeraar=enrolment.inburgeraar,
        kind="leerroute",
        summary=summary,
        detail=detail,
        source="learning_routes",
        by=by,
    )
    audit.leerroute_changed(
        inburgeraar=enrolment.inburgeraar, obj=obj, by=by, action=action, request=request
    )


def enrolment_create(
    *, inburgeraar, route: LearningRoute, provider: Provider, by, on: date | None = None
) -> Enrolment:
    """REQ L-02/L-04: a leerroute with a provider that has a valid contract for the route on
    the day; it waits for DLP registration by administratie. The price is the contract's."""
    on = on or timezone.localdate()
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
    if (
        Enrolment.objects.filter(inburgeraar=inburgeraar)
        .exclude(status=EnrolmentStatus.ENDED)
        .exists()
    ):
        raise ValidationError(_("Er loopt al een leerroute; beëindig of schakel die eerst."))
    with transaction.atomic():
        enrolment = Enrolment.objects.create(
            inburgeraar=inburgeraar,
            route=route,
            provider=provider,
            contract=contract,
            price=contract.price,
            requested_on=on,
            created_by=by,
        )
        _log(
            enrolment,
            enrolment,
            "enrolment_created",
            _("Leerroute %(route)s bij %(provider)s aangevraagd.")
            % {"route": route, "provider": provider},
            by,
            None,
        )
    return enrolment


def enrolment_register_dlp(*, enrolment: Enrolment, on: date, by, request=None) -> Enrolment:
    """REQ L-04 / C-08: administratie registers the route in DLP (who and when); the route
    price is booked as a cost on the inburgeraar's municipality (REQ L-03, F-03)."""
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update()
            .select_related("inburgeraar", "route", "provider")
            .get(pk=enrolment.pk)
        )
        if locked.status != EnrolmentStatus.TO_REGISTER:
            raise ValidationError(_("Deze leerroute is al aangemeld in DLP."))
        if on < locked.requested_on:
            raise ValidationError(
                {"registered_on": _("De aanmelddatum ligt vóór de aanvraagdatum.")}
            )
        if on > timezone.localdate():
            raise ValidationError({"registered_on": _("De aanmelddatum ligt in de toekomst.")})
        locked.status = EnrolmentStatus.REGISTERED
        locked.registered_on = on
        locked.registered_by = by
        locked.save(update_fields=["status", "registered_on", "registered_by"])
        cost_register(
            inburgeraar=locked.inburgeraar,
            provision=ROUTE_PROVISIONS[locked.route.code],
            amount=locked.price,
            on=on,
            description=f"{locked.route} bij {locked.provider}",
            source=f"learning_routes.enrolment:{locked.pk}",
            by=by,
        )
        _log(
            locked,
            locked,
            "enrolment_registered_dlp",
            _("Leerroute aangemeld in DLP."),
            by,
            request,
        )
    return locked


def enrolment_start(*, enrolment: Enrolment, on: date, by, request=None) -> Enrolment:
    """REQ L-04: the provider reports the start date."""
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update().select_related("inburgeraar").get(pk=enrolment.pk)
        )
        if locked.status != EnrolmentStatus.REGISTERED:
            raise ValidationError(_("Een leerroute kan pas starten na de aanmelding in DLP."))
        if on < locked.registered_on:
            raise ValidationError({"started_on": _("De startdatum ligt vóór de aanmelding.")})
        locked.status = EnrolmentStatus.STARTED
        locked.started_on = on
        locked.started_recorded_by = by
        locked.save(update_fields=["status", "started_on", "started_recorded_by"])
        _log(
            locked,
            locked,
            "enrolment_started",
            _("Leerroute gestart op %(day)s.") % {"day": format_date(on)},
            by,
            request,
        )
    return locked


def hours_attended(enrolment: Enrolment) -> int:
    """Course hours attended so far, from the provider's reports."""
    return enrolment.reports.aggregate(total=Sum("hours_attended"))["total"] or 0


def progress_report_record(*, enrolment: Enrolment, data: dict, by, request=None):
    """REQ L-05: a periodic report of the provider."""
    if enrolment.status != EnrolmentStatus.STARTED:
        raise ValidationError(_("Rapportages horen bij een gestarte leerroute."))
    report = ProgressReport(enrolment=enrolment, recorded_by=by, **data)
    if report.period_end < report.period_start:
        raise ValidationError({"period_end": _("Het einde van de periode ligt vóór het begin.")})
    if report.period_start < enrolment.started_on:
        raise ValidationError(
            {"period_start": _("De periode begint vóór de start van de leerroute.")}
        )
    if report.hours_attended > report.hours_scheduled:
        raise ValidationError(
            {"hours_attended": _("Er kunnen niet meer uren gevolgd zijn dan gepland.")}
        )
    with transaction.atomic():
        report.save()
        _log(
            enrolment,
            report,
            "progress_report_recorded",
            _("Voortgangsrapportage t/m %(day)s: %(hours)s van %(planned)s uur aanwezig.")
            % {
                "day": format_date(report.period_end),
                "hours": report.hours_attended,
                "planned": report.hours_scheduled,
            },
            by,
            request,
        )
    return report


def exam_record(*, enrolment: Enrolment, data: dict, by, request=None) -> Exam:
    """REQ L-05: an exam and its result."""
    exam = Exam(enrolment=enrolment, recorded_by=by, **data)
    with transaction.atomic():
        exam.save()
        _log(
            enrolment,
            exam,
            "exam_recorded",
            _("Examen %(skill)s %(level)s: %(result)s.")
            % {
                "skill": exam.get_skill_display(),
                "level": exam.level,
                "result": exam.get_result_display().lower(),
            },
            by,
            request,
        )
    return exam


def absence_record(*, enrolment: Enrolment, data: dict, by, request=None) -> Absence:
    """REQ L-05: absence reported by the provider."""
    absence = Absence(enrolment=enrolment, recorded_by=by, **data)
    if absence.absent_until < absence.absent_from:
        raise ValidationError({"absent_until": _("De einddatum ligt vóór de begindatum.")})
    with transaction.atomic():
        absence.save()
        _log(
            enrolment,
            absence,
            "absence_recorded",
            _("Afwezigheid van %(hours)s uur vastgelegd.") % {"hours": absence.hours},
            by,
            request,
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


def enrolment_afschalen(*, enrolment: Enrolment, ground: str, on: date, by, request=None):
    """REQ L-06: afschalen B1 → A2, recorded with its ground; opens a draft PIP version."""
    if not ground.strip():
        raise ValidationError({"ground": _("Geef de grond voor het afschalen.")})
    hours = hours_attended(enrolment)
    if enrolment.route.code != RouteCode.B1:
        raise ValidationError(_("Afschalen kan alleen binnen de B1-route."))
    if hours < settings.HBEL_AFSCHALEN_HOURS:
        raise ValidationError(
            _("Afschalen kan pas na %(needed)s lesuren; gevolgd zijn er %(hours)s.")
            % {"needed": settings.HBEL_AFSCHALEN_HOURS, "hours": hours}
        )
    if not can_afschalen(enrolment, hours):
        raise ValidationError(_("Deze leerroute kan nu niet worden afgeschaald."))
    with transaction.atomic():
        change = RouteChange.objects.create(
            enrolment=enrolment,
            kind=RouteChangeKind.AFSCHALEN,
            ground=ground,
            hours_attended=hours,
            decided_on=on,
            decided_by=by,
        )
        enrolment.afgeschaald_on = on
        enrolment.save(update_fields=["afgeschaald_on"])
        _log(
            enrolment,
            change,
            "route_afgeschaald",
            _("Afgeschaald van B1 naar A2 na %(hours)s lesuren.") % {"hours": hours},
            by,
            request,
            detail=ground,
        )
        plan_hooks.open_pip_revision(
            inburgeraar=enrolment.inburgeraar,
            reason=_("Afschalen van B1 naar A2: %(ground)s") % {"ground": ground},
            by=by,
        )
    return change


def enrolment_schakelen(
    *,
    enrolment: Enrolment,
    to_route: LearningRoute,
    provider: Provider,
    ground: str,
    on: date,
    by,
    request=None,
):
    """REQ L-06: switch to another route: the current enrolment ends, a new one waits for DLP
    registration, and a draft PIP version is opened with the new route."""
    if not ground.strip():
        raise ValidationError({"ground": _("Geef de grond voor het schakelen.")})
    if to_route.pk == enrolment.route_id:
        raise ValidationError({"to_route": _("Kies een andere leerroute dan de huidige.")})
    if not enrolment.is_open:
        raise ValidationError(_("Deze leerroute is al beëindigd."))
    hours = hours_attended(enrolment)
    with transaction.atomic():
        change = RouteChange.objects.create(
            enrolment=enrolment,
            kind=RouteChangeKind.SCHAKELEN,
            to_route=to_route,
            ground=ground,
            hours_attended=hours,
            decided_on=on,
            decided_by=by,
        )
        enrolment.status = EnrolmentStatus.ENDED
        enrolment.ended_on = on
        enrolment.end_reason = EndReason.SWITCHED
        enrolment.save(update_fields=["status", "ended_on", "end_reason"])
        new = enrolment_create(
            inburgeraar=enrolment.inburgeraar, route=to_route, provider=provider, by=by, on=on
        )
        audit.leerroute_changed(
            inburgeraar=enrolment.inburgeraar,
            obj=change,
            by=by,
            action="route_geschakeld",
            request=request,
        )
        plan_hooks.open_pip_revision(
            inburgeraar=enrolment.inburgeraar,
            reason=_("Schakelen naar de %(route)s: %(ground)s")
            % {"route": to_route, "ground": ground},
            by=by,
            route=to_route,
            provider=provider,
        )
    return new


def enrolment_for_plan(*, inburgeraar, route: LearningRoute, provider: Provider, by, on: date):
    """REQ L-04: an established PIP puts its leerroute on administratie's DLP worklist, once.
    A route that is already open (e.g. after schakelen) is left as it is."""
    current = (
        Enrolment.objects.filter(inburgeraar=inburgeraar)
        .exclude(status=EnrolmentStatus.ENDED)
        .first()
    )
    if current is not None:
        return current
    return enrolment_create(inburgeraar=inburgeraar, route=route, provider=provider, by=by, on=on)
