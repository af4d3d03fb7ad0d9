"""Establishing a draft and issuing its beschikking (REQ P-02, P-03, P-04, D-06, C-04, C-08),
with four eyes where the municipality asks for it, and herroepen en vervangen (issue 13)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import documents
from cases.constants import Phase
from cases.kit import case_change
from cases.models import User
from cases.services import inburgeraar_change_phase
from learning_routes.rules import college_offers_course
from learning_routes.selectors import contract_for

from .. import prerequisites
from ..constants import VersionStatus
from ..models import Beschikking, DuoRegistration, PipVersion
from ..rules import DATE_REFUSE, DATE_WARN, completeness_errors, date_plausibility
from ..snapshot import build_snapshot, make_kenmerk
from ..term import objection_last_day, term_first_day, term_last_day
from ._common import (
    KIND_APPROVAL,
    KIND_ESTABLISHED,
    KIND_WITHDRAWN,
    SOURCE,
    fmt,
    today_or,
)
from .reads import first_dagtekening, granted_extensions, latest_established

ESTABLISH_FIELDS = (
    "status",
    "dagtekening",
    "established_at",
    "established_by",
    "contract",
    "missing_prerequisites",
    "proceed_reason",
)
SUBMIT_FIELDS = (
    "status",
    "submitted_at",
    "submitted_by",
    "requested_made_known_on",
    "missing_prerequisites",
    "proceed_reason",
)


class PrerequisitesMissing(ValidationError):
    """REQ P-02: intake or leerbaarheidstoets not done, and no reason to proceed recorded."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(
            {
                "proceed_reason": _(
                    "Het PIP kan nog niet worden vastgesteld: %(missing)s Leg vast waarom u "
                    "het PIP toch vaststelt, of rond deze stappen eerst af."
                )
                % {"missing": " ".join(missing)}
            }
        )


def establish_blockers(version: PipVersion, *, on: date) -> list[str]:
    """REQ P-01, L-02, L-06: what must still be filled in before establishing on `on`."""
    inburgeraar = version.pip.inburgeraar
    previous = latest_established(version.pip)
    return completeness_errors(
        version,
        inburgeraar=inburgeraar,
        on=on,
        previous=previous,
        term_first_day=_term_first_day(version.pip) if previous else None,
    )


def _term_first_day(pip) -> date | None:
    first = first_dagtekening(pip)
    return term_first_day(first) if first else None


def may_approve(user: User) -> bool:
    """Issue 13: the team lead, or a user the college gave the mandate, approves a
    beschikking that is signed under the team lead's mandate."""
    return bool(user.is_active and (user.is_teamleider or user.beschikking_mandate))


def needs_approval(gemeente) -> bool:
    """Issue 13: the municipality's setting (Django admin, Gemeenten)."""
    return bool(gemeente.beschikking_four_eyes)


def _check_dates(*, on: date, planned_made_known_on: date, today: date, confirmed: bool) -> None:
    """Issue 13: the dagtekening and dispatch date lie within the plausible window around
    today: beyond 14 days a warning to confirm, beyond 60 a refusal (rules.date_plausibility).
    """
    errors: dict[str, str] = {}
    for field, day, label in (
        ("on", on, _("dagtekening")),
        ("planned_made_known_on", planned_made_known_on, _("verzenddatum")),
    ):
        level, message = date_plausibility(day, today=today, label=label)
        if level == DATE_REFUSE or (level == DATE_WARN and not confirmed):
            if level == DATE_WARN:
                message += " " + _(
                    "Klopt de datum toch? Vink dan 'De data zijn gecontroleerd' aan."
                )
            errors[field] = message
    if errors:
        raise ValidationError(errors)


