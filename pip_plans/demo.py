"""Demo PIPs for `seed_demo` (synthetic, idempotent): cases in phase PIP get a draft, cases in
the inburgeringstermijn an established PIP with its beschikking, progress talks, now and then
a revision or an extension request, and DUO registrations (the recent ones still open).

Built on the test factories; beschikkingen are issued without rendering the PDF (that happens
at the first download), except for the few ids returned in "render".
"""

import random
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cases.constants import Doelgroep, Phase
from cases.models import Inburgeraar, StatusChange, TimelineEvent

from .constants import (
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    RevisionReason,
)
from .models import DuoRegistration, ProgressTalk, TermExtension
from .term import extension_request_opens_on, term_last_day

RENDER_NOW = 4

FINDINGS = [
    "Komt trouw naar de lessen; de taalaanbieder ziet goede voortgang bij lezen en luisteren.",
    "Spreken gaat langzamer. Afgesproken: extra oefenen met een taalmaatje.",
    "Heeft de KNM-toets gehaald. Volgende stap: werkervaring opdoen via een DOENplek.",
    "Mist regelmatig lessen door afspraken bij instanties; samen een planning gemaakt.",
    "Goed gesprek, ook met de taalaanbieder. Schrijven blijft lastig; extra lesuur afgesproken.",
    "Doet vrijwilligerswerk bij de kringloopwinkel en wil een opleiding in de zorg volgen.",
]


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def seed_pips(*, gemeenten, administratie, today: date | None = None) -> dict:
    from tests.factories import PipVersionFactory, issue_beschikking

    today = today or timezone.localdate()
    cases = (
        Inburgeraar.objects.filter(
            gemeente__in=gemeenten,
            phase__in=[Phase.PIP, Phase.INBURGERINGSTERMIJN],
            pip__isnull=True,
        )
        .select_related("gemeente", "consultant")
        .order_by("pk")
    )
    stats = {"pips": 0, "established": 0, "drafts": 0, "render": []}
    issued = []
    for case in cases:
        stats["pips"] += 1
        if not case.street:
            _give_address(case)
        start = case.registered_on or case.linked_on or today - timedelta(days=120)
        if case.phase == Phase.PIP:
            traits = {"empty": True} if random.random() < 0.35 else {}
            PipVersionFactory(pip__inburgeraar=case, on=today, **traits)
            stats["drafts"] += 1
            continue
        dagtekening = min(start + timedelta(days=random.randint(45, 75)), today - timedelta(days=3))
        route = _route_for(case, dagtekening)
        version = PipVersionFactory(pip__inburgeraar=case, on=dagtekening, **route)
        made_known = dagtekening + timedelta(days=random.choice([1, 1, 2, 3]))
        beschikking = issue_beschikking(
            version, on=dagtekening, made_known_on=made_known if made_known <= today else None
        )
        issued.append(beschikking)
        _align_history(case, start, dagtekening)
        _timeline(case, dagtekening, beschikking.kenmerk, 1)
        stats["established"] += 1
        last_talk = _talks(case, version.pip, dagtekening, today)
        if (
            last_talk is not None
            and last_talk.held_on + timedelta(days=21) < today
            and random.random() < 0.12
        ):
            revised_on = last_talk.held_on + timedelta(days=random.randint(7, 21))
            last_talk.revision_needed = True
            last_talk.revision_reason = "Meer lesuren nodig; intensiteit verhogen."
            last_talk.save(update_fields=["revision_needed", "revision_reason"])
            revision = PipVersionFactory(
                pip=version.pip,
                number=2,
                reason=RevisionReason.PROGRESS_TALK,
                reason_explanation="Na het voortgangsgesprek: meer lesuren per week.",
                progress_talk=last_talk,
                on=revised_on,
                intensity="4 dagdelen per week, in totaal 16 lesuren",
                **route,
            )
            second = issue_beschikking(revision, on=revised_on, made_known_on=None)
            issued.append(second)
            _timeline(case, revised_on, second.kenmerk, 2)
        _extension(case, version.pip, dagtekening, today)
    _registrations(administratie, today, [b.version_id for b in issued])
    # A few of the most recent beschikkingen are rendered now.
    issued.sort(key=lambda b: (b.dagtekening, b.pk), reverse=True)
    stats["render"] = [b.pk for b in issued[:RENDER_NOW]]
    return stats


STREETS = ["Lindenlaan", "Kerkstraat", "Molenweg", "Havenstraat", "Zuiderzeelaan", "Vaartweg"]
POSTCODES = {"Huizen": "127", "Blaricum": "126", "Eemnes": "375", "Laren": "125"}


