"""The case timeline: every app adds its events here (DESIGN.md, apps contribute by registration).

Apps may register a Dutch label for their own event kinds with `register_kind`; the case page
shows the label next to each event.
"""

from datetime import datetime

from django.utils import timezone

from .constants import TimelineKind
from .registry import Registry

_kind_labels: Registry = Registry("tijdlijnsoort")
for _kind in TimelineKind:
    _kind_labels.register(_kind.value, _kind.label)


def register_kind(code: str, label: str) -> None:
    """A Dutch label for an app's own event kind (cases.registry: a second, different label
    for the same code is refused)."""
    _kind_labels.register(code, label)


def kind_label(code: str) -> str:
    return str(_kind_labels.get(code, code))


def add_event(
    *,
    inburgeraar,
    kind: str,
    summary: str,
    by=None,
    detail: str = "",
    source: str = "cases",
    occurred_at: datetime | None = None,
):
    """Add one event. Call it inside the service's transaction so it commits with the change."""
    from .models import TimelineEvent

    return TimelineEvent.objects.create(
        inburgeraar=inburgeraar,
        kind=kind,
        summary=summary,
        detail=detail,
        source=source,
        actor=by,
        occurred_at=occurred_at or timezone.now(),
    )
