"""Validation of identifiers. REQ C-07: the BSN elfproef."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    """REQ C-07: 9 digits, weights 9..2 and -1, weighted sum divisible by 11, not all zeros."""
    if not isinstance(value, str) or len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    if value == "000000000":
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value, BSN_WEIGHTS, strict=True))
    return total % 11 == 0


def normalise_bsn(value: str) -> str:
    """Strip spaces, dots and dashes people type between groups of digits; pad 8 digits."""
    cleaned = "".join(ch for ch in (value or "") if ch not in " .-")
    if len(cleaned) == 8 and cleaned.isdigit():
        cleaned = "0" + cleaned
    return cleaned


def validate_bsn(value: str) -> None:
    # The message never repeats the value: a BSN must not end up in logs or error pages.
    if not is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef doorstaan."),
            code="invalid_bsn",
        )
