"""Issue 13 item 6: the admin the functioneel beheerder uses is Dutch throughout: our
models' field names, the libraries' sections and models, Django's own table headers."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH = ["Access attempts", "Otp_Totp", "Otp_Static", "Axes", "Model name", "Add link"]


def test_the_admin_index_has_no_english_section_or_header(client, world):
    client.force_login(world.beheerder)
    body = client.get(reverse("admin:index")).content.decode()
    text = re.sub(r"<[^>]+>", " ", body)
    for english in ENGLISH:
        assert not re.search(rf"\b{re.escape(english)}\b", text), english
    assert "Inlogpogingen en blokkades" in text
    assert "Tweestapsverificatie: authenticator-apps" in text
    assert "Inlogpogingen" in text


def test_the_lockout_models_are_named_in_dutch():
    from axes.models import AccessAttempt
    from django.utils.translation import override

    with override("nl"):
        assert str(AccessAttempt._meta.verbose_name_plural) == "inlogpogingen"
        assert str(AccessAttempt._meta.get_field("ip_address").verbose_name) == "IP-adres"
        assert str(AccessAttempt._meta.get_field("failures_since_start").verbose_name) == (
            "Mislukte inlogpogingen"
        )


def test_our_fields_have_dutch_names():
    from cases.models import Handover, Inburgeraar, StatusChange
    from learning_routes.models import Exam

    assert Handover._meta.get_field("from_consultant").verbose_name == "van consulent"
    assert StatusChange._meta.get_field("changed_by").verbose_name == "gewijzigd door"
    assert Exam._meta.get_field("recorded_by").verbose_name == "vastgelegd door"
    assert Inburgeraar._meta.get_field("deadlines_checked_on").verbose_name == (
        "termijnen gecontroleerd op"
    )
