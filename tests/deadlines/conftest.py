from datetime import date

import pytest

from cases.constants import Phase
from tests.factories import InburgeraarFactory

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture
def make_case(world):
    """A case with fixed key dates (no phase history unless asked)."""

    def make(**kwargs):
        defaults = {
            "gemeente": world.noorddorp,
            "consultant": world.consultant,
            "doelgroep": "asielstatushouder",
            "phase": Phase.GEKOPPELD,
            "linked_on": date(2026, 1, 5),
            "registered_on": None,
            "housed_on": None,
            "duo_notified_on": None,
            "history": False,
        }
        defaults.update(kwargs)
        return InburgeraarFactory(**defaults)

    return make
