"""Fixed codes of the case domain (REQ C-01, C-04) and the staff roles (DESIGN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Doelgroep(models.TextChoices):
    """REQ C-01: the three target groups; many rules differ per group."""

    ASIELSTATUSHOUDER = "asielstatushouder", _("Asielstatushouder")
    GEZINSMIGRANT = "gezinsmigrant", _("Gezinsmigrant")
    OVERIGE_MIGRANT = "overige_migrant", _("Overige migrant")


class DuoDoelgroep(models.TextChoices):
    """REQ C-01: DUO's detailed doelgroep (Inburgeringsplicht API, `gedetailleerdeDoelgroep`)."""

    ASIELSTATUSHOUDER = "Asielstatushouder", _("Asielstatushouder")
    GEESTELIJK_BEDIENAAR = "Geestelijk bedienaar", _("Geestelijk bedienaar")
    GEZINSHERENIGER = "Gezinshereniger", _("Gezinshereniger")
    GEZINSHERENIGER_AS = (
        "Gezinshereniger met Asielstatushouder",
        _("Gezinshereniger met asielstatushouder"),
    )
    GEZINSVORMER = "Gezinsvormer", _("Gezinsvormer")
    GEZINSVORMER_AS = "Gezinsvormer met Asielstatushouder", _("Gezinsvormer met asielstatushouder")
    OVERIG = "Overig", _("Overig")


class Phase(models.TextChoices):
    """REQ C-04: the route of an inburgeraar, from koppeling to closing."""

    GEKOPPELD = "gekoppeld", _("Gekoppeld")
    BREDE_INTAKE = "brede_intake", _("Brede intake")
    LEERBAARHEIDSTOETS = "leerbaarheidstoets", _("Leerbaarheidstoets")
    PIP = "pip", _("PIP")
    INBURGERINGSTERMIJN = "inburgeringstermijn", _("Inburgeringstermijn")
    AFGEROND = "afgerond", _("Afgerond")
    VERHUISD = "verhuisd", _("Verhuisd")
    BEEINDIGD = "beeindigd", _("Beëindigd")


CLOSED_PHASES = frozenset({Phase.AFGEROND, Phase.VERHUISD, Phase.BEEINDIGD})
ACTIVE_PHASES = frozenset(set(Phase) - CLOSED_PHASES)


class ClosingReason(models.TextChoices):
    """Why a case was closed; required when the phase becomes a closed one (REQ C-04)."""

    INBURGERINGSPLICHT_VOLDAAN = "voldaan", _("Inburgeringsplicht voldaan")
    ONTHEFFING = "ontheffing", _("Ontheffing verleend")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling verleend")
    VERHUISD = "verhuisd", _("Verhuisd naar een andere gemeente")
    VERTROKKEN = "vertrokken", _("Vertrokken uit Nederland")
    OVERLEDEN = "overleden", _("Overleden")
    OVERIG = "overig", _("Overige reden")


class Role(models.TextChoices):
    """Staff roles; each is a Django group of the same name (DESIGN.md, 'Who uses it')."""

    CONSULTANT = "integratieconsulent", _("Integratieconsulent")
    TEAMLEIDER = "teamleider", _("Teamleider")
    ADMINISTRATIE = "administratie", _("Administratie")
    BOETEAMBTENAAR = "boeteambtenaar", _("Boeteambtenaar")
    BELEID = "beleid", _("Beleid / controller")
    FUNCTIONEEL_BEHEERDER = "functioneel beheerder", _("Functioneel beheerder")


class TimelineKind(models.TextChoices):
    """Event kinds of the case timeline. Later apps add their own kinds as plain codes."""

    CREATED = "case_created", _("Dossier aangemaakt")
    UPDATED = "case_updated", _("Gegevens gewijzigd")
    PHASE_CHANGED = "phase_changed", _("Fase gewijzigd")
    HANDED_OVER = "handed_over", _("Overgedragen aan andere consulent")
    NOTE = "note", _("Notitie")


class DeadlineState(models.TextChoices):
    """States of a deadline (REQ D, issue 4). The badge classes in hbel.css use these values."""

    OPEN = "open", _("Open")
    DUE_SOON = "due_soon", _("Verloopt binnenkort")
    OVERDUE = "overdue", _("Verlopen")
    MET = "met", _("Gehaald")
    MET_LATE = "met_late", _("Te laat gehaald")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


# Urgency for sorting: most urgent first; deadlines without a notice last.
DEADLINE_URGENCY = {
    DeadlineState.OVERDUE: 0,
    DeadlineState.DUE_SOON: 1,
    DeadlineState.OPEN: 2,
}
NO_DEADLINE_RANK = 9
NOTICE_STATES = (DeadlineState.DUE_SOON, DeadlineState.OVERDUE)


class NoticeKind(models.TextChoices):
    """A notice is created when a deadline becomes due soon or overdue (REQ D, issue 4)."""

    DUE_SOON = "due_soon", _("Verloopt binnenkort")
    OVERDUE = "overdue", _("Verlopen")


class MadeKnownHow(models.TextChoices):
    """REQ D-15 (Awb 3:41): how an issued document (a beschikking, a letter) was made known."""

    POST = "post", _("Per post verzonden")
    HANDED = "uitgereikt", _("Persoonlijk uitgereikt")
    DIGITAL = "digitaal", _("Digitaal verzonden")
