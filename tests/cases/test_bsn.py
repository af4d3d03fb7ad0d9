"""REQ C-07: BSN elfproef."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cases.validators import BSN_WEIGHTS, is_valid_bsn, normalise_bsn, validate_bsn
from tests.factories import make_bsn


def _weighted(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS, strict=True))


@pytest.mark.parametrize(
    "bsn",
    ["111222333", "123456782", "999999990", "010000008"],
)
def test_valid_bsns_pass_the_elfproef(bsn):
    # REQ C-07
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn",
    [
        "000000000",  # all zeros: sum 0 is divisible by 11 but is refused explicitly
        "123456789",  # fails the elfproef
        "111222334",  # one digit off
        "12345678",  # 8 digits
        "1234567820",  # 10 digits
        "12345678a",
        "１２３４５６７８２",  # full-width digits are not ASCII digits
        "",
        " 123456782",
    ],
)
def test_invalid_bsns_are_refused(bsn):
    # REQ C-07
    assert not is_valid_bsn(bsn)
    with pytest.raises(ValidationError) as excinfo:
        validate_bsn(bsn)
    # The message never repeats the number (no BSN in error messages).
    if bsn:
        assert bsn not in str(excinfo.value)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_elfproef_matches_the_definition(digits):
    # REQ C-07: valid exactly when the weighted sum is divisible by 11 and not all zeros.
    expected = _weighted(digits) % 11 == 0 and digits != "000000000"
    assert is_valid_bsn(digits) is expected


@given(st.text(alphabet="0123456789", min_size=8, max_size=8), st.integers(0, 9))
def test_changing_the_check_digit_breaks_a_valid_bsn(prefix, other):
    # REQ C-07: for any valid BSN, another last digit fails.
    partial = sum(int(d) * w for d, w in zip(prefix, BSN_WEIGHTS[:8], strict=True))
    check = partial % 11
    if check == 10 or prefix + str(check) == "000000000":
        return
    valid = prefix + str(check)
    assert is_valid_bsn(valid)
    if other != check:
        assert not is_valid_bsn(prefix + str(other))


@given(st.integers(min_value=0, max_value=100_000))
def test_generated_demo_bsns_are_valid(n):
    assert is_valid_bsn(make_bsn(n))


def test_normalise_accepts_common_notations():
    assert normalise_bsn("1234.56.782") == "123456782"
    assert normalise_bsn("123 456 782") == "123456782"
    assert normalise_bsn("10000008") == "010000008"
