"""One Dutch date formatter for people (issue 11 item 7): screens, timeline, messages, PDFs.

`format_date(day)` writes "3 maart 2026" (long, the default: sentences, letters, the
timeline); `format_date(day, "short")` writes "3 okt 2026" (table cells). Templates use the
`format_date` filter of `{% load dates %}`: `{{ day|format_date }}`,
`{{ day|format_date:"short" }}`.
Machine formats (ISO dates in snapshots and exports, `DD-MM-JJJJ` input parsing) are not for
people and stay where they are.
"""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

STYLES = {
    "long": "j F Y",  # 3 maart 2026
    "short": "j b Y",  # 3 mrt 2026
}


def format_date(day: dt.date | dt.datetime | None, style: str = "long") -> str:
    """`day` in Dutch in one of `STYLES`; "" for None. An aware datetime counts in local time."""
    if day is None or day == "":
        return ""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    try:
        pattern = STYLES[style]
    except KeyError:
        raise ValueError(f"unknown date style {style!r}; choose from {', '.join(STYLES)}") from None
    return date_format(day, pattern)
