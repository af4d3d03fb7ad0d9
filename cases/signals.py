"""Authentication events → audit log. (Logging only: no business rules live here.)"""

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit
from .middleware import SESSION_AUTH_AT


@receiver(user_logged_in, dispatch_uid="hbel.audit.login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_AUTH_AT] = time.time()
    audit.login_event(request=request, user=user, action="login")


@receiver(user_logged_out, dispatch_uid="hbel.audit.logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.login_event(request=request, user=user, action="logout")


def _user_named(username):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@receiver(user_login_failed, dispatch_uid="hbel.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The typed user name is not stored: it may be anything, even someone's BSN.
    audit.login_event(
        request=request, user=_user_named(credentials.get("username")), action="login_failed"
    )


@receiver(user_locked_out, dispatch_uid="hbel.audit.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit.login_event(request=request, user=_user_named(username), action="login_locked")
