"""The client's address behind the prescribed TLS proxy (issue 22, finding 2).

Each of the `HBEL_TRUSTED_PROXY_COUNT` proxies in front of the application appends the address
it received the request from to `X-Forwarded-For` (nginx: `$proxy_add_x_forwarded_for`). The
client's address is therefore the N-th entry from the right, the one the outermost trusted
proxy saw; whatever stands to the left of it was sent by the client and can be anything, so it
is never used. Without trusted proxies the header is ignored and `REMOTE_ADDR` is the client.

django-axes (AXES_CLIENT_IP_CALLABLE) and the audit trail both take the address from here, so
a lockout falls on the attacker's address and the audit names it. (django-ipware was weighed:
in its strict mode a chain with one entry more than expected resolves to the proxy's address,
which puts every such client back in one shared lockout bucket; its lenient mode takes the
left-most, client-supplied entry.)
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The address of the client that sent `request`, as far as the trusted proxies tell."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.HBEL_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in header.split(",")] if header else []
    if len(entries) < count:
        # Not through every trusted proxy (a direct request on the internal network).
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote
