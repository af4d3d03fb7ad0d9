"""Demo PIPs for `seed_demo` (synthetic, idempotent): cases in phase PIP get a draft, cases in
the inburgeringstermijn an established PIP with its beschikking, progress talks, now and then
a revision or an extension request, and DUO registrations (the recent ones still open).

Everything goes through the services of this app (draft start and update, establishing,
made-known, progress talks, extensions, DUO registration), each on the day the story says
(`today=` / `on=`). Beschikkingen are issued without rendering the PDF (that happens at the
first download), except for the few ids returned in "render". Demo-only direct writes: the
timeline events are put on those days (`demo.history.dated`) and the phase history is aligned
with the dagtekening (`_align_history`). An established version itself is never changed
(database triggers), so its `established_at` is the moment the demo was seeded.
"""

import random
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cases.constants import Doelgroep, Phase
from cases.models import Inburgeraar, StatusChange, TimelineEvent
from demo.history import dated
from learning_routes.models import LearningRoute
from learning_routes.rules import college_offers_course
from learning_routes.selectors import providers_with_contract

from . import prerequisites
from .constants import (
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    Theme,
)
from .models import DuoRegistration
from .services import (
    beschikking_record_made_known,
    duo_registration_done,
    pip_draft_start,
    pip_establish,
    pip_version_update,
    progress_talk_record,
    term_extension_decide,
    term_extension_record_request,
)
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
MOTIVATION = (
    "Uit de leerbaarheidstoets blijkt dat het B1-niveau binnen de termijn haalbaar is. "
    "U heeft in de brede intake aangegeven dat u zo snel mogelijk aan het werk wilt."
)
PROCEED_REASON = "Termijn loopt; de uitslag van de leerbaarheidstoets wordt nagezonden."


def seed_pips(
    *, gemeenten, administratie, today: date | None = None, rng: random.Random | None = None
) -> dict:
    today = today or timezone.localdate()
    rng = rng or random.Random(11)
    routes = {r.code: r for r in LearningRoute.objects.all()}
    cases = (
        Inburgeraar.objects.filter(
            gemeente__in=gemeenten,
            phase__in=[Phase.PIP, Phase.INBURGERINGSTERMIJN],
            pip__isnull=True,
        )
        .select_related("gemeente", "consultant")
        .order_by("pk")
    )
    stats = {"pips": 0, "established": 0, "drafts": 0, "render": [], "established_ids": []}
    issued = []
    for case in cases:
        stats["pips"] += 1
        consultant = case.consultant
        if not case.street:
            _give_address(case, rng)
        start = case.registered_on or case.linked_on or today - timedelta(days=120)
        if case.phase == Phase.PIP:
            with dated(case.pk, today, time(9, 0)):
                version = pip_draft_start(inburgeraar=case, by=consultant)
                if rng.random() >= 0.35:  # the others are a fresh, empty draft
                    _fill(version, case, _route_for(case, today, rng, routes), today, rng)
            stats["drafts"] += 1
            if stats["drafts"] % 6 == 0:
                _third_party(case, today, received=stats["drafts"] % 12 == 0)
            continue
        dagtekening = min(start + timedelta(days=rng.randint(45, 75)), today - timedelta(days=3))
        route = _route_for(case, dagtekening, rng, routes)
        with dated(case.pk, dagtekening):
            version = pip_draft_start(inburgeraar=case, by=consultant)
            _fill(version, case, route, dagtekening, rng)
            beschikking = pip_establish(
                version=version,
                by=consultant,
                on=dagtekening,
                proceed_reason=PROCEED_REASON if prerequisites.missing_prerequisites(case) else "",
                render=False,
                today=dagtekening,
            )
        made_known = dagtekening + timedelta(days=rng.choice([1, 1, 2, 3]))
        if made_known <= today:
            with dated(case.pk, made_known):
                beschikking_record_made_known(
                    beschikking=beschikking,
                    made_known_on=made_known,
                    how="post",
                    by=consultant,
                    today=made_known,
                )
        issued.append(beschikking)
        _align_history(case, start, dagtekening)
        stats["established"] += 1
        stats["established_ids"].append(case.pk)
        second = _talks(case, version.pip, dagtekening, today, rng)
        if second is not None:
            issued.append(second)
        _extension(case, version.pip, dagtekening, today, rng)
    _registrations(administratie, today, [b.version_id for b in issued], rng)
    # A few of the most recent beschikkingen are rendered now.
    issued.sort(key=lambda b: (b.dagtekening, b.pk), reverse=True)
    stats["render"] = [b.pk for b in issued[:RENDER_NOW]]
    stats["awaiting"] = _four_eyes(gemeenten, today)
    stats["drafts"] -= stats["awaiting"]  # no longer drafts: they wait for approval
    return stats


