"""Fixed codes of the brede intake and the leerbaarheidstoets (REQ I-01 … I-09).

Numbers that policy or DUO may change (pass marks, the scale, the domains) are catalogue data
in `intake.models`, not here. What is here are codes the code itself branches on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# REQ L-01: the plan points the onderwijsroute at people up to 28 (policy, not law: the
# Wet inburgering sets no age limit). "Up to 28" = before the 28th birthday.
ONDERWIJSROUTE_AGE_LIMIT = 28

# REQ I-01: the education domain feeds the leerroute advice (REQ I-07).
EDUCATION_DOMAIN_CODE = "opleiding"
# REQ I-01: VVE is the one topic the law adds to the plan's 14 domains.
VVE_DOMAIN_CODE = "vve"

# REQ I-09: after this many invitations the college completes the intake without the person.
INVITATIONS_BEFORE_COMPLETION_WITHOUT_PERSON = 3


class DomainRequirement(models.TextChoices):
    """When a life domain must be filled in before the intake can be completed (REQ I-01)."""

    ALWAYS = "verplicht", _("Altijd verplicht")
    YOUNG_CHILDREN = "jonge_kinderen", _("Verplicht bij jonge kinderen")
    OPTIONAL = "aanvullend", _("Aanvullend, als de situatie erom vraagt")


class Tone(models.TextChoices):
    """Badge colour of an assessment level (hbel-badge--<tone>)."""

    SUCCESS = "success", _("Groen")
    WARNING = "warning", _("Oranje")
    DANGER = "danger", _("Rood")
    NEUTRAL = "neutral", _("Grijs")
    INFO = "info", _("Blauw")


class LocationKind(models.TextChoices):
    WERKCENTRUM = "werkcentrum", _("Werkcentrum")
    GEMEENTEHUIS = "gemeentehuis", _("Gemeentehuis")
    AZC = "azc", _("Azc")
    ONLINE = "online", _("Online (beeldbellen)")
    OVERIG = "overig", _("Overige locatie")


class ConversationStatus(models.TextChoices):
    """REQ I-03, I-09: an intake appointment and how it went."""

    PLANNED = "gepland", _("Gepland")
    HELD = "gehouden", _("Gehouden")
    NO_SHOW = "niet_verschenen", _("Niet verschenen")
    CANCELLED = "afgezegd", _("Afgezegd of verzet")


class CoaPresence(models.TextChoices):
    """REQ I-03, D-02: whether COA took part in a conversation, and how."""

    ABSENT = "afwezig", _("Niet aanwezig")
    IN_PERSON = "aanwezig", _("Aanwezig op locatie")
    ONLINE = "online", _("Digitaal aanwezig")


class SessionStatus(models.TextChoices):
    """REQ I-06: a planned sitting of the leerbaarheidstoets and how it went."""

    PLANNED = "gepland", _("Gepland")
    TAKEN = "afgenomen", _("Afgenomen")
    NO_SHOW = "niet_verschenen", _("Niet verschenen")
    CANCELLED = "geannuleerd", _("Geannuleerd")


# Sessions that occupy a device and a toetsbegeleider (conflict check, REQ I-06).
OCCUPYING_SESSION_STATUSES = (SessionStatus.PLANNED, SessionStatus.TAKEN)


class ExemptionGround(models.TextChoices):
    """REQ I-07 (Wi art. 14 lid 6, https://wetten.overheid.nl/BWBR0044770#Artikel14): the
    grounds of an *ontheffing* of the leerbaarheidstoets (the law's word; not a vrijstelling).
    Special-category data (REQ I-08)."""

    VISUAL = "visueel", _("Visuele beperking")
    AUDITORY = "auditief", _("Auditieve beperking, en niet in staat geacht de toets af te leggen")


class ToetsResult(models.TextChoices):
    """REQ I-07: DUO's `LeerbaarheidstoetsResultaat` (Leerbaarheidstoets API), as DUO spells
    it; Onbekend is a result without advice."""

    B1_FEASIBLE = "B1-route haalbaar", _("B1-route haalbaar")
    B1_NOT_FEASIBLE = "B1-route niet haalbaar", _("B1-route niet haalbaar")
    UNKNOWN = "Onbekend", _("Onbekend")


class TimelineKind(models.TextChoices):
    """Timeline event kinds of this app, registered with cases.timeline in apps.py."""

    CONVERSATION = "intake_conversation", _("Intakegesprek")
    DOMAINS = "intake_domains", _("Levensdomeinen")
    UPDATED = "intake_updated", _("Brede intake bijgewerkt")
    COMPLETED = "intake_completed", _("Brede intake afgerond")
    TOETS = "toets_updated", _("Leerbaarheidstoets")
    TOETS_SESSION = "toets_session", _("Afname leerbaarheidstoets")
    TOETS_RESULT = "toets_result", _("Uitslag leerbaarheidstoets")
