"""The brede intake of a case: overview, conversations, life domains, sections, completion.

Special-category data (REQ I-08) is only loaded for users who may see it; a page that showed
it is logged as `intake_special_viewed`, every other page as `intake_viewed`. The URL of a
health domain answers 404 (and is logged) to anyone else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import Doelgroep
from cases.kit import case_context, case_page, read_as, service_form

from .. import audit, selectors, services
from ..constants import EDUCATION_DOMAIN_CODE, ConversationStatus
from ..forms import (
    AgreementsForm,
    CoaForm,
    ConversationForm,
    DomainForm,
    IntakeQuestionsForm,
    ReportForm,
    WithoutPersonForm,
)
from ..models import AssessmentLevel, BredeIntake, IntakeConversation, LifeDomain
from ..permissions import CAN_EDIT_INTAKE, CAN_PLAN, can_see_special_category, may
from .common import intake_crumbs, overview_url, phase_messages, saved

SPECIAL = "intake_special_viewed"


def _assessment_map(intake) -> dict:
    return {a.domain_id: a for a in intake.assessments.all()} if intake else {}


# --------------------------------------------------------------------------- overview


@case_page(audit="intake_viewed")
def overview(request, case):
    """The intake section of a case: conversations, domains, sections, completion checklist."""
    user = request.user
    today = timezone.localdate()
    special = can_see_special_category(user, case, today)
    intake = selectors.intake_for(inburgeraar=case, include_special=special)
    domains = selectors.domains_for(intake=intake, day=today, include_special=special)
    assessments = _assessment_map(intake)
    if special and any(d.is_special_category and d.pk in assessments for d in domains):
        read_as(request, SPECIAL)
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
    context = case_context(
        case,
        tab="intake",
        intake=intake,
        conversations=conversations,
        domain_rows=rows,
        hidden_domains=selectors.hidden_domain_count(day=today, include_special=special),
        problems=problems,
        notes=notes,
        can_complete_without_person=intake is not None
        and not intake.is_completed
        and not without_problems,
        invitation_count=len(invitations),
        no_show_count=sum(1 for c in conversations if c.status == ConversationStatus.NO_SHOW),
        warning_count=sum(1 for c in conversations if c.warning_sent_on),
        first_held=next((c for c in conversations if c.status == ConversationStatus.HELD), None),
        coa_conversation=next((c for c in conversations if c.coa_attended), None),
        is_asielstatushouder=case.doelgroep == Doelgroep.ASIELSTATUSHOUDER,
        can_edit=may(user, CAN_EDIT_INTAKE) and not case.is_closed,
        can_plan=may(user, CAN_PLAN) and not case.is_closed,
        breadcrumbs=intake_crumbs(request, case),
    )
    return render(request, "intake/overview.html", context)


# --------------------------------------------------------------------------- conversations


@case_page(roles=CAN_PLAN, audit="intake_viewed", methods=("GET", "POST"))
def conversation_form(request, case, pk=None):
    """Plan a conversation or record how it went (REQ I-03, I-09)."""
    conversation = None
    if pk is not None:
        conversation = get_object_or_404(
            IntakeConversation.objects.select_related("intake"), pk=pk, intake__inburgeraar=case
        )
    can_record_content = may(request.user, CAN_EDIT_INTAKE)
    if conversation and conversation.status == ConversationStatus.HELD and not can_record_content:
        raise PermissionDenied
    form = ConversationForm(
        request.POST or None,
        instance=conversation,
        inburgeraar=case,
        can_record_content=can_record_content,
    )
    done = service_form(
        request,
        form,
        lambda data: services.conversation_save(
            inburgeraar=case,
            conversation=conversation,
            data={name: data[name] for name in form.fields},
            by=request.user,
            request=request,
        ),
        success=saved(request, _("Het gesprek is opgeslagen.")),
        redirect_to=overview_url(case),
    )
    if done is not None:
        return done
    title = (
        _("Gesprek wijzigen of uitkomst vastleggen")
        if conversation
        else _("Gesprek plannen of vastleggen")
    )
    return render(
        request,
        "intake/form.html",
        case_context(
            case,
            tab="intake",
            title=title,
            form=form,
            lead=_(
                "Plan een gesprek met een schriftelijke uitnodiging, of leg vast hoe een "
                "gesprek is gegaan: wie er waren, of het COA aanwezig was (op locatie of "
                "digitaal) en met welke tolk."
            ),
            cancel_url=overview_url(case),
            breadcrumbs=intake_crumbs(request, case, (title, "")),
        ),
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


@case_page(audit="intake_viewed", methods=("GET", "POST"))
def domains(request, case):
    """All life domains on one page, quick to fill in (REQ I-01); health only for I-08 users."""
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
    if special and any(d.is_special_category for d in domain_list):
        read_as(request, SPECIAL)
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
    # Several forms on one page: `service_form` takes one, so the questions carry the errors.
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
                return redirect(overview_url(case))
            return redirect(reverse("intake:domains", kwargs={"public_id": case.public_id}))
    mandatory = [f for f in forms if not f.domain.is_optional]
    optional = [f for f in forms if f.domain.is_optional]
    error_forms = [f for f in [questions, *forms] if f.errors]
    return render(
        request,
        "intake/domains.html",
        case_context(
            case,
            tab="intake",
            intake=intake,
            questions=questions,
            mandatory_forms=mandatory,
            optional_forms=optional,
            optional_open=any(f.domain.pk in assessments for f in optional)
            or any(f.errors for f in optional),
            error_forms=error_forms,
            assessments=assessments,
            editable=editable,
            hidden_domains=selectors.hidden_domain_count(day=today, include_special=special),
            education_code=EDUCATION_DOMAIN_CODE,
            breadcrumbs=intake_crumbs(request, case, (_("Levensdomeinen"), "")),
        ),
    )


@case_page(audit="intake_viewed", methods=("GET", "POST"))
def domain(request, case, code):
    """One life domain. A special-category domain is 404 (and logged) for anyone not allowed
    to see it (REQ I-08)."""
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
    if life_domain.is_special_category:
        read_as(request, SPECIAL)
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
    done = service_form(
        request,
        form,
        lambda data: services.domains_save(
            inburgeraar=case,
            entries={life_domain.pk: data},
            young_children=intake.young_children if intake else None,
            wants_further_education=intake.wants_further_education if intake else None,
            by=user,
            request=request,
            today=today,
        ),
        success=_("Het levensdomein is opgeslagen."),
        redirect_to=overview_url(case),
    )
    return done or render(
        request,
        "intake/domain.html",
        case_context(
            case,
            tab="intake",
            domain=life_domain,
            assessment=assessment,
            form=form,
            editable=editable,
            breadcrumbs=intake_crumbs(request, case, (life_domain.display_name, "")),
        ),
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


@case_page(roles=CAN_EDIT_INTAKE, audit="intake_viewed", methods=("GET", "POST"))
def section(request, case, section):
    form_class, title, lead = SECTION_PAGES[section]
    if section == "coa" and case.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        read_as(request, None)  # nothing of the case was shown
        messages.info(
            request,
            _(
                "De warme overdracht en de reiskosten via het COA gelden alleen voor "
                "asielstatushouders."
            ),
        )
        return redirect(overview_url(case))
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    locked = bool(intake and intake.is_completed)
    instance = intake or BredeIntake(inburgeraar=case)
    form = form_class(request.POST or None, instance=instance, locked=locked)
    done = service_form(
        request,
        form,
        lambda data: services.intake_update(
            inburgeraar=case,
            section=section,
            data={name: data[name] for name in form.fields if not form.fields[name].disabled},
            by=request.user,
            request=request,
        ),
        success=lambda outcome: (
            _("De gegevens zijn opgeslagen.")
            if outcome.obj
            else (messages.INFO, _("Er is niets gewijzigd."))
        ),
        redirect_to=overview_url(case),
    )
    if done is not None:
        return done
    if locked:
        lead = _(
            "De brede intake is afgerond. Alleen wat na de intake gebeurt, kunt u nog vastleggen."
        )
    return render(
        request,
        "intake/form.html",
        case_context(
            case,
            tab="intake",
            title=title,
            form=form,
            lead=lead,
            cancel_url=overview_url(case),
            breadcrumbs=intake_crumbs(request, case, (title, "")),
        ),
    )


# --------------------------------------------------------------------------- completion


@case_page(roles=CAN_EDIT_INTAKE, audit="intake_viewed", methods=("GET", "POST"))
def complete(request, case):
    """REQ I-01, I-02: complete the intake; refused with the list of what is missing."""
    today = timezone.localdate()
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    problems = (
        services.intake_completion_problems(intake, today=today)
        if intake
        else [_("Er is nog geen gehouden intakegesprek vastgelegd.")]
    )
    if request.method == "POST":  # a confirmation without fields: no form to hand the kit
        try:
            outcome = services.intake_complete(
                inburgeraar=case, by=request.user, request=request, today=today
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("De brede intake is afgerond."))
            phase_messages(request, outcome.phases)
            return redirect(overview_url(case))
    return render(
        request,
        "intake/complete.html",
        case_context(
            case,
            tab="intake",
            intake=intake,
            problems=problems,
            posted=request.method == "POST",
            notes=services.intake_completion_notes(intake, case=case) if intake else [],
            breadcrumbs=intake_crumbs(request, case, (_("Afronden"), "")),
        ),
    )


@case_page(roles=CAN_EDIT_INTAKE, audit="intake_viewed", methods=("GET", "POST"))
def complete_without_person(request, case):
    """REQ I-09: after three invitations, complete the intake without the person."""
    intake = selectors.intake_for(inburgeraar=case, include_special=False)
    problems = (
        services.without_person_problems(intake)
        if intake
        else [_("Er zijn nog geen uitnodigingen vastgelegd.")]
    )
    form = WithoutPersonForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.intake_complete_without_person(
            inburgeraar=case, reason=data["reason"], by=request.user, request=request
        ),
        success=saved(request, _("De brede intake is afgerond zonder de inburgeraar.")),
        redirect_to=overview_url(case),
    )
    if done is not None:
        return done
    conversations = list(intake.conversations.all()) if intake else []
    return render(
        request,
        "intake/without_person.html",
        case_context(
            case,
            tab="intake",
            form=form,
            problems=problems,
            conversations=conversations,
            breadcrumbs=intake_crumbs(request, case, (_("Afronden zonder inburgeraar"), "")),
        ),
    )