def _preconditions(
    change,
    locked: PipVersion,
    *,
    on: date,
    planned_made_known_on: date,
    proceed_reason: str,
    today: date,
    dates_confirmed: bool,
) -> tuple[PipVersion | None, list[str]]:
    """Every check before a version is established (or offered for approval): returns the
    previous established version and the missing prerequisites (REQ P-02)."""
    inburgeraar = change.case
    pip = locked.pip
    previous = latest_established(pip)
    is_first = previous is None
    if on > today:
        raise ValidationError({"on": _("De dagtekening kan niet in de toekomst liggen.")})
    if previous is not None and on < previous.dagtekening:
        raise ValidationError(
            {
                "on": _("De dagtekening ligt vóór die van de vorige versie (%(date)s).")
                % {"date": fmt(previous.dagtekening)}
            }
        )
    if planned_made_known_on < on:
        raise ValidationError(
            {"planned_made_known_on": _("De verzenddatum ligt vóór de dagtekening.")}
        )
    _check_dates(
        on=on,
        planned_made_known_on=planned_made_known_on,
        today=today,
        confirmed=dates_confirmed,
    )
    if is_first and inburgeraar.phase == Phase.GEKOPPELD:
        raise ValidationError(
            _(
                "Het dossier staat nog in de fase Gekoppeld: het PIP volgt op de brede "
                "intake en de leerbaarheidstoets."
            )
        )
    if locked.replaces_id is not None:
        _check_replaceable(locked.replaces, latest=previous)
    blockers = completeness_errors(
        locked,
        inburgeraar=inburgeraar,
        on=on,
        previous=previous,
        term_first_day=_term_first_day(pip) if previous else None,
    )
    if blockers:
        raise ValidationError(blockers)
    missing: list[str] = []
    if is_first:
        missing = prerequisites.missing_prerequisites(inburgeraar)
        if missing and not proceed_reason.strip():
            raise PrerequisitesMissing(missing)
    return previous, missing


def _check_replaceable(old: PipVersion, *, latest: PipVersion | None) -> Beschikking:
    """Issue 13: only the beschikking in force (the latest established version's, not yet
    withdrawn) can be withdrawn and replaced."""
    beschikking = getattr(old, "beschikking", None) if old.is_established else None
    if beschikking is None or beschikking.is_withdrawn:
        raise ValidationError(_("Deze beschikking is al herroepen of bestaat niet."))
    if latest is None or latest.pk != old.pk:
        raise ValidationError(
            _(
                "Alleen de beschikking van de laatst vastgestelde versie kan worden herroepen "
                "en vervangen."
            )
        )
    return beschikking


def pip_establish(
    *,
    version: PipVersion,
    by: User,
    on: date | None = None,
    proceed_reason: str = "",
    planned_made_known_on: date | None = None,
    dates_confirmed: bool = False,
    request=None,
    render: bool = True,
    today: date | None = None,
) -> Beschikking:
    """Establish a draft and issue its beschikking (REQ P-02, P-03, P-04, D-06, C-04, C-08).

    - `on` is the dagtekening (default today); it cannot lie in the future or before the
      previous version's. Providers must have a valid contract on that day (REQ L-02); the
      contract (and price) in force is recorded. REQ L-03: only for an asielstatushouder; a
      gezins- or overige migrant's PIP records route and level, with no contract, no DLP
      enrolment and no cost (Wi art. 16, 19–21).
    - Issue 13: dagtekening and dispatch date more than 14 days from today need
      `dates_confirmed`; more than 60 days are refused (configurable in settings).
    - Issue 13: where the municipality asks for four eyes, this is refused: the draft is
      offered for approval (`pip_submit_for_approval`) and issued by `pip_approve`.
    - REQ L-06: a revision that changes the route is refused more than 1½ years after the
      start of the term, unless it goes from the onderwijsroute to the B1-route.
    - REQ P-02: the first version needs the registered prerequisites (brede intake,
      leerbaarheidstoets) done, or a recorded reason to proceed.
    - REQ D-06: the term starts the day after the first version's dagtekening; a revision
      keeps it (and any extension DUO granted).
    - REQ C-04: establishing the first version moves the case to the inburgeringstermijn:
      from 'PIP' directly; from 'brede intake' or 'leerbaarheidstoets' through 'PIP' (two
      recorded changes, as the transition table requires); a case already in the term keeps
      its phase; 'gekoppeld' and closed cases are refused. A revision changes no phase.
    - REQ C-08: a DUO registration task for administratie.
    - The snapshot is taken now; the PDF is rendered after commit by a Celery task.
    """
    today = today_or(today)
    on = on or today
    planned_made_known_on = planned_made_known_on or on
    with case_change(version.pip.inburgeraar, by=by, request=request, today=today) as change:
        locked = change.lock(PipVersion, pk=version.pk, pip__inburgeraar=change.case)
        if not locked.is_draft:
            raise ValidationError(_("Deze versie is al vastgesteld of vervallen."))
        if needs_approval(change.case.gemeente):
            raise ValidationError(
                _(
                    "In %(gemeente)s wordt een beschikking pas gemaakt na goedkeuring: bied "
                    "het PIP ter goedkeuring aan."
                )
                % {"gemeente": change.case.gemeente.name}
            )
        previous, missing = _preconditions(
            change,
            locked,
            on=on,
            planned_made_known_on=planned_made_known_on,
            proceed_reason=proceed_reason,
            today=today,
            dates_confirmed=dates_confirmed,
        )
        beschikking = _issue(
            change,
            locked,
            established_by=by,
            on=on,
            planned_made_known_on=planned_made_known_on,
            previous=previous,
            missing=missing,
            proceed_reason=proceed_reason,
            request=request,
            today=today,
            render=render,
        )
    version.status = locked.status
    version.dagtekening = on
    return beschikking


