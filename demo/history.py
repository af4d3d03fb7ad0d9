"""Demo only: put the timeline events a service writes today on the day the demo story says.

The services date their timeline events with the clock; demo data tells months of history. This
helper writes rows directly (it updates only the events written inside the block) and is used
by the apps' `demo.py` modules, never by the application itself. Audit events keep the moment
they were really written: the audit log is append-only.
"""

from contextlib import contextmanager
from datetime import date, datetime, time

from django.db.models import Max
from django.utils import timezone

from cases.models import TimelineEvent


def moment(day: date, at: time = time(11, 0)) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


@contextmanager
def dated(inburgeraar_id: int, day: date, at: time = time(11, 0)):
    before = TimelineEvent.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    TimelineEvent.objects.filter(pk__gt=before, inburgeraar_id=inburgeraar_id).update(
        occurred_at=moment(day, at)
    )
