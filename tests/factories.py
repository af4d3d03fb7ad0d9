"""factory_boy factories for the tests (synthetic data only; `seed_demo` uses the services).

Names are synthetic combinations from lists of common names of the main countries of origin;
BSNs are elfproef-valid numbers generated from a sequence, never real people's.
"""

import functools
import random
from datetime import date, datetime, time, timedelta

import factory
from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.constants import CLOSED_PHASES, ClosingReason, Doelgroep, Phase, Role
from cases.models import Gemeente, Household, Inburgeraar, StatusChange, Team, User, Waarneming
from cases.validators import BSN_WEIGHTS
from demo.cases import PHASE_MONTHS
from demo.data import DEMO_PASSWORD, HBEL_GEMEENTEN, NAMES_BY_ORIGIN  # noqa: F401
from tests.sensitive import remember_bsn


def make_bsn(n: int) -> str:
    """The n-th elfproef-valid BSN of a fixed synthetic series (REQ C-07)."""
    candidate = 100_000_000 + n * 97
    while True:
        digits = f"{candidate:09d}"[:8]
        partial = sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS[:8], strict=True))
        check = partial % 11
        if check < 10:
            return remember_bsn(digits + str(check))
        candidate += 1


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("cbs_code",)

    name = factory.Sequence(lambda n: f"Gemeente {n:03d}")
    cbs_code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    visiting_address = "Raadhuisplein 1"
    postal_address = "Postbus 1"
    postal_code = "1234 AB"
    city = factory.SelfAttribute("name")
    signing_officer = "mr. A. de Vries"
    signing_officer_title = "Teamleider Inburgering"
    mandate_text = factory.LazyAttribute(
        lambda o: f"Namens het college van burgemeester en wethouders van {o.name}"
    )
    objection_address = factory.LazyAttribute(
        lambda o: (
            f"Het college van burgemeester en wethouders van {o.name}, "
            f"{o.postal_address}, {o.postal_code} {o.city}"
        )
    )


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.add(*extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@hbel.example")
    team = None

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        # Hashing is slow by design; one hash per distinct password keeps factories fast.
        self.password = _hashed(extracted or DEMO_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        _add_role(self, create, extracted)


def _add_role(user, create, role):
    if create and role:
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
        if role == Role.FUNCTIONEEL_BEHEERDER and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])


@functools.cache
def _hashed(password: str) -> str:
    return make_password(password)


class ConsultantFactory(UserFactory):
    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        _add_role(self, create, extracted or Role.CONSULTANT)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    gemeente = factory.SubFactory(GemeenteFactory)
    label = factory.Sequence(lambda n: f"Huishouden {n}")


def _origin():
    return random.choice(list(NAMES_BY_ORIGIN))


# Months since koppeling (or registration) per phase: the demo's (one source).
_PHASE_MONTHS = PHASE_MONTHS


class InburgeraarFactory(factory.django.DjangoModelFactory):
    """An inburgeraar with key dates that fit its phase. Traits: `gezinsmigrant`, `overige`."""

    class Meta:
        model = Inburgeraar
        skip_postgeneration_save = True

    class Params:
        origin = factory.LazyFunction(_origin)
        today = factory.LazyFunction(timezone.localdate)
        months_ago = factory.LazyAttribute(lambda o: random.randint(*_PHASE_MONTHS[o.phase]))
        start = factory.LazyAttribute(
            lambda o: (
                o.today - relativedelta(months=o.months_ago) - timedelta(days=random.randint(0, 27))
            )
        )
        gezinsmigrant = factory.Trait(doelgroep=Doelgroep.GEZINSMIGRANT)
        overige = factory.Trait(doelgroep=Doelgroep.OVERIGE_MIGRANT)

    bsn = factory.Sequence(make_bsn)
    given_names = factory.LazyAttribute(lambda o: random.choice(NAMES_BY_ORIGIN[o.origin][0]))
    surname = factory.LazyAttribute(lambda o: random.choice(NAMES_BY_ORIGIN[o.origin][1]))
    date_of_birth = factory.LazyAttribute(
        lambda o: o.today - relativedelta(years=random.randint(18, 60), days=random.randint(0, 364))
    )
    language = factory.LazyAttribute(lambda o: NAMES_BY_ORIGIN[o.origin][2])
    interpreter_needed = factory.LazyAttribute(lambda o: o.language not in ("Engels",))
    interpreter_language = factory.LazyAttribute(
        lambda o: o.language if o.interpreter_needed else ""
    )
    phone = factory.Sequence(lambda n: f"06 {10000000 + n:08d}"[:11])
    doelgroep = Doelgroep.ASIELSTATUSHOUDER
    gemeente = factory.SubFactory(GemeenteFactory)
    consultant = factory.SubFactory(ConsultantFactory)
    phase = Phase.GEKOPPELD
    linked_on = factory.LazyAttribute(
        lambda o: o.start if o.doelgroep == Doelgroep.ASIELSTATUSHOUDER else None
    )
    registered_on = factory.LazyAttribute(
        lambda o: (
            _later(o.linked_on or o.start, o.today, 45)  # never before a given koppeling
            if o.doelgroep == Doelgroep.ASIELSTATUSHOUDER and o.months_ago >= 3
            else (o.start if o.doelgroep != Doelgroep.ASIELSTATUSHOUDER else None)
        )
    )
    housed_on = factory.LazyAttribute(lambda o: o.registered_on)
    duo_notified_on = factory.LazyAttribute(lambda o: _later(o.start, o.today, 20))
    closed_on = factory.LazyAttribute(
        lambda o: _later(o.start, o.today, 400) if o.phase in CLOSED_PHASES else None
    )
    closing_reason = factory.LazyAttribute(
        lambda o: {
            Phase.AFGEROND: ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
            Phase.VERHUISD: ClosingReason.VERHUISD,
            Phase.BEEINDIGD: random.choice(
                [ClosingReason.ONTHEFFING, ClosingReason.VRIJSTELLING, ClosingReason.VERTROKKEN]
            ),
        }.get(o.phase, "")
    )

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        """The phase history the workflow would have written, with dates along the route."""
        if not create or extracted is False:
            return
        _write_history(self)


