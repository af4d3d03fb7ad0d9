from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cases import account_views
from cases.forms import AdminLoginForm, LoginForm

admin.site.site_header = _("HBEL Inburgering — beheer")
admin.site.site_title = _("HBEL Inburgering")
admin.site.index_title = _("Beheer")
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("mfa/instellen/", account_views.mfa_enrol, name="mfa-enrol"),
    path("mfa/code/", account_views.mfa_verify, name="mfa-verify"),
    # The link the functioneel beheerder sends ("Link voor nieuw wachtwoord sturen"): the user
    # sets the password; nobody else sees or sets it (issue 22, finding 1).
    path(
        "wachtwoord/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("beheer/", admin.site.urls),
    path("privacy/", include("cases.privacy_urls")),
    path("", include("learning_routes.urls")),
    path("", include("pip_plans.urls")),
    path("", include("cases.urls")),
    path("", include("intake.urls")),
]
