"""The abstract model of an issued document (a beschikking, a voornemen, a letter).

A concrete subclass adds what is particular to its kind (what it decides, its own dates) and
sets the class attributes below. The fields declared here are the generic columns every kind
has; they are the columns the first kind's table already had, so no table or migration state
changed when it moved onto this base.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import MadeKnownHow


def issued_document_path(instance, filename: str) -> str:
    """`<media_folder>/<year of the dagtekening>/<random>.pdf`: no name, BSN or kenmerk."""
    return f"{instance.media_folder}/{instance.dagtekening:%Y}/{uuid.uuid4().hex}.pdf"


class IssuedDocument(models.Model):
    """A decision or letter sent to an inburgeraar: frozen data, rendered once, never changed.

    The snapshot holds every value the document prints; the PDF is rendered from it once (by a
    Celery task, or at the first download), stored with its SHA-256 and never changes. The
    database refuses changes as well (`cases.documents.triggers`). Only the made-known fields
    (REQ D-15) may be recorded later. The lifecycle is in `cases.documents` (issue, render,
    pdf_bytes, download_response, record_made_known).
    """

    # --- set by each concrete kind ---------------------------------------------------------
    #: Registry key, unique over all kinds (`cases.documents.kinds()`), e.g. "voornemen".
    document_kind: ClassVar[str] = ""
    #: The Django template the PDF is rendered from (through cases.pdf, PDF/A-3b).
    template_name: ClassVar[str] = ""
    #: Folder under MEDIA_ROOT the PDFs are stored in, e.g. "voornemens".
    media_folder: ClassVar[str] = ""
    #: Dotted path of a Celery task taking the pk, or "" for `cases.render_document(kind, pk)`.
    render_task: ClassVar[str] = ""
    #: The lookup from this model to its Inburgeraar (retention purge), e.g. "inburgeraar".
    case_path: ClassVar[str] = "inburgeraar"
    #: `select_related` when the lifecycle locks a row (what the hooks below read).
    lock_related: ClassVar[tuple[str, ...]] = ()
    #: How messages name this document: "het voornemen", "het document".
    subject: ClassVar = _("het document")

    kenmerk = models.CharField(_("kenmerk"), max_length=40, unique=True)
    dagtekening = models.DateField(_("dagtekening"))
    snapshot = models.JSONField(_("gegevens van het document"))
    pdf = models.FileField(_("PDF"), upload_to=issued_document_path, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("PDF gemaakt op"), null=True, blank=True)
    # REQ D-15: the day it was actually made known (starts a bezwaar- or zienswijzetermijn).
    made_known_on = models.DateField(_("bekendgemaakt op"), null=True, blank=True)
    made_known_how = models.CharField(
        _("wijze van bekendmaking"), max_length=20, choices=MadeKnownHow.choices, blank=True
    )
    made_known_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bekendmaking vastgelegd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.kenmerk

    @property
    def is_rendered(self) -> bool:
        return bool(self.sha256)

    @property
    def download_name(self) -> str:
        return f"{self.document_kind}-{self.kenmerk}.pdf"

    # --- hooks of each concrete kind -------------------------------------------------------

    @property
    def case_id(self) -> int:
        """The id of the inburgeraar this document is about (audit, field history)."""
        raise NotImplementedError

    def render_context(self) -> dict:
        """The template context, made from the snapshot only (never from live data)."""
        return {"document": self.snapshot}

    def on_rendered(self) -> None:
        """Inside the render transaction, after the PDF is stored: the kind's audit event."""
        raise NotImplementedError

    def on_made_known(self, *, change, history: dict[str, tuple[str, str]]) -> None:
        """Inside the unit of work that recorded the made-known date (`change`, a
        cases.kit.CaseChange): timeline, audit event with `history` (old and new value),
        deadlines (`change.facts_changed()`)."""
        raise NotImplementedError
