"""Validation of identifiers. REQ C-07: the BSN elfproef; Dutch postcodes and phone numbers."""

import re

from django import forms
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


# Issue 13 item 5: Dutch postcodes and phone numbers, normalised the way people write them.
POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")
# PostNL never issues these letter pairs (SA, SD and SS are not used).
POSTCODE_UNUSED_LETTERS = {"SA", "SD", "SS"}


def normalise_postcode(value: str) -> str:
    """'1271ab' and '1271 AB' are '1271 AB'; anything else comes back stripped, to refuse."""
    text = (value or "").strip().upper()
    match = POSTCODE.match(text)
    return f"{match[1]} {match[2]}" if match else text


def validate_postcode(value: str) -> None:
    match = POSTCODE.match(value or "")
    if not match or match[2] in POSTCODE_UNUSED_LETTERS:
        raise ValidationError(
            _("Dit is geen Nederlandse postcode; schrijf vier cijfers en twee letters: 1271 AB."),
            code="invalid_postcode",
        )


def validate_phone(value: str) -> None:
    """A Dutch number (06 12345678, 035 123 4567) or a foreign one with its country code."""
    import phonenumbers

    try:
        valid = phonenumbers.is_valid_number(phonenumbers.parse(value or "", "NL"))
    except phonenumbers.NumberParseException:
        valid = False
    if not valid:
        raise ValidationError(
            _(
                "Dit is geen geldig telefoonnummer; schrijf bijvoorbeeld 06 12345678, "
                "035 123 4567 of een buitenlands nummer met landcode (+32 …)."
            ),
            code="invalid_phone",
        )


class PostcodeField(forms.CharField):
    """A Dutch postcode, stored as '1271 AB'."""

    default_validators = [validate_postcode]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "postal-code")

    def to_python(self, value):
        return normalise_postcode(super().to_python(value))


class PhoneField(forms.CharField):
    """A phone number, checked and kept as typed (a re-save changes no field history)."""

    default_validators = [validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "tel")
