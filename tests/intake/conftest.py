import pytest

from intake.catalogue_seed import ensure_catalogues


@pytest.fixture(autouse=True)
def intake_catalogues(request):
    """The data migration seeds the catalogues; a transactional test (the browser tests)
    empties every table afterwards, so put them back for whatever test runs next."""
    if request.node.get_closest_marker("django_db") is None:
        return
    ensure_catalogues()
