"""What the intake app holds about a person, for the AVG inzage export (AVG art. 15).

The one place besides the case screens where the health domains (REQ I-08) leave the intake:
the data subject has the right to see everything held about them.
"""

from cases.inzage import register_section, rows

from .models import (
    BredeIntake,
    DomainAssessment,
    IntakeConversation,
    Leerbaarheidstoets,
    ToetsCorrection,
    ToetsSession,
)


def _intake(person) -> dict:
    intake = BredeIntake.objects.filter(inburgeraar=person).first()
    if intake is None:
        return {}
    return {
        "intake": rows([intake])[0],
        "gesprekken": rows(
            IntakeConversation.objects.filter(intake=intake).select_related(
                "location", "consultant"
            )
        ),
        "levensdomeinen": rows(
            DomainAssessment.objects.filter(intake=intake).select_related(
                "domain", "level", "updated_by"
            )
        ),
    }


def _toets(person) -> dict:
    toets = (
        Leerbaarheidstoets.objects.filter(inburgeraar=person).select_related("pass_mark").first()
    )
    if toets is None:
        return {}
    return {
        "toets": rows([toets])[0],
        "afnames": rows(
            ToetsSession.objects.filter(toets=toets).select_related(
                "location", "device", "toetsbegeleider__user"
            )
        ),
        # Issue 13: corrections of sittings and results, with their reasons.
        "correcties": rows(
            ToetsCorrection.objects.filter(toets=toets).select_related("session", "corrected_by")
        ),
    }


def register() -> None:
    register_section("brede_intake", _intake)
    register_section("leerbaarheidstoets", _toets)
