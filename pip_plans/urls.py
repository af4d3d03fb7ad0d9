from django.urls import path

from . import views

app_name = "pip_plans"

_case = "inburgeraars/<uuid:public_id>/pip/"
_version = _case + "versies/<int:number>/"

urlpatterns = [
    path("pip/duo-registraties/", views.duo_worklist, name="duo-worklist"),
    path("pip/goedkeuren/", views.approval_queue, name="approval-queue"),
    path(_case, views.detail, name="detail"),
    path(_case + "nieuw/", views.draft_start, name="draft-start"),
    path(_case + "voortgangsgesprekken/nieuw/", views.talk_create, name="talk-create"),
    path(_case + "verlengingen/nieuw/", views.extension_create, name="extension-create"),
    path(_case + "informatie-derden/nieuw/", views.third_party_create, name="third-party-create"),
    path(
        _case + "informatie-derden/<int:request_id>/ontvangen/",
        views.third_party_received,
        name="third-party-received",
    ),
    path(
        _case + "verlengingen/<int:extension_id>/besluit/",
        views.extension_decide,
        name="extension-decide",
    ),
    path(_version, views.version_detail, name="version"),
    path(_version + "voorbeeld/", views.preview, name="preview"),
    path(_version + "vaststellen/", views.establish, name="establish"),
    path(_version + "laten-vervallen/", views.discard, name="discard"),
    path(_version + "beschikking.pdf", views.download, name="download"),
    path(_version + "bekendmaking/", views.made_known, name="made-known"),
    path(_version + "duo-registratie/", views.duo_done, name="duo-done"),
    path(_version + "goedkeuren/", views.approve, name="approve"),
    path(_version + "terugsturen/", views.approval_refuse, name="approval-refuse"),
    path(_version + "herroepen/", views.replace, name="replace"),
    path(_version + "thema/<slug:theme>/", views.theme_edit, name="theme-edit"),
]
