"""The audit vocabulary: every audit event an app may record, declared by that app.

Each app declares its events in its own `audit.py` (discovered at start-up, like `admin.py`):

    declare("werkafspraak_viewed", _("Werkafspraak bekeken"), activity=WERKAFSPRAAK)
    declare("werkafspraak_saved", _("Werkafspraak vastgelegd"), activity=WERKAFSPRAAK,
            operation=Op.UPDATE)

`cases` keeps only the mechanism: `record()` (cases.audit.record) refuses a code that was not
declared, so no event can reach the trail without a Dutch label for the privacy screens, the
CSV export and the AVG inzage, and without its processing activity (Logboek Dataverwerkingen).
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from .. import processing
from ..models import AuditEvent, ProcessingLogLine
from ..registry import Registry

Op = ProcessingLogLine.Operation

PURPOSE_CASE_MANAGEMENT = "uitvoering Wet inburgering 2021"
PURPOSE_PRIVACY = "toezicht en AVG"


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: object  # a lazy Dutch text
    activity: str = processing.CASE_MANAGEMENT
    operation: str = Op.READ
    purpose: str = PURPOSE_CASE_MANAGEMENT
    result: str = AuditEvent.Result.OK

    def __eq__(self, other) -> bool:  # lazy texts compare by their text
        return isinstance(other, AuditAction) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple:
        return (
            self.code,
            str(self.label),
            self.activity,
            self.operation,
            self.purpose,
            self.result,
        )


class UndeclaredAuditAction(ImproperlyConfigured):
    """An event code that no app declared: it would reach the trail without a Dutch label."""


ACTIONS: Registry[AuditAction] = Registry("auditgebeurtenis")


def declare(
    code: str,
    label,
    *,
    activity: str = processing.CASE_MANAGEMENT,
    operation: str = Op.READ,
    purpose: str = PURPOSE_CASE_MANAGEMENT,
    result: str = AuditEvent.Result.OK,
) -> AuditAction:
    """Declare an audit event of the calling app (see the module docstring)."""
    if activity not in processing.ACTIVITIES:
        raise ImproperlyConfigured(
            f"auditgebeurtenis {code!r}: verwerkingsactiviteit {activity!r} is niet "
            "geregistreerd (processing.register_activity)."
        )
    return ACTIONS.register(code, AuditAction(code, label, activity, operation, purpose, result))


def action(code: str) -> AuditAction:
    """The declared event; `UndeclaredAuditAction` for a code no app declared."""
    declared = ACTIONS.get(code)
    if declared is None:
        raise UndeclaredAuditAction(
            f"auditgebeurtenis {code!r} is niet gedeclareerd; declareer hem met "
            "cases.audit.declare() in audit.py van de app die hem vastlegt."
        )
    return declared


def label_for(code: str) -> str:
    """The Dutch label; a code from an older release that no app declares any more is shown
    as it is (the trail is append-only, its rows outlive the code that wrote them)."""
    declared = ACTIONS.get(code)
    return str(declared.label) if declared is not None else code


def choices() -> list[tuple[str, str]]:
    """(code, label) of every declared event, sorted by label: for the audit search."""
    return sorted(((code, str(a.label)) for code, a in ACTIONS.items()), key=lambda c: c[1])
