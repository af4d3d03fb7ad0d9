"""Fixed codes of the leerroutes (REQ L-01)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RouteCode(models.TextChoices):
    """REQ L-01: the three routes of the Wet inburgering 2021."""

    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")
