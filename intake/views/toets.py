"""The leerbaarheidstoets of a case: overview with the leerroute advice, DUO portal date,
sittings, result and exemption (REQ I-06, I-07). Every page is logged as `toets_viewed`; the
exemption page shows the health ground and is logged as `intake_special_viewed`."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_context, case_page, require, service_form
from cases.plausible import query_date

from .. import audit, selectors, services
from ..advice import AdviceFacts, leerroute_advice
from ..constants import EDUCATION_DOMAIN_CODE, SessionStatus
from ..forms import (
    DuoForm,
    ExemptionForm,
    ResultForm,
    SessionCorrectionForm,
    SessionForm,
    SessionOutcomeForm,
)
from ..models import ToetsSession
from ..permissions import (
    CAN_EDIT_INTAKE,
    CAN_PLAN,
    CAN_RECORD_TOETS_RESULT,
    can_see_special_category,
    may,
)
from .common import saved, toets_crumbs, toets_url


def _advice_for(case, toets, intake, today):
    education = None
    if intake is not None:
        education = next(
            (a for a in intake.assessments.all() if a.domain.code == EDUCATION_DOMAIN_CODE), None
        )
    return leerroute_advice(
        AdviceFacts(
            date_of_birth=case.date_of_birth,
            on=today,
            b1_reachable=toets.b1_reachable if toets else None,
            exempted=bool(toets and toets.is_exempt),
            score=toets.score if toets else None,
            required_score=toets.benchmark if toets else None,
            result_unknown=bool(toets and toets.result_unknown),
            wants_further_education=intake.wants_further_education if intake else None,
            education_severity=education.level.severity
            if education and education.level_id
            else None,
            education_label=education.level.label if education and education.level_id else "",
        )
    )


def _corrections(toets_obj) -> list:
    """Issue 13: the corrections with their changes under the fields' Dutch names."""
    from django.core.exceptions import FieldDoesNotExist

    from ..models import Leerbaarheidstoets

    def field(name: str):
        for model in (Leerbaarheidstoets, ToetsSession):
            try:
                return model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
        return None

    def label(name: str) -> str:
        found = field(name)
        return str(found.verbose_name) if found is not None else name

    def readable(value, name: str = "") -> str:
        found = field(name)
        if found is not None and found.choices and value:
            return str(dict(found.flatchoices).get(value, value))
        import re
        from datetime import date

        from cases.dates import format_date

        text = "" if value is None else str(value)
        if text in ("True", "False"):
            return _("ja") if text == "True" else _("nee")
        if text == "None":
            return ""
        if re.fullmatch(r"\d+\.\d+", text):
            return text.replace(".", ",")
        try:
            return format_date(date.fromisoformat(text))
        except ValueError:
            return text

    rows = list(toets_obj.corrections.select_related("corrected_by"))
    for row in rows:
        row.change_rows = [
            (label(name), readable(old, name), readable(new, name))
            for name, (old, new) in row.changes.items()
        ]
    return rows


@case_page(audit="toets_viewed")
def toets(request, case):
    """REQ I-06, I-07: the leerbaarheidstoets of a case, with the leerroute advice."""
    user = request.user
    today = timezone.localdate()
    special = can_see_special_category(user, case, today)
    toets_obj = selectors.toets_for(inburgeraar=case)
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    sessions = list(toets_obj.sessions.all()) if toets_obj else []
    open_until = toets_obj.open_until if toets_obj else None
    context = case_context(
        case,
        tab="toets",
        toets=toets_obj,
        intake=intake,
        sessions=sessions,
        # Issue 13: corrections of sittings and results, with their reasons.
        corrections=_corrections(toets_obj) if toets_obj else [],
        planned=next((s for s in sessions if s.status == SessionStatus.PLANNED), None),
        open_until=open_until,
        closes_soon=bool(
            open_until
            and not (toets_obj.taken_on or toets_obj.is_exempt)
            and open_until - today <= timedelta(days=60)
        ),
        result_visible_on=toets_obj.taken_on + timedelta(days=2)
        if toets_obj and toets_obj.taken_on
        else None,
        advice=_advice_for(case, toets_obj, intake, today),
        show_exemption_ground=special,
        can_plan=may(user, CAN_PLAN) and not case.is_closed,
        can_record_result=may(user, CAN_RECORD_TOETS_RESULT) and not case.is_closed,
        can_exempt=may(user, CAN_EDIT_INTAKE) and special and not case.is_closed,
        breadcrumbs=toets_crumbs(request, case),
    )
    return render(request, "intake/toets.html", context)


