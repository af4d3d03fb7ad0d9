import pytest

from intake.catalogue_seed import ensure_catalogues


@pytest.fixture(autouse=True)
def intake_catalogues(request):
    """The data migration seeds the catalogues; a transactional test (browser) empties every
    table afterwards, so put them back for whoever runs next."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        return
    request.getfixturevalue("django_db_blocker")
    ensure_catalogues()
