"""Leerroute catalogue (REQ L-01 … L-03)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from learning_routes.constants import RouteCode
from learning_routes.models import Contract, LearningRoute, Provider
from learning_routes.selectors import contract_for, providers_with_contract

pytestmark = pytest.mark.django_db


def _route(code):
    return LearningRoute.objects.get(code=code)


def test_seeded_routes_providers_and_prices_follow_the_plan():
    # REQ L-01, L-02, L-03
    assert set(LearningRoute.objects.values_list("code", flat=True)) == set(RouteCode.values)
    assert not _route(RouteCode.ONDERWIJS).includes_map
    today = date(2026, 6, 1)
    b1 = [p.name for p in providers_with_contract(route_id=_route("b1").pk, on=today)]
    z = [p.name for p in providers_with_contract(route_id=_route("z").pk, on=today)]
    assert b1 == ["Fairfield", "Top Taal"]
    assert z == ["Fairfield", "IVIO"]
    assert list(providers_with_contract(route_id=_route("onderwijs").pk, on=today)) == []
    fairfield = Provider.objects.get(name="Fairfield")
    assert contract_for(
        provider_id=fairfield.pk, route_id=_route("b1").pk, on=today
    ).price == Decimal("8200.00")
    assert contract_for(
        provider_id=fairfield.pk, route_id=_route("z").pk, on=today
    ).price == Decimal("7000.00")


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (date(2023, 12, 31), False),  # the day before
        (date(2024, 1, 1), True),  # first day
        (date(2024, 2, 29), True),  # leap day inside
        (date(2024, 12, 31), True),  # last day (inclusive)
        (date(2025, 1, 1), False),  # the day after
    ],
)
def test_contract_validity_edges(day, valid):
    # REQ L-02: a provider is choosable only with a contract valid on that day.
    provider = Provider.objects.create(name="Taalschool Test")
    route = _route("b1")
    Contract.objects.create(
        provider=provider,
        route=route,
        valid_from=date(2024, 1, 1),
        valid_until=date(2024, 12, 31),
        price=Decimal("8000"),
    )
    chosen = providers_with_contract(route_id=route.pk, on=day).filter(pk=provider.pk).exists()
    assert chosen is valid


def test_inactive_provider_is_not_choosable():
    provider = Provider.objects.get(name="IVIO")
    provider.is_active = False
    provider.save()
    names = [p.name for p in providers_with_contract(route_id=_route("z").pk, on=date(2026, 1, 1))]
    assert names == ["Fairfield"]


def test_overlapping_contracts_for_the_same_provider_and_route_are_refused():
    provider = Provider.objects.get(name="Top Taal")
    contract = Contract(
        provider=provider,
        route=_route("b1"),
        valid_from=date(2025, 1, 1),
        valid_until=date(2025, 12, 31),
        price=Decimal("8400"),
    )
    with pytest.raises(ValidationError):
        contract.full_clean()
    contract.route = _route("z")
    contract.full_clean()  # another route is fine


def test_L01_route_codes_have_one_source():
    """Issue 11 item 7: RouteCode is the source; the engine's `route` fact, the calculator and
    the intake's advice use it (cases holds no leerroute vocabulary of its own)."""
    from cases.deadlines.engine import FactsError, fact_choices, facts_from_mapping
    from cases.deadlines.forms import DeadlineCalculatorForm

    assert fact_choices("route") == tuple(RouteCode.choices)
    assert [code for code, _label in DeadlineCalculatorForm().fields["route"].choices][1:] == list(
        RouteCode.values
    )
    assert facts_from_mapping({"route": "z"}).route == RouteCode.Z
    with pytest.raises(FactsError, match="kies uit b1, onderwijs, z"):
        facts_from_mapping({"route": "c1"})
