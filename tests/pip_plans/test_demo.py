"""seed_demo gives the demo cases PIPs, idempotently, and renders only a few PDFs."""

import io

import pytest
from django.core.management import call_command

from cases.constants import Phase
from cases.models import Inburgeraar
from pip_plans.constants import VersionStatus
from pip_plans.models import Beschikking, DuoRegistration, Pip, PipVersion, ProgressTalk

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_pips_once_and_renders_a_few(settings):
    settings.HBEL_DEMO = True  # seed_demo refuses to run outside the demo
    out = io.StringIO()
    call_command("seed_demo", "--cases", "60", stdout=out)
    in_term = Inburgeraar.objects.filter(phase=Phase.INBURGERINGSTERMIJN).count()
    in_pip = Inburgeraar.objects.filter(phase=Phase.PIP).count()
    assert in_term and in_pip
    assert Pip.objects.count() == in_term + in_pip
    # Issue 13: in Laren (four eyes) up to two complete drafts wait for the team lead.
    awaiting = PipVersion.objects.filter(status=VersionStatus.AWAITING_APPROVAL)
    assert awaiting.count() <= 2
    assert not awaiting.exclude(pip__inburgeraar__gemeente__name="Laren").exists()
    drafts = PipVersion.objects.filter(status=VersionStatus.DRAFT).count()
    assert drafts + awaiting.count() == in_pip
    first_versions = PipVersion.objects.filter(status=VersionStatus.ESTABLISHED, number=1)
    assert first_versions.count() == in_term
    assert (
        Beschikking.objects.count()
        == PipVersion.objects.filter(status=VersionStatus.ESTABLISHED).count()
    )
    assert Beschikking.objects.exclude(sha256="").count() == 4
    assert ProgressTalk.objects.exists()
    assert DuoRegistration.objects.filter(done_on__isnull=False).exists()
    # Every established case has an address for its letter.
    assert not Inburgeraar.objects.filter(pip__isnull=False, street="").exists()
    assert "worden gemaakt bij de eerste download" in out.getvalue()

    before = (Pip.objects.count(), PipVersion.objects.count(), ProgressTalk.objects.count())
    call_command("seed_demo", "--cases", "60", stdout=io.StringIO())
    assert (Pip.objects.count(), PipVersion.objects.count(), ProgressTalk.objects.count()) == before
