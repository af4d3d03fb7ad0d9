"""Screens of the functioneel beheerder / privacy officer: audit search and CSV export,
"wie heeft dit dossier bekeken", and the AVG inzage export.

The functioneel beheerder has no case scope (`visible_to` gives nothing); these screens are
the one, audited, exception: they reach any case for supervision and AVG requests only.
A team lead reaches the access log of the cases in scope.
"""

from datetime import datetime, time

from defusedcsv import csv as defusedcsv
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import audit, inzage
from .bsn import bsn_key
from .forms import BsnSearchForm, DateInput
from .models import AuditEvent, Inburgeraar, User
from .permissions import CAN_AUDIT, CAN_SEE_ACCESS_LOG, may

AUDIT_PAGE_SIZE = 50


def _privacy_case_or_404(request, public_id) -> Inburgeraar:
    """The functioneel beheerder reaches every case here; a team lead only the visible ones."""
    user = request.user
    if may(user, CAN_AUDIT):
        qs = Inburgeraar.objects.all()
    elif may(user, CAN_SEE_ACCESS_LOG):
        qs = Inburgeraar.objects.visible_to(user)
    else:
        qs = Inburgeraar.objects.none()
    try:
        return qs.select_related("gemeente").get(public_id=public_id)
    except Inburgeraar.DoesNotExist:
        audit.access_denied(request=request, object_type="inburgeraar", object_ref=str(public_id))
        raise Http404(_("Dit dossier bestaat niet of u heeft er geen toegang toe.")) from None


def _require_auditor(user) -> None:
    if not may(user, CAN_AUDIT):
        raise PermissionDenied


@login_required
def access_log(request, public_id):
    """'Wie heeft dit dossier bekeken': every access to one case, newest first."""
    inburgeraar = _privacy_case_or_404(request, public_id)
    audit.audit_viewed(request=request, inburgeraar=inburgeraar)
    events = (
        AuditEvent.objects.filter(inburgeraar_id=inburgeraar.pk)
        .select_related("actor")
        .order_by("-timestamp", "-id")
    )
    page_obj = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    page_obj.object_list = audit.describe(page_obj.object_list)
    return render(
        request,
        "cases/privacy/access_log.html",
        {
            "inburgeraar": inburgeraar,
            "page_obj": page_obj,
            "can_export": may(request.user, CAN_AUDIT),
        },
    )


