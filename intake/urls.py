from django.urls import path

from . import views

app_name = "intake"

case = "inburgeraars/<uuid:public_id>"

urlpatterns = [
    path(f"{case}/intake/", views.overview, name="overview"),
    path(f"{case}/intake/gesprekken/nieuw/", views.conversation_form, name="conversation-create"),
    path(f"{case}/intake/gesprekken/<int:pk>/", views.conversation_form, name="conversation-edit"),
    path(f"{case}/intake/levensdomeinen/", views.domains, name="domains"),
    path(f"{case}/intake/levensdomeinen/<slug:code>/", views.domain, name="domain"),
    path(
        f"{case}/intake/afspraken/",
        views.section,
        {"section": "afspraken"},
        name="agreements",
    ),
    path(f"{case}/intake/coa/", views.section, {"section": "coa"}, name="coa"),
    path(f"{case}/intake/verslag/", views.section, {"section": "verslag"}, name="report"),
    path(f"{case}/intake/afronden/", views.complete, name="complete"),
    path(
        f"{case}/intake/afronden-zonder-inburgeraar/",
        views.complete_without_person,
        name="complete-without-person",
    ),
    path(f"{case}/leerbaarheidstoets/", views.toets, name="toets"),
    path(f"{case}/leerbaarheidstoets/duo/", views.toets_duo, name="toets-duo"),
    path(
        f"{case}/leerbaarheidstoets/afname/nieuw/",
        views.toets_session_form,
        name="toets-session-create",
    ),
    path(
        f"{case}/leerbaarheidstoets/afname/<int:pk>/",
        views.toets_session_form,
        name="toets-session-edit",
    ),
    path(
        f"{case}/leerbaarheidstoets/afname/<int:pk>/uitkomst/",
        views.toets_session_outcome,
        name="toets-session-outcome",
    ),
    path(f"{case}/leerbaarheidstoets/uitslag/", views.toets_result, name="toets-result"),
    path(f"{case}/leerbaarheidstoets/vrijstelling/", views.toets_exemption, name="toets-exemption"),
    path("planning/", views.planning_conversations, name="planning"),
    path("planning/leerbaarheidstoetsen/", views.planning_toetsen, name="planning-toetsen"),
]
