"""Settings of the test run: the application's, plus the kit's test app (tests/kitapp), which
exists only here (README, "Een wettelijke taak toevoegen")."""

from hbel.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.kitapp"]  # noqa: F405
ROOT_URLCONF = "tests.urls"