ROUTE = [
    Phase.GEKOPPELD,
    Phase.BREDE_INTAKE,
    Phase.LEERBAARHEIDSTOETS,
    Phase.PIP,
    Phase.INBURGERINGSTERMIJN,
]


def _write_history(case: Inburgeraar) -> None:
    from cases.models import TimelineEvent

    if case.phase in ROUTE:
        path = ROUTE[: ROUTE.index(case.phase) + 1]
    else:
        reached = ROUTE[: random.randint(1, len(ROUTE))]
        path = [*reached, case.phase]
    start = case.linked_on or case.registered_on or timezone.localdate()
    end = case.closed_on or timezone.localdate()
    span = max((end - start).days, 0)
    changes, events = [], []
    previous = ""
    for step, phase in enumerate(path):
        day = start + timedelta(days=span * step // max(len(path) - 1, 1))
        # Never later than now: before 10:00 today's step would lie in the future and sort
        # after the changes a test makes next.
        moment = min(timezone.make_aware(datetime.combine(day, time(10, 0))), timezone.now())
        changes.append(
            StatusChange(
                inburgeraar=case,
                from_phase=previous,
                to_phase=phase,
                changed_by=case.consultant,
                changed_at=moment,
            )
        )
        summary = (
            "Dossier aangemaakt."
            if not previous
            else f"Fase gewijzigd van {Phase(previous).label} naar {Phase(phase).label}."
        )
        events.append(
            TimelineEvent(
                inburgeraar=case,
                kind="case_created" if not previous else "phase_changed",
                summary=summary,
                actor=case.consultant,
                occurred_at=moment,
            )
        )
        previous = phase
    StatusChange.objects.bulk_create(changes)
    TimelineEvent.objects.bulk_create(events)


def _later(start: date, today: date, max_days: int) -> date:
    return max(start, min(start + timedelta(days=random.randint(7, max_days)), today))


class WaarnemingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Waarneming

    consultant = factory.SubFactory(ConsultantFactory)
    substitute = factory.SubFactory(ConsultantFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=14))
    created_by = factory.SelfAttribute("consultant")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A leerroute enrolment with a provider under a valid contract (seeded catalogue)."""

    class Meta:
        model = "learning_routes.Enrolment"

    class Params:
        route_code = "b1"
        provider_name = "Fairfield"

    inburgeraar = factory.SubFactory(InburgeraarFactory, phase=Phase.INBURGERINGSTERMIJN)
    route = factory.LazyAttribute(
        lambda o: __import__("learning_routes.models").models.LearningRoute.objects.get(
            code=o.route_code
        )
    )
    provider = factory.LazyAttribute(
        lambda o: __import__("learning_routes.models").models.Provider.objects.get(
            name=o.provider_name
        )
    )
    contract = factory.LazyAttribute(
        lambda o: o.provider.contracts.filter(route=o.route).order_by("-valid_from").first()
    )
    price = factory.LazyAttribute(lambda o: o.contract.price)
    requested_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=120))
    created_by = factory.LazyAttribute(lambda o: o.inburgeraar.consultant)


# --- PIP (pip_plans) ---------------------------------------------------------------------


def _route(code: str):
    from learning_routes.models import LearningRoute

    return LearningRoute.objects.get(code=code)


def _contracted_provider(route, on: date):
    from learning_routes.selectors import providers_with_contract

    if route is None:
        return None
    return providers_with_contract(route_id=route.pk, on=on).first()


class PipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pip_plans.Pip"
        django_get_or_create = ("inburgeraar",)

    inburgeraar = factory.SubFactory(InburgeraarFactory, phase=Phase.PIP)
    created_by = factory.SelfAttribute("inburgeraar.consultant")


class PipVersionFactory(factory.django.DjangoModelFactory):
    """A draft PIP version with all four themes filled in (REQ P-01), ready to establish.

    Traits: `z_route`, `onderwijsroute`, `empty` (a fresh draft as the service starts it).
    Issue it with `issue_beschikking(version, on=...)` (demo data) or the service.
    """

    class Meta:
        model = "pip_plans.PipVersion"

    class Params:
        on = factory.LazyFunction(timezone.localdate)
        route_code = "b1"
        z_route = factory.Trait(route_code="z", target_level="zo_hoog_mogelijk")
        onderwijsroute = factory.Trait(route_code="onderwijs", map="niet_van_toepassing")
        empty = factory.Trait(
            route=None,
            provider=None,
            target_level="",
            intensity="",
            pvt="",
            pvt_notes="",
            map="",
            map_notes="",
            participation_instruments="",
            ontzorgen=None,
            motivation="",
            z_route_hours=None,
        )

    pip = factory.SubFactory(PipFactory)
    number = 1
    reason = "eerste"
    route = factory.LazyAttribute(lambda o: _route(o.route_code))
    # REQ L-03: a contracted provider only where the college buys the course.
    provider = factory.LazyAttribute(
        lambda o: (
            _contracted_provider(o.route, o.on)
            if o.pip.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else None
        )
    )
    target_level = "B1"
    intensity = "3 dagdelen per week, in totaal 12 lesuren"
    inburgering_notes = ""
    pvt = "deelnemen"
    pvt_notes = "Start in de eerste groep na de zomer, bij Vluchtelingenwerk Midden Nederland."
    map = "deelnemen"
    map_notes = "Theorie bij Zicht op Werk, praktijk via een DOENplek."
    participation_instruments = "Zicht op Bewegen (30 weken); taalmaatje."
    z_route_hours = factory.LazyAttribute(
        lambda o: (
            800
            if o.route is not None
            and o.route.code == "z"
            and o.pip.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else None
        )
    )
    ontzorgen = factory.LazyAttribute(
        lambda o: o.pip.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    )
    ontzorgen_decision_reference = factory.LazyAttribute(
        lambda o: f"PW56A-{o.on:%Y}-{random.randint(1000, 9999)}" if o.ontzorgen else ""
    )
    contact_person = factory.SelfAttribute("pip.inburgeraar.consultant")
    talks_per_year = 2
    motivation = (
        "Uit de leerbaarheidstoets blijkt dat het B1-niveau binnen de termijn haalbaar is. "
        "U heeft in de brede intake aangegeven dat u zo snel mogelijk aan het werk wilt."
    )
    created_by = factory.SelfAttribute("pip.inburgeraar.consultant")


def issue_beschikking(version, *, on: date, made_known_on: date | None = None):
    """Establish a version directly, as `pip_plans.services.pip_establish` stores it, but
    without audit events, phase changes or rendering (for demo data with past dates).
    The PDF is made at the first download."""
    from pip_plans.constants import VersionStatus
    from pip_plans.models import Beschikking, DuoRegistration
    from pip_plans.services import first_dagtekening, granted_extensions, latest_established
    from pip_plans.snapshot import build_snapshot, make_kenmerk
    from pip_plans.term import objection_last_day

    pip = version.pip
    inburgeraar = pip.inburgeraar
    previous = latest_established(pip)
    months, until = granted_extensions(pip)
    kenmerk = make_kenmerk(
        gemeente=inburgeraar.gemeente, dagtekening=on, pip_id=pip.pk, number=version.number
    )
    snapshot = build_snapshot(
        version,
        inburgeraar=inburgeraar,
        dagtekening=on,
        kenmerk=kenmerk,
        planned_made_known_on=on,
        term_dagtekening=first_dagtekening(pip) or on,
        extension_months=months,
        extended_until=until,
        previous=previous,
    )
    established_at = timezone.make_aware(datetime.combine(on, time(11, 0)))
    version.status = VersionStatus.ESTABLISHED
    version.dagtekening = on
    version.established_at = established_at
    version.established_by = version.created_by
    version.save()
    beschikking = Beschikking.objects.create(
        version=version,
        kenmerk=kenmerk,
        dagtekening=on,
        planned_made_known_on=on,
        objection_last_day=objection_last_day(on),
        snapshot=snapshot,
        made_known_on=made_known_on,
        made_known_how="post" if made_known_on else "",
        made_known_recorded_by=version.created_by if made_known_on else None,
    )
    DuoRegistration.objects.create(version=version)
    return beschikking
