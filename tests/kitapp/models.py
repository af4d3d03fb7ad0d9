from django.db import models

from cases.documents import IssuedDocument
from cases.models import Inburgeraar


class Werkafspraak(models.Model):
    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="werkafspraak"
    )
    omschrijving = models.TextField("omschrijving")
    start_op = models.DateField("start op")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "werkafspraak"
        verbose_name_plural = "werkafspraken"

    def __str__(self) -> str:
        return f"Werkafspraak {self.pk}"


class Bevestiging(IssuedDocument):
    """The letter confirming a werkafspraak: an issued document (cases.documents)."""

    document_kind = "bevestiging"
    template_name = "kitapp/bevestiging_pdf.html"
    media_folder = "bevestigingen"

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "bevestiging"

    @property
    def case_id(self) -> int:
        return self.inburgeraar_id

    def on_rendered(self) -> None:
        from cases.audit import record

        record("bevestiging_rendered", obj=self, inburgeraar_id=self.case_id)

    def on_made_known(self, *, change, history) -> None:  # not used by this app
        raise NotImplementedError
