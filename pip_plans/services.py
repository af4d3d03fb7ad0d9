"""Writes of the PIP (REQ P-01 … P-06, D-06, D-07, D-15, C-04, C-08).

Each service is one atomic block with its timeline event and audit event (STYLE.md);
side effects (rendering the PDF) are scheduled with `transaction.on_commit`.
"""

import hashlib
import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import audit, timeline
from cases.constants import CLOSED_PHASES, Phase
from cases.dates import format_date
from cases.deadlines.services import deadlines_schedule_recompute
from cases.models import Inburgeraar, User
from cases.pdf import render_pdf
from cases.services import inburgeraar_change_phase
from learning_routes.selectors import contract_for

from . import prerequisites
from .constants import (
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    MadeKnownHow,
    RevisionReason,
    VersionStatus,
)
from .models import Beschikking, DuoRegistration, Pip, PipVersion, ProgressTalk, TermExtension
from .rules import THEME_FIELDS, completeness_errors, theme_errors
from .snapshot import build_snapshot, letter_context, make_kenmerk
from .term import (
    extension_request_opens_on,
    objection_last_day,
    term_first_day,
    term_last_day,
)

logger = logging.getLogger("hbel.pip_plans")

SOURCE = "pip_plans"
LETTER_TEMPLATE = "pip_plans/beschikking_pdf.html"

# Timeline kinds of this app (labels registered in apps.py).
KIND_DRAFT = "pip_draft_started"
KIND_DISCARDED = "pip_draft_discarded"
KIND_ESTABLISHED = "pip_established"
KIND_MADE_KNOWN = "beschikking_made_known"
KIND_TALK = "progress_talk"
KIND_EXTENSION = "term_extension"
KIND_DUO = "duo_registered"

# Copied from the previous version into a new draft (REQ P-04: a revision starts from it).
_COPIED = tuple(f for fields in THEME_FIELDS.values() for f in fields if f != "reason_explanation")


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


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _fmt(day: date) -> str:
    """Dates in reasons and messages as everywhere else: "3 maart 2026" (issue 11)."""
    return format_date(day)


def _check_open(inburgeraar: Inburgeraar) -> None:
    if inburgeraar.phase in CLOSED_PHASES:
        raise ValidationError(_("Dit dossier is afgesloten; het PIP kan niet meer veranderen."))


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- reads used by the writes ------------------------------------------------------------


def latest_established(pip: Pip) -> PipVersion | None:
    return (
        pip.versions.filter(status=VersionStatus.ESTABLISHED)
        .select_related("route", "beschikking")
        .order_by("-number")
        .first()
    )


def first_dagtekening(pip: Pip) -> date | None:
    """REQ D-06: the term hangs on the first established version's dagtekening."""
    first = (
        pip.versions.filter(status=VersionStatus.ESTABLISHED)
        .order_by("number")
        .values_list("dagtekening", flat=True)
        .first()
    )
    return first


def granted_extensions(pip: Pip) -> tuple[int, date | None]:
    """REQ D-07: months granted in total, and the last day DUO stated in its latest grant."""
    granted = pip.extensions.filter(status=ExtensionStatus.GRANTED)
    months = granted.aggregate(total=Sum("months"))["total"] or 0
    until = (
        granted.exclude(new_last_day__isnull=True)
        .order_by("-decided_on", "-id")
        .values_list("new_last_day", flat=True)
        .first()
    )
    return months, until


def current_term(pip: Pip) -> tuple[date, date] | None:
    """(first day, last day) of the term including granted extensions, or None."""
    start = first_dagtekening(pip)
    if start is None:
        return None
    months, until = granted_extensions(pip)
    return term_first_day(start), term_last_day(
        start, extension_months=months, extended_until=until
    )


# --- drafts ------------------------------------------------------------------------------


