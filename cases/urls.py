from django.urls import path

from . import views
from .deadlines import views as deadline_views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("vandaag/", views.today, name="today"),
    path("caseload/", views.caseload, name="caseload"),
    path("zoeken/bsn/", views.search_bsn, name="search-bsn"),
    path("overzicht/", views.overview, name="overview"),
    path("inburgeraars/nieuw/", views.create, name="create"),
    path("inburgeraars/<uuid:public_id>/", views.detail, name="detail"),
    path("inburgeraars/<uuid:public_id>/wijzigen/", views.edit, name="edit"),
    path("inburgeraars/<uuid:public_id>/fase/", views.change_phase, name="phase"),
    path("inburgeraars/<uuid:public_id>/overdragen/", views.hand_over, name="handover"),
    # REQ D / M-01: deadline screens.
    path("meldingen/", deadline_views.notices, name="notices"),
    path("meldingen/<int:pk>/afgehandeld/", deadline_views.notice_handle, name="notice-handle"),
    path("termijnen/dashboard/", deadline_views.dashboard, name="deadline-dashboard"),
    path("termijnen/rekenhulp/", deadline_views.calculator, name="deadline-calculator"),
]
