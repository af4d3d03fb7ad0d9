"""What the PIP's write services share: timeline kinds, the source name, small helpers."""

from datetime import date

from django.utils import timezone

from cases.dates import format_date

from ..rules import THEME_FIELDS

SOURCE = "pip_plans"

# Timeline kinds of this app (labels registered in hooks.py).
KIND_DRAFT = "pip_draft_started"
KIND_DISCARDED = "pip_draft_discarded"
KIND_ESTABLISHED = "pip_established"
KIND_MADE_KNOWN = "beschikking_made_known"
KIND_TALK = "progress_talk"
KIND_EXTENSION = "term_extension"
KIND_DUO = "duo_registered"
KIND_THIRD_PARTY = "third_party_information"
KIND_APPROVAL = "pip_approval"  # issue 13: four eyes
KIND_WITHDRAWN = "beschikking_withdrawn"  # issue 13: herroepen en vervangen

# Copied from the previous version into a new draft (REQ P-04: a revision starts from it).
COPIED_FIELDS = tuple(
    f for fields in THEME_FIELDS.values() for f in fields if f != "reason_explanation"
)


def today_or(today: date | None) -> date:
    return today or timezone.localdate()


def fmt(day: date) -> str:
    return format_date(day)
