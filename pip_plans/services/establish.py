"""Establishing a draft and issuing its beschikking (REQ P-02, P-03, P-04, D-06, C-04, C-08)."""

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
from ..rules import completeness_errors
from ..snapshot import build_snapshot, make_kenmerk
from ..term import objection_last_day, term_first_day, term_last_day
from ._common import KIND_ESTABLISHED, SOURCE, fmt, today_or
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


def pip_establish(
    *,
    version: PipVersion,
    by: User,
    on: date | None = None,
    proceed_reason: str = "",
    planned_made_known_on: date | None = None,
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
        inburgeraar = change.case
        locked = change.lock(PipVersion, pk=version.pk, pip__inburgeraar=inburgeraar)
        pip = locked.pip
        if not locked.is_draft:
            raise ValidationError(_("Deze versie is al vastgesteld of vervallen."))
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
        if is_first and inburgeraar.phase == Phase.GEKOPPELD:
            raise ValidationError(
                _(
                    "Het dossier staat nog in de fase Gekoppeld: het PIP volgt op de brede "
                    "intake en de leerbaarheidstoets."
                )
            )
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
        )
        history = change.update(
            locked,
            {
                "status": VersionStatus.ESTABLISHED,
                "dagtekening": on,
                "established_at": timezone.now(),
                "established_by": by,
                "contract": contract,
                "missing_prerequisites": missing,
                "proceed_reason": proceed_reason.strip() if missing else "",
            },
            fields=ESTABLISH_FIELDS,
        )
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
        change.timeline(
            KIND_ESTABLISHED,
            _("PIP versie %(n)s vastgesteld (kenmerk %(kenmerk)s).")
            % {"n": locked.number, "kenmerk": kenmerk},
            detail=locked.reason_explanation if not is_first else "",
            source=SOURCE,
        )
        change.audit("pip_established", obj=locked, changes=history)
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
    version.status = locked.status
    version.dagtekening = on
    return beschikking
