"""Audit events of the brede intake and the leerbaarheidstoets (cases.audit.vocabulary).

Services record them through `cases.kit.case_change`, case pages through `cases.kit.case_page`;
the planning lists (not case pages) through `planning_viewed`.

No content goes into an event: a health note (REQ I-08) must never reach the audit trail, the
processing log or a log line.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from cases import processing
from cases.audit import Op, access_denied, declare, record_list  # noqa: F401

BREDE_INTAKE = "brede_intake"
LEERBAARHEIDSTOETS = "leerbaarheidstoets"

processing.register_activity(
    BREDE_INTAKE,
    "Brede intake",
    "In kaart brengen van de mogelijkheden, belemmeringen en wensen van de inburgeraar op de "
    "levensdomeinen, als basis voor het PIP (uitnodigingen, gesprekken, verslag).",
    "Wet inburgering 2021 art. 14 en AVG art. 6 lid 1 sub e; gezondheid: AVG art. 9 lid 2 sub g",
)
processing.register_activity(
    LEERBAARHEIDSTOETS,
    "Leerbaarheidstoets",
    "Plannen en afnemen van de leerbaarheidstoets en vastleggen van de uitslag, als basis voor "
    "het advies over de leerroute.",
    "Wet inburgering 2021 art. 14 lid 5-6 en AVG art. 6 lid 1 sub e",
)

declare("intake_viewed", _("Brede intake bekeken"), activity=BREDE_INTAKE)
declare(
    "intake_special_viewed",
    _("Brede intake met gezondheidsgegevens bekeken"),
    activity=BREDE_INTAKE,
)
declare("toets_viewed", _("Leerbaarheidstoets bekeken"), activity=LEERBAARHEIDSTOETS)
declare("intake_planning_viewed", _("Planning intakegesprekken bekeken"), activity=BREDE_INTAKE)
declare(
    "toets_planning_viewed", _("Planning leerbaarheidstoetsen bekeken"), activity=LEERBAARHEIDSTOETS
)
declare(
    "intake_conversation_saved",
    _("Intakegesprek vastgelegd"),
    activity=BREDE_INTAKE,
    operation=Op.UPDATE,
)
declare(
    "intake_domains_saved",
    _("Levensdomeinen brede intake vastgelegd"),
    activity=BREDE_INTAKE,
    operation=Op.UPDATE,
)
declare("intake_updated", _("Brede intake gewijzigd"), activity=BREDE_INTAKE, operation=Op.UPDATE)
declare("intake_completed", _("Brede intake afgerond"), activity=BREDE_INTAKE, operation=Op.UPDATE)
declare(
    "toets_updated",
    _("Leerbaarheidstoets gewijzigd"),
    activity=LEERBAARHEIDSTOETS,
    operation=Op.UPDATE,
)
declare(
    "toets_session_saved",
    _("Toetsafname vastgelegd"),
    activity=LEERBAARHEIDSTOETS,
    operation=Op.UPDATE,
)
declare(
    "toets_result_recorded",
    _("Uitslag leerbaarheidstoets vastgelegd"),
    activity=LEERBAARHEIDSTOETS,
    operation=Op.UPDATE,
)
declare(
    "toets_result_corrected",
    _("Uitslag leerbaarheidstoets gecorrigeerd"),
    activity=LEERBAARHEIDSTOETS,
    operation=Op.UPDATE,
)
declare(
    "toets_session_corrected",
    _("Toetsafname gecorrigeerd"),
    activity=LEERBAARHEIDSTOETS,
    operation=Op.UPDATE,
)


def planning_viewed(*, request, kind: str, inburgeraar_ids: Iterable[int]):
    """A planning list: one event, one processing line per person on it (names, no content)."""
    return record_list(
        f"{kind}_planning_viewed", request=request, inburgeraar_ids=list(inburgeraar_ids)
    )
