"""Screens of the PIP. Thin: scope first (`get_case_or_404`: out of scope → 404 and a denied
audit event), then the role (→ 403), then a selector or service."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import audit
from cases.dates import format_date
from cases.permissions import CAN_SEE_CASES, may
from cases.views import get_case_or_404

from . import prerequisites, selectors, services
from .constants import ExtensionStatus, RevisionReason, Theme, VersionStatus
from .forms import (
    THEME_FORMS,
    DiscardForm,
    DraftStartForm,
    DuoDoneForm,
    EstablishForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    MadeKnownForm,
    ProgressTalkForm,
)
from .models import PipVersion, TermExtension
from .permissions import (
    CAN_EDIT_PIP,
    CAN_RECORD_EXTENSION,
    CAN_RECORD_MADE_KNOWN,
    CAN_REGISTER_DUO,
    CAN_SEE_PIP,
)
from .snapshot import build_snapshot, letter_context
from .term import (
    extension_decision_due_on,
    extension_request_opens_on,
    objection_last_day,
    term_first_day,
    term_last_day,
)

WORKLIST_PAGE_SIZE = 50


def _require(user, roles) -> None:
    if not may(user, roles):
        raise PermissionDenied


def _case(request, public_id, roles=CAN_SEE_PIP):
    inburgeraar = get_case_or_404(request, public_id)
    _require(request.user, roles)
    return inburgeraar


def _viewed(request, inburgeraar, action: str) -> None:
    audit.case_viewed(
        request=request, inburgeraar=inburgeraar, action=action, activity=audit.PIP_ACTIVITY
    )


def _version(inburgeraar, number: int) -> PipVersion:
    try:
        return selectors.version_for(inburgeraar=inburgeraar, number=number)
    except PipVersion.DoesNotExist:
        raise Http404(_("Deze versie van het PIP bestaat niet.")) from None


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _crumbs(request, inburgeraar):
    return [
        {
            "label": _("Mijn caseload") if request.user.is_consultant else _("Dossiers"),
            "url": reverse("cases:caseload"),
        },
        {
            "label": inburgeraar.full_name,
            "url": reverse("cases:detail", kwargs={"public_id": inburgeraar.public_id}),
        },
        {
            "label": _("PIP"),
            "url": reverse("pip_plans:detail", kwargs={"public_id": inburgeraar.public_id}),
        },
    ]


def _context(request, inburgeraar, **extra) -> dict:
    context = {
        "inburgeraar": inburgeraar,
        "can_edit": may(request.user, CAN_EDIT_PIP) and not inburgeraar.is_closed,
        "can_record_made_known": may(request.user, CAN_RECORD_MADE_KNOWN),
        "can_record_extension": may(request.user, CAN_RECORD_EXTENSION)
        and not inburgeraar.is_closed,
        "can_register_duo": may(request.user, CAN_REGISTER_DUO),
        "breadcrumbs": _crumbs(request, inburgeraar),
    }
    context.update(extra)
    return context


def _term_summary(pip, today: date) -> dict | None:
    """The term from prefetched rows (REQ D-06, D-07): no extra queries."""
    established = selectors.established_versions(pip)
    if not established:
        return None
    start = min(v.dagtekening for v in established)
    granted = [e for e in pip.extensions.all() if e.status == ExtensionStatus.GRANTED]
    months = sum(e.months or 0 for e in granted)
    stated = [e for e in granted if e.new_last_day]
    until = max(stated, key=lambda e: (e.decided_on, e.pk)).new_last_day if stated else None
    last_day = term_last_day(start, extension_months=months, extended_until=until)
    opens_on = extension_request_opens_on(last_day)
    pending = selectors.open_extension(pip)
    return {
        "dagtekening": start,
        "first_day": term_first_day(start),
        "last_day": last_day,
        "extended": bool(granted),
        "months": months,
        "request_opens_on": opens_on,
        # REQ D-07: notify from six months before the end that a request may be due.
        "request_may_be_due": opens_on <= today <= last_day and pending is None,
        "ended": today > last_day,
    }


# --- overview and versions --------------------------------------------------------------


@login_required
def detail(request, public_id):
    """The PIP of a case: term, versions with their beschikkingen, talks, extensions."""
    inburgeraar = _case(request, public_id)
    pip = selectors.pip_for(inburgeraar=inburgeraar)
    _viewed(request, inburgeraar, "pip_viewed")
    today = timezone.localdate()
    versions = list(pip.versions.all()) if pip else []
    context = _context(
        request,
        inburgeraar,
        pip=pip,
        versions=versions,
        draft=next((v for v in versions if v.status == VersionStatus.DRAFT), None),
        has_established=any(v.status == VersionStatus.ESTABLISHED for v in versions),
        term=_term_summary(pip, today) if pip else None,
        talks=list(pip.talks.all()) if pip else [],
        extensions=list(pip.extensions.all()) if pip else [],
        open_extension=selectors.open_extension(pip) if pip else None,
        today=today,
    )
    context["breadcrumbs"] = context["breadcrumbs"][:2] + [{"label": _("PIP"), "url": ""}]
    for extension in context["extensions"]:
        if extension.status == ExtensionStatus.REQUESTED and extension.requested_on:
            extension.decision_due_on = extension_decision_due_on(extension.requested_on)
    return render(request, "pip_plans/detail.html", context)


@login_required
def version_detail(request, public_id, number):
    inburgeraar = _case(request, public_id)
    version = _version(inburgeraar, number)
    _viewed(request, inburgeraar, "pip_version_viewed")
    today = timezone.localdate()
    beschikking = getattr(version, "beschikking", None) if version.is_established else None
    context = _context(
        request,
        inburgeraar,
        version=version,
        beschikking=beschikking,
        blockers=services.establish_blockers(version, on=today) if version.is_draft else [],
        themes=Theme,
        actual_objection_last_day=objection_last_day(beschikking.made_known_on)
        if beschikking and beschikking.made_known_on
        else None,
    )
    context["breadcrumbs"].append({"label": _("Versie %(n)s") % {"n": number}, "url": ""})
    return render(request, "pip_plans/version.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def draft_start(request, public_id):
    """Start the first draft, or a revision with its reason (REQ P-01, P-04)."""
    inburgeraar = _case(request, public_id, CAN_EDIT_PIP)
    _viewed(request, inburgeraar, "pip_form_opened")
    pip = selectors.pip_for(inburgeraar=inburgeraar)
    versions = list(pip.versions.all()) if pip else []
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    if draft is not None:
        messages.info(request, _("Er is al een concept; u werkt daarin verder."))
        return redirect("pip_plans:version", public_id=public_id, number=draft.number)
    is_revision = any(v.status == VersionStatus.ESTABLISHED for v in versions)
    form = DraftStartForm(request.POST or None) if is_revision else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            version = services.pip_draft_start(
                inburgeraar=inburgeraar,
                by=request.user,
                reason=form.cleaned_data["reason"] if form else RevisionReason.FIRST,
                explanation=form.cleaned_data["explanation"] if form else "",
                request=request,
            )
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("pip_plans:detail", public_id=public_id)
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Conceptversie %(n)s is gemaakt. Vul de vier thema's in.")
                % {"n": version.number},
            )
            return redirect("pip_plans:version", public_id=public_id, number=version.number)
    context = _context(request, inburgeraar, form=form, is_revision=is_revision)
    context["breadcrumbs"].append(
        {"label": _("Nieuwe versie") if is_revision else _("PIP opstellen"), "url": ""}
    )
    return render(request, "pip_plans/draft_start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request, public_id, number, theme):
    """Edit one theme of a draft (REQ P-01)."""
    inburgeraar = _case(request, public_id, CAN_EDIT_PIP)
    if theme not in THEME_FORMS:
        raise Http404(_("Dit onderdeel van het PIP bestaat niet."))
    version = _version(inburgeraar, number)
    if not version.is_draft:
        messages.error(request, _("Een vastgestelde versie verandert niet meer."))
        return redirect("pip_plans:version", public_id=public_id, number=number)
    _viewed(request, inburgeraar, "pip_form_opened")
    form_class = THEME_FORMS[theme]
    form = form_class(request.POST or None, instance=version, inburgeraar=inburgeraar)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in form.fields}
        try:
            changed = services.pip_version_update(
                version=version,
                theme=theme,
                data=data,
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if changed:
                messages.success(
                    request, _("Thema %(theme)s is opgeslagen.") % {"theme": Theme(theme).label}
                )
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect(
                f"{reverse('pip_plans:version', kwargs={'public_id': public_id, 'number': number})}"
                f"#thema-{theme}"
            )
    context = _context(request, inburgeraar, form=form, version=version, theme=Theme(theme))
    context["breadcrumbs"] += [
        {
            "label": _("Versie %(n)s") % {"n": number},
            "url": reverse("pip_plans:version", kwargs={"public_id": public_id, "number": number}),
        },
        {"label": Theme(theme).label, "url": ""},
    ]
    return render(request, "pip_plans/theme_form.html", context)


@login_required
def preview(request, public_id, number):
    """The beschikking as it would read if established today (REQ P-03): HTML preview."""
    inburgeraar = _case(request, public_id)
    version = _version(inburgeraar, number)
    if not version.is_draft:
        return redirect("pip_plans:version", public_id=public_id, number=number)
    _viewed(request, inburgeraar, "pip_preview_viewed")
    today = timezone.localdate()
    pip = version.pip
    previous = services.latest_established(pip)
    months, until = services.granted_extensions(pip)
    snapshot = build_snapshot(
        version,
        inburgeraar=inburgeraar,
        dagtekening=today,
        kenmerk=_("[volgt bij vaststellen]"),
        planned_made_known_on=today,
        term_dagtekening=services.first_dagtekening(pip) or today,
        extension_months=months,
        extended_until=until,
        previous=previous,
    )
    context = _context(
        request,
        inburgeraar,
        version=version,
        b=letter_context(snapshot),
        blockers=services.establish_blockers(version, on=today),
    )
    context["breadcrumbs"] += [
        {
            "label": _("Versie %(n)s") % {"n": number},
            "url": reverse("pip_plans:version", kwargs={"public_id": public_id, "number": number}),
        },
        {"label": _("Voorbeeld beschikking"), "url": ""},
    ]
    return render(request, "pip_plans/preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def establish(request, public_id, number):
    """Establish a draft and issue its beschikking (REQ P-02, P-03, C-04, C-08)."""
    inburgeraar = _case(request, public_id, CAN_EDIT_PIP)
    version = _version(inburgeraar, number)
    if not version.is_draft:
        messages.info(request, _("Deze versie is al vastgesteld of vervallen."))
        return redirect("pip_plans:version", public_id=public_id, number=number)
    _viewed(request, inburgeraar, "pip_form_opened")
    today = timezone.localdate()
    blockers = services.establish_blockers(version, on=today)
    is_first = services.first_dagtekening(version.pip) is None
    missing = prerequisites.missing_prerequisites(inburgeraar) if is_first else []
    form = EstablishForm(
        request.POST or None,
        initial={"planned_made_known_on": today},
        needs_reason=bool(missing),
    )
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            beschikking = services.pip_establish(
                version=version,
                by=request.user,
                on=today,
                proceed_reason=form.cleaned_data.get("proceed_reason", ""),
                planned_made_known_on=form.cleaned_data["planned_made_known_on"],
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Versie %(n)s van het PIP is vastgesteld. De beschikking (kenmerk "
                    "%(kenmerk)s) staat klaar om te downloaden."
                )
                % {"n": number, "kenmerk": beschikking.kenmerk},
            )
            return redirect("pip_plans:version", public_id=public_id, number=number)
    start = services.first_dagtekening(version.pip) or today
    context = _context(
        request,
        inburgeraar,
        version=version,
        form=form,
        blockers=blockers,
        missing=missing,
        is_first=is_first,
        dagtekening=today,
        term_first_day=term_first_day(start),
        term_last_day=services.current_term(version.pip)[1]
        if not is_first
        else term_last_day(today),
    )
    context["breadcrumbs"] += [
        {
            "label": _("Versie %(n)s") % {"n": number},
            "url": reverse("pip_plans:version", kwargs={"public_id": public_id, "number": number}),
        },
        {"label": _("Vaststellen"), "url": ""},
    ]
    return render(request, "pip_plans/establish.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def discard(request, public_id, number):
    inburgeraar = _case(request, public_id, CAN_EDIT_PIP)
    version = _version(inburgeraar, number)
    if not version.is_draft:
        raise Http404(_("Alleen een concept kan vervallen."))
    _viewed(request, inburgeraar, "pip_form_opened")
    form = DiscardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.pip_draft_discard(
            version=version, by=request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, _("Het concept (versie %(n)s) is vervallen.") % {"n": number})
        return redirect("pip_plans:detail", public_id=public_id)
    context = _context(request, inburgeraar, version=version, form=form)
    context["breadcrumbs"].append({"label": _("Concept laten vervallen"), "url": ""})
    return render(
        request,
        "pip_plans/simple_form.html",
        {
            **context,
            "title": _("Concept laten vervallen"),
            "lead": _(
                "Het concept blijft bewaard, maar wordt niet vastgesteld. Daarna kunt u een "
                "nieuwe versie beginnen."
            ),
            "submit": _("Concept laten vervallen"),
            "danger": True,
        },
    )


# --- the beschikking ----------------------------------------------------------------------


@login_required
def download(request, public_id, number):
    """The issued PDF (REQ P-03), authorised, audited and never cached."""
    inburgeraar = _case(request, public_id)
    version = _version(inburgeraar, number)
    beschikking = getattr(version, "beschikking", None) if version.is_established else None
    if beschikking is None:
        raise Http404(_("Voor deze versie is geen beschikking uitgegeven."))
    content = services.beschikking_pdf_bytes(beschikking)
    _viewed(request, inburgeraar, "beschikking_downloaded")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{beschikking.download_name}"'
    response["Cache-Control"] = "no-store, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def made_known(request, public_id, number):
    """REQ D-15: record when the beschikking was sent or handed over."""
    inburgeraar = _case(request, public_id, CAN_RECORD_MADE_KNOWN)
    version = _version(inburgeraar, number)
    beschikking = getattr(version, "beschikking", None) if version.is_established else None
    if beschikking is None:
        raise Http404(_("Voor deze versie is geen beschikking uitgegeven."))
    _viewed(request, inburgeraar, "pip_form_opened")
    form = MadeKnownForm(
        request.POST or None,
        initial={
            "made_known_on": beschikking.made_known_on or beschikking.planned_made_known_on,
            "how": beschikking.made_known_how or "post",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.beschikking_record_made_known(
                beschikking=beschikking,
                made_known_on=form.cleaned_data["made_known_on"],
                how=form.cleaned_data["how"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("De bekendmaking is vastgelegd. Bezwaar kan tot en met %(date)s.")
                % {"date": format_date(objection_last_day(form.cleaned_data["made_known_on"]))},
            )
            return redirect("pip_plans:version", public_id=public_id, number=number)
    context = _context(request, inburgeraar, version=version, form=form)
    context["breadcrumbs"] += [
        {
            "label": _("Versie %(n)s") % {"n": number},
            "url": reverse("pip_plans:version", kwargs={"public_id": public_id, "number": number}),
        },
        {"label": _("Bekendmaking"), "url": ""},
    ]
    return render(
        request,
        "pip_plans/simple_form.html",
        {
            **context,
            "title": _("Bekendmaking van de beschikking"),
            "lead": _(
                "Leg vast wanneer de beschikking %(kenmerk)s is verzonden of uitgereikt. De "
                "bezwaartermijn van zes weken begint de dag daarna."
            )
            % {"kenmerk": beschikking.kenmerk},
            "submit": _("Opslaan"),
        },
    )


# --- progress talks and extensions ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def talk_create(request, public_id):
    """REQ P-06: record a voortgangsgesprek; 'revision needed' starts a new draft."""
    inburgeraar = _case(request, public_id, CAN_EDIT_PIP)
    pip = selectors.pip_for(inburgeraar=inburgeraar)
    if pip is None or not selectors.established_versions(pip):
        messages.error(request, _("Stel eerst het PIP vast; gesprekken horen bij de termijn."))
        return redirect("pip_plans:detail", public_id=public_id)
    _viewed(request, inburgeraar, "pip_form_opened")
    form = ProgressTalkForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            talk = services.progress_talk_record(
                pip=pip,
                held_on=data["held_on"],
                attendees=data["attendees"],
                attendees_other=data["attendees_other"],
                findings=data["findings"],
                revision_needed=data["revision_needed"],
                revision_reason=data["revision_reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if talk.revision_needed:
                draft = pip.versions.get(status=VersionStatus.DRAFT)
                messages.success(
                    request,
                    _(
                        "Het gesprek is vastgelegd. Er staat een nieuwe conceptversie (versie "
                        "%(n)s) klaar om het PIP te herzien."
                    )
                    % {"n": draft.number},
                )
                return redirect("pip_plans:version", public_id=public_id, number=draft.number)
            messages.success(request, _("Het voortgangsgesprek is vastgelegd."))
            return redirect("pip_plans:detail", public_id=public_id)
    context = _context(request, inburgeraar, form=form)
    context["breadcrumbs"].append({"label": _("Voortgangsgesprek"), "url": ""})
    return render(
        request,
        "pip_plans/simple_form.html",
        {
            **context,
            "title": _("Voortgangsgesprek vastleggen"),
            "lead": _(
                "Minimaal twee gesprekken per jaar. Moet het PIP anders? Kruis dat aan: er "
                "komt dan een nieuwe conceptversie."
            ),
            "submit": _("Gesprek vastleggen"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def extension_create(request, public_id):
    """REQ D-07: record a request for extension (DUO decides)."""
    inburgeraar = _case(request, public_id, CAN_RECORD_EXTENSION)
    pip = selectors.pip_for(inburgeraar=inburgeraar)
    if pip is None or not selectors.established_versions(pip):
        messages.error(request, _("Er is nog geen vastgesteld PIP, dus ook geen termijn."))
        return redirect("pip_plans:detail", public_id=public_id)
    _viewed(request, inburgeraar, "pip_form_opened")
    today = timezone.localdate()
    term = _term_summary(pip, today)
    form = ExtensionRequestForm(
        request.POST or None, initial={"initiative": "aanvraag", "requested_on": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.term_extension_record_request(
                pip=pip,
                initiative=data["initiative"],
                requested_on=data["requested_on"],
                ground=data["ground"],
                ground_explanation=data["ground_explanation"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De verlenging is vastgelegd. DUO beslist binnen 8 weken."))
            return redirect("pip_plans:detail", public_id=public_id)
    context = _context(request, inburgeraar, form=form)
    context["breadcrumbs"].append({"label": _("Verlenging"), "url": ""})
    return render(
        request,
        "pip_plans/simple_form.html",
        {
            **context,
            "title": _("Verlenging van de inburgeringstermijn"),
            "lead": _(
                "De termijn loopt tot en met %(last)s. Een aanvraag kan vanaf %(opens)s; DUO "
                "beslist en verlengt bij grond b met zes maanden."
            )
            % {
                "last": format_date(term["last_day"]),
                "opens": format_date(term["request_opens_on"]),
            },
            "submit": _("Vastleggen"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def extension_decide(request, public_id, extension_id):
    """REQ D-07: record DUO's decision and the new last day."""
    inburgeraar = _case(request, public_id, CAN_RECORD_EXTENSION)
    try:
        extension = TermExtension.objects.get(pk=extension_id, pip__inburgeraar=inburgeraar)
    except TermExtension.DoesNotExist:
        raise Http404(_("Deze verlenging bestaat niet.")) from None
    if extension.status != ExtensionStatus.REQUESTED:
        messages.info(request, _("Over deze verlenging is al besloten."))
        return redirect("pip_plans:detail", public_id=public_id)
    _viewed(request, inburgeraar, "pip_form_opened")
    form = ExtensionDecisionForm(request.POST or None, initial={"months": 6})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.term_extension_decide(
                extension=extension,
                status=data["status"],
                decided_on=data["decided_on"],
                months=data["months"],
                new_last_day=data["new_last_day"],
                duo_reference=data["duo_reference"],
                decision_notes=data["decision_notes"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Het besluit van DUO is vastgelegd."))
            return redirect("pip_plans:detail", public_id=public_id)
    context = _context(request, inburgeraar, form=form)
    context["breadcrumbs"].append({"label": _("Besluit DUO"), "url": ""})
    return render(
        request,
        "pip_plans/simple_form.html",
        {
            **context,
            "title": _("Besluit van DUO over de verlenging"),
            "lead": _("Neem de gegevens over uit het besluit van DUO."),
            "submit": _("Besluit vastleggen"),
        },
    )


# --- DUO registration (REQ C-08) -----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def duo_done(request, public_id, number):
    inburgeraar = _case(request, public_id, CAN_REGISTER_DUO)
    version = _version(inburgeraar, number)
    registration = getattr(version, "duo_registration", None)
    if registration is None:
        raise Http404(_("Voor deze versie is geen DUO-registratie nodig."))
    _viewed(request, inburgeraar, "pip_form_opened")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = DuoDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.duo_registration_done(
                registration=registration,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("PIP versie %(n)s van %(name)s is als geregistreerd bij DUO vastgelegd.")
                % {"n": number, "name": inburgeraar.full_name},
            )
            return redirect(
                next_url
                or reverse("pip_plans:version", kwargs={"public_id": public_id, "number": number})
            )
    context = _context(request, inburgeraar, version=version, form=form, next_url=next_url)
    context["breadcrumbs"].append({"label": _("DUO-registratie"), "url": ""})
    return render(
        request,
        "pip_plans/simple_form.html",
        {
            **context,
            "title": _("PIP geregistreerd bij DUO"),
            "lead": _(
                "Leg vast wanneer u PIP versie %(n)s (kenmerk %(kenmerk)s) in het DUO-portaal "
                "heeft geregistreerd. Uw naam wordt erbij vastgelegd."
            )
            % {"n": number, "kenmerk": version.beschikking.kenmerk},
            "submit": _("Registratie vastleggen"),
        },
    )


@login_required
def duo_worklist(request):
    """REQ C-08: administratie's worklist of PIPs to report to DUO (fixed query count)."""
    _require(request.user, CAN_REGISTER_DUO)
    done = request.GET.get("status") == "afgehandeld"
    registrations = selectors.duo_registrations_for(user=request.user, done=done)
    page_obj = Paginator(registrations, WORKLIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    audit.case_list_viewed(
        request=request,
        action="duo_worklist_viewed",
        inburgeraar_ids=[r.version.pip.inburgeraar_id for r in rows],
        activity=audit.PIP_ACTIVITY,
    )
    return render(
        request,
        "pip_plans/duo_worklist.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "done": done,
            "today": timezone.localdate(),
            "can_see_cases": may(request.user, CAN_SEE_CASES),
            "breadcrumbs": [{"label": _("DUO-registraties"), "url": ""}],
        },
    )
