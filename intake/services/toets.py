"""The leerbaarheidstoets: ready in the DUO portal, exemption, result (REQ I-06, I-07, D-04)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_change, model_update
from cases.models import Inburgeraar, User

from ..constants import ExemptionGround, SessionStatus, TimelineKind, ToetsResult
from ..models import Leerbaarheidstoets, PassMark, ToetsCorrection, duo_open_until
from ..permissions import can_see_special_category
from ..scores import MAX_SCORE, format_score, parse_duo_score  # noqa: F401 (API)
from .base import SOURCE, Outcome, _day, _raise, _sync, lock_toets
from .phase import advance_phase

# Health data (REQ I-08): kept on the toets only, never copied into the field history.
HEALTH_FIELDS = frozenset({"exemption_ground", "exemption_not_able", "exemption_note"})


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
    not_able: bool = False,
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-07 (Wi art. 14 lid 6): the college grants *ontheffing* of the toets for a visual
    impairment (a), or for an auditory impairment when the person is not deemed able to take
    the toets (b: `not_able`).

    The ground is health data (REQ I-08): only who may read it may record it; the timeline
    says only that there is an ontheffing, the field history keeps only the date. Planned
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
            errors["exempted_on"] = _("De toets is al afgenomen; een ontheffing kan niet meer.")
        elif exempted_on > today:
            errors["exempted_on"] = _("Deze datum kan niet in de toekomst liggen.")
        if not ground:
            errors["exemption_ground"] = _("Kies de grond van de ontheffing.")
        elif ground == ExemptionGround.AUDITORY and not not_able:
            errors["exemption_not_able"] = _(
                "Bij een auditieve beperking is er alleen ontheffing als de inburgeraar niet in "
                "staat wordt geacht de toets af te leggen (artikel 14 lid 6 onder b Wet "
                "inburgering 2021)."
            )
        _raise(errors)
        values = {
            "exempted_on": exempted_on,
            "exemption_ground": ground,
            "exemption_not_able": bool(not_able) and ground == ExemptionGround.AUDITORY,
            "exemption_note": note.strip(),
        }
        diff = model_update(toets, values, fields=list(values))
        toets.sessions.filter(status=SessionStatus.PLANNED).update(
            status=SessionStatus.CANCELLED, updated_at=timezone.now()
        )
        change.timeline(
            TimelineKind.TOETS,
            _("Ontheffing van de leerbaarheidstoets verleend op %(day)s.")
            % {"day": _day(exempted_on)},
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
    """REQ I-07: the local pass mark valid on the day the toets was taken (catalogue data):
    only the fallback for a result entered by hand without DUO's required score."""
    return PassMark.objects.valid_on(day).order_by("-valid_from").first()


def _feasible(duo_result: str) -> bool | None:
    return {ToetsResult.B1_FEASIBLE: True, ToetsResult.B1_NOT_FEASIBLE: False}.get(duo_result)


def result_problems(
    *,
    toets: Leerbaarheidstoets,
    taken_on: date | None,
    result_on: date | None,
    score,
    today: date,
    duo_result: str = "",
    required_score=None,
    published: bool = False,
) -> tuple[dict, PassMark | None]:
    """REQ I-07, D-04: what is wrong with a result; and the local pass mark when it is the
    fallback (no required score from DUO). `published`: DUO already published the result
    (its examennummer is entered): the 48-hour rule does not hold it back (issue 13)."""
    errors: dict[str, str] = {}
    mark = None
    if toets.is_exempt:
        return {"__all__": _("De inburgeraar heeft ontheffing van de leerbaarheidstoets.")}, None
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
    elif taken_on and result_on < taken_on:
        errors["result_on"] = _("De uitslag kan niet bekend zijn vóór de afname.")
    elif taken_on and not published and result_on < taken_on + timedelta(days=2):
        # REQ D-04: DUO shows the result 48 hours after the toets.
        errors["result_on"] = _(
            "De uitslag is pas 48 uur na de afname zichtbaar in het DUO-portaal (vanaf %(day)s)."
        ) % {"day": _day(taken_on + timedelta(days=2))}
    if duo_result and duo_result not in ToetsResult.values:
        errors["duo_result"] = _("Kies de uitslag zoals DUO die geeft.")
        return errors, None
    if duo_result == ToetsResult.UNKNOWN:
        # Onbekend: DUO gives no advice; scores are kept when DUO sent them.
        return errors, None
    for field, value in (("score", score), ("required_score", required_score)):
        if value is not None and not Decimal(0) <= value <= MAX_SCORE:
            errors[field] = _("Een score ligt tussen 0 en 999,99.")
    if score is None:
        errors["score"] = _("Vul de behaalde score in.")
    if required_score is not None:
        # DUO's required score is authoritative (REQ I-07).
        feasible = _feasible(duo_result)
        if (
            score is not None
            and "score" not in errors
            and "required_score" not in errors
            and feasible is not None
            and feasible != (score >= required_score)
        ):
            errors["duo_result"] = _(
                "Deze uitslag past niet bij de scores: met %(score)s van de benodigde "
                "%(required)s is de B1-route %(answer)s. Neem de gegevens over zoals DUO ze geeft."
            ) % {
                "score": format_score(score),
                "required": format_score(required_score),
                "answer": _("haalbaar") if score >= required_score else _("niet haalbaar"),
            }
        return errors, None
    if taken_on and "taken_on" not in errors:
        mark = pass_mark_on(taken_on)
        if mark is None:
            errors["required_score"] = _(
                "Vul de benodigde score uit het DUO-portaal in: er is geen cesuur vastgelegd "
                "die op %(day)s gold."
            ) % {"day": _day(taken_on)}
        elif score is not None and "score" not in errors and score > mark.max_score:
            errors["score"] = _("De score ligt tussen 0 en %(max)s.") % {"max": mark.max_score}
        elif (
            score is not None
            and "score" not in errors
            and _feasible(duo_result) is not None
            and _feasible(duo_result) != (score >= mark.pass_score)
        ):
            errors["duo_result"] = _(
                "Deze uitslag past niet bij de score en de cesuur (%(pass)s) van die dag; vul "
                "de benodigde score uit het DUO-portaal in."
            ) % {"pass": mark.pass_score}
    return errors, mark


