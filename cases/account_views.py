"""MFA: enrolment with a QR code and verification at login (TOTP plus backup codes)."""

import base64
import secrets

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit

BACKUP_CODE_COUNT = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("De 6 cijfers uit uw authenticator-app, of een back-upcode."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("cases:home")


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # Give the picture an accessible name; the secret is also shown as text beside it.
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR-code voor de authenticator-app" ', 1
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa_enrol(request):
    """Enrol a TOTP device. Only while the user has none: a password alone can't add one."""
    user = request.user
    if user_has_device(user, confirmed=True):
        return redirect(f"{reverse('mfa-verify')}?next={_next_url(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_backup_codes(user)
            _mfa_login(request, device)
            audit.login_event(request=request, user=user, action="mfa_enrolled")
            return render(
                request,
                "registration/mfa_backup_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308  generated SVG, no input
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
    }
    return render(request, "registration/mfa_enrol.html", context)


def _mfa_login(request, device) -> None:
    """Mark the session verified and give it a new key (issue 22, finding 9): a session id
    seen before the second factor (on a shared screen, in a proxy log) must not become a
    fully verified session. The data of the session, the login time included, is kept."""
    otp_login(request, device)
    request.session.cycle_key()


def _new_backup_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Back-upcodes")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes = [secrets.token_hex(4) for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request):
    user = request.user
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('mfa-enrol')}?next={_next_url(request)}")
    if user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            _mfa_login(request, device)
            audit.login_event(request=request, user=user, action="mfa_verified")
            return redirect(_next_url(request))
        audit.login_event(request=request, user=user, action="mfa_failed")
        form.add_error("token", _("Deze code klopt niet of is al gebruikt."))
    return render(
        request, "registration/mfa_verify.html", {"form": form, "next": _next_url(request)}
    )
