from django.urls import path

from . import views

app_name = "learning_routes"

_E = "inburgeraars/<uuid:public_id>/leerroute/<int:enrolment_id>"

urlpatterns = [
    path("inburgeraars/<uuid:public_id>/leerroute/", views.case_route, name="case"),
    path(f"{_E}/rapportage/", views.report_create, name="report-create"),
    path(f"{_E}/examen/", views.exam_create, name="exam-create"),
    path(f"{_E}/afwezigheid/", views.absence_create, name="absence-create"),
    path(f"{_E}/afschalen/", views.afschalen, name="afschalen"),
    path(f"{_E}/schakelen/", views.schakelen, name="schakelen"),
    path(f"{_E}/dlp-aanmelding/", views.dlp_register, name="dlp-register"),
    path(f"{_E}/start/", views.dlp_start, name="dlp-start"),
    path("leerroutes/dlp/", views.dlp_worklist, name="dlp-worklist"),
    path("leerroutes/kosten/", views.cost_report, name="cost-report"),
    path("leerroutes/overleg/", views.provider_meetings, name="meetings"),
]
