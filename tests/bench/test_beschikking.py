"""The beschikking figure of `make bench` renders the real letter and leaves nothing behind."""

import pytest

from bench.beschikking import measure_beschikking
from cases.constants import Phase
from cases.models import Inburgeraar
from pip_plans.models import Beschikking, Pip

pytestmark = pytest.mark.django_db


def test_the_letter_is_rendered_from_a_rolled_back_beschikking(pip_case):
    pip_case.phase = Phase.INBURGERINGSTERMIJN
    pip_case.save(update_fields=["phase"])
    cases = set(Inburgeraar.objects.values_list("pk", flat=True))
    figure = measure_beschikking(iterations=2)
    assert figure["pages"] >= 2  # the real letter, not the one-page floor
    assert figure["median_ms"] > 0 and figure["floor_median_ms"] > 0
    assert figure["ratio"] == round(figure["median_ms"] / figure["floor_median_ms"], 2)
    assert not Pip.objects.exists() and not Beschikking.objects.exists()
    assert set(Inburgeraar.objects.values_list("pk", flat=True)) == cases  # synthetic one gone


def test_without_a_case_in_its_term_there_is_no_figure(pip_case):
    assert measure_beschikking(iterations=1) is None
