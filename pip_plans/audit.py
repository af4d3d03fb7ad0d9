"""Audit events of the PIP and its beschikking (cases.audit.vocabulary); the write services
record them through the unit of work (`change.audit(code, ...)`).

Writes in the PIP of one case are logged under the processing activity "pip_vaststellen".
"""

from django.utils.translation import gettext_lazy as _

from cases import processing
from cases.audit import (  # noqa: F401
    Op,
    access_denied,
    declare,
    field_changes,
    record,
    record_list,
    record_read,
)

PIP_ACTIVITY = "pip_vaststellen"

processing.register_activity(
    PIP_ACTIVITY,
    "PIP opstellen, vaststellen en uitvoeren",
    "Het plan inburgering en participatie met de inburgeraar opstellen, in een beschikking "
    "vastleggen, voortgangsgesprekken voeren, de inburgeringstermijn bewaken en het PIP "
    "aan DUO melden.",
    "Wet inburgering 2021 art. 15 en 16, Besluit inburgering 2021 art. 5.3, Awb; "
    "AVG art. 6 lid 1 sub c en e",
)

for _code, _label, _operation in (
    ("pip_viewed", _("PIP bekeken"), Op.READ),
    ("pip_version_viewed", _("PIP-versie bekeken"), Op.READ),
    ("pip_preview_viewed", _("Voorbeeld beschikking bekeken"), Op.READ),
    ("pip_form_opened", _("PIP-formulier geopend"), Op.READ),
    ("beschikking_downloaded", _("Beschikking gedownload"), Op.READ),
    ("duo_worklist_viewed", _("Werklijst DUO-registraties bekeken"), Op.READ),
    ("pip_draft_started", _("PIP-concept gestart"), Op.CREATE),
    ("pip_draft_updated", _("PIP-concept gewijzigd"), Op.UPDATE),
    ("pip_draft_discarded", _("PIP-concept laten vervallen"), Op.UPDATE),
    ("pip_established", _("PIP vastgesteld"), Op.UPDATE),
    ("pip_submitted_for_approval", _("PIP ter goedkeuring aangeboden"), Op.UPDATE),
    ("pip_approved", _("Beschikking goedgekeurd en PIP vastgesteld"), Op.UPDATE),
    ("pip_approval_refused", _("Beschikking niet goedgekeurd"), Op.UPDATE),
    ("approval_queue_viewed", _("Lijst beschikkingen ter goedkeuring bekeken"), Op.READ),
    ("beschikking_withdrawn", _("Beschikking herroepen en vervangen"), Op.UPDATE),
    ("beschikking_rendered", _("Beschikking-PDF gemaakt"), Op.CREATE),
    ("beschikking_made_known", _("Bekendmaking beschikking vastgelegd"), Op.UPDATE),
    ("beschikking_exported", _("Beschikking geëxporteerd (beheer)"), Op.EXPORT),
    ("progress_talk_recorded", _("Voortgangsgesprek vastgelegd"), Op.CREATE),
    ("term_extension_recorded", _("Verlenging termijn vastgelegd"), Op.UPDATE),
    ("duo_registration_done", _("DUO-registratie afgehandeld"), Op.UPDATE),
    (
        "third_party_request_recorded",
        _("Verzoek om informatie van een derde vastgelegd"),
        Op.CREATE,
    ),
    (
        "third_party_received_recorded",
        _("Ontvangst informatie van een derde vastgelegd"),
        Op.UPDATE,
    ),
):
    declare(_code, _label, activity=PIP_ACTIVITY, operation=_operation)


def _pip_write(code, *, inburgeraar_id, by, obj, request=None):
    return record(code, actor=by, request=request, obj=obj, inburgeraar_id=inburgeraar_id)


def beschikking_rendered(*, beschikking, inburgeraar_id):
    """The PDF was made from the snapshot (by a worker or at the first download)."""
    return _pip_write(
        "beschikking_rendered", inburgeraar_id=inburgeraar_id, by=None, obj=beschikking
    )


def beschikking_exported(*, beschikking, inburgeraar_id, by=None):
    """An operator wrote a stored PDF to a file (management command render_beschikking)."""
    return _pip_write("beschikking_exported", inburgeraar_id=inburgeraar_id, by=by, obj=beschikking)
