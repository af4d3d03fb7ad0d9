"""The benchmark generator's synthetic data keeps the rules of real data (REQ C-07)."""

from bench.generators import discover
from bench.generators.cases import bsn, sizes
from cases.validators import is_valid_bsn


def test_generated_bsns_pass_the_elfproef_and_are_unique_for_150000_cases():
    numbers = [bsn(n) for n in range(1, 150_001)]
    assert all(is_valid_bsn(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_organisation_scales_with_the_number_of_cases():
    assert sizes(150_000) == (340, 60, 900)
    assert sizes(1_000) == (3, 1, 6)  # one consultant still has ~150 cases


def test_every_app_with_tables_of_cases_has_its_generator_after_cases():
    order = [r.app_label for r in discover()]
    assert order[0] == "cases"
    # intakes, toetsen, PIPs, beschikkingen and progress talks too (issue 8)
    assert {"intake", "learning_routes", "pip_plans"} <= set(order)
    assert order.index("pip_plans") > order.index("learning_routes")  # the PIP's route
