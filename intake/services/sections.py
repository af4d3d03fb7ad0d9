"""The sections of the brede intake: agreements, warme overdracht COA with the travel-cost
claim, the report and the wegwijzer (REQ I-02, I-04, I-05, D-02)."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import Doelgroep
from cases.kit import case_change, model_update
from cases.models import Inburgeraar, User

from ..constants import TimelineKind
from ..models import BredeIntake
from .base import SOURCE, Outcome, _day, _raise, _sync, lock_intake, route_start

SECTION_FIELDS = {
    # REQ I-02: rechten & plichten, verwachtingen, the right to a conversation alone.
    "afspraken": (
        "rights_duties_explained_on",
        "rights_duties_notes",
        "expectations_person",
        "expectations_gemeente",
        "alone_right_told",
        "alone_conversation_wanted",
    ),
    # REQ I-02, D-02, I-04: warme overdracht COA and the travel-cost claim.
    "coa": (
        "coa_joins_opvang_activities",
        "coa_joins_voorinburgering",
        "coa_notes",
        "coa_meeting_on",
        "travel_claim_on",
        "travel_claim_amount",
        "travel_claim_note",
    ),
    # REQ I-02, I-05: the report and the wegwijzer.
    "verslag": ("report", "wegwijzer_handed_on"),
}
# What may still be recorded after completion: steps that follow the intake itself.
AFTER_COMPLETION_FIELDS = frozenset(
    {
        "coa_meeting_on",
        "coa_notes",
        "travel_claim_on",
        "travel_claim_amount",
        "travel_claim_note",
        "wegwijzer_handed_on",
    }
)
_COA_ONLY = frozenset(SECTION_FIELDS["coa"])
_DATE_FIELDS = (
    "rights_duties_explained_on",
    "coa_meeting_on",
    "travel_claim_on",
    "wegwijzer_handed_on",
)


def intake_update(
    *,
    inburgeraar: Inburgeraar,
    section: str,
    data: dict,
    by: User,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Save one section of the intake (REQ I-02, I-04, I-05, D-02). Returns changed fields."""
    today = today or timezone.localdate()
    fields = SECTION_FIELDS[section]
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        intake = lock_intake(change)
        changed = [f for f in fields if f in data and getattr(intake, f) != data[f]]
        if not changed:
            return Outcome([])
        errors = {}
        if intake.is_completed:
            for name in changed:
                if name not in AFTER_COMPLETION_FIELDS:
                    errors[name] = _(
                        "De brede intake is afgerond; dit kan niet meer worden gewijzigd."
                    )
        if case.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
            for name in changed:
                if name in _COA_ONLY:
                    errors[name] = _(
                        "De warme overdracht en de reiskosten via het COA gelden alleen voor "
                        "asielstatushouders."
                    )
        start = route_start(case)
        for name in _DATE_FIELDS:
            value = data.get(name) if name in changed else None
            if value and value > today:
                errors.setdefault(name, _("Deze datum kan niet in de toekomst liggen."))
            elif value and start and value < start:
                errors.setdefault(
                    name,
                    _("Deze datum ligt vóór de koppeling of inschrijving (%(day)s).")
                    % {"day": _day(start)},
                )
        amount = data.get("travel_claim_amount")
        if "travel_claim_amount" in changed and amount is not None and amount < 0:
            errors["travel_claim_amount"] = _("Het bedrag kan niet negatief zijn.")
        _raise(errors)
        diff = model_update(intake, data, fields=changed)
        labels = [str(BredeIntake._meta.get_field(name).verbose_name) for name in changed]
        change.timeline(
            TimelineKind.UPDATED,
            _("Brede intake bijgewerkt: %(fields)s.") % {"fields": ", ".join(labels)},
            source=SOURCE,
        )
        change.audit("intake_updated", obj=intake, changes=diff)
        change.facts_changed()  # REQ D-01 … D-04
    _sync(inburgeraar, case)
    return Outcome(changed)
