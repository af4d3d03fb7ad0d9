"""`seed_demo` (the demo app): every phase and every role on a small scale, only in the demo,
and built without the test code (the image ships neither `tests/` nor factory-boy)."""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from cases.constants import Phase, Role
from cases.models import Inburgeraar, User
from cases.validators import is_valid_bsn
from demo.data import STAFF
from tests.sensitive import remember_bsn

ROOT = Path(django_settings.BASE_DIR)


@pytest.mark.django_db
def test_seed_demo_seeds_every_phase_and_role_on_a_small_scale(settings):
    settings.HBEL_DEMO = True
    out = StringIO()
    call_command("seed_demo", cases=24, stdout=out)
    for bsn in Inburgeraar.objects.values_list("bsn", flat=True):
        remember_bsn(bsn)  # the log scan looks for these too
        assert is_valid_bsn(bsn)
    assert set(Inburgeraar.objects.values_list("phase", flat=True)) == set(Phase.values)
    roles = set(User.objects.values_list("groups__name", flat=True))
    assert roles == set(Role.values)
    assert set(Inburgeraar.objects.values_list("gemeente__name", flat=True)) <= {
        "Huizen",
        "Blaricum",
        "Eemnes",
        "Laren",
    }
    text = out.getvalue()
    for username, *_rest in STAFF:
        assert f"  {username} " in text  # the logins are printed


@pytest.mark.django_db
def test_seed_demo_refuses_outside_the_demo(settings):
    settings.HBEL_DEMO = False
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", cases=4, stdout=StringIO())
    assert not Inburgeraar.objects.exists()


def test_application_code_imports_neither_tests_nor_factory_boy():
    offenders = []
    tops = [p for p in ROOT.iterdir() if not p.name.startswith(".")]
    tops = [p for p in tops if p.name not in {"tests", "bench", "static", "templates"}]
    paths = [p for top in tops for p in ([top] if top.is_file() else top.rglob("*.py"))]
    for path in paths:
        relative = path.relative_to(ROOT)
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            offenders += [
                f"{relative}: {name}"
                for name in names
                if name.split(".")[0] in {"tests", "factory"}
            ]
    assert offenders == []
