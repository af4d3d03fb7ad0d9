"""Celery tasks of the PIP: thin, take ids, idempotent (STYLE.md)."""

from celery import shared_task

from cases import processing


@shared_task(
    name="pip_plans.render_beschikking_pdf",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def render_beschikking_pdf(beschikking_id: int) -> str:
    """Render and store a beschikking's PDF (REQ P-03); a no-op when it exists already."""
    from .services import beschikking_render

    token = processing.begin_trace()
    try:
        beschikking = beschikking_render(beschikking_id=beschikking_id)
    finally:
        processing.end_trace(token)
    if beschikking is None:
        return "gone"
    return beschikking.sha256