def _four_eyes(gemeenten, today: date) -> int:
    """Issue 13: Laren lets a team lead approve each beschikking first (four eyes); two of its
    complete drafts wait in the approval queue. Set after the other PIPs were issued, so they
    keep their beschikkingen."""
    from django.core.exceptions import ValidationError

    from cases.models import Gemeente

    from .constants import VersionStatus
    from .models import PipVersion
    from .services import pip_submit_for_approval

    laren = next((g for g in gemeenten if g.name == "Laren"), None)
    if laren is None:
        return 0
    Gemeente.objects.filter(pk=laren.pk).update(beschikking_four_eyes=True)
    waiting = 0
    drafts = PipVersion.objects.filter(
        status=VersionStatus.DRAFT, pip__inburgeraar__gemeente=laren, route__isnull=False
    ).select_related("pip__inburgeraar__consultant")
    for version in drafts.order_by("pk"):
        case = version.pip.inburgeraar
        with dated(case.pk, today, time(10, 30)):
            try:
                pip_submit_for_approval(
                    version=version,
                    by=case.consultant,
                    proceed_reason=(
                        PROCEED_REASON if prerequisites.missing_prerequisites(case) else ""
                    ),
                    today=today,
                )
            except ValidationError:
                continue  # an incomplete draft stays a draft
        waiting += 1
        if waiting == 2:
            break
    return waiting


def _third_party(case: Inburgeraar, today: date, *, received: bool) -> None:
    """REQ D-05 lid 2: some drafts wait for a third party's information (Besluit 5.3 lid 2)."""
    from .services import third_party_received_record, third_party_request_record

    asked_on = today - timedelta(days=12)
    with dated(case.pk, asked_on, time(11, 0)):
        asked = third_party_request_record(
            inburgeraar=case,
            party="Huisarts",
            subject="Medische informatie over belastbaarheid voor de leerroute",
            asked_on=asked_on,
            by=case.consultant,
            today=asked_on,
        )
    if received:
        with dated(case.pk, today - timedelta(days=2), time(14, 0)):
            third_party_received_record(
                third_party_request=asked,
                received_on=today - timedelta(days=2),
                by=case.consultant,
                today=today - timedelta(days=2),
            )


def _route_for(case: Inburgeraar, on: date, rng: random.Random, routes) -> dict:
    """The inburgering theme: mostly the B1-route, some Z-route, a few young people in the
    onderwijsroute; with a provider that has a contract on the day where the college buys the
    course (REQ L-03)."""
    roll = rng.random()
    if case.age_on(on) <= 28 and roll < 0.12:
        code, level = "onderwijs", "B1"
    elif roll > 0.8:
        code, level = "z", "zo_hoog_mogelijk"
    else:
        code, level = "b1", "B1"
    route = routes[code]
    if not college_offers_course(case.doelgroep):
        # REQ L-03: a gezins- or overige migrant arranges and pays the course: route and level
        # only, no provider, contract or intensity of the college.
        return {"route": route, "provider": None, "target_level": level, "intensity": ""}
    return {
        "route": route,
        "provider": providers_with_contract(route_id=route.pk, on=on).first(),
        "target_level": level,
        "intensity": "3 dagdelen per week, in totaal 12 lesuren",
    }


def _fill(version, case: Inburgeraar, inburgering: dict, on: date, rng: random.Random) -> None:
    """Fill in the four themes and the motivation, as a consultant does in the draft screen."""
    asielstatushouder = case.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    onderwijs = inburgering["route"].code == "onderwijs"
    # REQ O-01, C-01: ontzorgen for asylum-permit holders, not for nareizigers. The reference
    # is drawn for every asielstatushouder, so the demo's random sequence stays the same.
    reference = f"PW56A-{on:%Y}-{rng.randint(1000, 9999)}" if asielstatushouder else ""
    ontzorgd = asielstatushouder and case.holds_asylum_permit is not False
    themes = {
        Theme.INBURGERING: inburgering,
        Theme.PARTICIPATIE: {
            "pvt": "deelnemen",
            "pvt_notes": "Start in de eerste groep na de zomer, bij Vluchtelingenwerk "
            "Midden Nederland.",
            "map": "niet_van_toepassing" if onderwijs else "deelnemen",
            "map_notes": ""
            if onderwijs
            else "Theorie bij Zicht op Werk, praktijk via een DOENplek.",
            "participation_instruments": "Zicht op Bewegen (30 weken); taalmaatje.",
            "z_route_hours": 800
            if inburgering["route"].code == "z" and asielstatushouder
            else None,
        },
        Theme.ONTZORGEN: {
            "ontzorgen": ontzorgd,
            "ontzorgen_decision_reference": reference if ontzorgd else "",
        },
        Theme.BEGELEIDING: {"contact_person": case.consultant, "talks_per_year": 2},
        Theme.MOTIVERING: {"motivation": MOTIVATION},
    }
    for theme, data in themes.items():
        pip_version_update(version=version, theme=theme, data=data, by=case.consultant, today=on)


