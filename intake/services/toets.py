"""The leerbaarheidstoets: ready in the DUO portal, exemption, result (REQ I-06, I-07, D-04)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_change, model_update
from cases.models import Inburgeraar, User

from ..constants import SessionStatus, TimelineKind
from ..models import Leerbaarheidstoets, PassMark, duo_open_until
from ..permissions import can_see_special_category
from .base import SOURCE, Outcome, _day, _raise, _sync, lock_toets
from .phase import advance_phase

# Health data (REQ I-08): kept on the toets only, never copied into the field history.
HEALTH_FIELDS = frozenset({"exemption_ground", "exemption_note"})


def toets_set_duo_ready(
    *,
    inburgeraar: Inburgeraar,
    duo_ready_on: date | None,
    by: User,
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-06, D-04: the day DUO set the toets ready in its portal (open 12 months)."""
    today = today or timezone.localdate()
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        toets = lock_toets(change)
        errors = {}
        if duo_ready_on and duo_ready_on > today:
            errors["duo_ready_on"] = _("Deze datum kan niet in de toekomst liggen.")
        elif duo_ready_on and case.linked_on and duo_ready_on < case.linked_on:
            errors["duo_ready_on"] = _("DUO zet de toets klaar na de koppeling (%(day)s).") % {
                "day": _day(case.linked_on)
            }
        elif duo_ready_on and toets.taken_on and duo_ready_on > toets.taken_on:
            errors["duo_ready_on"] = _("De toets is afgenomen vóór deze datum.")
        _raise(errors)
        diff = model_update(toets, {"duo_ready_on": duo_ready_on}, fields=("duo_ready_on",))
        if not diff:
            return Outcome(toets)
        summary = (
            _(
                "Leerbaarheidstoets klaargezet in het DUO-portaal op %(day)s; open tot "
                "en met %(until)s."
            )
            % {"day": _day(duo_ready_on), "until": _day(duo_open_until(duo_ready_on))}
            if duo_ready_on
            else _("Datum klaarzetten in het DUO-portaal verwijderd.")
        )
        change.timeline(TimelineKind.TOETS, summary, source=SOURCE)
        change.audit("toets_updated", obj=toets, changes=diff)
        change.facts_changed()  # REQ D-01 … D-04
    _sync(inburgeraar, case)
    return Outcome(toets)


