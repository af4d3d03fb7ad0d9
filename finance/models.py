"""Costs per inburgeraar per provision (REQ F-03) and the SPUK norms they are measured against.

A cost is booked on the municipality the person belongs to when it is incurred (REQ C-05);
the peilmoment of REQ F-04 (the municipality on 31 December) is a later refinement.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.money import format_money

from .constants import Provision


class SpukNorm(models.Model):
    """REQ F-03: the SPUK amount available per asielstatushouder per provision (dated data)."""

    provision = models.CharField(_("voorziening"), max_length=20, choices=Provision.choices)
    amount = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2)
    valid_from = models.DateField(_("geldig vanaf"))

    class Meta:
        verbose_name = _("SPUK-norm")
        verbose_name_plural = _("SPUK-normen")
        ordering = ["provision", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["provision", "valid_from"], name="spuknorm_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_provision_display()}: {format_money(self.amount)}"


class Cost(models.Model):
    """One cost for one inburgeraar (REQ F-03), booked on a municipality (REQ C-05)."""

    inburgeraar = models.ForeignKey(
        "cases.Inburgeraar",
        on_delete=models.CASCADE,
        related_name="costs",
        verbose_name=_("inburgeraar"),
    )
    gemeente = models.ForeignKey(
        "cases.Gemeente", on_delete=models.PROTECT, related_name="costs", verbose_name=_("gemeente")
    )
    provision = models.CharField(_("voorziening"), max_length=20, choices=Provision.choices)
    amount = models.DecimalField(
        _("bedrag (excl. btw)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    incurred_on = models.DateField(_("datum"))
    description = models.CharField(_("omschrijving"), max_length=300)
    # What the cost stems from (e.g. "learning_routes.enrolment:12"); one cost per source.
    source = models.CharField(_("bron"), max_length=100, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kosten")
        ordering = ["-incurred_on", "-id"]
        indexes = [
            models.Index(fields=["provision", "incurred_on"], name="cost_provision_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_provision_display()} {format_money(self.amount)}"
