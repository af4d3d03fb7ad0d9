"""Reads of the leerroute catalogue."""

from datetime import date

from django.db.models import QuerySet

from .models import Contract, Provider


def providers_with_contract(*, route_id: int, on: date) -> QuerySet[Provider]:
    """REQ L-02: the providers that may be chosen for a route on a day (valid contract)."""
    contracted = Contract.objects.valid_on(on).filter(route_id=route_id).values("provider_id")
    return Provider.objects.filter(is_active=True, pk__in=contracted).order_by("name")


def contract_for(*, provider_id: int, route_id: int, on: date) -> Contract | None:
    """The contract (and so the price, REQ L-03) of a provider for a route on a day."""
    return (
        Contract.objects.valid_on(on)
        .filter(provider_id=provider_id, route_id=route_id)
        .order_by("-valid_from")
        .first()
    )
