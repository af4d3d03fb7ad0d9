"""The beschikking after it was issued: its PDF (rendered from the frozen snapshot) and its
bekendmaking (REQ P-03, D-15)."""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_change
from cases.models import User
from cases.pdf import render_pdf

from .. import audit
from ..constants import MadeKnownHow
from ..models import Beschikking
from ..snapshot import letter_context
from ..term import objection_last_day
from ._common import KIND_MADE_KNOWN, SOURCE, fmt, today_or

LETTER_TEMPLATE = "pip_plans/beschikking_pdf.html"


def beschikking_render(*, beschikking_id: int) -> Beschikking | None:
    """Render and store the PDF of a beschikking from its snapshot (REQ P-03).

    Idempotent: returns at once when the PDF exists (a rerun, a second worker, or the
    download that got there first). None when the beschikking no longer exists (purged).
    """
    with transaction.atomic():
        beschikking = (
            Beschikking.objects.select_for_update(of=("self",))
            .select_related("version__pip")
            .filter(pk=beschikking_id)
            .first()
        )
        if beschikking is None or beschikking.is_rendered:
            return beschikking
        content = render_pdf(LETTER_TEMPLATE, {"b": letter_context(beschikking.snapshot)})
        beschikking.pdf.save("beschikking.pdf", ContentFile(content), save=False)
        try:
            beschikking.sha256 = hashlib.sha256(content).hexdigest()
            beschikking.rendered_at = timezone.now()
            beschikking.save(update_fields=["pdf", "sha256", "rendered_at"])
            audit.beschikking_rendered(
                beschikking=beschikking, inburgeraar_id=beschikking.version.pip.inburgeraar_id
            )
        except Exception:
            beschikking.pdf.storage.delete(beschikking.pdf.name)
            raise
    return beschikking


def beschikking_pdf_bytes(beschikking: Beschikking) -> bytes:
    """The stored PDF, rendered first when it was not made yet; checked against its hash."""
    if not beschikking.is_rendered:
        beschikking = beschikking_render(beschikking_id=beschikking.pk)
    with beschikking.pdf.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != beschikking.sha256:
        raise ValidationError(_("Het opgeslagen PDF-bestand klopt niet met de vastgelegde hash."))
    return content


def beschikking_record_made_known(
    *,
    beschikking: Beschikking,
    made_known_on: date,
    how: str,
    by: User,
    request=None,
    today: date | None = None,
) -> Beschikking:
    """REQ D-15: record when (and how) the beschikking was made known; the bezwaartermijn
    counts from the day after. A correction keeps the old value in the field history.

    Works on a closed case too: the letter went out while the case was open, and the
    bezwaartermijn runs from its bekendmaking whatever happened to the case since.
    """
    today = today_or(today)
    errors = {}
    if made_known_on < beschikking.dagtekening:
        errors["made_known_on"] = _("Deze datum ligt vóór de dagtekening (%(date)s).") % {
            "date": fmt(beschikking.dagtekening)
        }
    elif made_known_on > today:
        errors["made_known_on"] = _("Deze datum kan niet in de toekomst liggen.")
    if how not in MadeKnownHow.values:
        errors["how"] = _("Kies hoe de beschikking bekend is gemaakt.")
    if errors:
        raise ValidationError(errors)
    case = beschikking.version.pip.inburgeraar
    with case_change(case, by=by, request=request, today=today, allow_closed=True) as change:
        locked = change.lock(Beschikking, pk=beschikking.pk, version__pip__inburgeraar=change.case)
        history = change.update(
            locked,
            {"made_known_on": made_known_on, "made_known_how": how},
            fields=["made_known_on", "made_known_how"],
        )
        if not history:
            return locked
        change.update(locked, {"made_known_recorded_by": by}, fields=["made_known_recorded_by"])
        change.timeline(
            KIND_MADE_KNOWN,
            _(
                "Beschikking %(kenmerk)s bekendgemaakt op %(date)s (%(how)s); bezwaar kan tot "
                "en met %(last)s."
            )
            % {
                "kenmerk": locked.kenmerk,
                "date": fmt(made_known_on),
                "how": MadeKnownHow(how).label.lower(),
                "last": fmt(objection_last_day(made_known_on)),
            },
            source=SOURCE,
        )
        change.audit("beschikking_made_known", obj=locked, changes=history)
        change.facts_changed()  # REQ D-15: the bezwaartermijn starts
    beschikking.made_known_on = made_known_on
    beschikking.made_known_how = how
    return locked
