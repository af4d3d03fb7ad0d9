from datetime import date

import pytest

from cases.constants import Phase
from tests.factories import InburgeraarFactory, PipVersionFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Stored PDFs go to a temporary directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pip_case(world):
    """An asielstatushouder of the consultant in phase PIP, with an address."""
    return InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.PIP,
        given_names="Yara",
        surname="Haddad",
        street="Lindenlaan 12",
        postal_code="1271 AB",
        city="Huizen",
        date_of_birth=date(1990, 5, 17),
        linked_on=date(2025, 9, 1),
        registered_on=date(2025, 10, 15),
        housed_on=date(2025, 10, 15),
        duo_notified_on=date(2025, 9, 20),
    )


@pytest.fixture
def draft(pip_case):
    """A complete first draft (all four themes filled in)."""
    from pip_plans.services import pip_draft_start

    version = pip_draft_start(inburgeraar=pip_case, by=pip_case.consultant)
    complete = PipVersionFactory.build(pip=version.pip, on=date(2026, 3, 2))
    for field in (
        "route",
        "provider",
        "target_level",
        "intensity",
        "pvt",
        "pvt_notes",
        "map",
        "map_notes",
        "participation_instruments",
        "ontzorgen",
        "ontzorgen_decision_reference",
        "motivation",
    ):
        setattr(version, field, getattr(complete, field))
    version.save()
    return version