def pip_submit_for_approval(
    *,
    version: PipVersion,
    by: User,
    planned_made_known_on: date | None = None,
    proceed_reason: str = "",
    dates_confirmed: bool = False,
    request=None,
    today: date | None = None,
) -> PipVersion:
    """Issue 13 (four eyes): the consultant establishes the draft, but its beschikking is
    only made once a mandated user approved it (`pip_approve`). Every check of establishing
    runs now, with today as the planned dagtekening; the version no longer changes."""
    today = today_or(today)
    planned_made_known_on = planned_made_known_on or today
    with case_change(version.pip.inburgeraar, by=by, request=request, today=today) as change:
        locked = change.lock(PipVersion, pk=version.pk, pip__inburgeraar=change.case)
        if not locked.is_draft:
            raise ValidationError(_("Deze versie is al vastgesteld of vervallen."))
        _previous, missing = _preconditions(
            change,
            locked,
            on=today,
            planned_made_known_on=planned_made_known_on,
            proceed_reason=proceed_reason,
            today=today,
            dates_confirmed=dates_confirmed,
        )
        history = change.update(
            locked,
            {
                "status": VersionStatus.AWAITING_APPROVAL,
                "submitted_at": timezone.now(),
                "submitted_by": by,
                "requested_made_known_on": planned_made_known_on,
                "missing_prerequisites": missing,
                "proceed_reason": proceed_reason.strip() if missing else "",
            },
            fields=SUBMIT_FIELDS,
        )
        change.timeline(
            KIND_APPROVAL,
            _("PIP versie %(n)s ter goedkeuring aangeboden.") % {"n": locked.number},
            source=SOURCE,
        )
        change.audit("pip_submitted_for_approval", obj=locked, changes=history)
    version.status = locked.status
    return locked


def pip_approve(
    *,
    version: PipVersion,
    by: User,
    planned_made_known_on: date | None = None,
    dates_confirmed: bool = False,
    request=None,
    render: bool = True,
    today: date | None = None,
) -> Beschikking:
    """Issue 13 (four eyes): a mandated user other than the one who offered it approves the
    version; the beschikking is issued now, with today as its dagtekening and the approver
    and time printed under the mandate. The dispatch date is the one asked for, or today
    when that has passed. The consultant stays the one who established it."""
    today = today_or(today)
    with case_change(version.pip.inburgeraar, by=by, request=request, today=today) as change:
        locked = change.lock(PipVersion, pk=version.pk, pip__inburgeraar=change.case)
        if not locked.is_awaiting_approval:
            raise ValidationError(_("Deze versie wacht niet (meer) op goedkeuring."))
        if not may_approve(by):
            raise ValidationError(_("U heeft geen mandaat om beschikkingen goed te keuren."))
        if locked.submitted_by_id == by.pk:
            raise ValidationError(
                _("Vier ogen: een ander dan wie het PIP aanbood, keurt de beschikking goed.")
            )
        planned = planned_made_known_on or max(locked.requested_made_known_on or today, today)
        previous, missing = _preconditions(
            change,
            locked,
            on=today,
            planned_made_known_on=planned,
            proceed_reason=locked.proceed_reason,
            today=today,
            dates_confirmed=dates_confirmed,
        )
        beschikking = _issue(
            change,
            locked,
            established_by=locked.submitted_by,
            on=today,
            planned_made_known_on=planned,
            previous=previous,
            missing=missing,
            proceed_reason=locked.proceed_reason,
            approved_by=by,
            request=request,
            today=today,
            render=render,
        )
    version.status = locked.status
    version.dagtekening = today
    return beschikking


