"""Building blocks for intake tests: a case with fixed key dates and the steps of an intake,
taken through the services (so the tests exercise the same path as the screens)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases.constants import Doelgroep, Phase
from intake import services
from intake.constants import CoaPresence, ConversationStatus, DomainRequirement
from intake.models import AssessmentLevel, LifeDomain, Location
from tests.factories import InburgeraarFactory
from tests.sensitive import remember_text

# A Monday; koppeling nine weeks earlier.
TODAY = date(2026, 3, 16)
LINKED = date(2026, 1, 12)


def new_case(world, **kwargs):
    defaults = {
        "gemeente": world.noorddorp,
        "consultant": world.consultant,
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER,
        "phase": Phase.GEKOPPELD,
        "linked_on": LINKED,
        "registered_on": None,
        "housed_on": None,
        "duo_notified_on": None,
        "date_of_birth": date(1990, 6, 1),
    }
    defaults.update(kwargs)
    return InburgeraarFactory(**defaults)


def place() -> Location:
    return Location.objects.get(name="Gemeentehuis Huizen")


def werkcentrum() -> Location:
    return Location.objects.get(name="Werkcentrum HBEL")


def level(code: str) -> AssessmentLevel:
    return AssessmentLevel.objects.get(code=code)


def conversation_data(day, status=ConversationStatus.HELD, **extra) -> dict:
    data = {
        "status": status,
        "scheduled_on": day,
        "starts_at": time(10, 0),
        "location": place(),
        "consultant": None,
        "invitation_sent_on": None,
        "warning_sent_on": None,
        "coa_presence": CoaPresence.ABSENT,
        "vluchtelingenwerk_present": False,
        "interpreter_language": "",
        "other_attendees": "",
        "held_alone": False,
        "notes": "",
        "cancel_reason": "",
    }
    data.update(extra)
    return data


def record(case, by, day, status=ConversationStatus.HELD, today=TODAY, **extra):
    return services.conversation_save(
        inburgeraar=case, data=conversation_data(day, status, **extra), by=by, today=today
    )


def mandatory_domains(young_children: bool = False):
    qs = LifeDomain.objects.valid_on(TODAY).exclude(requirement=DomainRequirement.OPTIONAL)
    if not young_children:
        qs = qs.exclude(requirement=DomainRequirement.YOUNG_CHILDREN)
    return list(qs)


def fill_domains(
    case,
    by,
    *,
    skip=(),
    young_children=False,
    wants_education=None,
    notes=None,
    education_level="geen",
    today=TODAY,
):
    notes = notes or {}
    entries = {}
    for domain in mandatory_domains(young_children):
        if domain.code in skip:
            continue
        code = education_level if domain.code == "opleiding" else "enige"
        note = notes.get(domain.code, f"Besproken: {domain.name}.")
        if domain.is_special_category:
            remember_text(note)  # the log scan looks for it (REQ I-08)
        entries[domain.pk] = {
            "level": level(code),
            "notes": note,
            "action_needed": False,
            "follow_up": "",
            "follow_up_on": None,
        }
    return services.domains_save(
        inburgeraar=case,
        entries=entries,
        young_children=young_children,
        wants_further_education=wants_education,
        by=by,
        today=today,
    )


def fill_sections(case, by, today=TODAY, report="Verslag van de brede intake."):
    services.intake_update(
        inburgeraar=case,
        section="afspraken",
        data={
            "rights_duties_explained_on": today - timedelta(days=7),
            "rights_duties_notes": "Uitgelegd.",
            "expectations_person": "Snel aan het werk.",
            "expectations_gemeente": "Meedoen aan de voorinburgering.",
            "alone_right_told": True,
            "alone_conversation_wanted": False,
        },
        by=by,
        today=today,
    )
    services.intake_update(
        inburgeraar=case, section="verslag", data={"report": report}, by=by, today=today
    )


def ready_to_complete(case, by, day=None, **domain_kwargs):
    record(case, by, day or TODAY - timedelta(days=7))
    fill_domains(case, by, **domain_kwargs)
    fill_sections(case, by)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