def toets_exempt(
    *,
    inburgeraar: Inburgeraar,
    exempted_on: date,
    ground: str,
    note: str,
    by: User,
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-07: exemption from the toets for a visual or auditory impairment.

    The ground is health data (REQ I-08): only who may read it may record it; the timeline
    says only that there is an exemption, the field history keeps only the date. Planned
    sittings are cancelled.
    """
    today = today or timezone.localdate()
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        if not can_see_special_category(by, case, today):
            raise PermissionDenied
        toets = lock_toets(change)
        errors = {}
        if toets.taken_on:
            errors["exempted_on"] = _("De toets is al afgenomen; een vrijstelling kan niet meer.")
        elif exempted_on > today:
            errors["exempted_on"] = _("Deze datum kan niet in de toekomst liggen.")
        if not ground:
            errors["exemption_ground"] = _("Kies de grond van de vrijstelling.")
        _raise(errors)
        values = {
            "exempted_on": exempted_on,
            "exemption_ground": ground,
            "exemption_note": note.strip(),
        }
        diff = model_update(toets, values, fields=list(values))
        toets.sessions.filter(status=SessionStatus.PLANNED).update(
            status=SessionStatus.CANCELLED, updated_at=timezone.now()
        )
        change.timeline(
            TimelineKind.TOETS,
            _("Vrijgesteld van de leerbaarheidstoets op %(day)s.") % {"day": _day(exempted_on)},
            source=SOURCE,
        )
        change.audit(
            "toets_updated",
            obj=toets,
            changes={k: v for k, v in diff.items() if k not in HEALTH_FIELDS},
        )
        change.facts_changed()  # REQ D-01 … D-04
        moved = advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(toets, moved)


def pass_mark_on(day: date) -> PassMark | None:
    """REQ I-07: the pass mark valid on the day the toets was taken (catalogue data)."""
    return PassMark.objects.valid_on(day).order_by("-valid_from").first()


def result_problems(
    *, toets: Leerbaarheidstoets, taken_on: date | None, result_on: date | None, score, today: date
) -> tuple[dict, PassMark | None]:
    errors: dict[str, str] = {}
    mark = None
    if toets.is_exempt:
        return {"__all__": _("De inburgeraar is vrijgesteld van de leerbaarheidstoets.")}, None
    if taken_on is None:
        errors["taken_on"] = _("Vul de datum in waarop de toets is afgenomen.")
    elif taken_on > today:
        errors["taken_on"] = _("Deze datum kan niet in de toekomst liggen.")
    elif toets.duo_ready_on and taken_on < toets.duo_ready_on:
        errors["taken_on"] = _("De toets is afgenomen vóór hij in het DUO-portaal klaarstond.")
    elif toets.open_until and taken_on > toets.open_until:
        errors["taken_on"] = _(
            "De toets stond toen niet meer open in het DUO-portaal (open tot en met %(day)s)."
        ) % {"day": _day(toets.open_until)}
    if result_on is None:
        errors["result_on"] = _("Vul de datum in waarop de uitslag bekend werd.")
    elif result_on > today:
        errors["result_on"] = _("Deze datum kan niet in de toekomst liggen.")
    elif taken_on and result_on < taken_on + timedelta(days=2):
        # REQ D-04: DUO shows the result 48 hours after the toets.
        errors["result_on"] = _(
            "De uitslag is pas 48 uur na de afname zichtbaar in het DUO-portaal (vanaf %(day)s)."
        ) % {"day": _day(taken_on + timedelta(days=2))}
    if taken_on and "taken_on" not in errors:
        mark = pass_mark_on(taken_on)
        if mark is None:
            errors["score"] = _(
                "Er is geen cesuur vastgelegd die op %(day)s gold; vraag de functioneel beheerder "
                "die toe te voegen."
            ) % {"day": _day(taken_on)}
        elif score is None:
            errors["score"] = _("Vul de score in.")
        elif not 0 <= score <= mark.max_score:
            errors["score"] = _("De score ligt tussen 0 en %(max)s.") % {"max": mark.max_score}
    elif score is None:
        errors["score"] = _("Vul de score in.")
    return errors, mark


RESULT_FIELDS = (
    "taken_on",
    "result_on",
    "score",
    "pass_mark",
    "b1_reachable",
    "result_recorded_by",
)


def toets_result_record(
    *,
    inburgeraar: Inburgeraar,
    result_on: date,
    score: int,
    by: User,
    taken_on: date | None = None,
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-07: the score and the answer 'B1 reachable within the term (incl. A2)?', derived
    from the pass mark valid on the day of the toets. Moves `leerbaarheidstoets` to `pip`
    when the intake is completed."""
    today = today or timezone.localdate()
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        toets = lock_toets(change)
        taken_on = toets.taken_on or taken_on
        errors, mark = result_problems(
            toets=toets, taken_on=taken_on, result_on=result_on, score=score, today=today
        )
        _raise(errors)
        correction = toets.has_result
        values = {
            "taken_on": taken_on,
            "result_on": result_on,
            "score": score,
            "pass_mark": mark,
            "b1_reachable": score >= mark.pass_score,
            "result_recorded_by": by,
        }
        diff = model_update(toets, values, fields=RESULT_FIELDS)
        toets.sessions.filter(status=SessionStatus.PLANNED, starts_at__date=taken_on).update(
            status=SessionStatus.TAKEN, updated_at=timezone.now()
        )
        answer = _("B1 haalbaar") if toets.b1_reachable else _("B1 niet haalbaar")
        summary = (
            _("Uitslag leerbaarheidstoets gecorrigeerd: %(answer)s (score %(score)s van %(max)s).")
            if correction
            else _("Uitslag leerbaarheidstoets: %(answer)s (score %(score)s van %(max)s).")
        ) % {"answer": answer, "score": score, "max": mark.max_score}
        change.timeline(TimelineKind.TOETS_RESULT, summary, source=SOURCE)
        change.audit("toets_result_recorded", obj=toets, changes=diff)
        change.facts_changed()  # REQ D-01 … D-04
        moved = advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(toets, moved)