def pip_approval_refuse(
    *, version: PipVersion, by: User, reason: str, request=None, today: date | None = None
) -> PipVersion:
    """Issue 13 (four eyes): the approver sends the version back; it is a draft again, and
    the reason stays in the timeline and the audit trail."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan wat er moet veranderen.")})
    with case_change(version.pip.inburgeraar, by=by, request=request, today=today) as change:
        locked = change.lock(PipVersion, pk=version.pk, pip__inburgeraar=change.case)
        if not locked.is_awaiting_approval:
            raise ValidationError(_("Deze versie wacht niet (meer) op goedkeuring."))
        if not may_approve(by):
            raise ValidationError(_("U heeft geen mandaat om beschikkingen goed te keuren."))
        history = change.update(
            locked,
            {"status": VersionStatus.DRAFT, "submitted_at": None, "submitted_by": None},
            fields=["status", "submitted_at", "submitted_by"],
        )
        change.timeline(
            KIND_APPROVAL,
            _("PIP versie %(n)s niet goedgekeurd; terug naar concept.") % {"n": locked.number},
            detail=reason.strip(),
            source=SOURCE,
        )
        change.audit("pip_approval_refused", obj=locked, changes=history)
    version.status = locked.status
    return locked


def _issue(
    change,
    locked: PipVersion,
    *,
    established_by: User,
    on: date,
    planned_made_known_on: date,
    previous: PipVersion | None,
    missing: list[str],
    proceed_reason: str,
    approved_by: User | None = None,
    request=None,
    today: date,
    render: bool,
) -> Beschikking:
    """Establish `locked` and issue its beschikking inside the unit of work `change`."""
    inburgeraar = change.case
    pip = locked.pip
    is_first = previous is None
    by = approved_by or established_by
    approved_at = timezone.now() if approved_by is not None else None
    # REQ L-03: a contract (and so a price) only where the college buys the course.
    buys = college_offers_course(inburgeraar.doelgroep)
    contract = (
        contract_for(provider_id=locked.provider_id, route_id=locked.route_id, on=on)
        if locked.provider_id and buys
        else None
    )
    term_start = on if is_first else first_dagtekening(pip)
    months, until = granted_extensions(pip)
    kenmerk = make_kenmerk(
        gemeente=inburgeraar.gemeente, dagtekening=on, pip_id=pip.pk, number=locked.number
    )
    replaced = locked.replaces.beschikking if locked.replaces_id else None
    snapshot = build_snapshot(
        locked,
        inburgeraar=inburgeraar,
        dagtekening=on,
        kenmerk=kenmerk,
        planned_made_known_on=planned_made_known_on,
        term_dagtekening=term_start,
        extension_months=months,
        extended_until=until,
        previous=previous,
        approved_by=approved_by,
        approved_at=approved_at,
        approved_on=on,
        replaces=replaced,
    )
    values = {
        "status": VersionStatus.ESTABLISHED,
        "dagtekening": on,
        "established_at": timezone.now(),
        "established_by": established_by,
        "contract": contract,
        "missing_prerequisites": missing,
        "proceed_reason": proceed_reason.strip() if missing else "",
    }
    fields = ESTABLISH_FIELDS
    if approved_by is not None:
        values |= {"approved_at": approved_at, "approved_by": approved_by}
        fields = (*ESTABLISH_FIELDS, "approved_at", "approved_by")
    history = change.update(locked, values, fields=fields)
    beschikking = documents.issue(
        Beschikking,
        render=False,  # queued below, by `_queue`
        version=locked,
        kenmerk=kenmerk,
        dagtekening=on,
        planned_made_known_on=planned_made_known_on,
        objection_last_day=objection_last_day(planned_made_known_on),
        snapshot=snapshot,
    )
    DuoRegistration.objects.create(version=locked)
    if replaced is not None:
        _withdraw(change, replaced, replacement=beschikking, by=by, reason=locked)
    phase_changed = False
    if is_first:
        first_day = term_first_day(term_start)
        last_day = term_last_day(term_start, extension_months=months, extended_until=until)
        reason = _(
            "PIP vastgesteld op %(date)s (kenmerk %(kenmerk)s); de inburgeringstermijn "
            "loopt van %(first)s tot en met %(last)s."
        ) % {
            "date": fmt(on),
            "kenmerk": kenmerk,
            "first": fmt(first_day),
            "last": fmt(last_day),
        }
        for from_phases, to_phase in (
            ((Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS), Phase.PIP),
            ((Phase.PIP,), Phase.INBURGERINGSTERMIJN),
        ):
            if inburgeraar.phase in from_phases:
                inburgeraar_change_phase(
                    inburgeraar=inburgeraar,
                    to_phase=to_phase,
                    by=by,
                    reason=reason,
                    request=request,
                    today=today,
                    by_service=True,  # REQ D-06: the PIP's dagtekening is the fact
                )
                phase_changed = True
    if locked.route_id and locked.provider_id and buys:
        # REQ L-04: the leerroute of the plan goes on administratie's DLP worklist; REQ
        # L-03: only a course the college buys.
        from learning_routes.services import enrolment_for_plan

        enrolment_for_plan(
            inburgeraar=inburgeraar,
            route=locked.route,
            provider=locked.provider,
            by=by,
            on=on,
        )
    summary = _("PIP versie %(n)s vastgesteld (kenmerk %(kenmerk)s).") % {
        "n": locked.number,
        "kenmerk": kenmerk,
    }
    if approved_by is not None:
        summary = _(
            "PIP versie %(n)s goedgekeurd door %(name)s en vastgesteld (kenmerk %(kenmerk)s)."
        ) % {"n": locked.number, "name": approved_by, "kenmerk": kenmerk}
    change.timeline(
        KIND_ESTABLISHED,
        summary,
        detail=locked.reason_explanation if not is_first else "",
        source=SOURCE,
    )
    change.audit("pip_approved" if approved_by else "pip_established", obj=locked, changes=history)
    if not phase_changed:
        # REQ D-05 … D-08: facts changed. A phase change recomputes after the commit
        # already (cases.services), and it sees this version: no second recompute.
        change.facts_changed()
    if render:

        def _queue():
            # The decision is committed; a broker outage or a rendering error must not
            # undo or hide that (queue_render logs it). The download renders the PDF
            # when it is still missing.
            documents.queue_render(beschikking)

        transaction.on_commit(_queue)
    return beschikking


def _withdraw(change, old: Beschikking, *, replacement: Beschikking, by: User, reason) -> None:
    """Issue 13: herroepen en vervangen. The old beschikking stays stored and downloadable,
    marked withdrawn and pointing at its replacement; its bezwaartermijn drops out of the
    deadlines (REQ D-15: the replacement's counts). The term does not restart (Wi 11 lid 3):
    the first version's dagtekening is untouched."""
    locked = change.lock(Beschikking, pk=old.pk, version__pip__inburgeraar=change.case)
    if locked.is_withdrawn:
        raise ValidationError(_("Deze beschikking is al herroepen."))
    history = change.update(
        locked,
        {
            "withdrawn_at": timezone.now(),
            "withdrawn_by": by,
            "withdrawal_reason": reason.reason_explanation,
            "replaced_by": replacement,
        },
        fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "replaced_by"],
    )
    change.timeline(
        KIND_WITHDRAWN,
        _("Beschikking %(old)s herroepen en vervangen door %(new)s.")
        % {"old": locked.kenmerk, "new": replacement.kenmerk},
        detail=reason.reason_explanation,
        source=SOURCE,
    )
    change.audit("beschikking_withdrawn", obj=locked, changes=history)
    old.withdrawn_at = locked.withdrawn_at
