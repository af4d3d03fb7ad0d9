"""Fixed codes of the leerroutes (REQ L-01)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RouteCode(models.TextChoices):
    """REQ L-01: the three routes of the Wet inburgering 2021."""

    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")


class EnrolmentStatus(models.TextChoices):
    """REQ L-04: from the PIP to the classroom, through DLP (administratie)."""

    TO_REGISTER = "aan_te_melden", _("Aan te melden in DLP")
    REGISTERED = "aangemeld", _("Aangemeld in DLP")
    STARTED = "gestart", _("Gestart")
    ENDED = "beeindigd", _("Beëindigd")


OPEN_STATUSES = (EnrolmentStatus.TO_REGISTER, EnrolmentStatus.REGISTERED, EnrolmentStatus.STARTED)


class EndReason(models.TextChoices):
    COMPLETED = "afgerond", _("Leerroute afgerond")
    SWITCHED = "geschakeld", _("Geschakeld naar een andere route")
    STOPPED = "gestopt", _("Voortijdig gestopt")
    MOVED = "verhuisd", _("Verhuisd")


class Skill(models.TextChoices):
    """REQ L-05: the language skills and KNM the provider reports on."""

    LEZEN = "lezen", _("Lezen")
    LUISTEREN = "luisteren", _("Luisteren")
    SPREKEN = "spreken", _("Spreken")
    SCHRIJVEN = "schrijven", _("Schrijven")
    KNM = "knm", _("KNM")


class Level(models.TextChoices):
    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


class ExamResult(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    PASSED = "behaald", _("Behaald")
    FAILED = "niet_behaald", _("Niet behaald")


class RouteChangeKind(models.TextChoices):
    """REQ L-06: schakelen between routes, or afschalen B1 → A2 within the B1-route."""

    SCHAKELEN = "schakelen", _("Schakelen naar een andere leerroute")
    AFSCHALEN = "afschalen", _("Afschalen van B1 naar A2")
