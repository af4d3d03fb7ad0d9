"""The view side of the kit: a case page cannot forget the scope, the role or the read audit.

    @case_page(roles=CAN_SEE, audit="werkafspraak_viewed")
    def overzicht(request, case):
        ...
        return render(request, "kitapp/overzicht.html", case_context(case, tab="werkafspraak"))

`case_page` applies, in this order: login, the scope (`visible_to`: a case outside it
answers 404 and writes a `denied` audit event), the allowed methods (405), the role (403),
and once the
view has answered, one read audit event with its processing line (the request reached the
case's data, whether it rendered a page or saved a form and redirected). A view that shows
more or less than its default (health data, household members) says so with
`read_as(request, code, also=...)`; a view that raised (404, 403) records no read.

`service_form` is the form side: form → service → a `ValidationError` onto the fields (or
the form) → message → redirect; on an error the page is rendered again with everything the
user typed.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..audit import access_denied, record_read
from ..models import Inburgeraar
from ..permissions import may


def get_case_or_404(request, public_id, *, detail: bool = False) -> Inburgeraar:
    """The case if it is in the user's scope; otherwise 404 and a `denied` audit event."""
    from .. import selectors

    selector = selectors.inburgeraar_detail_for if detail else selectors.inburgeraar_get_for
    try:
        return selector(user=request.user, public_id=public_id)
    except (Inburgeraar.DoesNotExist, ValidationError, ValueError):
        access_denied(request=request, object_type="inburgeraar", object_ref=str(public_id))
        raise Http404(_("Dit dossier bestaat niet of u heeft er geen toegang toe.")) from None


def same_site_path(candidate: str | None) -> str:
    """`candidate` when it is a relative path on this site ("/…"), otherwise "" (issue 22,
    finding 7): no other host, no scheme (`javascript:`), no "//host" or "/\\host", no
    control characters. For every `next` a form or link sends back."""
    candidate = candidate or ""
    if (
        not candidate.startswith("/")
        or candidate.startswith(("//", "/\\"))
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in candidate)
        or not url_has_allowed_host_and_scheme(candidate, allowed_hosts=set())
    ):
        return ""
    parts = urlsplit(candidate)
    return candidate if not parts.scheme and not parts.netloc else ""


def require(user, roles) -> None:
    """403 unless the user has one of the roles (None: every logged-in user)."""
    if roles is not None and not may(user, roles):
        raise PermissionDenied


def read_as(request, code: str | None, *, also: Iterable = ()) -> None:
    """The read audit event this page writes (None: none, e.g. nothing personal shown)."""
    request.case_read = (code, tuple(also))


def case_page(
    *,
    roles=None,
    audit: str | None = None,
    methods: Iterable[str] = ("GET",),
    detail: bool = False,
):
    """Decorator of a view of one case: `view(request, case, **kwargs)`; see the module."""

    allowed = [m.upper() for m in methods]

    def decorator(view: Callable):
        @login_required
        @wraps(view)
        def wrapper(request, public_id, *args, **kwargs):
            # Scope first: a case outside it is a 404 (and logged) whatever the method or role.
            case = get_case_or_404(request, public_id, detail=detail)
            # A later refusal under this case (a foreign sub-object, the method, the role) is
            # recorded on it by cases.middleware.DeniedAuditMiddleware (issue 22, finding 8).
            request.hbel_case = case
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            require(request.user, roles)
            read_as(request, audit)
            response = view(request, case, *args, **kwargs)
            code, also = request.case_read
            if code:
                record_read(code, request=request, inburgeraar=case, also=also)
            return response

        return wrapper

    return decorator


def apply_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has the field,
    on the form otherwise."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def service_form(
    request,
    form,
    service: Callable[[dict], object],
    *,
    success: str | Callable[[object], str] | None,
    redirect_to: str | Callable[[object], str],
    level: int = messages.SUCCESS,
):
    """On a POST with a valid form, call `service(form.cleaned_data)`.

    Success: the message (a text, or a function of the service's result giving a text or a
    (level, text) pair; None for none) and
    a redirect (a URL, or a function of the result). A ValidationError from the service lands
    on the form and None is returned: the caller renders the form again, as on a GET.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return None
    text = success(result) if callable(success) else success
    if isinstance(text, tuple):  # (level, text) where the outcome decides the level
        level, text = text
    if text:
        messages.add_message(request, level, text)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def case_context(case: Inburgeraar, *, tab: str, title: str = "", **extra) -> dict:
    """The context `cases/base_case.html` needs: the case, the current tab and the title."""
    return {"inburgeraar": case, "tab": tab, "title": title, **extra}
