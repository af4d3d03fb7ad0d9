"""Catalogue of leerroutes, taalaanbieders and regional contracts (REQ L-01 … L-03).

Catalogues are data with validity dates, editable by the functioneel beheerder in the admin;
the plan's 2022 figures are seeded by migration 0002.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import RouteCode


class LearningRoute(models.Model):
    """REQ L-01: B1-route, onderwijsroute, Z-route."""

    code = models.CharField(_("code"), max_length=20, choices=RouteCode.choices, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    target_level = models.CharField(
        _("beoogd taalniveau"),
        max_length=20,
        help_text=_("Bijvoorbeeld B1; bij de Z-route zo hoog mogelijk."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    # REQ L-01 / A-05: no MAP in the onderwijsroute.
    includes_map = models.BooleanField(_("met MAP"), default=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("leerroute")
        verbose_name_plural = _("leerroutes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """A taalaanbieder (REQ L-02); providers and contracts are data."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("taalaanbieder")
        verbose_name_plural = _("taalaanbieders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderContact(models.Model):
    """A contact person at a provider (REQ K-01)."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("aanbieder")
    )
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("contactpersoon aanbieder")
        verbose_name_plural = _("contactpersonen aanbieders")
        ordering = ["provider", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider})"


class ContractQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "ContractQuerySet":
        """Contracts in force on a day: from ≤ day ≤ until (an open end runs on)."""
        return self.filter(valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Contract(models.Model):
    """A regional contract: a provider delivers a route at a price for a period (L-02, L-03)."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("aanbieder")
    )
    route = models.ForeignKey(
        LearningRoute,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("leerroute"),
    )
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    contracting_party = models.CharField(
        _("contractpartij"), max_length=200, default="Regio Gooi en Vechtstreek"
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(
        _("geldig tot en met"), null=True, blank=True, help_text=_("Leeg: loopt door.")
    )
    # REQ L-03: price per route per inburgeraar, in euros excluding VAT (REQ F-03).
    price = models.DecimalField(
        _("prijs per traject (excl. btw)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    notes = models.TextField(_("toelichting"), blank=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["route", "provider", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="contract_until_after_from",
            ),
        ]
        indexes = [models.Index(fields=["route", "valid_from"], name="contract_route_from")]

    def __str__(self) -> str:
        return f"{self.provider} — {self.route} (vanaf {self.valid_from:%d-%m-%Y})"

    def clean(self) -> None:
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("De einddatum ligt vóór de begindatum.")})
        if self.provider_id and self.route_id and self.valid_from:
            overlapping = (
                Contract.objects.filter(provider_id=self.provider_id, route_id=self.route_id)
                .exclude(pk=self.pk)
                .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))
            )
            if self.valid_until:
                overlapping = overlapping.filter(valid_from__lte=self.valid_until)
            if overlapping.exists():
                raise ValidationError(
                    _("Deze aanbieder heeft voor deze leerroute al een contract in die periode.")
                )
