"""The lifecycle of an issued document (see `cases.documents`)."""

import hashlib
import logging
from datetime import date
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from cases import audit
from cases.constants import MadeKnownHow
from cases.dates import format_date
from cases.pdf import render_pdf

from .models import IssuedDocument


def kinds() -> dict[str, type[IssuedDocument]]:
    """Every installed concrete document model by its `document_kind`."""
    found: dict[str, type[IssuedDocument]] = {}
    for model in apps.get_models():
        if issubclass(model, IssuedDocument):
            kind = model.document_kind
            if not kind or kind in found:
                raise ImproperlyConfigured(
                    f"{model._meta.label}: document_kind {kind!r} is empty or not unique"
                )
            found[kind] = model
    return found


def model_for(kind: str) -> type[IssuedDocument]:
    try:
        return kinds()[kind]
    except KeyError:
        raise LookupError(f"no issued-document kind {kind!r}") from None


def _logger(model) -> logging.Logger:
    return logging.getLogger(f"hbel.{model._meta.app_label}")


def _locked(model):
    return model._default_manager.select_for_update(of=("self",)).select_related(
        *model.lock_related
    )


# --- issue and render ---------------------------------------------------------------------


def issue(model: type[IssuedDocument], *, render: bool = True, **fields) -> IssuedDocument:
    """Store a new document with its snapshot, inside the caller's transaction.

    With `render`, rendering is handed to a worker once the transaction commits
    (`queue_render`); a rollback issues nothing and queues nothing. `fields` are the model's
    fields (snapshot, kenmerk, dagtekening and the kind's own).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue() belongs inside the atomic block of the issuing service")
    if "snapshot" not in fields:
        raise TypeError("an issued document needs its snapshot")
    document = model._default_manager.create(**fields)
    if render:
        transaction.on_commit(partial(queue_render, document))
    return document


def queue_render(document: IssuedDocument) -> None:
    """Send the render task: the kind's own `render_task(pk)`, else `cases.render_document`.

    Call after commit. The document is issued by then; a broker outage or any error here must
    not undo or hide that, so it is logged and the first download renders the PDF instead.
    """
    model = type(document)
    try:
        if model.render_task:
            import_string(model.render_task).delay(document.pk)
        else:
            from cases.tasks import render_document

            render_document.delay(model.document_kind, document.pk)
    except Exception:
        _logger(model).exception(
            "%s %s: PDF not rendered now, it will be at the first download",
            model.document_kind,
            document.pk,
        )


def render(model: type[IssuedDocument], pk: int) -> IssuedDocument | None:
    """Render the PDF from the stored snapshot and store it with its SHA-256, once.

    Idempotent: returns at once when the PDF exists (a rerun, a second worker, or the download
    that got there first; the row lock serialises them). None when the row is gone (purged).
    """
    with transaction.atomic():
        document = _locked(model).filter(pk=pk).first()
        if document is None or document.is_rendered:
            return document
        content = render_pdf(model.template_name, document.render_context())
        document.pdf.save(f"{model.document_kind}.pdf", ContentFile(content), save=False)
        try:
            document.sha256 = hashlib.sha256(content).hexdigest()
            document.rendered_at = timezone.now()
            document.save(update_fields=["pdf", "sha256", "rendered_at"])
            document.on_rendered()
        except Exception:
            document.pdf.storage.delete(document.pdf.name)
            raise
    return document


class DocumentIntegrityError(ValidationError):
    """The stored file does not match the SHA-256 recorded when it was issued: changed or
    damaged on disk after issue."""


def pdf_bytes(document: IssuedDocument) -> bytes:
    """The stored PDF, rendered first when it was not made yet; checked against its hash."""
    model = type(document)
    if not document.is_rendered:
        document = render(model, document.pk)
        if document is None:
            raise model.DoesNotExist("the document no longer exists")
    with document.pdf.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise DocumentIntegrityError(
            _("Het opgeslagen PDF-bestand klopt niet met de vastgelegde hash.")
        )
    return content


def download_response(request, document: IssuedDocument, *, inburgeraar) -> HttpResponse:
    """The PDF as an attachment, for a view that has checked access: rendered when missing,
    audited as `<kind>_downloaded` under the kind's activity, never cached.

    A file that no longer matches its hash is not handed out (issue 22, finding 13): the user
    gets a Dutch error page, the refusal is audited and the functioneel beheerders are alerted.
    """
    try:
        content = pdf_bytes(document)
    except DocumentIntegrityError:
        return _integrity_failed(request, document, inburgeraar=inburgeraar)
    # The kind declares `<kind>_downloaded` in its app's audit.py (cases.audit.vocabulary).
    audit.record_read(
        f"{document.document_kind}_downloaded", request=request, inburgeraar=inburgeraar
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.download_name}"'
    response["Cache-Control"] = "no-store, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _integrity_failed(request, document: IssuedDocument, *, inburgeraar) -> HttpResponse:
    from django.shortcuts import render
    from django.urls import NoReverseMatch, reverse

    from cases import alerts

    model = type(document)
    # The id and kenmerk only: no name or BSN in a log line or an e-mail.
    _logger(model).error(
        "%s %s: stored PDF does not match its SHA-256; download refused",
        model.document_kind,
        document.pk,
    )
    audit.record(
        "document_integrity_failed",
        request=request,
        obj=document,
        inburgeraar_id=inburgeraar.pk,
    )
    try:
        admin_url = settings.SITE_URL + reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[document.pk]
        )
    except NoReverseMatch:  # a kind without an admin page
        admin_url = "—"
    alerts.alert_beheerders(
        _("HBEL Inburgering: een opgeslagen document is gewijzigd"),
        _(
            "Het PDF-bestand van %(subject)s %(kenmerk)s (intern nummer %(pk)s) klopt niet meer "
            "met de hash die bij het uitgeven is vastgelegd. Het bestand is gewijzigd of "
            "beschadigd en wordt niet meer gedownload.\n\n"
            "Zet het bestand terug uit de back-up en controleer de hash.\n"
            "Beheer: %(url)s\n"
        )
        % {
            "subject": model.subject,
            "kenmerk": document.kenmerk,
            "pk": document.pk,
            "url": admin_url,
        },
    )
    return render(
        request,
        "cases/document_integrity.html",
        {"subject": model.subject, "kenmerk": document.kenmerk},
        status=409,
    )


# --- made known ---------------------------------------------------------------------------


def record_made_known(
    document: IssuedDocument,
    *,
    made_known_on: date,
    how: str,
    by,
    request=None,
    today: date | None = None,
) -> IssuedDocument:
    """REQ D-15: record when (and how) the document was made known, in one unit of work of its
    case (cases.kit.case_change; a closed case too: the letter went out while it was open). A
    correction keeps the old value in the field history; the kind's `on_made_known(change=,
    history=)` adds its timeline and audit event through the change. Returns the locked row
    (unchanged when nothing differs)."""
    model = type(document)
    today = today or timezone.localdate()
    errors = {}
    if made_known_on < document.dagtekening:
        errors["made_known_on"] = _("Deze datum ligt vóór de dagtekening (%(date)s).") % {
            "date": format_date(document.dagtekening)
        }
    elif made_known_on > today:
        errors["made_known_on"] = _("Deze datum kan niet in de toekomst liggen.")
    if how not in MadeKnownHow.values:
        errors["how"] = _("Kies hoe %(subject)s bekend is gemaakt.") % {"subject": model.subject}
    if errors:
        raise ValidationError(errors)
    from cases.kit import case_change, model_update
    from cases.models import Inburgeraar

    case = Inburgeraar(pk=document.case_id)
    with case_change(case, by=by, request=request, today=today, allow_closed=True) as change:
        locked = _locked(model).get(pk=document.pk)
        history = model_update(
            locked,
            {"made_known_on": made_known_on, "made_known_how": how},
            fields=["made_known_on", "made_known_how"],
        )
        if not history:
            return locked
        model_update(locked, {"made_known_recorded_by": by}, fields=["made_known_recorded_by"])
        locked.on_made_known(change=change, history=history)
    document.made_known_on = made_known_on
    document.made_known_how = how
    return locked


# --- retention ----------------------------------------------------------------------------


def purge_files(inburgeraar_ids) -> None:
    """Retention (cases.retention): the stored PDFs of every kind for these cases are deleted
    once the purge commits; the rows go with the case."""
    from cases.retention import delete_file_on_commit

    for model in kinds().values():
        names = (
            model._default_manager.filter(**{f"{model.case_path}__in": list(inburgeraar_ids)})
            .exclude(pdf="")
            .values_list("pdf", flat=True)
        )
        storage = model._meta.get_field("pdf").storage
        for name in names:
            delete_file_on_commit(storage, name)
