"""The scan's SQL floor (issue 8) flags what the engine flags, for the rules it covers."""

from collections import Counter
from datetime import date

import pytest
from django.db import connection

from bench.scan_floor import floor_counts
from cases.constants import Phase
from cases.deadlines.services import deadlines_recompute
from cases.models import Deadline
from tests.deadlines.conftest import TODAY
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db

# D-02, D-09 and D-14 are not applicable in the engine while no app records their met fact.
COMPARED = ("brede_intake_gestart", "leerbaarheidstoets_afgenomen", "pip_vastgesteld")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor is PostgreSQL SQL")
def test_floor_flags_the_same_cases_as_the_engine_for_d01_d03_d05():
    """REQ D-01, D-03, D-05: due soon and overdue counts per rule agree with the engine."""
    for linked_on, doelgroep, registered_on, duo_notified_on in [
        (date(2025, 11, 30), "asielstatushouder", None, None),  # D-01, D-03 overdue
        (date(2026, 1, 5), "asielstatushouder", None, None),  # D-01 due soon (5 March)
        # D-05: Saturday 28 February moves to Monday 2 March: due soon
        (date(2025, 12, 10), "asielstatushouder", date(2025, 12, 20), date(2025, 12, 19)),
        (date(2026, 2, 20), "asielstatushouder", None, None),  # nothing due soon yet
        (None, "gezinsmigrant", date(2026, 1, 1), date(2025, 12, 22)),  # D-01 due 1 March
        (None, "overige_migrant", date(2025, 12, 13), None),  # D-05 Sat 21 → Mon 23 Feb
        (None, "gezinsmigrant", date(2025, 10, 1), date(2025, 10, 20)),  # both overdue
    ]:
        InburgeraarFactory(
            phase=Phase.GEKOPPELD,
            history=False,
            housed_on=None,
            linked_on=linked_on,
            doelgroep=doelgroep,
            registered_on=registered_on,
            duo_notified_on=duo_notified_on,
        )
    deadlines_recompute(today=TODAY)
    engine = Counter(
        Deadline.objects.filter(code__in=COMPARED, state__in=("due_soon", "overdue")).values_list(
            "code", "state"
        )
    )
    floor = {
        key: number
        for key, number in floor_counts(today=TODAY).items()
        if key[0] in COMPARED and key[1] in ("due_soon", "overdue")
    }
    assert floor == dict(engine)
    assert sum(engine.values()) >= 6
