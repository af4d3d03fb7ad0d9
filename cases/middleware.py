"""Request guards of the security baseline (BIO, OWASP ASVS L2)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import processing

SESSION_AUTH_AT = "hbel_auth_at"


class TraceIdMiddleware:
    """Give every request a trace id for the audit and processing logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = processing.begin_trace()
        try:
            request.trace_id = processing.current_trace_id()
            return self.get_response(request)
        finally:
            processing.end_trace(token)


class SessionLifetimeMiddleware:
    """Absolute session lifetime (12 hours) on top of the sliding idle timeout (30 minutes).

    The idle timeout is the session's own expiry (SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST); this ends a session that was kept alive for too long.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_AUTH_AT)
            limit = settings.HBEL_SESSION_ABSOLUTE_SECONDS
            if started is None or time.time() - started > limit:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect(f"{reverse('login')}?next={request.path}")
        return self.get_response(request)


class MfaRequiredMiddleware:
    """With MFA on, a password-only session reaches nothing but enrolment and verification."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.HBEL_MFA_REQUIRED and self._needs_mfa(request):
            user = request.user
            from django_otp import user_has_device

            target = "mfa-verify" if user_has_device(user, confirmed=True) else "mfa-enrol"
            if request.path not in self._open_paths():
                return redirect(f"{reverse(target)}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _needs_mfa(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return not user.is_verified()

    @staticmethod
    def _open_paths() -> set[str]:
        return {
            reverse("login"),
            reverse("logout"),
            reverse("mfa-verify"),
            reverse("mfa-enrol"),
        }


class NoStoreMiddleware:
    """Pages may hold personal data: never cache them; also send a Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, max-age=0"
        response["Pragma"] = "no-cache"
        response.setdefault("Permissions-Policy", settings.HBEL_PERMISSIONS_POLICY)
        return response


class DeniedAuditMiddleware:
    """Every refusal a signed-in user gets (403, 404, 405) writes a `denied` audit event
    (issue 22, finding 8), also where no view recorded one: a foreign sub-object id under an
    own case, a wrong method, a role check. A refusal already recorded (the scope's 404,
    `audit.access_denied`) is not recorded twice. Anonymous requests are not recorded: they
    reach nothing but the login page, and a scanner must not be able to fill the trail."""

    REFUSALS = frozenset({403, 404, 405})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in self.REFUSALS
            and not getattr(request, "hbel_denied_recorded", False)
            and getattr(getattr(request, "user", None), "is_authenticated", False)
            and not request.path.startswith(settings.STATIC_URL)
        ):
            from . import audit

            case = getattr(request, "hbel_case", None)
            audit.record(
                "access_denied",
                request=request,
                object_type="pagina",
                object_id=request.path[:64],
                inburgeraar_id=case.pk if case is not None else None,
            )
        return response


class DutchErrorPagesMiddleware:
    """Issue 13 item 5: the Dutch 404 and 500 pages also with DEBUG on, as in the demo
    (`make run`). Without DEBUG Django renders templates/404.html and 500.html itself; with
    DEBUG it shows its English technical pages, which a demo user should never see. The
    traceback still goes to the console log (logger `django.request`). 403 needs nothing:
    Django renders 403.html in DEBUG too. Off unless `HBEL_DUTCH_ERROR_PAGES` (on in the
    demo) and DEBUG are both on; innermost but for axes, so the refusal audit and the
    other middleware see the same 404 and 500 as without DEBUG."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return settings.DEBUG and settings.HBEL_DUTCH_ERROR_PAGES

    def __call__(self, request):
        if self._active():
            from django.urls import Resolver404, get_resolver

            try:
                get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
            except Resolver404 as exc:
                from django.views.defaults import page_not_found

                return page_not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not self._active():
            return None
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        if isinstance(exception, Http404):
            from django.views.defaults import page_not_found

            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None
        import logging

        from django.core.signals import got_request_exception
        from django.views.defaults import server_error

        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception
        )
        got_request_exception.send(sender=None, request=request)
        return server_error(request)
