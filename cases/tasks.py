"""Celery tasks of the case domain: thin, idempotent, calling a service (STYLE.md)."""

from datetime import date

from celery import shared_task

from .deadlines import services as deadline_services


@shared_task(
    name="cases.tasks.deadlines_scan",
    acks_late=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def deadlines_scan(today: str | None = None) -> dict:
    """REQ D, issue 4: the nightly scan of every active case, with catch-up of missed days."""
    result = deadline_services.deadlines_scan(today=date.fromisoformat(today) if today else None)
    return {
        "days": [day.isoformat() for day in result.days],
        "cases": result.cases,
        "deadlines_written": result.deadlines_written,
        "notices_created": result.notices_created,
    }


@shared_task(name="cases.tasks.deadlines_digest", acks_late=True)
def deadlines_digest(today: str | None = None) -> int:
    """REQ D, issue 4: the 07:00 e-mail digest of new notices per consultant."""
    return deadline_services.deadlines_send_digests(
        today=date.fromisoformat(today) if today else None
    )


@shared_task(
    name="cases.render_document",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def render_document(kind: str, pk: int) -> str:
    """Render and store an issued document's PDF (cases.documents); a no-op when it exists
    already, "gone" when the row was purged."""
    from . import documents, processing

    token = processing.begin_trace()
    try:
        document = documents.render(documents.model_for(kind), pk)
    finally:
        processing.end_trace(token)
    return "gone" if document is None else document.sha256
