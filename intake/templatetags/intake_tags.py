from django import template
from django.utils.translation import gettext as _

from intake.constants import ConversationStatus, SessionStatus

register = template.Library()

_CONVERSATION_TONES = {
    ConversationStatus.PLANNED: "info",
    ConversationStatus.HELD: "success",
    ConversationStatus.NO_SHOW: "danger",
    ConversationStatus.CANCELLED: "neutral",
}
_SESSION_TONES = {
    SessionStatus.PLANNED: "info",
    SessionStatus.TAKEN: "success",
    SessionStatus.NO_SHOW: "danger",
    SessionStatus.CANCELLED: "neutral",
}


@register.filter
def conversation_tone(status: str) -> str:
    return _CONVERSATION_TONES.get(status, "neutral")


@register.filter
def session_tone(status: str) -> str:
    return _SESSION_TONES.get(status, "neutral")


@register.filter
def yes_no_unknown(value) -> str:
    if value is True:
        return _("Ja")
    if value is False:
        return _("Nee")
    return _("Nog niet bekend")


@register.filter
def duo_score(value) -> str:
    """REQ I-07: a toets score as DUO writes it (28,50); "—" when there is none."""
    from intake.scores import format_score

    return "—" if value is None or value == "" else format_score(value)
