from django.urls import include, path

from hbel.urls import urlpatterns as application

urlpatterns = [*application, path("", include("tests.kitapp.urls"))]
