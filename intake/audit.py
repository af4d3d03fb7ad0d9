"""Audit events of the brede intake and the leerbaarheidstoets (cases.audit.vocabulary).

No content goes into an event: a health note (REQ I-08) must never reach the audit trail, the
processing log or a log line.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from cases import processing
from cases.audit import Op, access_denied, declare, record, record_list, record_read  # noqa: F401

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


def intake_viewed(*, request, inburgeraar, special_category: bool = False):
    """A page of the brede intake was shown; `special_category` when it showed health data."""
    code = "intake_special_viewed" if special_category else "intake_viewed"
    return record_read(code, request=request, inburgeraar=inburgeraar)


def toets_viewed(*, request, inburgeraar):
    return record_read("toets_viewed", request=request, inburgeraar=inburgeraar)


def planning_viewed(*, request, kind: str, inburgeraar_ids: Iterable[int]):
    """A planning list: one event, one processing line per person on it (names, no content)."""
    return record_list(
        f"{kind}_planning_viewed", request=request, inburgeraar_ids=list(inburgeraar_ids)
    )


def _changed(code, *, obj, inburgeraar_id, by, request=None, created=False):
    operation = Op.CREATE if created else None
    return record(
        code, actor=by, request=request, obj=obj, inburgeraar_id=inburgeraar_id, operation=operation
    )


def intake_conversation_saved(*, conversation, inburgeraar, by, created=False, request=None):
    return _changed(
        "intake_conversation_saved",
        obj=conversation,
        inburgeraar_id=inburgeraar.pk,
        by=by,
        request=request,
        created=created,
    )


def intake_domains_saved(*, intake, by, request=None):
    return _changed(
        "intake_domains_saved",
        obj=intake,
        inburgeraar_id=intake.inburgeraar_id,
        by=by,
        request=request,
    )


def intake_updated(*, intake, by, request=None):
    return _changed(
        "intake_updated", obj=intake, inburgeraar_id=intake.inburgeraar_id, by=by, request=request
    )


def intake_completed(*, intake, by, request=None):
    return _changed(
        "intake_completed", obj=intake, inburgeraar_id=intake.inburgeraar_id, by=by, request=request
    )


def toets_updated(*, toets, by, request=None):
    return _changed(
        "toets_updated", obj=toets, inburgeraar_id=toets.inburgeraar_id, by=by, request=request
    )


def toets_session_saved(*, session, inburgeraar, by, created=False, request=None):
    return _changed(
        "toets_session_saved",
        obj=session,
        inburgeraar_id=inburgeraar.pk,
        by=by,
        request=request,
        created=created,
    )


def toets_result_recorded(*, toets, by, request=None):
    return _changed(
        "toets_result_recorded",
        obj=toets,
        inburgeraar_id=toets.inburgeraar_id,
        by=by,
        request=request,
    )