def _toets_form_page(request, case, form, title, lead="", template="intake/form.html", **extra):
    return render(
        request,
        template,
        case_context(
            case,
            tab="toets",
            title=title,
            form=form,
            lead=lead,
            cancel_url=toets_url(case),
            breadcrumbs=toets_crumbs(request, case, (title, "")),
            **extra,
        ),
    )


@case_page(roles=CAN_PLAN, audit="toets_viewed", methods=("GET", "POST"))
def toets_duo(request, case):
    toets_obj = selectors.toets_for(inburgeraar=case)
    form = DuoForm(
        request.POST or None,
        initial={"duo_ready_on": toets_obj.duo_ready_on if toets_obj else None},
    )
    done = service_form(
        request,
        form,
        lambda data: services.toets_set_duo_ready(
            inburgeraar=case, duo_ready_on=data["duo_ready_on"], by=request.user, request=request
        ),
        success=_("De datum is opgeslagen."),
        redirect_to=toets_url(case),
    )
    return done or _toets_form_page(
        request,
        case,
        form,
        _("Klaargezet in het DUO-portaal"),
        _(
            "DUO zet de leerbaarheidstoets na de koppeling klaar in zijn portaal; "
            "hij staat daarna twaalf maanden open."
        ),
    )


# The service speaks of the moments of a sitting; the form asks for a day and two times.
SESSION_ERROR_FIELDS = {"starts_at": "day", "ends_at": "ends"}


@case_page(roles=CAN_PLAN, audit="toets_viewed", methods=("GET", "POST"))
def toets_session_form(request, case, pk=None):
    """REQ I-06: plan (or move) a sitting; a device or toetsbegeleider booked twice is refused."""
    session = None
    if pk is not None:
        session = get_object_or_404(ToetsSession, pk=pk, toets__inburgeraar=case)
    today = timezone.localdate()
    initial = {}
    if session:
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        initial = {
            "day": start.date(),
            "starts": start.time(),
            "ends": end.time(),
            "location": session.location_id,
            "device": session.device_id,
            "toetsbegeleider": session.toetsbegeleider_id,
            "invitation_sent_on": session.invitation_sent_on,
            "notes": session.notes,
        }
    else:
        requested_day = query_date(request, "datum", today)
        initial = {
            "day": requested_day or today + timedelta(days=7),
            "starts": "09:30",
            "ends": "11:00",
        }
    form = SessionForm(
        request.POST or None,
        initial=initial,
        locations=selectors.toets_locations(day=today),
        devices=selectors.devices_on(day=today),
        toetsbegeleiders=selectors.toetsbegeleiders_on(day=today),
    )

    def plan(_data):
        try:
            return services.toets_session_plan(
                inburgeraar=case,
                session=session,
                data=form.service_data(),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError(
                {SESSION_ERROR_FIELDS.get(name, name): e for name, e in error.error_dict.items()}
            ) from error

    done = service_form(
        request,
        form,
        plan,
        success=_("De afname is ingepland."),
        redirect_to=toets_url(case),
    )
    if done is not None:
        warning = services.session_day_warning(form.cleaned_data["day"])
        if warning:
            messages.warning(request, warning)
        return done
    title = _("Afname verzetten") if session else _("Afname plannen")
    return _toets_form_page(
        request,
        case,
        form,
        title,
        _(
            "Kies een werkcentrum, een device en een getrainde toetsbegeleider. Een "
            "device of toetsbegeleider die op dat moment al is ingepland, kan niet "
            "worden gekozen."
        ),
        planning_url=reverse("intake:planning-toetsen"),
    )


@case_page(roles=CAN_PLAN, audit="toets_viewed", methods=("GET", "POST"))
def toets_session_outcome(request, case, pk):
    session = get_object_or_404(
        ToetsSession.objects.select_related(
            "toets__inburgeraar", "location", "device", "toetsbegeleider__user"
        ),
        pk=pk,
        toets__inburgeraar=case,
    )
    form = SessionOutcomeForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.toets_session_record(
            session=session,
            status=data["status"],
            notes=data["notes"],
            by=request.user,
            request=request,
        ),
        success=_("De uitkomst van de afname is opgeslagen."),
        redirect_to=toets_url(case),
    )
    return done or _toets_form_page(
        request,
        case,
        form,
        _("Uitkomst afname vastleggen"),
        template="intake/session_outcome.html",
        session=session,
    )


