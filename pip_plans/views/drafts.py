"""Drafting and establishing the PIP (REQ P-01 … P-04, C-04, C-08)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_page, read_as, service_form

from .. import prerequisites, selectors, services
from ..constants import RevisionReason, Theme, VersionStatus
from ..forms import THEME_FORMS, DiscardForm, DraftStartForm, EstablishForm
from ..permissions import CAN_EDIT_PIP
from ..term import term_first_day, term_last_day
from ._common import detail_url, get_version, pip_context, version_crumb, version_url

FORM = ("GET", "POST")


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def draft_start(request, inburgeraar):
    """Start the first draft, or a revision with its reason (REQ P-01, P-04)."""
    pip = selectors.pip_for(inburgeraar=inburgeraar)
    versions = list(pip.versions.all()) if pip else []
    draft = next(
        (v for v in versions if v.status in (VersionStatus.DRAFT, VersionStatus.AWAITING_APPROVAL)),
        None,
    )
    if draft is not None:
        messages.info(
            request,
            _("Er is al een concept; u werkt daarin verder.")
            if draft.is_draft
            else _("Versie %(n)s wacht op goedkeuring.") % {"n": draft.number},
        )
        return redirect(version_url(inburgeraar, draft.number))
    is_revision = any(v.status == VersionStatus.ESTABLISHED for v in versions)
    form = DraftStartForm(request.POST or None) if is_revision else None

    def start(data):
        return services.pip_draft_start(
            inburgeraar=inburgeraar,
            by=request.user,
            reason=data["reason"] if form else RevisionReason.FIRST,
            explanation=data["explanation"] if form else "",
            request=request,
        )

    def started(version):
        return _("Conceptversie %(n)s is gemaakt. Vul de vier thema's in.") % {"n": version.number}

    if form is None:
        # The first draft has nothing to fill in: a refusal goes back to the PIP page.
        if request.method == "POST":
            try:
                version = start({})
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(detail_url(inburgeraar))
            messages.success(request, started(version))
            return redirect(version_url(inburgeraar, version.number))
    else:
        done = service_form(
            request,
            form,
            start,
            success=started,
            redirect_to=lambda version: version_url(inburgeraar, version.number),
        )
        if done is not None:
            return done
    context = pip_context(
        request,
        inburgeraar,
        title=_("PIP wijzigen: nieuwe versie") if is_revision else _("PIP opstellen"),
        trail=[(_("Nieuwe versie") if is_revision else _("PIP opstellen"), "")],
        form=form,
        is_revision=is_revision,
    )
    return render(request, "pip_plans/draft_start.html", context)


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def theme_edit(request, inburgeraar, number, theme):
    """Edit one theme of a draft (REQ P-01)."""
    if theme not in THEME_FORMS:
        raise Http404(_("Dit onderdeel van het PIP bestaat niet."))
    version = get_version(inburgeraar, number)
    if not version.is_draft:
        read_as(request, None)  # no form opened
        messages.error(request, _("Een vastgestelde versie verandert niet meer."))
        return redirect(version_url(inburgeraar, number))
    form = THEME_FORMS[theme](request.POST or None, instance=version, inburgeraar=inburgeraar)
    label = Theme(theme).label
    done = service_form(
        request,
        form,
        lambda _data: services.pip_version_update(
            version=version,
            theme=theme,
            data={name: form.cleaned_data.get(name) for name in form.fields},
            by=request.user,
            request=request,
        ),
        success=lambda changed: (
            _("Thema %(theme)s is opgeslagen.") % {"theme": label}
            if changed
            else (messages.INFO, _("Er is niets gewijzigd."))
        ),
        redirect_to=f"{version_url(inburgeraar, number)}#thema-{theme}",
    )
    if done is not None:
        return done
    context = pip_context(
        request,
        inburgeraar,
        title=label,
        trail=[version_crumb(inburgeraar, number), (label, "")],
        form=form,
        version=version,
        theme=Theme(theme),
        cancel_url=version_url(inburgeraar, number),
    )
    return render(request, "pip_plans/theme_form.html", context)


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def establish(request, inburgeraar, number):
    """Establish a draft and issue its beschikking (REQ P-02, P-03, C-04, C-08)."""
    version = get_version(inburgeraar, number)
    if not version.is_draft:
        read_as(request, None)  # no form opened
        messages.info(request, _("Deze versie is al vastgesteld of vervallen."))
        return redirect(version_url(inburgeraar, number))
    today = timezone.localdate()
    blockers = services.establish_blockers(version, on=today)
    is_first = services.first_dagtekening(version.pip) is None
    missing = prerequisites.missing_prerequisites(inburgeraar) if is_first else []
    form = EstablishForm(
        request.POST or None,
        initial={"planned_made_known_on": today},
        needs_reason=bool(missing),
    )
    four_eyes = services.needs_approval(inburgeraar.gemeente)
    done = None
    if not blockers and four_eyes:
        # Issue 13: four eyes; the beschikking is made once a mandated user approved it.
        done = service_form(
            request,
            form,
            lambda data: services.pip_submit_for_approval(
                version=version,
                by=request.user,
                proceed_reason=data.get("proceed_reason", ""),
                planned_made_known_on=data["planned_made_known_on"],
                dates_confirmed=data.get("dates_confirmed", False),
                request=request,
            ),
            success=_(
                "Versie %(n)s van het PIP is ter goedkeuring aangeboden. De beschikking wordt "
                "gemaakt zodra de teamleider of een andere gemandateerde haar heeft goedgekeurd."
            )
            % {"n": number},
            redirect_to=version_url(inburgeraar, number),
        )
    elif not blockers:
        done = service_form(
            request,
            form,
            lambda data: services.pip_establish(
                version=version,
                by=request.user,
                on=today,
                proceed_reason=data.get("proceed_reason", ""),
                planned_made_known_on=data["planned_made_known_on"],
                dates_confirmed=data.get("dates_confirmed", False),
                request=request,
            ),
            success=lambda beschikking: (
                _(
                    "Versie %(n)s van het PIP is vastgesteld. De beschikking (kenmerk "
                    "%(kenmerk)s) staat klaar om te downloaden."
                )
                % {"n": number, "kenmerk": beschikking.kenmerk}
            ),
            redirect_to=version_url(inburgeraar, number),
        )
    if done is not None:
        return done
    start = services.first_dagtekening(version.pip) or today
    context = pip_context(
        request,
        inburgeraar,
        title=_("PIP versie %(n)s vaststellen") % {"n": number},
        trail=[version_crumb(inburgeraar, number), (_("Vaststellen"), "")],
        version=version,
        form=form,
        blockers=blockers,
        missing=missing,
        is_first=is_first,
        four_eyes=four_eyes,
        dagtekening=today,
        term_first_day=term_first_day(start),
        term_last_day=services.current_term(version.pip)[1]
        if not is_first
        else term_last_day(today),
    )
    return render(request, "pip_plans/establish.html", context)


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def discard(request, inburgeraar, number):
    version = get_version(inburgeraar, number)
    if not version.is_draft:
        raise Http404(_("Alleen een concept kan vervallen."))
    form = DiscardForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.pip_draft_discard(
            version=version, by=request.user, reason=data["reason"], request=request
        ),
        success=_("Het concept (versie %(n)s) is vervallen.") % {"n": number},
        redirect_to=detail_url(inburgeraar),
    )
    if done is not None:
        return done
    context = pip_context(
        request,
        inburgeraar,
        title=_("Concept laten vervallen"),
        trail=[version_crumb(inburgeraar, number), (_("Concept laten vervallen"), "")],
        version=version,
        form=form,
        lead=_(
            "Het concept blijft bewaard, maar wordt niet vastgesteld. Daarna kunt u een "
            "nieuwe versie beginnen."
        ),
        submit=_("Concept laten vervallen"),
        danger=True,
    )
    return render(request, "pip_plans/simple_form.html", context)
