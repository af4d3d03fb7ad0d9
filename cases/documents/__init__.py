"""Issued documents: decisions and letters sent to an inburgeraar (REQ P-03, D-15; DESIGN.md
principle 5). Every app that issues a decision or a letter defines a kind of its own here;
tests/kitapp has a small complete example.

A new kind:

1. A model `class Voornemen(IssuedDocument)` (`cases.documents.models`) with the class
   attributes `document_kind`, `template_name`, `media_folder` (and
   optionally `render_task`, `lock_related`, `subject`), the property `case_id` and the hooks
   `on_rendered()` (its audit event) and `on_made_known(change=, history=)`
   (timeline, audit event, deadlines). Its app declares `<kind>_downloaded` (and the events
   its hooks record) in its `audit.py` (cases.audit.vocabulary).
2. In its migration, after CreateModel: `ImmutableDocument("<table>", name="<kind>",
   frozen=[<its own frozen columns>])` from `cases.documents.triggers`.
3. Its service calls, inside its atomic block, `documents.issue(Voornemen, snapshot=...,
   kenmerk=..., dagtekening=..., <its fields>)`: stored now, rendered by a worker after commit.
4. Its download view checks access and returns `documents.download_response(request, doc,
   inburgeraar=...)`; its made-known service calls `documents.record_made_known(...)`.

Rendering goes through the generic Celery task `cases.render_document(kind, pk)` unless the
kind names its own task (`render_task`, a dotted path of a task taking the pk, e.g. to keep a
task name that messages queued before a deploy still carry). Either way the task calls
`documents.render`, which is idempotent, and the first download renders when the worker has not
yet. The retention purge deletes the PDFs of every kind once its transaction commits
(`purge_files`, called by cases.retention; `case_path`).
"""

from .lifecycle import (
    DocumentIntegrityError,
    download_response,
    issue,
    kinds,
    model_for,
    pdf_bytes,
    purge_files,
    queue_render,
    record_made_known,
    render,
)
from .models import IssuedDocument

__all__ = [
    "DocumentIntegrityError",
    "IssuedDocument",
    "download_response",
    "issue",
    "kinds",
    "model_for",
    "pdf_bytes",
    "purge_files",
    "queue_render",
    "record_made_known",
    "render",
]