class AuditSearchForm(forms.Form):
    actor = forms.ModelChoiceField(
        queryset=User.objects.all(), required=False, label=gettext_lazy("Medewerker")
    )
    action = forms.ChoiceField(required=False, label=gettext_lazy("Handeling"))
    result = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Resultaat"),
        choices=[("", gettext_lazy("Alle")), *AuditEvent.Result.choices],
    )
    date_from = forms.DateField(required=False, label=gettext_lazy("Vanaf"), widget=DateInput())
    date_to = forms.DateField(required=False, label=gettext_lazy("Tot en met"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Alle handelingen")), *audit.action_choices()]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def filtered(self):
        qs = AuditEvent.objects.select_related("actor").order_by("-timestamp", "-id")
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data["actor"]:
            qs = qs.filter(actor=data["actor"])
        if data["action"]:
            qs = qs.filter(action=data["action"])
        if data["result"]:
            qs = qs.filter(result=data["result"])
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            qs = qs.filter(timestamp__gte=datetime.combine(data["date_from"], time.min, tz))
        if data["date_to"]:
            qs = qs.filter(timestamp__lte=datetime.combine(data["date_to"], time.max, tz))
        return qs


@login_required
def audit_search(request):
    """Audit search by user, action and period, with CSV export (itself audited)."""
    _require_auditor(request.user)
    form = AuditSearchForm(request.GET or None)
    events = form.filtered() if request.GET else AuditEvent.objects.none()
    if request.GET.get("export") == "csv" and form.is_valid():
        return _csv(request, events)
    page_obj = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    page_obj.object_list = audit.describe(page_obj.object_list)
    if request.GET:
        audit.audit_viewed(request=request)
    return render(
        request,
        "cases/privacy/audit_search.html",
        {"form": form, "page_obj": page_obj, "searched": bool(request.GET)},
    )


CSV_CHUNK = 2000


def _described(events):
    """The events with their readable object, described a chunk at a time (fixed queries per
    chunk, however long the export)."""
    chunk = []
    for event in events:
        chunk.append(event)
        if len(chunk) == CSV_CHUNK:
            yield from audit.describe(chunk)
            chunk = []
    yield from audit.describe(chunk)


def _csv(request, events) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.csv"'
    # Issue 22, finding 10: a cell starting with = + - @ (a user name such as "+1+1") is
    # written with a leading quote, so a spreadsheet shows it as text, never as a formula.
    writer = defusedcsv.writer(response, delimiter=";")
    writer.writerow(
        [
            "tijdstip",
            "medewerker",
            "handeling",
            "handeling-code",
            "object",
            "soort object",
            "object-id",
            "inburgeraar-id",
            "resultaat",
            "herkomstadres",
            "doel",
            "trace-id",
        ]
    )
    count = 0
    for event in _described(events.iterator(chunk_size=CSV_CHUNK)):
        writer.writerow(
            [
                timezone.localtime(event.timestamp).isoformat(),
                event.actor.username if event.actor else "",
                event.action_label,
                event.action,
                event.object_label,
                event.object_type,
                event.object_id,
                event.inburgeraar_id or "",
                event.get_result_display(),
                event.origin or "",
                event.purpose,
                event.trace_id or "",
            ]
        )
        count += 1
    audit.audit_exported(request=request, rows=count)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def privacy_find(request):
    """Find a case by full BSN (POST only) for an access log or an AVG inzageverzoek."""
    _require_auditor(request.user)
    form = BsnSearchForm(request.POST or None)
    not_found = False
    if request.method == "POST" and form.is_valid():
        audit.case_search(request=request, by_bsn=True)
        key = bsn_key(form.cleaned_data["bsn"])
        found = Inburgeraar.objects.filter(bsn_hash=key).only("public_id").first()
        if found:
            return redirect("privacy:access-log", public_id=found.public_id)
        not_found = True
    return render(request, "cases/privacy/find.html", {"form": form, "not_found": not_found})


@login_required
def inzage_export(request, public_id):
    """AVG art. 15: one action (a POST) produces everything held about the person, logged."""
    # Scope first, as everywhere: out of scope → 404 and logged; then role and method.
    inburgeraar = _privacy_case_or_404(request, public_id)
    if not may(request.user, CAN_AUDIT):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    content = inzage.build_archive(inburgeraar)
    audit.inzage_exported(request=request, inburgeraar=inburgeraar)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="avg-inzage-{inburgeraar.public_id}-{stamp}.zip"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reopen(request, public_id):
    """Issue 13: the functioneel beheerder reopens a case closed in error (audited). The case
    lookup comes first, so a case out of reach is a 404 for every other role."""
    from django.urls import reverse

    from . import services
    from .constants import Phase
    from .forms import ReopenForm
    from .kit import service_form

    inburgeraar = _privacy_case_or_404(request, public_id)
    _require_auditor(request.user)
    if not inburgeraar.is_closed:
        raise Http404(_("Dit dossier is niet gesloten."))
    form = ReopenForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.inburgeraar_reopen(
            inburgeraar=inburgeraar, by=request.user, reason=data["reason"], request=request
        ),
        success=lambda change: (
            _("Het dossier is heropend; de fase is weer %(phase)s.")
            % {"phase": Phase(change.to_phase).label}
        ),
        redirect_to=reverse("privacy:access-log", kwargs={"public_id": inburgeraar.public_id}),
    )
    if done is not None:
        return done
    return render(
        request,
        "cases/privacy/reopen.html",
        {"inburgeraar": inburgeraar, "form": form},
    )
