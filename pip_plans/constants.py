"""Fixed codes of the PIP (REQ P-01 … P-06, D-07, C-08)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# How an issued document was made known (REQ D-15) is common to every issued document; it
# lives in cases.constants and is re-exported here for the PIP code that imports it from here.
from cases.constants import MadeKnownHow  # noqa: F401


class VersionStatus(models.TextChoices):
    """REQ P-04: a version is drafted, then established; a draft may be dropped. Where the
    municipality asks for four eyes (issue 13), an established draft first waits for the
    approval of a mandated user before its beschikking is issued."""

    DRAFT = "concept", _("Concept")
    AWAITING_APPROVAL = "ter_goedkeuring", _("Wacht op goedkeuring")
    ESTABLISHED = "vastgesteld", _("Vastgesteld")
    DISCARDED = "vervallen", _("Vervallen")


class RevisionReason(models.TextChoices):
    """REQ P-04 / L-06 / C-06: why a version exists."""

    FIRST = "eerste", _("Eerste vaststelling")
    PROGRESS_TALK = "voortgangsgesprek", _("Na een voortgangsgesprek")
    ROUTE_SWITCH = "schakelen", _("Schakelen naar een andere leerroute")
    AFSCHALEN = "afschalen", _("Afschalen van B1 naar A2")
    MOVE = "verhuizing", _("Verhuizing naar deze gemeente")
    OTHER = "overig", _("Andere reden")
    # Issue 13: a wrong beschikking is withdrawn and replaced (herroepen en vervangen, Awb
    # 6:18/6:19 by analogy); started from the version page, never chosen in the revision form.
    REPLACEMENT = "vervanging", _("Herroeping en vervanging van een onjuiste beschikking")


REVISION_REASONS = [
    c for c in RevisionReason if c not in (RevisionReason.FIRST, RevisionReason.REPLACEMENT)
]


class TargetLevel(models.TextChoices):
    """Target language level of the leerroute (REQ P-01, L-01, L-06)."""

    B1 = "B1", _("B1")
    A2 = "A2", _("A2")
    A1 = "A1", _("A1")
    HIGHEST = "zo_hoog_mogelijk", _("Zo hoog mogelijk")


class PvtAgreement(models.TextChoices):
    """REQ P-01 / A-04: the participatieverklaringstraject."""

    TAKE_PART = "deelnemen", _("Neemt deel aan het PVT")
    EXEMPT = "vrijgesteld", _("Vrijgesteld van het PVT")


class MapAgreement(models.TextChoices):
    """REQ P-01 / A-05: the Module Arbeidsmarkt en Participatie; not in the onderwijsroute."""

    TAKE_PART = "deelnemen", _("Volgt de MAP")
    EXEMPT = "vrijgesteld", _("Vrijgesteld van de MAP")
    NOT_APPLICABLE = "niet_van_toepassing", _("Niet van toepassing (onderwijsroute)")


class Attendee(models.TextChoices):
    """REQ P-06: who attended a progress talk; with the taalaanbieder it is a 3-gesprek."""

    INBURGERAAR = "inburgeraar", _("Inburgeraar")
    CONSULTANT = "consulent", _("Integratieconsulent")
    PROVIDER = "taalaanbieder", _("Taalaanbieder")
    INTERPRETER = "tolk", _("Tolk")
    VLUCHTELINGENWERK = "vluchtelingenwerk", _("Vluchtelingenwerk")
    PARTICIPATION = "participatieconsulent", _("Participatieconsulent")
    OTHER = "anders", _("Iemand anders")


class ExtensionInitiative(models.TextChoices):
    """REQ D-07: DUO extends on request or of its own accord."""

    REQUEST = "aanvraag", _("Op aanvraag van de inburgeraar")
    OWN_ACCORD = "ambtshalve", _("Ambtshalve door DUO")


class ExtensionGround(models.TextChoices):
    """REQ D-07 (Wi art. 12; Besluit 4.3–4.5)."""

    NOT_TO_BLAME = (
        "niet_verwijtbaar",
        _(
            "a. De vertraging is de inburgeraar niet te verwijten (bijvoorbeeld een opleiding "
            "die geen ontheffing geeft)"
        ),
    )
    EFFORT = "inspanning", _("b. Aantoonbare inspanning (zes maanden)")


class ExtensionStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd, wacht op DUO")
    GRANTED = "verleend", _("Verleend door DUO")
    REFUSED = "afgewezen", _("Afgewezen door DUO")


class Theme(models.TextChoices):
    """The four themes of the PIP (REQ P-01), plus the decision's reasons, as edit screens."""

    INBURGERING = "inburgering", _("Inburgering")
    PARTICIPATIE = "participatie", _("Participatie")
    ONTZORGEN = "ontzorgen", _("Ontzorgen")
    BEGELEIDING = "begeleiding", _("Begeleiding")
    MOTIVERING = "motivering", _("Motivering")


# REQ P-01 / plan §1.2: at least two progress talks a year.
MIN_TALKS_PER_YEAR = 2
# REQ D-13 / A-03: Z-route asielstatushouders do 800 hours of participation in the term.
Z_ROUTE_PARTICIPATION_HOURS = 800
# REQ O-01 / D-12: ontzorgen lasts six months; longer only as maatwerk in the PIP.
ONTZORGEN_MONTHS = 6
