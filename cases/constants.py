"""Fixed codes of the case domain (REQ C-01, C-04) and the staff roles (DESIGN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Doelgroep(models.TextChoices):
    """REQ C-01: the three target groups; many rules differ per group."""

    ASIELSTATUSHOUDER = "asielstatushouder", _("Asielstatushouder")
    GEZINSMIGRANT = "gezinsmigrant", _("Gezinsmigrant")
    OVERIGE_MIGRANT = "overige_migrant", _("Overige migrant")


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


# Dutch names of audit actions, for the privacy screens. Apps add theirs with
# `AUDIT_ACTION_LABELS[code] = _("...")`; an unknown code is shown as it is.
AUDIT_ACTION_LABELS = {
    "case_viewed": _("Dossier bekeken"),
    "case_edit_form": _("Wijzigformulier geopend"),
    "case_phase_form": _("Faseformulier geopend"),
    "case_handover_form": _("Overdrachtformulier geopend"),
    "caseload_viewed": _("Caseload bekeken"),
    "case_search": _("Gezocht op naam"),
    "case_search_bsn": _("Gezocht op BSN"),
    "case_created": _("Dossier aangemaakt"),
    "case_updated": _("Gegevens gewijzigd"),
    "phase_changed": _("Fase gewijzigd"),
    "case_handed_over": _("Dossier overgedragen"),
    "case_purged": _("Dossier verwijderd na bewaartermijn"),
    "audit_viewed": _("Auditlog bekeken"),
    "audit_exported": _("Auditlog geëxporteerd"),
    "avg_inzage_exported": _("AVG-inzage geëxporteerd"),
    "login": _("Ingelogd"),
    "logout": _("Uitgelogd"),
    "login_failed": _("Inloggen mislukt"),
    "login_locked": _("Account tijdelijk geblokkeerd"),
    "mfa_enrolled": _("Tweestapsverificatie ingesteld"),
    "mfa_verified": _("Code tweestapsverificatie juist"),
    "mfa_failed": _("Code tweestapsverificatie onjuist"),
    "access_denied": _("Toegang geweigerd"),
    "leerroute_viewed": _("Leerroute bekeken"),
    "enrolment_created": _("Leerroute aangevraagd"),
    "enrolment_registered_dlp": _("Aangemeld in DLP"),
    "enrolment_started": _("Leerroute gestart"),
    "progress_report_recorded": _("Voortgangsrapportage vastgelegd"),
    "exam_recorded": _("Examen vastgelegd"),
    "absence_recorded": _("Afwezigheid vastgelegd"),
    "route_afgeschaald": _("Afgeschaald van B1 naar A2"),
    "route_geschakeld": _("Geschakeld naar andere leerroute"),
}


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
