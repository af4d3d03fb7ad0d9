"""E-mail alerts to staff: to the functioneel beheerders (a tampered document, a role granted)
and to one user (a change of their own account). Links and internal ids only, never a name
or a BSN. Sent once the caller's transaction commits; a mail outage is logged, never raised:
the audit event already holds what happened."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from .constants import Role
from .models import User

logger = logging.getLogger("hbel.alerts")


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if not recipients:
        logger.warning("alert not sent, no recipient with an e-mail address: %s", subject)
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        logger.exception("alert could not be sent: %s", subject)


def beheerder_addresses(*, exclude=None) -> list[str]:
    users = User.objects.filter(is_active=True, groups__name=Role.FUNCTIONEEL_BEHEERDER).exclude(
        email=""
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return sorted(set(users.values_list("email", flat=True)))


def alert_beheerders(subject: str, body: str, *, exclude=None) -> None:
    """Mail every active functioneel beheerder (but `exclude`, who did it) after the commit."""
    with translation.override("nl"):
        subject, body = str(subject), str(body)
    recipients = beheerder_addresses(exclude=exclude)
    transaction.on_commit(partial(_send, subject, body, recipients))


def notify_user(user, subject: str, body: str) -> None:
    """Mail one user about a change of their own account, after the commit."""
    with translation.override("nl"):
        subject, body = str(subject), str(body)
    recipients = [user.email] if user.email else []
    transaction.on_commit(partial(_send, subject, body, recipients))
