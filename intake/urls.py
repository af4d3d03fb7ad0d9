from django.urls import path

from .views import intake, planning, toets

app_name = "intake"

case = "inburgeraars/<uuid:public_id>"

urlpatterns = [
    path(f"{case}/intake/", intake.overview, name="overview"),
    path(f"{case}/intake/gesprekken/nieuw/", intake.conversation_form, name="conversation-create"),
    path(f"{case}/intake/gesprekken/<int:pk>/", intake.conversation_form, name="conversation-edit"),
    path(f"{case}/intake/levensdomeinen/", intake.domains, name="domains"),
    path(f"{case}/intake/levensdomeinen/<slug:code>/", intake.domain, name="domain"),
    path(
        f"{case}/intake/afspraken/",
        intake.section,
        {"section": "afspraken"},
        name="agreements",
    ),
    path(f"{case}/intake/coa/", intake.section, {"section": "coa"}, name="coa"),
    path(f"{case}/intake/verslag/", intake.section, {"section": "verslag"}, name="report"),
    path(f"{case}/intake/afronden/", intake.complete, name="complete"),
    path(
        f"{case}/intake/afronden-zonder-inburgeraar/",
        intake.complete_without_person,
        name="complete-without-person",
    ),
    path(f"{case}/leerbaarheidstoets/", toets.toets, name="toets"),
    path(f"{case}/leerbaarheidstoets/duo/", toets.toets_duo, name="toets-duo"),
    path(
        f"{case}/leerbaarheidstoets/afname/nieuw/",
        toets.toets_session_form,
        name="toets-session-create",
    ),
    path(
        f"{case}/leerbaarheidstoets/afname/<int:pk>/",
        toets.toets_session_form,
        name="toets-session-edit",
    ),
    path(
        f"{case}/leerbaarheidstoets/afname/<int:pk>/uitkomst/",
        toets.toets_session_outcome,
        name="toets-session-outcome",
    ),
    path(
        f"{case}/leerbaarheidstoets/afname/<int:pk>/corrigeren/",
        toets.toets_session_correct,
        name="toets-session-correct",
    ),
    path(f"{case}/leerbaarheidstoets/uitslag/", toets.toets_result, name="toets-result"),
    path(f"{case}/leerbaarheidstoets/vrijstelling/", toets.toets_exemption, name="toets-exemption"),
    path("planning/", planning.planning_conversations, name="planning"),
    path("planning/leerbaarheidstoetsen/", planning.planning_toetsen, name="planning-toetsen"),
]
