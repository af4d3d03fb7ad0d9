"""factory_boy factories of the intake app (synthetic data only), for tests and `seed_demo`.

The catalogues (domains, scale, pass marks, the plan's places) come from the data migration;
`intake.catalogue_seed.ensure_catalogues()` puts them back after a transactional test.
"""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from intake.constants import CoaPresence, ConversationStatus, LocationKind, SessionStatus
from intake.models import (
    AssessmentLevel,
    BredeIntake,
    Device,
    DomainAssessment,
    IntakeConversation,
    Leerbaarheidstoets,
    LifeDomain,
    Location,
    Toetsbegeleider,
    ToetsSession,
)
from tests.factories import ConsultantFactory, InburgeraarFactory
from tests.sensitive import remember_text


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Werkcentrum {n}")
    kind = LocationKind.WERKCENTRUM
    city = "Huizen"
    hosts_toets = True


class DeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Device
        django_get_or_create = ("asset_tag",)

    name = factory.Sequence(lambda n: f"Laptop {n}")
    asset_tag = factory.Sequence(lambda n: f"HBEL-LT-{n:03d}")
    location = None


class ToetsbegeleiderFactory(factory.django.DjangoModelFactory):
    """A trained toetsbegeleider: werkcentrum staff by default; pass `user=` for a consultant."""

    class Meta:
        model = Toetsbegeleider

    user = None
    name = factory.LazyAttribute(lambda o: "" if o.user else "Toetsbegeleider werkcentrum")
    trained_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=400))


class BredeIntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BredeIntake
        django_get_or_create = ("inburgeraar",)

    inburgeraar = factory.SubFactory(InburgeraarFactory)


def _location():
    return Location.objects.order_by("pk").first() or LocationFactory()


class IntakeConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeConversation

    intake = factory.SubFactory(BredeIntakeFactory)
    status = ConversationStatus.HELD
    scheduled_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    starts_at = time(10, 0)
    location = factory.LazyFunction(_location)
    consultant = factory.LazyAttribute(lambda o: o.intake.inburgeraar.consultant)
    recorded_by = factory.SelfAttribute("consultant")
    coa_presence = CoaPresence.ABSENT


class DomainAssessmentFactory(factory.django.DjangoModelFactory):
    """Notes of a special-category domain are registered for the log scan (REQ I-08)."""

    class Meta:
        model = DomainAssessment

    intake = factory.SubFactory(BredeIntakeFactory)
    domain = factory.LazyFunction(lambda: LifeDomain.objects.get(code="opleiding"))
    level = factory.LazyFunction(lambda: AssessmentLevel.objects.get(code="geen"))
    updated_by = factory.LazyAttribute(lambda o: o.intake.inburgeraar.consultant)

    @factory.post_generation
    def remember(self, create, extracted, **kwargs):
        if self.domain.is_special_category and self.notes.strip():
            remember_text(self.notes)


class LeerbaarheidstoetsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerbaarheidstoets
        django_get_or_create = ("inburgeraar",)

    inburgeraar = factory.SubFactory(InburgeraarFactory)


class ToetsSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ToetsSession

    toets = factory.SubFactory(LeerbaarheidstoetsFactory)
    status = SessionStatus.PLANNED
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=7), time(9, 30))
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))
    location = factory.LazyFunction(
        lambda: (
            Location.objects.filter(hosts_toets=True).order_by("pk").first() or LocationFactory()
        )
    )
    device = factory.SubFactory(DeviceFactory)
    toetsbegeleider = factory.SubFactory(ToetsbegeleiderFactory)
    planned_by = factory.LazyAttribute(lambda o: o.toets.inburgeraar.consultant)


__all__ = [
    "intake_and_toets_done",
    "BredeIntakeFactory",
    "ConsultantFactory",
    "DeviceFactory",
    "DomainAssessmentFactory",
    "IntakeConversationFactory",
    "LeerbaarheidstoetsFactory",
    "LocationFactory",
    "ToetsSessionFactory",
    "ToetsbegeleiderFactory",
]


def intake_and_toets_done(inburgeraar, *, on: date | None = None, b1_reachable: bool = True):
    """A completed brede intake and a toets with its result: what a first PIP needs (REQ P-02)."""
    on = on or timezone.localdate() - timedelta(days=30)
    intake = BredeIntakeFactory(inburgeraar=inburgeraar)
    intake.completed_on = on
    intake.save(update_fields=["completed_on"])
    toets = LeerbaarheidstoetsFactory(inburgeraar=inburgeraar)
    toets.taken_on = toets.result_on = on
    toets.b1_reachable = b1_reachable
    toets.score = 34 if b1_reachable else 20
    toets.save(update_fields=["taken_on", "result_on", "b1_reachable", "score"])
    return intake, toets
