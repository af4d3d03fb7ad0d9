from django.db import models
from django.utils.translation import gettext_lazy as _

from learning_routes.constants import RouteCode


class Provision(models.TextChoices):
    """REQ F-03: the provisions costs are registered on, per inburgeraar, excl. VAT."""

    ROUTE_B1 = "route_b1", _("Leerroute B1")
    ROUTE_ONDERWIJS = "route_onderwijs", _("Leerroute onderwijs")
    ROUTE_Z = "route_z", _("Leerroute Z")
    PARTICIPATION = "participatie", _("Participatie-instrument")
    PVT = "pvt", _("Participatieverklaringstraject")
    MAP = "map", _("Module Arbeidsmarkt en Participatie")
    ONTZORGEN = "ontzorgen", _("Financieel ontzorgen")


ROUTE_PROVISIONS = {
    RouteCode.B1: Provision.ROUTE_B1,
    RouteCode.ONDERWIJS: Provision.ROUTE_ONDERWIJS,
    RouteCode.Z: Provision.ROUTE_Z,
}