def _give_address(case: Inburgeraar) -> None:
    """A synthetic address in the case's municipality: the beschikking is sent there."""
    prefix = POSTCODES.get(case.gemeente.name, "999")
    case.street = f"{random.choice(STREETS)} {random.randint(1, 180)}"
    letters = "ABCDEGHJKLMN"
    case.postal_code = (
        f"{prefix}{random.randint(1, 9)} {random.choice(letters)}{random.choice(letters)}"
    )
    case.city = case.gemeente.name
    case.save(update_fields=["street", "postal_code", "city"])


def _route_for(case: Inburgeraar, on: date) -> dict:
    roll = random.random()
    if case.age_on(on) <= 28 and roll < 0.12:
        return {"onderwijsroute": True, "target_level": "B1"}
    if roll > 0.8:
        return {"z_route": True}
    return {}


_ROUTE = [Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS, Phase.PIP, Phase.INBURGERINGSTERMIJN]


def _align_history(case, start: date, dagtekening: date) -> None:
    """The factories spread the phase history up to today; here the term starts on the
    dagtekening of the PIP, so the earlier phases are spread between start and that day."""
    span = max((dagtekening - start).days, len(_ROUTE))
    for step, phase in enumerate(_ROUTE, start=1):
        day = (
            dagtekening
            if phase == Phase.INBURGERINGSTERMIJN
            else (start + timedelta(days=span * step // len(_ROUTE)))
        )
        moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
        StatusChange.objects.filter(inburgeraar=case, to_phase=phase).update(changed_at=moment)
        TimelineEvent.objects.filter(
            inburgeraar=case, kind="phase_changed", summary__endswith=f"naar {phase.label}."
        ).update(occurred_at=moment)


def _timeline(case, day: date, kenmerk: str, number: int) -> None:
    TimelineEvent.objects.create(
        inburgeraar=case,
        kind="pip_established",
        summary=f"PIP versie {number} vastgesteld (kenmerk {kenmerk}).",
        source="pip_plans",
        actor=case.consultant,
        occurred_at=_moment(day),
    )


def _talks(case, pip, dagtekening: date, today: date):
    talk = None
    held_on = dagtekening + relativedelta(months=random.choice([4, 5, 6]))
    while held_on < today:
        attendees = [Attendee.INBURGERAAR, Attendee.CONSULTANT]
        if random.random() < 0.35:
            attendees.append(Attendee.PROVIDER)
        if case.interpreter_needed and random.random() < 0.5:
            attendees.append(Attendee.INTERPRETER)
        talk = ProgressTalk.objects.create(
            pip=pip,
            held_on=held_on,
            attendees=attendees,
            findings=random.choice(FINDINGS),
            recorded_by=case.consultant,
        )
        held_on += relativedelta(months=random.choice([5, 6, 6]))
    return talk


def _extension(case, pip, dagtekening: date, today: date) -> None:
    last_day = term_last_day(dagtekening)
    opens = extension_request_opens_on(last_day)
    if not (opens <= today <= last_day) or random.random() < 0.5:
        return
    requested_on = opens + timedelta(days=random.randint(0, max((today - opens).days, 0)))
    extension = TermExtension(
        pip=pip,
        initiative=ExtensionInitiative.REQUEST,
        requested_on=requested_on,
        ground=ExtensionGround.EFFORT
        if case.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        else ExtensionGround.NOT_TO_BLAME,
        ground_explanation="Alle lessen gevolgd; twee van de vier taalexamens en KNM gehaald.",
        recorded_by=case.consultant,
    )
    decided_on = requested_on + timedelta(weeks=6)
    if decided_on <= today:
        extension.status = ExtensionStatus.GRANTED
        extension.decided_on = decided_on
        extension.months = 6
        extension.duo_reference = f"DUO-VERL-{random.randint(100000, 999999)}"
    extension.save()


def _registrations(administratie, today: date, version_ids: list[int]) -> None:
    """Registrations older than a month were done a few days after the dagtekening."""
    for registration in DuoRegistration.objects.filter(
        version_id__in=version_ids,
        done_on__isnull=True,
        version__dagtekening__lt=today - timedelta(days=30),
    ).select_related("version"):
        registration.done_on = registration.version.dagtekening + timedelta(
            days=random.randint(2, 15)
        )
        registration.done_by = administratie
        registration.note = "Geregistreerd in het DUO-portaal."
        registration.save(update_fields=["done_on", "done_by", "note"])
