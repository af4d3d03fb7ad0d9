import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Stored PDFs go to a temporary directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
