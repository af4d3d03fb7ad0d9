"""Screens of the brede intake and the leerbaarheidstoets. Thin: parse, call, render.

Every page starts with `get_case_or_404` (the scope check, with a `denied` audit event) and
writes one audit event for the page view. Special-category data (REQ I-08) is only loaded for
users who may see it; the URL of a health domain answers 404 to anyone else.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.constants import Doelgroep, Phase
from cases.views import get_case_or_404

from . import audit, selectors, services
from .advice import AdviceFacts, leerroute_advice
from .constants import EDUCATION_DOMAIN_CODE, ConversationStatus, SessionStatus
from .forms import (
    AgreementsForm,
    CoaForm,
    ConversationForm,
    DomainForm,
    DuoForm,
    ExemptionForm,
    IntakeQuestionsForm,
    ReportForm,
    ResultForm,
    SessionForm,
    SessionOutcomeForm,
    WithoutPersonForm,
)
from .models import AssessmentLevel, BredeIntake, IntakeConversation, LifeDomain, ToetsSession
from .permissions import (
    CAN_EDIT_INTAKE,
    CAN_PLAN,
    CAN_RECORD_TOETS_RESULT,
    CAN_SEE_PLANNING,
    can_see_special_category,
    may,
)


def _require(user, roles) -> None:
    if not may(user, roles):
        raise PermissionDenied


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _phase_messages(request, moved: list[str]) -> None:
    if moved:
        messages.info(
            request,
            _("De fase van het dossier is gewijzigd naar %(phase)s.")
            % {"phase": Phase(moved[-1]).label},
        )


def _crumbs(request, case, section, *pages):
    """Caseload › person › section (› page). The last crumb is the current page."""
    caseload = _("Mijn caseload") if request.user.is_consultant else _("Dossiers")
    crumbs = [
        {"label": caseload, "url": reverse("cases:caseload")},
        {
            "label": case.full_name,
            "url": reverse("cases:detail", kwargs={"public_id": case.public_id}),
        },
        {"label": section[0], "url": section[1]},
    ]
    return crumbs + [{"label": label, "url": url} for label, url in pages]


def _intake_crumbs(request, case, *pages):
    return _crumbs(request, case, (_("Brede intake"), _overview_url(case)), *pages)


def _toets_crumbs(request, case, *pages):
    return _crumbs(request, case, (_("Leerbaarheidstoets"), _toets_url(case)), *pages)


def _overview_url(case) -> str:
    return reverse("intake:overview", kwargs={"public_id": case.public_id})


def _toets_url(case) -> str:
    return reverse("intake:toets", kwargs={"public_id": case.public_id})


def _assessment_map(intake) -> dict:
    return {a.domain_id: a for a in intake.assessments.all()} if intake else {}


# --------------------------------------------------------------------------- intake overview


@login_required
def overview(request, public_id):
    """The intake section of a case: conversations, domains, sections, completion checklist."""
    case = get_case_or_404(request, public_id)
    user = request.user
    today = timezone.localdate()
    special = can_see_special_category(user, case, today)
    intake = selectors.intake_for(inburgeraar=case, include_special=special)
    domains = selectors.domains_for(intake=intake, day=today, include_special=special)
    assessments = _assessment_map(intake)
    shows_special = special and any(d.is_special_category and d.pk in assessments for d in domains)
    audit.intake_viewed(request=request, inburgeraar=case, special_category=shows_special)
    conversations = list(intake.conversations.all()) if intake else []
    problems, notes, without_problems = [], [], []
    if intake and not intake.is_completed:
        # Completion looks at every domain, health included; it names, never shows, them.
        all_domains, all_assessments = selectors.completion_inputs(intake=intake, day=today)
        problems = services.intake_completion_problems(
            intake, today=today, domains=all_domains, assessments=all_assessments
        )
        without_problems = services.without_person_problems(intake)
    if intake:
        notes = services.intake_completion_notes(intake, case=case)
    rows = [(d, assessments.get(d.pk)) for d in domains if not d.is_optional or d.pk in assessments]
    invitations = [c for c in conversations if c.invitation_sent_on]
    context = {
        "inburgeraar": case,
        "intake": intake,
        "conversations": conversations,
        "domain_rows": rows,
        "hidden_domains": selectors.hidden_domain_count(day=today, include_special=special),
        "problems": problems,
        "notes": notes,
        "can_complete_without_person": intake is not None
        and not intake.is_completed
        and not without_problems,
        "invitation_count": len(invitations),
        "no_show_count": sum(1 for c in conversations if c.status == ConversationStatus.NO_SHOW),
        "warning_count": sum(1 for c in conversations if c.warning_sent_on),
        "first_held": next((c for c in conversations if c.status == ConversationStatus.HELD), None),
        "coa_conversation": next((c for c in conversations if c.coa_attended), None),
        "is_asielstatushouder": case.doelgroep == Doelgroep.ASIELSTATUSHOUDER,
        "can_edit": may(user, CAN_EDIT_INTAKE) and not case.is_closed,
        "can_plan": may(user, CAN_PLAN) and not case.is_closed,
        "breadcrumbs": _intake_crumbs(request, case),
        "tab": "intake",
    }
    return render(request, "intake/overview.html", context)


# --------------------------------------------------------------------------- conversations


@login_required
@require_http_methods(["GET", "POST"])
def conversation_form(request, public_id, pk=None):
    """Plan a conversation or record how it went (REQ I-03, I-09)."""
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_PLAN)
    conversation = None
    if pk is not None:
        conversation = get_object_or_404(
            IntakeConversation.objects.select_related("intake"), pk=pk, intake__inburgeraar=case
        )
    can_record_content = may(request.user, CAN_EDIT_INTAKE)
    if conversation and conversation.status == ConversationStatus.HELD and not can_record_content:
        raise PermissionDenied
    audit.intake_viewed(request=request, inburgeraar=case)
    form = ConversationForm(
        request.POST or None,
        instance=conversation,
        inburgeraar=case,
        can_record_content=can_record_content,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            outcome = services.conversation_save(
                inburgeraar=case,
                conversation=conversation,
                data=data,
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Het gesprek is opgeslagen."))
            _phase_messages(request, outcome.phases)
            return redirect(_overview_url(case))
    title = (
        _("Gesprek wijzigen of uitkomst vastleggen")
        if conversation
        else _("Gesprek plannen of vastleggen")
    )
    return render(
        request,
        "intake/form.html",
        {
            "inburgeraar": case,
            "form": form,
            "title": title,
            "lead": _(
                "Plan een gesprek met een schriftelijke uitnodiging, of leg vast hoe een "
                "gesprek is gegaan: wie er waren, of het COA aanwezig was (op locatie of "
                "digitaal) en met welke tolk."
            ),
            "cancel_url": _overview_url(case),
            "breadcrumbs": _intake_crumbs(request, case, (title, "")),
            "tab": "intake",
        },
    )


# --------------------------------------------------------------------------- domains


def _domain_forms(data, domains, assessments, levels):
    forms = []
    for domain in domains:
        assessment = assessments.get(domain.pk)
        initial = {}
        if assessment:
            initial = {
                "level": assessment.level_id,
                "notes": assessment.notes,
                "action_needed": assessment.action_needed,
                "follow_up": assessment.follow_up,
                "follow_up_on": assessment.follow_up_on,
            }
        form = DomainForm(data, prefix=domain.code, initial=initial, domain=domain, levels=levels)
        form.assessment = assessment
        forms.append(form)
    return forms


@login_required
@require_http_methods(["GET", "POST"])
def domains(request, public_id):
    """All life domains on one page, quick to fill in (REQ I-01); health only for I-08 users."""
    case = get_case_or_404(request, public_id)
    user = request.user
    today = timezone.localdate()
    special = can_see_special_category(user, case, today)
    intake = selectors.intake_for(inburgeraar=case, include_special=special)
    editable = (
        may(user, CAN_EDIT_INTAKE) and not case.is_closed and not (intake and intake.is_completed)
    )
    if request.method == "POST" and not editable:
        raise PermissionDenied
    domain_list = selectors.domains_for(intake=intake, day=today, include_special=special)
    assessments = _assessment_map(intake)
    audit.intake_viewed(
        request=request,
        inburgeraar=case,
        special_category=special and any(d.is_special_category for d in domain_list),
    )
    levels = AssessmentLevel.objects.valid_on(today).order_by("order")
    data = request.POST if request.method == "POST" else None
    forms = _domain_forms(data, domain_list, assessments, levels)
    questions = IntakeQuestionsForm(
        data,
        initial={
            "young_children": intake.young_children if intake else None,
            "wants_further_education": intake.wants_further_education if intake else None,
        },
    )
    if request.method == "POST" and questions.is_valid() and all(f.is_valid() for f in forms):
        entries = {f.domain.pk: f.cleaned_data for f in forms}
        try:
            services.domains_save(
                inburgeraar=case,
                entries=entries,
                young_children=questions.cleaned_data["young_children"],
                wants_further_education=questions.cleaned_data["wants_further_education"],
                by=user,
                request=request,
                today=today,
            )
        except ValidationError as error:
            questions.add_error(None, error.messages)
        else:
            messages.success(request, _("De levensdomeinen zijn opgeslagen."))
            if "opslaan_en_verder" in request.POST:
                return redirect(_overview_url(case))
            return redirect(reverse("intake:domains", kwargs={"public_id": case.public_id}))
    mandatory = [f for f in forms if not f.domain.is_optional]
    optional = [f for f in forms if f.domain.is_optional]
    error_forms = [f for f in [questions, *forms] if f.errors]
    return render(
        request,
        "intake/domains.html",
        {
            "inburgeraar": case,
            "intake": intake,
            "questions": questions,
            "mandatory_forms": mandatory,
            "optional_forms": optional,
            "optional_open": any(f.domain.pk in assessments for f in optional)
            or any(f.errors for f in optional),
            "error_forms": error_forms,
            "assessments": assessments,
            "editable": editable,
            "hidden_domains": selectors.hidden_domain_count(day=today, include_special=special),
            "education_code": EDUCATION_DOMAIN_CODE,
            "breadcrumbs": _intake_crumbs(request, case, (_("Levensdomeinen"), "")),
            "tab": "intake",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def domain(request, public_id, code):
    """One life domain. A special-category domain is 404 (and logged) for anyone not allowed
    to see it (REQ I-08)."""
    case = get_case_or_404(request, public_id)
    user = request.user
    today = timezone.localdate()
    life_domain = LifeDomain.objects.filter(code=code).first()
    special = can_see_special_category(user, case, today)
    if life_domain is None or (life_domain.is_special_category and not special):
        audit.access_denied(
            request=request, object_type="levensdomein", object_ref=f"{case.public_id}:{code}"
        )
        raise Http404(_("Dit levensdomein bestaat niet of u heeft er geen toegang toe."))
    intake = selectors.intake_for(inburgeraar=case, include_special=special)
    assessment = _assessment_map(intake).get(life_domain.pk)
    audit.intake_viewed(
        request=request, inburgeraar=case, special_category=life_domain.is_special_category
    )
    editable = (
        may(user, CAN_EDIT_INTAKE) and not case.is_closed and not (intake and intake.is_completed)
    )
    if request.method == "POST" and not editable:
        raise PermissionDenied
    levels = AssessmentLevel.objects.valid_on(today).order_by("order")
    [form] = _domain_forms(
        request.POST if request.method == "POST" else None,
        [life_domain],
        {life_domain.pk: assessment} if assessment else {},
        levels,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.domains_save(
                inburgeraar=case,
                entries={life_domain.pk: form.cleaned_data},
                young_children=intake.young_children if intake else None,
                wants_further_education=intake.wants_further_education if intake else None,
                by=user,
                request=request,
                today=today,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Het levensdomein is opgeslagen."))
            return redirect(_overview_url(case))
    return render(
        request,
        "intake/domain.html",
        {
            "inburgeraar": case,
            "domain": life_domain,
            "assessment": assessment,
            "form": form,
            "editable": editable,
            "breadcrumbs": _intake_crumbs(request, case, (life_domain.display_name, "")),
            "tab": "intake",
        },
    )


# --------------------------------------------------------------------------- sections

SECTION_PAGES = {
    "afspraken": (
        AgreementsForm,
        _("Rechten en plichten, verwachtingen"),
        _(
            "Wat er is uitgelegd over rechten en plichten, wat beide kanten "
            "verwachten, en dat de inburgeraar een gesprek alleen mag voeren."
        ),
    ),
    "coa": (
        CoaForm,
        _("Warme overdracht COA en reiskosten"),
        _(
            "De kennismaking met het COA en de afspraken over activiteiten op de "
            "opvang en de voorinburgering. Was het COA bij geen enkel gesprek, leg "
            "dan het digitale overleg vast (tussen maand 1 en 2 na koppeling)."
        ),
    ),
    "verslag": (
        ReportForm,
        _("Verslag en wegwijzer"),
        _("Het schriftelijke verslag van de brede intake, en de uitreiking van de wegwijzer."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def section(request, public_id, section):
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_EDIT_INTAKE)
    form_class, title, lead = SECTION_PAGES[section]
    if section == "coa" and case.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        messages.info(
            request,
            _(
                "De warme overdracht en de reiskosten via het COA gelden alleen voor "
                "asielstatushouders."
            ),
        )
        return redirect(_overview_url(case))
    audit.intake_viewed(request=request, inburgeraar=case)
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    locked = bool(intake and intake.is_completed)
    instance = intake or BredeIntake(inburgeraar=case)
    form = form_class(request.POST or None, instance=instance, locked=locked)
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name] for name in form.fields if not form.fields[name].disabled
        }
        try:
            outcome = services.intake_update(
                inburgeraar=case, section=section, data=data, by=request.user, request=request
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if outcome.obj:
                messages.success(request, _("De gegevens zijn opgeslagen."))
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect(_overview_url(case))
    if locked:
        lead = _(
            "De brede intake is afgerond. Alleen wat na de intake gebeurt, kunt u nog vastleggen."
        )
    return render(
        request,
        "intake/form.html",
        {
            "inburgeraar": case,
            "form": form,
            "title": title,
            "lead": lead,
            "cancel_url": _overview_url(case),
            "breadcrumbs": _intake_crumbs(request, case, (title, "")),
            "tab": "intake",
        },
    )


# --------------------------------------------------------------------------- completion


@login_required
@require_http_methods(["GET", "POST"])
def complete(request, public_id):
    """REQ I-01, I-02: complete the intake; refused with the list of what is missing."""
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_EDIT_INTAKE)
    audit.intake_viewed(request=request, inburgeraar=case)
    today = timezone.localdate()
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    problems = (
        services.intake_completion_problems(intake, today=today)
        if intake
        else [_("Er is nog geen gehouden intakegesprek vastgelegd.")]
    )
    if request.method == "POST":
        try:
            outcome = services.intake_complete(
                inburgeraar=case, by=request.user, request=request, today=today
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("De brede intake is afgerond."))
            _phase_messages(request, outcome.phases)
            return redirect(_overview_url(case))
    return render(
        request,
        "intake/complete.html",
        {
            "inburgeraar": case,
            "intake": intake,
            "problems": problems,
            "posted": request.method == "POST",
            "notes": services.intake_completion_notes(intake, case=case) if intake else [],
            "breadcrumbs": _intake_crumbs(request, case, (_("Afronden"), "")),
            "tab": "intake",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def complete_without_person(request, public_id):
    """REQ I-09: after three invitations, complete the intake without the person."""
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_EDIT_INTAKE)
    audit.intake_viewed(request=request, inburgeraar=case)
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    problems = (
        services.without_person_problems(intake)
        if intake
        else [_("Er zijn nog geen uitnodigingen vastgelegd.")]
    )
    form = WithoutPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.intake_complete_without_person(
                inburgeraar=case,
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De brede intake is afgerond zonder de inburgeraar."))
            _phase_messages(request, outcome.phases)
            return redirect(_overview_url(case))
    conversations = list(intake.conversations.all()) if intake else []
    return render(
        request,
        "intake/without_person.html",
        {
            "inburgeraar": case,
            "form": form,
            "problems": problems,
            "conversations": conversations,
            "breadcrumbs": _intake_crumbs(request, case, (_("Afronden zonder inburgeraar"), "")),
            "tab": "intake",
        },
    )


# --------------------------------------------------------------------------- leerbaarheidstoets


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
            max_score=toets.pass_mark.max_score if toets and toets.pass_mark_id else None,
            wants_further_education=intake.wants_further_education if intake else None,
            education_severity=education.level.severity
            if education and education.level_id
            else None,
            education_label=education.level.label if education and education.level_id else "",
        )
    )


@login_required
def toets(request, public_id):
    """REQ I-06, I-07: the leerbaarheidstoets of a case, with the leerroute advice."""
    case = get_case_or_404(request, public_id)
    user = request.user
    today = timezone.localdate()
    special = can_see_special_category(user, case, today)
    audit.toets_viewed(request=request, inburgeraar=case)
    toets_obj = selectors.toets_for(inburgeraar=case)
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    sessions = list(toets_obj.sessions.all()) if toets_obj else []
    open_until = toets_obj.open_until if toets_obj else None
    context = {
        "inburgeraar": case,
        "toets": toets_obj,
        "intake": intake,
        "sessions": sessions,
        "planned": next((s for s in sessions if s.status == SessionStatus.PLANNED), None),
        "open_until": open_until,
        "closes_soon": bool(
            open_until
            and not (toets_obj.taken_on or toets_obj.is_exempt)
            and open_until - today <= timedelta(days=60)
        ),
        "result_visible_on": toets_obj.taken_on + timedelta(days=2)
        if toets_obj and toets_obj.taken_on
        else None,
        "advice": _advice_for(case, toets_obj, intake, today),
        "show_exemption_ground": special,
        "can_plan": may(user, CAN_PLAN) and not case.is_closed,
        "can_record_result": may(user, CAN_RECORD_TOETS_RESULT) and not case.is_closed,
        "can_exempt": may(user, CAN_EDIT_INTAKE) and special and not case.is_closed,
        "breadcrumbs": _toets_crumbs(request, case),
        "tab": "toets",
    }
    return render(request, "intake/toets.html", context)


def _toets_form_page(request, case, form, title, lead="", template="intake/form.html", **extra):
    return render(
        request,
        template,
        {
            "inburgeraar": case,
            "form": form,
            "title": title,
            "lead": lead,
            "cancel_url": _toets_url(case),
            "breadcrumbs": _toets_crumbs(request, case, (title, "")),
            "tab": "toets",
            **extra,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def toets_duo(request, public_id):
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_PLAN)
    audit.toets_viewed(request=request, inburgeraar=case)
    toets_obj = selectors.toets_for(inburgeraar=case)
    form = DuoForm(
        request.POST or None,
        initial={"duo_ready_on": toets_obj.duo_ready_on if toets_obj else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.toets_set_duo_ready(
                inburgeraar=case,
                duo_ready_on=form.cleaned_data["duo_ready_on"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De datum is opgeslagen."))
            return redirect(_toets_url(case))
    return _toets_form_page(
        request,
        case,
        form,
        _("Klaargezet in het DUO-portaal"),
        _(
            "DUO zet de leerbaarheidstoets na de koppeling klaar in zijn portaal; "
            "hij staat daarna twaalf maanden open."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def toets_session_form(request, public_id, pk=None):
    """REQ I-06: plan (or move) a sitting; a device or toetsbegeleider booked twice is refused."""
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_PLAN)
    audit.toets_viewed(request=request, inburgeraar=case)
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
        requested_day = parse_date(request.GET.get("datum", "") or "")
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
    if request.method == "POST" and form.is_valid():
        try:
            services.toets_session_plan(
                inburgeraar=case,
                session=session,
                data=form.service_data(),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                mapping = {"starts_at": "day", "ends_at": "ends"}
                for name, errors in error.error_dict.items():
                    target = mapping.get(name, name)
                    form.add_error(target if target in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("De afname is ingepland."))
            return redirect(_toets_url(case))
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


@login_required
@require_http_methods(["GET", "POST"])
def toets_session_outcome(request, public_id, pk):
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_PLAN)
    audit.toets_viewed(request=request, inburgeraar=case)
    session = get_object_or_404(
        ToetsSession.objects.select_related(
            "toets__inburgeraar", "location", "device", "toetsbegeleider__user"
        ),
        pk=pk,
        toets__inburgeraar=case,
    )
    form = SessionOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.toets_session_record(
                session=session,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De uitkomst van de afname is opgeslagen."))
            return redirect(_toets_url(case))
    return _toets_form_page(
        request,
        case,
        form,
        _("Uitkomst afname vastleggen"),
        template="intake/session_outcome.html",
        session=session,
    )


@login_required
@require_http_methods(["GET", "POST"])
def toets_result(request, public_id):
    """REQ I-07: score and outcome, derived from the pass mark of the day of the toets."""
    case = get_case_or_404(request, public_id)
    _require(request.user, CAN_RECORD_TOETS_RESULT)
    audit.toets_viewed(request=request, inburgeraar=case)
    toets_obj = selectors.toets_for(inburgeraar=case)
    taken_on = toets_obj.taken_on if toets_obj else None
    initial = {}
    if toets_obj and toets_obj.has_result:
        initial = {"result_on": toets_obj.result_on, "score": toets_obj.score}
    form = ResultForm(request.POST or None, taken_on=taken_on, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.toets_result_record(
                inburgeraar=case,
                taken_on=form.cleaned_data.get("taken_on"),
                result_on=form.cleaned_data["result_on"],
                score=form.cleaned_data["score"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De uitslag is opgeslagen."))
            _phase_messages(request, outcome.phases)
            return redirect(_toets_url(case))
    return _toets_form_page(
        request,
        case,
        form,
        _("Uitslag vastleggen"),
        _(
            "Vul de score uit het DUO-portaal in. Of B1 haalbaar is, volgt uit de "
            "cesuur die gold op de dag van de afname."
        ),
        template="intake/result_form.html",
        toets=toets_obj,
        pass_mark=services.pass_mark_on(taken_on) if taken_on else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def toets_exemption(request, public_id):
    """REQ I-07: exemption for a visual or auditory impairment. The ground is health data
    (REQ I-08): this page is 404 for anyone who may not see it."""
    case = get_case_or_404(request, public_id)
    if not can_see_special_category(request.user, case):
        audit.access_denied(
            request=request, object_type="vrijstelling", object_ref=str(case.public_id)
        )
        raise Http404(_("Deze pagina bestaat niet of u heeft er geen toegang toe."))
    _require(request.user, CAN_EDIT_INTAKE)
    audit.intake_viewed(request=request, inburgeraar=case, special_category=True)
    form = ExemptionForm(request.POST or None, initial={"exempted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.toets_exempt(
                inburgeraar=case,
                exempted_on=form.cleaned_data["exempted_on"],
                ground=form.cleaned_data["exemption_ground"],
                note=form.cleaned_data["note"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De vrijstelling is opgeslagen."))
            _phase_messages(request, outcome.phases)
            return redirect(_toets_url(case))
    return _toets_form_page(
        request,
        case,
        form,
        _("Vrijstelling vastleggen"),
        _(
            "Vrijstelling van de leerbaarheidstoets bij een visuele of auditieve "
            "beperking. De grond is een gezondheidsgegeven: alleen u en de "
            "teamleider zien die."
        ),
    )


# --------------------------------------------------------------------------- planning


# A page of a planning list: bounded, so a page (and its processing-log lines) stays fixed.
PLANNING_PAGE_SIZE = 100


def _period(request, default_days: int) -> selectors.Period:
    today = timezone.localdate()
    start = parse_date(request.GET.get("van", "") or "") or today
    end = parse_date(request.GET.get("tot", "") or "") or start + timedelta(days=default_days)
    if end < start:
        end = start
    end = min(end, start + timedelta(days=92))
    return selectors.Period(start, end)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def planning_conversations(request):
    """REQ I-03: upcoming intake conversations per consultant. No case content."""
    _require(request.user, CAN_SEE_PLANNING)
    period = _period(request, 13)
    consultants = list(selectors.consultants_for_planning(user=request.user))
    consultant_id = _int_or_none(request.GET.get("consulent"))
    if consultant_id not in {c.pk for c in consultants}:
        consultant_id = None
    page_obj = Paginator(
        selectors.conversation_planning_for(
            user=request.user, period=period, consultant_id=consultant_id
        ),
        PLANNING_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    audit.planning_viewed(
        request=request, kind="intake", inburgeraar_ids=[r.intake.inburgeraar_id for r in rows]
    )
    groups: list[tuple] = []
    for row in rows:
        if not groups or groups[-1][0] != row.consultant_id:
            groups.append((row.consultant_id, row.consultant, []))
        groups[-1][2].append(row)
    return render(
        request,
        "intake/planning_conversations.html",
        {
            "period": period,
            "groups": groups,
            "count": page_obj.paginator.count,
            "page_obj": page_obj,
            "consultants": consultants,
            "consultant_id": consultant_id,
            "show_consultant_filter": len(consultants) > 1,
            "tab": "gesprekken",
        },
    )


@login_required
def planning_toetsen(request):
    """REQ I-06: the werkcentrum's toets planning: who, when, which device and toetsbegeleider.
    Sittings of cases outside the user's scope show as booked, without a name."""
    _require(request.user, CAN_SEE_PLANNING)
    period = _period(request, 13)
    today = timezone.localdate()
    locations = list(selectors.toets_locations(day=today))
    location_id = _int_or_none(request.GET.get("locatie"))
    if location_id not in {loc.pk for loc in locations}:
        location_id = None
    page_obj = Paginator(
        selectors.toets_planning_for(user=request.user, period=period, location_id=location_id),
        PLANNING_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    audit.planning_viewed(
        request=request,
        kind="toets",
        inburgeraar_ids=[r.toets.inburgeraar_id for r in rows if r.visible],
    )
    days: list[tuple] = []
    for row in rows:
        day = timezone.localdate(row.starts_at)
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(row)
    return render(
        request,
        "intake/planning_toetsen.html",
        {
            "period": period,
            "days": days,
            "count": page_obj.paginator.count,
            "page_obj": page_obj,
            "locations": locations,
            "location_id": location_id,
            "devices": list(selectors.devices_on(day=today)),
            "toetsbegeleiders": list(selectors.toetsbegeleiders_on(day=today)),
            "tab": "toetsen",
        },
    )
