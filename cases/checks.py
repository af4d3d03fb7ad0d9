"""System checks of the security baseline (run by every management command, and by
`check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def demo_only_with_debug(app_configs=None, **kwargs):
    """Issue 22, finding 12: demo mode switches MFA off; outside DEBUG it is a stray variable
    in a production environment, never a demo, so it is an error, not a warning."""
    if settings.HBEL_DEMO and not settings.DEBUG:
        return [
            checks.Error(
                "HBEL_DEMO staat aan terwijl DEBUG uit staat.",
                hint=(
                    "De demo-stand is alleen voor `make run` (DEBUG=true). Verwijder HBEL_DEMO "
                    "uit de omgeving van een productie-installatie."
                ),
                id="cases.E001",
            )
        ]
    return []
