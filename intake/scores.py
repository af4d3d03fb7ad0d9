"""REQ I-07: scores of the leerbaarheidstoets as DUO's Leerbaarheidstoets API writes them.

`behaaldeScore` and `benodigdeScore` are strings with a decimal comma and two decimals
(pattern ``^(\\d{1,3}\\,\\d{2})$``, e.g. "28,50"); we keep them as Decimals.
"""

import re
from decimal import Decimal

DUO_SCORE = re.compile(r"\d{1,3},\d{2}")
MAX_SCORE = Decimal("999.99")


def parse_duo_score(value: str | None) -> Decimal | None:
    """ "28,50" → Decimal("28.50"); None stays None; anything else is a ValueError."""
    if value is None:
        return None
    if not isinstance(value, str) or not DUO_SCORE.fullmatch(value):
        raise ValueError(f"not a DUO score: {value!r}")
    return Decimal(value.replace(",", "."))


def format_score(value) -> str:
    """A score as DUO writes it: two decimals and a decimal comma (Decimal("28.5") → "28,50")."""
    return f"{Decimal(value):.2f}".replace(".", ",")