RESULT_FIELDS = (
    "taken_on",
    "result_on",
    "duo_result",
    "score",
    "required_score",
    "pass_mark",
    "b1_reachable",
    "result_recorded_by",
    "duo_exam_number",
)


def toets_result_record(
    *,
    inburgeraar: Inburgeraar,
    result_on: date,
    score,
    by: User,
    taken_on: date | None = None,
    duo_result: str = "",
    required_score=None,
    exam_number: str = "",
    reason: str = "",
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-07: DUO's result of the leerbaarheidstoets, with the achieved and the required
    score as DUO's Leerbaarheidstoets API gives them (decimals, e.g. 28,50).

    - Issue 13: with DUO's examennummer the result is published by DUO and is not held back
      by the 48-hour rule (REQ D-04);
    - Issue 13: changing a recorded result is a correction: it needs a reason, which is kept
      with the old and new values (`ToetsCorrection`, field history, audit event);

    - With DUO's required score, that score decides (and DUO's result must agree with it);
    - without it (a result entered by hand), the local pass mark valid on the day of the
      toets is the fallback;
    - DUO's *Onbekend* is stored as a result without advice (`b1_reachable` None): the toets
      is then not resolved, and a PIP needs a reason to proceed (REQ P-02).

    Moves `leerbaarheidstoets` to `pip` when the intake is completed and there is advice."""
    today = today or timezone.localdate()
    score = None if score is None else Decimal(score)
    required_score = None if required_score is None else Decimal(required_score)
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        toets = lock_toets(change)
        taken_on = toets.taken_on or taken_on
        exam_number = exam_number.strip()
        errors, mark = result_problems(
            toets=toets,
            taken_on=taken_on,
            result_on=result_on,
            score=score,
            today=today,
            duo_result=duo_result,
            required_score=required_score,
            published=bool(exam_number),
        )
        correction = toets.has_result
        if correction and not reason.strip():
            errors["correction_reason"] = _("Geef aan waarom u de uitslag corrigeert.")
        _raise(errors)
        if duo_result == ToetsResult.UNKNOWN:
            reachable = None
        elif required_score is not None:
            reachable = score >= required_score
        else:
            reachable = score >= mark.pass_score
        if not duo_result:
            duo_result = ToetsResult.B1_FEASIBLE if reachable else ToetsResult.B1_NOT_FEASIBLE
        values = {
            "taken_on": taken_on,
            "result_on": result_on,
            "duo_result": duo_result,
            "score": score,
            "required_score": required_score,
            "pass_mark": mark,
            "b1_reachable": reachable,
            "result_recorded_by": by,
            "duo_exam_number": exam_number,
        }
        diff = model_update(toets, values, fields=RESULT_FIELDS)
        if correction and diff:
            # Issue 13: the correction with its reason; the old values stay in the history.
            ToetsCorrection.objects.create(
                toets=toets,
                subject=ToetsCorrection.Subject.RESULT,
                reason=reason.strip(),
                changes={k: list(v) for k, v in diff.items() if k != "result_recorded_by"},
                corrected_by=by,
            )
        toets.sessions.filter(status=SessionStatus.PLANNED, starts_at__date=taken_on).update(
            status=SessionStatus.TAKEN, updated_at=timezone.now()
        )
        benchmark = toets.benchmark
        if score is not None and benchmark is not None:
            detail = _("score %(score)s, benodigd %(required)s") % {
                "score": format_score(score),
                "required": format_score(benchmark),
            }
            summary = (
                _("Uitslag leerbaarheidstoets gecorrigeerd: %(answer)s (%(detail)s).")
                if correction
                else _("Uitslag leerbaarheidstoets: %(answer)s (%(detail)s).")
            ) % {"answer": ToetsResult(duo_result).label, "detail": detail}
        else:
            summary = (
                _("Uitslag leerbaarheidstoets gecorrigeerd: %(answer)s.")
                if correction
                else _("Uitslag leerbaarheidstoets: %(answer)s.")
            ) % {"answer": ToetsResult(duo_result).label}
        change.timeline(
            TimelineKind.TOETS_RESULT,
            summary,
            detail=reason.strip() if correction else "",
            source=SOURCE,
        )
        change.audit(
            "toets_result_corrected" if correction else "toets_result_recorded",
            obj=toets,
            changes=diff,
        )
        change.facts_changed()  # REQ D-01 … D-04
        moved = advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(toets, moved)
