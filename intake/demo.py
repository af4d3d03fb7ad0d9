# ruff: noqa: S311  (demo data: random is fine)
"""Demo data of the intake app for `seed_demo` (synthetic, idempotent).

Cases in the phases gekoppeld … inburgeringstermijn get an intake and a toets in a state that
fits their phase: invitations (some missed, with warnings), conversations held and planned,
domains partly or wholly filled, completed intakes with a report, toetsen set ready in DUO,
planned, taken awaiting the result, with a result, or exempt. Cases that already have an
intake or a toets are left alone, so running it twice changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.formats import date_format

from cases.constants import Doelgroep, Phase
from cases.models import Inburgeraar, TimelineEvent, User

from .catalogue_seed import ensure_catalogues
from .constants import (
    CoaPresence,
    ConversationStatus,
    DomainRequirement,
    ExemptionGround,
    SessionStatus,
    TimelineKind,
    ToetsResult,
)
from .models import (
    AssessmentLevel,
    BredeIntake,
    Device,
    DomainAssessment,
    IntakeConversation,
    Leerbaarheidstoets,
    LifeDomain,
    Location,
    PassMark,
    Toetsbegeleider,
    ToetsSession,
)
from .scores import format_score

PHASES = (
    Phase.GEKOPPELD,
    Phase.BREDE_INTAKE,
    Phase.LEERBAARHEIDSTOETS,
    Phase.PIP,
    Phase.INBURGERINGSTERMIJN,
)
SLOTS = (time(9, 0), time(11, 0), time(13, 30), time(15, 30))

NOTES = {
    "leerbaarheid": [
        "Leert snel, is gewend om te studeren.",
        "Weinig leerervaring; kort naar school geweest.",
    ],
    "opleiding": [
        "Middelbare school afgerond in het land van herkomst.",
        "Universitaire opleiding (economie), diploma nog niet gewaardeerd.",
        "Vier jaar basisonderwijs.",
    ],
    "werkervaring": [
        "Werkte acht jaar als kapper.",
        "Ervaring in de bouw en als chauffeur.",
        "Geen betaald werk; vrijwilliger in de gemeenschap.",
    ],
    "praktische-competenties": [
        "Handig met techniek; heeft een rijbewijs.",
        "Kan goed koken en naaien.",
    ],
    "werknemersvaardigheden": [
        "Komt afspraken na, is op tijd.",
        "Moet wennen aan Nederlandse werkcultuur.",
    ],
    "taalniveau": [
        "Spreekt goed Engels; alfabet al bekend.",
        "Analfabeet in eigen taal.",
        "Spreekt Arabisch en een beetje Engels.",
    ],
    "motivatie": ["Wil zo snel mogelijk aan het werk.", "Gemotiveerd, wil eerst de taal leren."],
    "zelfredzaamheid": [
        "Regelt zijn eigen post en afspraken.",
        "Heeft hulp nodig bij brieven en geldzaken.",
    ],
    "digitale-vaardigheden": [
        "Gebruikt smartphone; nog geen DigiD.",
        "Goed met computer en e-mail.",
    ],
    "gezinssituatie": [
        "Gehuwd, twee kinderen; gezinshereniging loopt.",
        "Alleenstaand.",
        "Partner en drie kinderen in Nederland.",
    ],
    "fysieke-gezondheid": [
        "Rugklachten; kan niet lang staan.",
        "Geen bijzonderheden.",
        "Diabetes, onder controle bij de huisarts.",
    ],
    "mentale-gezondheid": [
        "Slaapproblemen; huisarts ingeschakeld.",
        "Geeft aan zich goed te voelen.",
        "Signalen van trauma; doorverwezen naar de POH-GGZ.",
    ],
    "sociaal-netwerk": ["Broer woont in Amersfoort.", "Nog weinig contacten in de regio."],
    "rechten-en-plichten": [
        "Inburgeringsplicht en termijn uitgelegd.",
        "Kent de boeteregeling, vragen over DUO beantwoord.",
    ],
    "vve": [
        "Peuter kan naar de peuteropvang met VVE-indicatie.",
        "Consultatiebureau ingeschakeld.",
    ],
}
FOLLOW_UPS = {
    "mentale-gezondheid": "Doorverwijzing POH-GGZ volgen",
    "fysieke-gezondheid": "Medisch advies over belastbaarheid opvragen",
    "digitale-vaardigheden": "Aanmelden digicafé bibliotheek",
    "opleiding": "Diplomawaardering aanvragen bij IDW",
    "vve": "Aanmelden peuteropvang",
    "zelfredzaamheid": "Aanmelden financieel ontzorgen",
}


def _nl(day: date) -> str:
    return date_format(day, "j F Y")


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _between(start: date, end: date) -> date:
    if end <= start:
        return start
    return _weekday(start + timedelta(days=random.randint(0, (end - start).days)))


class _Planner:
    """Gives each demo sitting its own (day, slot), so no device or toetsbegeleider clashes."""

    def __init__(self, devices, begeleiders):
        self.devices = devices
        self.begeleiders = begeleiders
        self.used: set[tuple[date, int]] = set()
        self.turn = 0

    def slot(self, day: date, *, past: bool = False):
        step = timedelta(days=-1 if past else 1)
        while day.weekday() >= 5:
            day += step
        while True:
            for index in range(len(SLOTS)):
                if (day, index) not in self.used:
                    self.used.add((day, index))
                    self.turn += 1
                    start = timezone.make_aware(datetime.combine(day, SLOTS[index]))
                    return (
                        start,
                        start + timedelta(minutes=90),
                        self.devices[self.turn % len(self.devices)],
                        self.begeleiders[self.turn % len(self.begeleiders)],
                    )
            day += step
            while day.weekday() >= 5:
                day += step


def _catalogue(users: dict[str, User]):
    ensure_catalogues()
    werkcentrum = Location.objects.filter(hosts_toets=True).order_by("pk").first()
    devices = []
    for number in range(1, 5):
        device, _ = Device.objects.get_or_create(
            asset_tag=f"HBEL-LT-{number:03d}",
            defaults={"name": f"Laptop {number}", "location": werkcentrum},
        )
        devices.append(device)
    trained = date(2022, 3, 15)
    begeleiders = []
    for username in ("consulent1", "consulent4"):
        if username in users:
            begeleider, _ = Toetsbegeleider.objects.get_or_create(
                user=users[username], defaults={"trained_on": trained}
            )
            begeleiders.append(begeleider)
    for name, trained_on in (("Joyce Verhoef", trained), ("Ruud Timmer", None)):
        begeleider, _ = Toetsbegeleider.objects.get_or_create(
            name=name, defaults={"location": werkcentrum, "trained_on": trained_on}
        )
        if trained_on:
            begeleiders.append(begeleider)
    return werkcentrum, devices, begeleiders


def seed_intakes(*, users: dict[str, User], today: date | None = None) -> int:
    """Give demo cases intakes and toetsen; returns the number of cases changed."""
    with translation.override("nl"):
        return _seed(users=users, today=today or timezone.localdate())


def _seed(*, users: dict[str, User], today: date) -> int:
    werkcentrum, devices, begeleiders = _catalogue(users)
    planner = _Planner(devices, begeleiders)
    gemeentehuis = (
        Location.objects.filter(kind="gemeentehuis").order_by("pk").first() or werkcentrum
    )
    domains = list(
        LifeDomain.objects.valid_on(today).exclude(requirement=DomainRequirement.OPTIONAL)
    )
    levels = {level.code: level for level in AssessmentLevel.objects.all()}
    cases = list(
        Inburgeraar.objects.filter(
            phase__in=PHASES, brede_intake__isnull=True, leerbaarheidstoets__isnull=True
        )
        .select_related("consultant")
        .order_by("pk")
    )
    events: list[TimelineEvent] = []
    changed = 0
    for case in cases:
        start = case.linked_on or case.registered_on or today - timedelta(days=30)
        builder = _CaseBuilder(
            case, start, today, gemeentehuis, werkcentrum, domains, levels, planner, events
        )
        changed += builder.build()
    TimelineEvent.objects.bulk_create(events)
    return changed


class _CaseBuilder:
    def __init__(
        self, case, start, today, gemeentehuis, werkcentrum, domains, levels, planner, events
    ):
        self.case = case
        self.start = start
        self.today = today
        self.place = gemeentehuis
        self.werkcentrum = werkcentrum
        self.domains = domains
        self.levels = levels
        self.planner = planner
        self.events = events
        self.asielstatushouder = case.doelgroep == Doelgroep.ASIELSTATUSHOUDER

    def event(self, kind, day, summary, detail=""):
        self.events.append(
            TimelineEvent(
                inburgeraar=self.case,
                kind=kind,
                summary=summary,
                detail=detail,
                source="intake",
                actor=self.case.consultant,
                occurred_at=timezone.make_aware(datetime.combine(day, time(16, 0))),
            )
        )

    def conversation(self, intake, day, status, **extra):
        invited = extra.pop("invitation_sent_on", day - timedelta(days=14))
        conversation = IntakeConversation.objects.create(
            intake=intake,
            status=status,
            scheduled_on=day,
            starts_at=random.choice([time(9, 30), time(10, 30), time(13, 0), time(14, 30)]),
            location=self.place,
            consultant=self.case.consultant,
            recorded_by=self.case.consultant,
            invitation_sent_on=max(invited, self.start) if invited else None,
            interpreter_language=self.case.interpreter_language
            if status == ConversationStatus.HELD
            else "",
            **extra,
        )
        labels = {
            ConversationStatus.PLANNED: "Intakegesprek gepland op {day}.",
            ConversationStatus.HELD: "Intakegesprek gehouden op {day}.",
            ConversationStatus.NO_SHOW: "Niet verschenen op het intakegesprek van {day}.",
            ConversationStatus.CANCELLED: "Intakegesprek van {day} afgezegd of verzet.",
        }
        self.event(
            TimelineKind.CONVERSATION,
            min(day, self.today) if status != ConversationStatus.PLANNED else self.today,
            labels[status].format(day=_nl(day)),
        )
        return conversation

    def domains_filled(self, intake, share: float, day: date):
        for domain in self.domains:
            if domain.code == "vve" and not intake.young_children:
                continue
            if random.random() > share:
                continue
            code = random.choices(["geen", "enige", "forse", "onbekend"], weights=[45, 35, 15, 5])[
                0
            ]
            notes = random.choice(NOTES.get(domain.code, ["Besproken."]))
            action = (
                domain.code in FOLLOW_UPS and code in ("enige", "forse") and random.random() < 0.6
            )
            DomainAssessment.objects.create(
                intake=intake,
                domain=domain,
                level=self.levels[code],
                notes=notes,
                action_needed=action,
                follow_up=FOLLOW_UPS.get(domain.code, "") if action else "",
                follow_up_on=day + timedelta(days=30) if action else None,
                updated_by=self.case.consultant,
            )

    def complete(self, intake, day):
        intake.rights_duties_explained_on = day
        intake.rights_duties_notes = (
            "Inburgeringsplicht, termijn van drie jaar en boeteregeling uitgelegd."
        )
        intake.expectations_person = random.choice(
            [
                "Wil snel Nederlands leren en aan het werk als kapper.",
                "Wil een opleiding in de zorg volgen.",
                "Wil eerst rust en een woning, daarna de taal leren.",
            ]
        )
        intake.expectations_gemeente = (
            "Meedoen aan de activiteiten op de opvang en de voorinburgering; afspraken nakomen."
        )
        intake.alone_right_told = True
        intake.alone_conversation_wanted = False
        intake.report = (
            "Kennismaking en uitleg over de inburgering. Alle levensdomeinen besproken; "
            "zie de beoordeling per domein. Afspraken gemaakt over de leerbaarheidstoets en "
            "de volgende stappen richting het PIP."
        )
        if self.asielstatushouder:
            intake.coa_joins_opvang_activities = True
            intake.coa_joins_voorinburgering = random.random() < 0.8
            intake.coa_notes = "Kennismaking met de casemanager participatie van het COA."
            intake.travel_claim_on = day + timedelta(days=random.randint(1, 5))
            intake.travel_claim_amount = random.choice([18.40, 23.60, 31.20])
        intake.wegwijzer_handed_on = day
        intake.completed_on = day
        intake.completed_by = self.case.consultant
        intake.save()
        self.event(TimelineKind.COMPLETED, day, f"Brede intake afgerond op {_nl(day)}.")

    def held(self, intake, day, coa=False):
        return self.conversation(
            intake,
            day,
            ConversationStatus.HELD,
            coa_presence=(
                random.choice([CoaPresence.IN_PERSON, CoaPresence.ONLINE])
                if coa
                else CoaPresence.ABSENT
            ),
            vluchtelingenwerk_present=self.asielstatushouder and random.random() < 0.7,
            notes="Kennismaking; levensdomeinen doorgenomen.",
        )

    def build(self) -> int:
        """Returns 1 when the case got intake data, 0 when it is left as it is."""
        case, today, start = self.case, self.today, self.start
        phase = case.phase
        if phase == Phase.GEKOPPELD:
            return self.gekoppeld()
        intake = BredeIntake.objects.create(
            inburgeraar=case,
            young_children=random.random() < 0.3,
            wants_further_education=random.random() < 0.3,
        )
        first = _between(
            start + timedelta(days=10), min(start + timedelta(days=55), today - timedelta(days=2))
        )
        first = min(first, today)
        coa_at_intake = self.asielstatushouder and random.random() < 0.7
        self.held(intake, first, coa=coa_at_intake)
        if self.asielstatushouder and not coa_at_intake and random.random() < 0.6:
            intake.coa_meeting_on = min(start + timedelta(days=random.randint(32, 58)), today)
            intake.save(update_fields=["coa_meeting_on"])
        if phase == Phase.BREDE_INTAKE:
            self.domains_filled(intake, random.choice([0.3, 0.6, 0.9]), first)
            if random.random() < 0.6:
                self.conversation(
                    intake,
                    _weekday(today + timedelta(days=random.randint(2, 12))),
                    ConversationStatus.PLANNED,
                    invitation_sent_on=today - timedelta(days=random.randint(0, 5)),
                )
            if random.random() < 0.5:
                self.toets_ready(first)
            return 1
        second = min(first + timedelta(days=random.randint(7, 14)), today)
        if random.random() < 0.5 and second > first:
            self.held(intake, second)
        else:
            second = first
        self.domains_filled(intake, 1.0, second)
        self.complete(intake, second)
        toets = self.toets_ready(second)
        if phase == Phase.LEERBAARHEIDSTOETS:
            if random.random() < 0.5:
                self.session(
                    toets, today + timedelta(days=random.randint(1, 14)), SessionStatus.PLANNED
                )
            else:
                taken = _between(max(second, today - timedelta(days=10)), today)
                taken = min(taken, today)
                session = self.session(toets, taken, SessionStatus.TAKEN)
                toets.taken_on = timezone.localdate(session.starts_at)
                toets.save(update_fields=["taken_on"])
            return 1
        if random.random() < 0.04:
            toets.exempted_on = second + timedelta(days=3)
            toets.exemption_ground = random.choice(list(ExemptionGround))
            # REQ I-07 (Wi 14 lid 6 b): auditory only when not deemed able to take the toets.
            toets.exemption_not_able = toets.exemption_ground == ExemptionGround.AUDITORY
            toets.exemption_note = (
                "Verklaring van de oogarts ontvangen."
                if toets.exemption_ground == ExemptionGround.VISUAL
                else "Verklaring van de KNO-arts ontvangen; toets niet af te leggen."
            )
            toets.save()
            self.event(
                TimelineKind.TOETS,
                toets.exempted_on,
                "Ontheffing van de leerbaarheidstoets verleend.",
            )
            return 1
        taken = min(second + timedelta(days=random.randint(7, 28)), today - timedelta(days=2))
        taken = max(taken, toets.duo_ready_on)
        session = self.session(toets, taken, SessionStatus.TAKEN)
        taken = timezone.localdate(session.starts_at)
        result_on = min(taken + timedelta(days=random.randint(2, 5)), today)
        if result_on < taken + timedelta(days=2):
            return 1
        # REQ I-07: DUO's result with its achieved and required score (decimals); now and then
        # Onbekend, and a few older results entered by hand against the local pass mark.
        toets.taken_on = taken
        toets.result_on = result_on
        toets.result_recorded_by = case.consultant
        roll = random.random()
        if roll < 0.03:
            toets.duo_result = ToetsResult.UNKNOWN
            toets.b1_reachable = None
            toets.save()
            self.event(
                TimelineKind.TOETS_RESULT, result_on, "Uitslag leerbaarheidstoets: Onbekend."
            )
            return 1
        score = Decimal(random.randint(1200, 4000)) / 100
        mark = PassMark.objects.valid_on(taken).order_by("-valid_from").first()
        if roll < 0.15 and mark is not None:
            toets.pass_mark = mark
            required = Decimal(mark.pass_score)
        else:
            required = Decimal("27.50")
            toets.required_score = required
        toets.score = score
        toets.b1_reachable = score >= required
        toets.duo_result = (
            ToetsResult.B1_FEASIBLE if toets.b1_reachable else ToetsResult.B1_NOT_FEASIBLE
        )
        toets.save()
        self.event(
            TimelineKind.TOETS_RESULT,
            result_on,
            f"Uitslag leerbaarheidstoets: {toets.duo_result} (score {format_score(score)}, "
            f"benodigd {format_score(required)}).",
        )
        return 1

    def toets_ready(self, after: date) -> Leerbaarheidstoets:
        ready = min(max(self.start + timedelta(days=random.randint(5, 20)), self.start), after)
        toets = Leerbaarheidstoets.objects.create(inburgeraar=self.case, duo_ready_on=ready)
        self.event(
            TimelineKind.TOETS,
            ready,
            f"Leerbaarheidstoets klaargezet in het DUO-portaal op {_nl(ready)}.",
        )
        return toets

    def session(self, toets, day, status):
        starts_at, ends_at, device, begeleider = self.planner.slot(
            day, past=status != SessionStatus.PLANNED
        )
        session = ToetsSession.objects.create(
            toets=toets,
            status=status,
            starts_at=starts_at,
            ends_at=ends_at,
            location=self.werkcentrum,
            device=device,
            toetsbegeleider=begeleider,
            invitation_sent_on=max(self.start, min(day, self.today) - timedelta(days=10)),
            planned_by=self.case.consultant,
        )
        day = timezone.localdate(starts_at)
        if toets.duo_ready_on and day < toets.duo_ready_on:
            toets.duo_ready_on = day  # a weekend shift must not put the toets before DUO
            toets.save(update_fields=["duo_ready_on"])
        return session

    def gekoppeld(self) -> int:
        """REQ I-09 in every state: not yet invited, invited, missed with warning, three missed."""
        case, today, start = self.case, self.today, self.start
        kind = case.pk % 6  # stable, so a second run leaves the uninvited ones alone
        if kind == 0:
            return 0  # not invited yet
        intake = BredeIntake.objects.create(inburgeraar=case)
        if kind in (1, 2, 3):
            self.conversation(
                intake,
                _weekday(today + timedelta(days=random.randint(1, 14))),
                ConversationStatus.PLANNED,
                invitation_sent_on=max(start, today - timedelta(days=random.randint(0, 7))),
            )
            return 1
        if kind == 4:
            missed = _between(start, max(start, today - timedelta(days=10)))
            self.conversation(
                intake,
                missed,
                ConversationStatus.NO_SHOW,
                warning_sent_on=min(missed + timedelta(days=2), today),
            )
            self.conversation(
                intake,
                _weekday(today + timedelta(days=random.randint(2, 10))),
                ConversationStatus.PLANNED,
                invitation_sent_on=min(missed + timedelta(days=2), today),
            )
            return 1
        # Three invitations missed, warnings after the first two: ready to complete without
        # the person (REQ I-09).
        day = start
        for number in range(3):
            day = min(_weekday(day + timedelta(days=7 if number else 3)), today)
            self.conversation(
                intake,
                day,
                ConversationStatus.NO_SHOW,
                invitation_sent_on=max(start, day - timedelta(days=7)),
                warning_sent_on=min(day + timedelta(days=1), today) if number < 2 else None,
            )
        return 1
