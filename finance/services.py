"""Writes of the finance domain."""

from datetime import date
from decimal import Decimal

from .models import Cost


def cost_register(
    *, inburgeraar, provision: str, amount: Decimal, on: date, description: str, source: str, by
) -> Cost:
    """REQ F-03: book a cost on the inburgeraar's municipality. Idempotent per `source`, so a
    retried registration never books twice."""
    cost, _ = Cost.objects.get_or_create(
        source=source,
        defaults={
            "inburgeraar": inburgeraar,
            "gemeente_id": inburgeraar.gemeente_id,
            "provision": provision,
            "amount": amount,
            "incurred_on": on,
            "description": description,
            "created_by": by,
        },
    )
    return cost