@case_page(roles=CAN_PLAN, audit="toets_viewed", methods=("GET", "POST"))
def toets_session_correct(request, case, pk):
    """Issue 13: correct the outcome of a sitting recorded in error, with a reason."""
    session = get_object_or_404(
        ToetsSession.objects.select_related(
            "toets__inburgeraar", "location", "device", "toetsbegeleider__user"
        ),
        pk=pk,
        toets__inburgeraar=case,
    )
    if session.status == SessionStatus.PLANNED:
        raise Http404(_("Van deze afname is nog geen uitkomst vastgelegd."))
    form = SessionCorrectionForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.toets_session_correct(
            session=session,
            status=data["status"],
            reason=data["reason"],
            by=request.user,
            request=request,
        ),
        success=_("De afname is gecorrigeerd; de oude uitkomst blijft in de geschiedenis."),
        redirect_to=toets_url(case),
    )
    return done or _toets_form_page(
        request,
        case,
        form,
        _("Afname corrigeren"),
        template="intake/session_outcome.html",
        session=session,
    )


@case_page(roles=CAN_RECORD_TOETS_RESULT, audit="toets_viewed", methods=("GET", "POST"))
def toets_result(request, case):
    """REQ I-07: DUO's result with the achieved and the required score; the local pass mark of
    the day of the toets only when DUO's required score is not entered."""
    toets_obj = selectors.toets_for(inburgeraar=case)
    taken_on = toets_obj.taken_on if toets_obj else None
    initial = {}
    if toets_obj and toets_obj.has_result:
        initial = {
            "result_on": toets_obj.result_on,
            "duo_result": toets_obj.duo_result,
            "score": toets_obj.score,
            "required_score": toets_obj.required_score,
            "exam_number": toets_obj.duo_exam_number,
        }
    correcting = bool(toets_obj and toets_obj.has_result)
    form = ResultForm(
        request.POST or None, taken_on=taken_on, initial=initial, correcting=correcting
    )
    done = service_form(
        request,
        form,
        lambda data: services.toets_result_record(
            inburgeraar=case,
            taken_on=data.get("taken_on"),
            result_on=data["result_on"],
            duo_result=data["duo_result"],
            score=data["score"],
            required_score=data["required_score"],
            exam_number=data.get("exam_number", ""),
            reason=data.get("correction_reason", ""),
            by=request.user,
            request=request,
        ),
        success=saved(
            request,
            _("De uitslag is gecorrigeerd.") if correcting else _("De uitslag is opgeslagen."),
        ),
        redirect_to=toets_url(case),
    )
    return done or _toets_form_page(
        request,
        case,
        form,
        _("Uitslag corrigeren") if correcting else _("Uitslag vastleggen"),
        _(
            "Neem de uitslag en de scores over uit het DUO-portaal. De benodigde score van "
            "DUO is leidend; zonder die score geldt de cesuur van de dag van de afname."
        ),
        template="intake/result_form.html",
        toets=toets_obj,
        pass_mark=services.pass_mark_on(taken_on) if taken_on else None,
    )


@case_page(audit="intake_special_viewed", methods=("GET", "POST"))
def toets_exemption(request, case):
    """REQ I-07 (Wi 14 lid 6): ontheffing for a visual impairment, or an auditory one when the
    person is not deemed able to take the toets. The ground is health data
    (REQ I-08): this page is 404 for anyone who may not see it, before the role check."""
    if not can_see_special_category(request.user, case):
        audit.access_denied(
            request=request, object_type="vrijstelling", object_ref=str(case.public_id)
        )
        raise Http404(_("Deze pagina bestaat niet of u heeft er geen toegang toe."))
    require(request.user, CAN_EDIT_INTAKE)
    form = ExemptionForm(request.POST or None, initial={"exempted_on": timezone.localdate()})
    done = service_form(
        request,
        form,
        lambda data: services.toets_exempt(
            inburgeraar=case,
            exempted_on=data["exempted_on"],
            ground=data["exemption_ground"],
            not_able=data["not_able"],
            note=data["note"],
            by=request.user,
            request=request,
        ),
        success=saved(request, _("De ontheffing is opgeslagen.")),
        redirect_to=toets_url(case),
    )
    return done or _toets_form_page(
        request,
        case,
        form,
        _("Ontheffing vastleggen"),
        _(
            "Ontheffing van de leerbaarheidstoets bij een visuele beperking, of bij een "
            "auditieve beperking als de inburgeraar niet in staat wordt geacht de toets af te "
            "leggen (artikel 14 lid 6 Wet inburgering 2021). De grond is een gezondheidsgegeven: "
            "alleen u en de teamleider zien die."
        ),
    )
