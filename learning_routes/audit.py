"""Audit events of the leerroute (cases.audit.vocabulary)."""

from django.utils.translation import gettext_lazy as _

from cases import processing
from cases.audit import (  # noqa: F401
    Op,
    access_denied,
    caseload_viewed,
    declare,
    record,
    record_read,
)

LEERROUTE = "leerroute"

processing.register_activity(
    LEERROUTE,
    "Leerroute",
    "Aanmelden bij en volgen van de leerroute bij de taalaanbieder (DLP, voortgang, examens).",
)

declare("leerroute_viewed", _("Leerroute bekeken"), activity=LEERROUTE)
declare("leerroute_form_opened", _("Leerrouteformulier geopend"), activity=LEERROUTE)
for _code, _label in (
    ("enrolment_created", _("Leerroute aangevraagd")),
    ("enrolment_registered_dlp", _("Aangemeld in DLP")),
    ("enrolment_started", _("Leerroute gestart")),
    ("progress_report_recorded", _("Voortgangsrapportage vastgelegd")),
    ("exam_recorded", _("Examen vastgelegd")),
    ("absence_recorded", _("Afwezigheid vastgelegd")),
    ("route_afgeschaald", _("Afgeschaald van B1 naar A2")),
    ("route_geschakeld", _("Geschakeld naar andere leerroute")),
):
    declare(_code, _label, activity=LEERROUTE, operation=Op.UPDATE)

# Issue 22, finding 5: the minutes of the provider meetings (free text that can hold names
# and health data): every page that shows them, and every meeting recorded.
declare("provider_meetings_viewed", _("Overleggen met aanbieders bekeken"), activity=LEERROUTE)
declare(
    "provider_meeting_recorded",
    _("Overleg met aanbieder vastgelegd"),
    activity=LEERROUTE,
    operation=Op.CREATE,
)