def _give_address(case: Inburgeraar, rng: random.Random) -> None:
    """A synthetic address in the case's municipality: the beschikking is sent there."""
    from cases.services import inburgeraar_update

    prefix = POSTCODES.get(case.gemeente.name, "999")
    letters = "ABCDEGHJKLMN"
    inburgeraar_update(
        inburgeraar=case,
        data={
            "street": f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
            "postal_code": f"{prefix}{rng.randint(1, 9)} {rng.choice(letters)}"
            f"{rng.choice(letters)}",
            "city": case.gemeente.name,
        },
        by=case.consultant,
    )


STREETS = ["Lindenlaan", "Kerkstraat", "Molenweg", "Havenstraat", "Zuiderzeelaan", "Vaartweg"]
POSTCODES = {"Huizen": "127", "Blaricum": "126", "Eemnes": "375", "Laren": "125"}

_ROUTE = [Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS, Phase.PIP, Phase.INBURGERINGSTERMIJN]


def _align_history(case, start: date, dagtekening: date) -> None:
    """Demo only, writes rows directly: the term starts on the dagtekening of the PIP, so the
    earlier phases are spread between start and that day."""
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


def _talks(case, pip, dagtekening: date, today: date, rng: random.Random):
    """Progress talks every five or six months; now and then the last one asks for a
    revision, which is established some weeks later. Returns that revision's beschikking."""
    days = []
    held_on = dagtekening + relativedelta(months=rng.choice([4, 5, 6]))
    while held_on < today:
        days.append(held_on)
        held_on += relativedelta(months=rng.choice([5, 6, 6]))
    revise = bool(days) and days[-1] + timedelta(days=21) < today and rng.random() < 0.12
    talk = None
    for index, held_on in enumerate(days):
        attendees = [Attendee.INBURGERAAR, Attendee.CONSULTANT]
        if rng.random() < 0.35:
            attendees.append(Attendee.PROVIDER)
        if case.interpreter_needed and rng.random() < 0.5:
            attendees.append(Attendee.INTERPRETER)
        last = index == len(days) - 1
        with dated(case.pk, held_on):
            talk = progress_talk_record(
                pip=pip,
                held_on=held_on,
                attendees=attendees,
                findings=rng.choice(FINDINGS),
                by=case.consultant,
                revision_needed=revise and last,
                revision_reason="Meer lesuren nodig; intensiteit verhogen." if revise else "",
                today=held_on,
            )
    if not revise:
        return None
    revised_on = talk.held_on + timedelta(days=rng.randint(7, 21))
    draft = pip.versions.get(progress_talk=talk)
    with dated(case.pk, revised_on):
        pip_version_update(
            version=draft,
            theme=Theme.INBURGERING,
            data={"intensity": "4 dagdelen per week, in totaal 16 lesuren"},
            by=case.consultant,
            today=revised_on,
        )
        pip_version_update(
            version=draft,
            theme=Theme.MOTIVERING,
            data={"reason_explanation": "Na het voortgangsgesprek: meer lesuren per week."},
            by=case.consultant,
            today=revised_on,
        )
        return pip_establish(
            version=draft, by=case.consultant, on=revised_on, render=False, today=revised_on
        )


def _extension(case, pip, dagtekening: date, today: date, rng: random.Random) -> None:
    last_day = term_last_day(dagtekening)
    opens = extension_request_opens_on(last_day)
    if not (opens <= today <= last_day) or rng.random() < 0.5:
        return
    requested_on = opens + timedelta(days=rng.randint(0, max((today - opens).days, 0)))
    with dated(case.pk, requested_on):
        extension = term_extension_record_request(
            pip=pip,
            initiative=ExtensionInitiative.REQUEST,
            requested_on=requested_on,
            ground=ExtensionGround.EFFORT
            if case.doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else ExtensionGround.NOT_TO_BLAME,
            ground_explanation="Alle lessen gevolgd; twee van de vier taalexamens en KNM gehaald.",
            by=case.consultant,
            today=requested_on,
        )
    decided_on = requested_on + timedelta(weeks=6)
    if decided_on <= today:
        with dated(case.pk, decided_on):
            term_extension_decide(
                extension=extension,
                status=ExtensionStatus.GRANTED,
                decided_on=decided_on,
                months=6,
                duo_reference=f"DUO-VERL-{rng.randint(100000, 999999)}",
                by=case.consultant,
                today=decided_on,
            )


def _registrations(administratie, today: date, version_ids: list[int], rng) -> None:
    """Registrations older than a month were done a few days after the dagtekening."""
    for registration in (
        DuoRegistration.objects.filter(
            version_id__in=version_ids,
            done_on__isnull=True,
            version__dagtekening__lt=today - timedelta(days=30),
        )
        .select_related("version__pip")
        .order_by("pk")
    ):
        done_on = registration.version.dagtekening + timedelta(days=rng.randint(2, 15))
        with dated(registration.version.pip.inburgeraar_id, done_on):
            duo_registration_done(
                registration=registration,
                done_on=done_on,
                by=administratie,
                note="Geregistreerd in het DUO-portaal.",
                today=done_on,
            )
