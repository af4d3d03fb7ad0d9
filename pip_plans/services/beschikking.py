"""The beschikking after it was issued: its PDF (rendered from the frozen snapshot by the
issued-document base, cases.documents) and its bekendmaking (REQ P-03, D-15)."""

from datetime import date

from django.utils.translation import gettext as _

from cases import documents
from cases.models import User

from ..constants import MadeKnownHow
from ..models import Beschikking
from ..term import objection_last_day
from ._common import KIND_MADE_KNOWN, SOURCE, fmt, today_or

LETTER_TEMPLATE = Beschikking.template_name  # read by bench/beschikking.py


def beschikking_render(*, beschikking_id: int) -> Beschikking | None:
    """Render and store the PDF of a beschikking from its snapshot (REQ P-03).

    Idempotent: returns at once when the PDF exists (a rerun, a second worker, or the
    download that got there first). None when the beschikking no longer exists (purged).
    """
    return documents.render(Beschikking, beschikking_id)


def beschikking_pdf_bytes(beschikking: Beschikking) -> bytes:
    """The stored PDF, rendered first when it was not made yet; checked against its hash."""
    return documents.pdf_bytes(beschikking)


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
    locked = documents.record_made_known(
        beschikking,
        made_known_on=made_known_on,
        how=how,
        by=by,
        request=request,
        today=today_or(today),
    )
    beschikking.made_known_on = locked.made_known_on
    beschikking.made_known_how = locked.made_known_how
    return locked


def beschikking_made_known_recorded(beschikking: Beschikking, *, change, history) -> None:
    """`Beschikking.on_made_known`: the timeline and audit event (with the field history) of a
    recorded bekendmaking, in its unit of work; the bezwaartermijn starts (REQ D-15)."""
    change.timeline(
        KIND_MADE_KNOWN,
        _(
            "Beschikking %(kenmerk)s bekendgemaakt op %(date)s (%(how)s); bezwaar kan tot "
            "en met %(last)s."
        )
        % {
            "kenmerk": beschikking.kenmerk,
            "date": fmt(beschikking.made_known_on),
            "how": MadeKnownHow(beschikking.made_known_how).label.lower(),
            "last": fmt(objection_last_day(beschikking.made_known_on)),
        },
        source=SOURCE,
    )
    change.audit("beschikking_made_known", obj=beschikking, changes=history)
    change.facts_changed()  # REQ D-15: the bezwaartermijn starts
