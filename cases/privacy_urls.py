from django.urls import path

from . import privacy_views

app_name = "privacy"

urlpatterns = [
    path("", privacy_views.audit_search, name="audit-search"),
    path("zoeken/", privacy_views.privacy_find, name="find"),
    path("dossiers/<uuid:public_id>/", privacy_views.access_log, name="access-log"),
    path("dossiers/<uuid:public_id>/inzage/", privacy_views.inzage_export, name="inzage"),
    # Issue 13: a case closed in error is reopened by the functioneel beheerder.
    path("dossiers/<uuid:public_id>/heropenen/", privacy_views.reopen, name="reopen"),
]