def pip_draft_start(
    *,
    inburgeraar: Inburgeraar,
    by: User,
    reason: str = RevisionReason.FIRST,
    explanation: str = "",
    progress_talk: ProgressTalk | None = None,
    request=None,
) -> PipVersion:
    """Start a draft version (REQ P-01, P-04).

    The first version starts empty (with the case's consultant as contact person); a
    revision starts as a copy of the latest established version and needs a reason other
    than 'eerste vaststelling'. There is at most one draft at a time.
    """
    _check_open(inburgeraar)
    if reason not in RevisionReason.values:
        raise ValidationError({"reason": _("Kies de aanleiding.")})
    with transaction.atomic():
        # Serialise PIP creation per case.
        Inburgeraar.objects.select_for_update(of=("self",)).only("pk").get(pk=inburgeraar.pk)
        pip, _created = Pip.objects.get_or_create(
            inburgeraar=inburgeraar, defaults={"created_by": by}
        )
        draft = pip.versions.filter(status=VersionStatus.DRAFT).first()
        if draft is not None:
            raise ValidationError(
                _("Er is al een concept (versie %(n)s); werk dat bij of laat het vervallen.")
                % {"n": draft.number}
            )
        previous = latest_established(pip)
        if previous is None and reason != RevisionReason.FIRST:
            raise ValidationError(
                {"reason": _("Er is nog geen vastgesteld PIP; dit wordt de eerste vaststelling.")}
            )
        if previous is not None and reason == RevisionReason.FIRST:
            raise ValidationError(
                {"reason": _("Het PIP is al vastgesteld; kies de aanleiding van de wijziging.")}
            )
        number = (pip.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = PipVersion(
            pip=pip,
            number=number,
            reason=reason,
            reason_explanation=explanation,
            progress_talk=progress_talk,
            created_by=by,
        )
        if previous is not None:
            for field in _COPIED:
                setattr(version, field, getattr(previous, field))
        else:
            version.contact_person = inburgeraar.consultant
        version.save()
        summary = (
            _("PIP-concept gestart (versie %(n)s).") % {"n": number}
            if previous is None
            else _("Wijziging van het PIP gestart (versie %(n)s): %(reason)s.")
            % {"n": number, "reason": RevisionReason(reason).label}
        )
        timeline.add_event(
            inburgeraar=inburgeraar,
            kind=KIND_DRAFT,
            summary=summary,
            detail=explanation,
            by=by,
            source=SOURCE,
        )
        audit.pip_draft_started(
            version=version, inburgeraar_id=inburgeraar.pk, by=by, request=request
        )
    return version


def pip_version_update(
    *,
    version: PipVersion,
    theme: str,
    data: dict,
    by: User,
    request=None,
    today: date | None = None,
) -> list[str]:
    """Save one theme of a draft (REQ P-01). Established versions never change (REQ P-04).

    Consistency rules are checked against today's date as the planned PIP date; they are
    checked again on the dagtekening when establishing. Returns the changed field names.
    """
    today = _today(today)
    if theme not in THEME_FIELDS:
        raise ValidationError(_("Onbekend onderdeel van het PIP."))
    with transaction.atomic():
        locked = (
            PipVersion.objects.select_for_update(of=("self",))
            .select_related("pip__inburgeraar", "route")
            .get(pk=version.pk)
        )
        inburgeraar = locked.pip.inburgeraar
        _check_open(inburgeraar)
        if not locked.is_draft:
            raise ValidationError(
                _("Versie %(n)s is vastgesteld en verandert niet meer; maak een nieuwe versie.")
                % {"n": locked.number}
            )
        history: dict[str, tuple[str, str]] = {}
        for field in THEME_FIELDS[theme]:
            if field not in data:
                continue
            old, new = getattr(locked, field), data[field]
            if isinstance(new, str):
                new = new.strip()
            if old != new:
                history[field] = (_as_text(old), _as_text(new))
                setattr(locked, field, new)
        if not history:
            return []
        previous = latest_established(locked.pip)
        errors = theme_errors(locked, theme, inburgeraar=inburgeraar, on=today, previous=previous)
        if errors:
            raise ValidationError(errors)
        locked.save(update_fields=[*history, "updated_at"])
        audit.pip_draft_updated(
            version=locked, inburgeraar_id=inburgeraar.pk, by=by, request=request
        )
        audit.field_changes(obj=locked, inburgeraar_id=inburgeraar.pk, by=by, changes=history)
    for field in history:
        setattr(version, field, getattr(locked, field))
    return list(history)


def pip_draft_discard(*, version: PipVersion, by: User, reason: str, request=None) -> PipVersion:
    """Drop a draft that will not be established (nothing is deleted: REQ P-04)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom het concept vervalt.")})
    with transaction.atomic():
        locked = (
            PipVersion.objects.select_for_update(of=("self",))
            .select_related("pip__inburgeraar")
            .get(pk=version.pk)
        )
        if not locked.is_draft:
            raise ValidationError(_("Alleen een concept kan vervallen."))
        locked.status = VersionStatus.DISCARDED
        locked.save(update_fields=["status", "updated_at"])
        inburgeraar = locked.pip.inburgeraar
        timeline.add_event(
            inburgeraar=inburgeraar,
            kind=KIND_DISCARDED,
            summary=_("PIP-concept versie %(n)s is vervallen.") % {"n": locked.number},
            detail=reason,
            by=by,
            source=SOURCE,
        )
        audit.pip_draft_discarded(
            version=locked, inburgeraar_id=inburgeraar.pk, by=by, request=request
        )
    version.status = locked.status
    return locked


# --- establishing and the beschikking ----------------------------------------------------


def establish_blockers(version: PipVersion, *, on: date) -> list[str]:
    """REQ P-01, L-02, L-06: what must still be filled in before establishing on `on`."""
    inburgeraar = version.pip.inburgeraar
    return completeness_errors(
        version, inburgeraar=inburgeraar, on=on, previous=latest_established(version.pip)
    )


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
      contract (and price) in force is recorded.
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
    today = _today(today)
    on = on or today
    planned_made_known_on = planned_made_known_on or on
    with transaction.atomic():
        locked = (
            PipVersion.objects.select_for_update(of=("self",))
            .select_related(
                "pip__inburgeraar__gemeente",
                "pip__inburgeraar__consultant",
                "route",
                "provider",
                "contact_person",
            )
            .get(pk=version.pk)
        )
        pip = locked.pip
        inburgeraar = (
            Inburgeraar.objects.select_for_update(of=("self",))
            .select_related("gemeente")
            .get(pk=pip.inburgeraar_id)
        )
        _check_open(inburgeraar)
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
                    % {"date": _fmt(previous.dagtekening)}
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
        blockers = completeness_errors(locked, inburgeraar=inburgeraar, on=on, previous=previous)
        if blockers:
            raise ValidationError(blockers)
        missing: list[str] = []
        if is_first:
            missing = prerequisites.missing_prerequisites(inburgeraar)
            if missing and not proceed_reason.strip():
                raise PrerequisitesMissing(missing)
        contract = (
            contract_for(provider_id=locked.provider_id, route_id=locked.route_id, on=on)
            if locked.provider_id
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
        locked.status = VersionStatus.ESTABLISHED
        locked.dagtekening = on
        locked.established_at = timezone.now()
        locked.established_by = by
        locked.contract = contract
        locked.missing_prerequisites = missing
        locked.proceed_reason = proceed_reason.strip() if missing else ""
        locked.save(
            update_fields=[
                "status",
                "dagtekening",
                "established_at",
                "established_by",
                "contract",
                "missing_prerequisites",
                "proceed_reason",
                "updated_at",
            ]
        )
        beschikking = Beschikking.objects.create(
            version=locked,
            kenmerk=kenmerk,
            dagtekening=on,
            planned_made_known_on=planned_made_known_on,
            objection_last_day=objection_last_day(planned_made_known_on),
            snapshot=snapshot,
        )
        DuoRegistration.objects.create(version=locked)
        first_day = term_first_day(term_start)
        last_day = term_last_day(term_start, extension_months=months, extended_until=until)
        if is_first:
            reason = _(
                "PIP vastgesteld op %(date)s (kenmerk %(kenmerk)s); de inburgeringstermijn "
                "loopt van %(first)s tot en met %(last)s."
            ) % {
                "date": _fmt(on),
                "kenmerk": kenmerk,
                "first": _fmt(first_day),
                "last": _fmt(last_day),
            }
            if inburgeraar.phase in (Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS):
                inburgeraar_change_phase(
                    inburgeraar=inburgeraar,
                    to_phase=Phase.PIP,
                    by=by,
                    reason=reason,
                    request=request,
                    today=today,
                )
            if inburgeraar.phase == Phase.PIP:
                inburgeraar_change_phase(
                    inburgeraar=inburgeraar,
                    to_phase=Phase.INBURGERINGSTERMIJN,
                    by=by,
                    reason=reason,
                    request=request,
                    today=today,
                )
        if locked.route_id and locked.provider_id:
            # REQ L-04: the leerroute of the plan goes on administratie's DLP worklist.
            from learning_routes.services import enrolment_for_plan

            enrolment_for_plan(
                inburgeraar=inburgeraar,
                route=locked.route,
                provider=locked.provider,
                by=by,
                on=on,
            )
        timeline.add_event(
            inburgeraar=inburgeraar,
            kind=KIND_ESTABLISHED,
            summary=_("PIP versie %(n)s vastgesteld (kenmerk %(kenmerk)s).")
            % {"n": locked.number, "kenmerk": kenmerk},
            detail=locked.reason_explanation if not is_first else "",
            by=by,
            source=SOURCE,
        )
        audit.pip_established(version=locked, inburgeraar_id=inburgeraar.pk, by=by, request=request)
        deadlines_schedule_recompute(inburgeraar.pk)  # REQ D-05 … D-08: facts changed
        if render:
            beschikking_id = beschikking.pk

            def _queue():
                from .tasks import render_beschikking_pdf

                # The decision is committed; a broker outage or a rendering error must not
                # undo or hide that. The download renders the PDF when it is still missing.
                try:
                    render_beschikking_pdf.delay(beschikking_id)
                except Exception:
                    logger.exception(
                        "beschikking %s: PDF not rendered now, it will be at the first download",
                        beschikking_id,
                    )

            transaction.on_commit(_queue)
    version.status = locked.status
    version.dagtekening = on
    return beschikking


def beschikking_render(*, beschikking_id: int) -> Beschikking | None:
    """Render and store the PDF of a beschikking from its snapshot (REQ P-03).

    Idempotent: returns at once when the PDF exists (a rerun, a second worker, or the
    download that got there first). None when the beschikking no longer exists (purged).
    """
    with transaction.atomic():
        beschikking = (
            Beschikking.objects.select_for_update(of=("self",))
            .select_related("version__pip")
            .filter(pk=beschikking_id)
            .first()
        )
        if beschikking is None or beschikking.is_rendered:
            return beschikking
        content = render_pdf(LETTER_TEMPLATE, {"b": letter_context(beschikking.snapshot)})
        beschikking.pdf.save("beschikking.pdf", ContentFile(content), save=False)
        try:
            beschikking.sha256 = hashlib.sha256(content).hexdigest()
            beschikking.rendered_at = timezone.now()
            beschikking.save(update_fields=["pdf", "sha256", "rendered_at"])
            audit.beschikking_rendered(
                beschikking=beschikking, inburgeraar_id=beschikking.version.pip.inburgeraar_id
            )
        except Exception:
            beschikking.pdf.storage.delete(beschikking.pdf.name)
            raise
    return beschikking


def beschikking_pdf_bytes(beschikking: Beschikking) -> bytes:
    """The stored PDF, rendered first when it was not made yet; checked against its hash."""
    if not beschikking.is_rendered:
        beschikking = beschikking_render(beschikking_id=beschikking.pk)
    with beschikking.pdf.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != beschikking.sha256:
        raise ValidationError(_("Het opgeslagen PDF-bestand klopt niet met de vastgelegde hash."))
    return content


def beschikking_record_made_known(
    *,
    beschikking: Beschikking,
    made_known_on: date,
    how: str,
    by: User,
    request=None,
    today: date | None = None,
) -> Beschikking:
    """REQ D-15: record when (and how) the beschikking was made known; the bezwaartermijn
    counts from the day after. A correction keeps the old value in the field history."""
    today = _today(today)
    errors = {}
    if made_known_on < beschikking.dagtekening:
        errors["made_known_on"] = _("Deze datum ligt vóór de dagtekening (%(date)s).") % {
            "date": _fmt(beschikking.dagtekening)
        }
    elif made_known_on > today:
        errors["made_known_on"] = _("Deze datum kan niet in de toekomst liggen.")
    if how not in MadeKnownHow.values:
        errors["how"] = _("Kies hoe de beschikking bekend is gemaakt.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = (
            Beschikking.objects.select_for_update(of=("self",))
            .select_related("version__pip__inburgeraar")
            .get(pk=beschikking.pk)
        )
        history = {}
        if locked.made_known_on != made_known_on:
            history["made_known_on"] = (_as_text(locked.made_known_on), _as_text(made_known_on))
        if locked.made_known_how != how:
            history["made_known_how"] = (locked.made_known_how, how)
        if not history:
            return locked
        locked.made_known_on = made_known_on
        locked.made_known_how = how
        locked.made_known_recorded_by = by
        locked.save(update_fields=["made_known_on", "made_known_how", "made_known_recorded_by"])
        inburgeraar_id = locked.version.pip.inburgeraar_id
        timeline.add_event(
            inburgeraar=locked.version.pip.inburgeraar,
            kind=KIND_MADE_KNOWN,
            summary=_(
                "Beschikking %(kenmerk)s bekendgemaakt op %(date)s (%(how)s); bezwaar kan tot "
                "en met %(last)s."
            )
            % {
                "kenmerk": locked.kenmerk,
                "date": _fmt(made_known_on),
                "how": MadeKnownHow(how).label.lower(),
                "last": _fmt(objection_last_day(made_known_on)),
            },
            by=by,
            source=SOURCE,
        )
        audit.beschikking_made_known(
            beschikking=locked, inburgeraar_id=inburgeraar_id, by=by, request=request
        )
        audit.field_changes(obj=locked, inburgeraar_id=inburgeraar_id, by=by, changes=history)
        deadlines_schedule_recompute(inburgeraar_id)  # REQ D-15: the bezwaartermijn starts
    beschikking.made_known_on = made_known_on
    beschikking.made_known_how = how
    return locked


# --- progress talks ----------------------------------------------------------------------


def progress_talk_record(
    *,
    pip: Pip,
    held_on: date,
    attendees: list[str],
    findings: str,
    by: User,
    attendees_other: str = "",
    revision_needed: bool = False,
    revision_reason: str = "",
    request=None,
    today: date | None = None,
) -> ProgressTalk:
    """REQ P-06 / D-08: record a voortgangsgesprek during the term.

    'Revision needed' starts a new draft version with the talk as its reason (REQ P-04);
    when a draft already exists, the talk is linked to it instead of starting a second one.
    """
    today = _today(today)
    start = first_dagtekening(pip)
    errors: dict[str, str] = {}
    if start is None:
        raise ValidationError(
            _("Voortgangsgesprekken horen bij een vastgesteld PIP; stel eerst het PIP vast.")
        )
    if held_on > today:
        errors["held_on"] = _("Een gesprek dat nog moet plaatsvinden, legt u achteraf vast.")
    elif held_on < start:
        errors["held_on"] = _("Het gesprek ligt vóór de vaststelling van het PIP (%(date)s).") % {
            "date": _fmt(start)
        }
    attendees = [a for a in Attendee.values if a in attendees]
    if not attendees:
        errors["attendees"] = _("Kruis aan wie bij het gesprek waren.")
    if Attendee.OTHER in attendees and not attendees_other.strip():
        errors["attendees_other"] = _("Vul in wie er nog meer bij het gesprek was.")
    if not findings.strip():
        errors["findings"] = _("Vul de bevindingen van het gesprek in.")
    if revision_needed and not revision_reason.strip():
        errors["revision_reason"] = _("Beschrijf wat er in het PIP moet veranderen.")
    if errors:
        raise ValidationError(errors)
    inburgeraar = pip.inburgeraar
    _check_open(inburgeraar)
    with transaction.atomic():
        talk = ProgressTalk.objects.create(
            pip=pip,
            held_on=held_on,
            attendees=attendees,
            attendees_other=attendees_other.strip() if Attendee.OTHER in attendees else "",
            findings=findings.strip(),
            revision_needed=revision_needed,
            revision_reason=revision_reason.strip() if revision_needed else "",
            recorded_by=by,
        )
        kind_label = _("3-gesprek") if talk.is_three_way else _("Voortgangsgesprek")
        timeline.add_event(
            inburgeraar=inburgeraar,
            kind=KIND_TALK,
            summary=_("%(kind)s op %(date)s vastgelegd%(revision)s.")
            % {
                "kind": kind_label,
                "date": _fmt(held_on),
                "revision": _("; het PIP moet worden herzien") if revision_needed else "",
            },
            by=by,
            source=SOURCE,
        )
        audit.progress_talk_recorded(
            talk=talk, inburgeraar_id=inburgeraar.pk, by=by, request=request
        )
        deadlines_schedule_recompute(inburgeraar.pk)  # REQ P-06: the next talk is due later
        if revision_needed:
            draft = (
                pip.versions.select_for_update(of=("self",))
                .filter(status=VersionStatus.DRAFT)
                .first()
            )
            if draft is None:
                pip_draft_start(
                    inburgeraar=inburgeraar,
                    by=by,
                    reason=RevisionReason.PROGRESS_TALK,
                    explanation=talk.revision_reason,
                    progress_talk=talk,
                    request=request,
                )
            elif draft.progress_talk_id is None:
                draft.progress_talk = talk
                draft.save(update_fields=["progress_talk", "updated_at"])
    return talk


# --- extensions of the term (REQ D-07) ---------------------------------------------------


def term_extension_record_request(
    *,
    pip: Pip,
    initiative: str,
    ground: str,
    by: User,
    requested_on: date | None = None,
    ground_explanation: str = "",
    request=None,
    today: date | None = None,
) -> TermExtension:
    """REQ D-07: record a request for extension (or that DUO extends of its own accord).

    DUO decides; the app records. A request can be filed from six months before the last
    day of the term up to that day; one request is open at a time.
    """
    today = _today(today)
    term = current_term(pip)
    if term is None:
        raise ValidationError(_("Er is nog geen vastgesteld PIP, dus ook geen termijn."))
    _first, last_day = term
    errors: dict[str, str] = {}
    if initiative not in ExtensionInitiative.values:
        errors["initiative"] = _("Kies of het een aanvraag is of een ambtshalve verlenging.")
    if ground not in ExtensionGround.values:
        errors["ground"] = _("Kies de grond voor de verlenging.")
    if initiative == ExtensionInitiative.REQUEST:
        opens = extension_request_opens_on(last_day)
        if requested_on is None:
            errors["requested_on"] = _("Vul de datum van de aanvraag in.")
        elif requested_on > today:
            errors["requested_on"] = _("De aanvraagdatum kan niet in de toekomst liggen.")
        elif requested_on < opens:
            errors["requested_on"] = _(
                "Een verlenging kan pas worden aangevraagd vanaf zes maanden vóór het einde "
                "van de termijn: vanaf %(date)s."
            ) % {"date": _fmt(opens)}
        elif requested_on > last_day:
            errors["requested_on"] = _(
                "De termijn is op %(date)s geëindigd; een aanvraag moet vóór het einde binnen zijn."
            ) % {"date": _fmt(last_day)}
    if errors:
        raise ValidationError(errors)
    if pip.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
        raise ValidationError(_("Er loopt al een aanvraag; leg eerst het besluit van DUO vast."))
    with transaction.atomic():
        extension = TermExtension.objects.create(
            pip=pip,
            initiative=initiative,
            requested_on=requested_on,
            ground=ground,
            ground_explanation=ground_explanation.strip(),
            recorded_by=by,
        )
        timeline.add_event(
            inburgeraar=pip.inburgeraar,
            kind=KIND_EXTENSION,
            summary=_("Verlenging van de inburgeringstermijn vastgelegd: %(initiative)s.")
            % {"initiative": ExtensionInitiative(initiative).label.lower()},
            detail=ground_explanation,
            by=by,
            source=SOURCE,
        )
        audit.term_extension_recorded(
            extension=extension, inburgeraar_id=pip.inburgeraar_id, by=by, request=request
        )
        deadlines_schedule_recompute(pip.inburgeraar_id)  # REQ D-07: request recorded
    return extension


def term_extension_decide(
    *,
    extension: TermExtension,
    status: str,
    decided_on: date,
    by: User,
    months: int | None = None,
    new_last_day: date | None = None,
    duo_reference: str = "",
    decision_notes: str = "",
    request=None,
    today: date | None = None,
) -> TermExtension:
    """REQ D-07: record DUO's decision. A grant needs its months; the new last day DUO
    states in its decision, when given, must lie after the current last day."""
    today = _today(today)
    errors: dict[str, str] = {}
    if status not in (ExtensionStatus.GRANTED, ExtensionStatus.REFUSED):
        errors["status"] = _("Kies of DUO de verlenging heeft verleend of afgewezen.")
    if decided_on > today:
        errors["decided_on"] = _("De besluitdatum kan niet in de toekomst liggen.")
    elif extension.requested_on and decided_on < extension.requested_on:
        errors["decided_on"] = _("De besluitdatum ligt vóór de aanvraag.")
    with transaction.atomic():
        locked = (
            TermExtension.objects.select_for_update(of=("self",))
            .select_related("pip__inburgeraar")
            .get(pk=extension.pk)
        )
        if locked.status != ExtensionStatus.REQUESTED:
            raise ValidationError(_("Over deze verlenging is al besloten."))
        pip = locked.pip
        _first, last_day = current_term(pip)
        if status == ExtensionStatus.GRANTED:
            if not months or months < 1:
                errors["months"] = _("Vul in met hoeveel maanden DUO de termijn verlengt.")
            if new_last_day is not None and new_last_day <= last_day:
                errors["new_last_day"] = _(
                    "De nieuwe laatste dag moet na de huidige laatste dag (%(date)s) liggen."
                ) % {"date": _fmt(last_day)}
        else:
            months, new_last_day = None, None
        if errors:
            raise ValidationError(errors)
        locked.status = status
        locked.decided_on = decided_on
        locked.months = months
        locked.new_last_day = new_last_day
        locked.duo_reference = duo_reference.strip()
        locked.decision_notes = decision_notes.strip()
        locked.save(
            update_fields=[
                "status",
                "decided_on",
                "months",
                "new_last_day",
                "duo_reference",
                "decision_notes",
            ]
        )
        if status == ExtensionStatus.GRANTED:
            _new_first, new_last = current_term(pip)
            summary = _(
                "DUO heeft de inburgeringstermijn verlengd met %(months)s maanden, tot en met "
                "%(date)s."
            ) % {"months": months, "date": _fmt(new_last)}
        else:
            summary = _("DUO heeft de verlenging van de inburgeringstermijn afgewezen.")
        timeline.add_event(
            inburgeraar=pip.inburgeraar,
            kind=KIND_EXTENSION,
            summary=summary,
            detail=decision_notes,
            by=by,
            source=SOURCE,
        )
        audit.term_extension_recorded(
            extension=locked, inburgeraar_id=pip.inburgeraar_id, by=by, request=request
        )
        deadlines_schedule_recompute(pip.inburgeraar_id)  # REQ D-07: the term may move
    return locked


# --- DUO registration (REQ C-08) -----------------------------------------------------------


def duo_registration_done(
    *,
    registration: DuoRegistration,
    done_on: date,
    by: User,
    note: str = "",
    request=None,
    today: date | None = None,
) -> DuoRegistration:
    """REQ C-08: administratie reported the established PIP to DUO, on a date, by a name."""
    today = _today(today)
    with transaction.atomic():
        locked = (
            DuoRegistration.objects.select_for_update(of=("self",))
            .select_related("version__pip__inburgeraar")
            .get(pk=registration.pk)
        )
        if locked.is_done:
            raise ValidationError(
                _("Deze registratie is al afgehandeld op %(date)s.")
                % {"date": _fmt(locked.done_on)}
            )
        if done_on > today:
            raise ValidationError({"done_on": _("De datum kan niet in de toekomst liggen.")})
        if done_on < locked.version.dagtekening:
            raise ValidationError(
                {
                    "done_on": _("De datum ligt vóór de vaststelling van het PIP (%(date)s).")
                    % {"date": _fmt(locked.version.dagtekening)}
                }
            )
        locked.done_on = done_on
        locked.done_by = by
        locked.note = note.strip()
        locked.save(update_fields=["done_on", "done_by", "note"])
        inburgeraar_id = locked.version.pip.inburgeraar_id
        timeline.add_event(
            inburgeraar=locked.version.pip.inburgeraar,
            kind=KIND_DUO,
            summary=_("PIP versie %(n)s op %(date)s bij DUO geregistreerd door %(name)s.")
            % {"n": locked.version.number, "date": _fmt(done_on), "name": by},
            by=by,
            source=SOURCE,
        )
        audit.duo_registration_done(
            registration=locked, inburgeraar_id=inburgeraar_id, by=by, request=request
        )
    registration.done_on, registration.done_by = done_on, by
    return locked
