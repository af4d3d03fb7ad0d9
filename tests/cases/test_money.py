"""Issue 13 item 6: one money format, "€ 8.200,00", wherever an amount is shown."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from cases.money import format_money


@pytest.mark.parametrize(
    "amount, expected",
    [
        (Decimal("8200"), "€ 8.200,00"),
        (Decimal("136.00"), "€ 136,00"),
        (8200.5, "€ 8.200,50"),
        (1234567, "€ 1.234.567,00"),
        (Decimal("-12.5"), "€ -12,50"),
        (None, ""),
        ("geen", ""),
    ],
)
def test_an_amount_is_written_the_dutch_way(amount, expected):
    assert format_money(amount) == expected


def test_the_template_filter_writes_the_same():
    rendered = Template("{% load money %}{{ a|money }} / {{ a|money:0 }}").render(
        Context({"a": Decimal("8200")})
    )
    assert rendered == "€ 8.200,00 / € 8.200"


@pytest.mark.django_db
def test_the_cost_report_writes_the_norm_in_the_one_format(client, world):
    client.force_login(world.beleid)
    body = client.get(reverse("learning_routes:cost-report")).content.decode()
    assert "SPUK-norm van € 10.000,00 per leerroute" in body
