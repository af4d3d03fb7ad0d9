"""Issue 13, item 7: names in Dutch alphabetical order ("Çelik" with the C, not after the Z)
and phases in the order of the route (REQ C-04), not by their codes."""

import pytest
from django.urls import reverse

from cases.collation import dutch_key
from cases.constants import Phase
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


def _names(client, **params):
    response = client.get(reverse("cases:caseload"), {"fase": "alle", **params})
    return [case.surname for case in response.context["page_obj"].object_list]


def test_names_sort_in_dutch_order(client, world):
    for surname in ("Zubair", "Çelik", "Bakker", "Öztürk", "de Wit", "Dijkstra", "Celik"):
        InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant, surname=surname)
    world.own_case.surname = "Aydın"
    world.own_case.save(update_fields=["surname"])
    client.force_login(world.consultant)
    names = _names(client)
    assert names.index("Bakker") < names.index("Çelik") < names.index("Dijkstra")
    assert names.index("Celik") < names.index("Dijkstra")
    assert names.index("Öztürk") < names.index("Zubair")
    assert names[-1] == "Zubair"
    descending = _names(client, sorteer="-naam")
    assert descending[0] == "Zubair" and descending.index("Çelik") > descending.index("Dijkstra")


def test_phases_sort_in_route_order(client, world):
    """REQ C-04: gekoppeld → brede intake → toets → PIP → termijn → afgerond …"""
    for phase in (Phase.INBURGERINGSTERMIJN, Phase.BREDE_INTAKE, Phase.AFGEROND, Phase.PIP):
        InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant, phase=phase)
    client.force_login(world.consultant)
    response = client.get(reverse("cases:caseload"), {"fase": "alle", "sorteer": "fase"})
    phases = [case.phase for case in response.context["page_obj"].object_list]
    order = list(Phase.values)
    assert phases == sorted(phases, key=order.index)
    assert phases != sorted(phases)  # by code, afgerond would come first


def test_dutch_key_folds_diacritics_and_case():
    assert dutch_key("Çelik")[0] == "celik"
    assert sorted(["Zubair", "Çelik", "Bakker"], key=dutch_key) == ["Bakker", "Çelik", "Zubair"]
