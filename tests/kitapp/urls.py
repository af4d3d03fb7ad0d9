from django.urls import path

from . import views

app_name = "kitapp"

urlpatterns = [
    path("inburgeraars/<uuid:public_id>/werkafspraak/", views.overzicht, name="overzicht"),
    path(
        "inburgeraars/<uuid:public_id>/werkafspraak/vastleggen/",
        views.vastleggen,
        name="vastleggen",
    ),
    path(
        "inburgeraars/<uuid:public_id>/werkafspraak/brieven/<int:pk>.pdf",
        views.download,
        name="download",
    ),
]
