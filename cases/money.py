"""One money format for people (issue 13 item 6): "€ 8.200,00" on screens, in PDFs and in
messages, whatever the amount's type. Templates use `{{ amount|money }}` of
`{% load money %}`; `{{ amount|money:0 }}` for whole euros (a norm in a sentence)."""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import override


def format_money(amount, decimals: int = 2) -> str:
    """`amount` as "€ 8.200,00" (Dutch grouping and decimal comma); "" for None or junk."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return ""
    with override("nl"):
        text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"€ {text}"
