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

from cases.dates import format_date

from .constants import (
    EndReason,
    EnrolmentStatus,
    ExamResult,
    Level,
    RouteChangeKind,
    RouteCode,
    Skill,
)


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
        return f"{self.provider} — {self.route} (vanaf {format_date(self.valid_from)})"

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


class Enrolment(models.Model):
    """A leerroute of one inburgeraar with a provider, from the PIP (REQ L-04).

    The price is copied from the contract when the enrolment is made: a later price change in
    the catalogue does not change what was bought (REQ L-03).
    """

    inburgeraar = models.ForeignKey(
        "cases.Inburgeraar",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("inburgeraar"),
    )
    route = models.ForeignKey(
        LearningRoute, on_delete=models.PROTECT, related_name="+", verbose_name=_("leerroute")
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("aanbieder")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("contract")
    )
    price = models.DecimalField(_("prijs (excl. btw)"), max_digits=9, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.TO_REGISTER,
        db_index=True,
    )
    requested_on = models.DateField(_("aanvraag DLP"))
    registered_on = models.DateField(_("aangemeld in DLP op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemeld door"),
    )
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    started_recorded_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("start vastgelegd door"),
    )
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(
        _("reden van beëindigen"), max_length=20, choices=EndReason.choices, blank=True
    )
    # Afschalen (REQ L-06): the B1-route continues with exams partly or wholly at A2.
    afgeschaald_on = models.DateField(_("afgeschaald op"), null=True, blank=True)
    created_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("inschrijving leerroute")
        verbose_name_plural = _("inschrijvingen leerroute")
        ordering = ["-requested_on", "-id"]
        constraints = [
            # One open enrolment per person at a time.
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=~Q(status="beeindigd"),
                name="enrolment_one_open_per_person",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_on"], name="enrolment_status_date")]

    def __str__(self) -> str:
        return f"{self.route} bij {self.provider}"

    @property
    def is_open(self) -> bool:
        return self.status != EnrolmentStatus.ENDED


class ProgressReport(models.Model):
    """A periodic report of the provider (REQ L-05)."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("leerroute"),
    )
    reported_on = models.DateField(_("rapportdatum"))
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    hours_attended = models.PositiveIntegerField(_("uren aanwezig in deze periode"))
    hours_scheduled = models.PositiveIntegerField(_("uren gepland in deze periode"))
    level_lezen = models.CharField(_("lezen"), max_length=2, choices=Level.choices, blank=True)
    level_luisteren = models.CharField(
        _("luisteren"), max_length=2, choices=Level.choices, blank=True
    )
    level_spreken = models.CharField(_("spreken"), max_length=2, choices=Level.choices, blank=True)
    level_schrijven = models.CharField(
        _("schrijven"), max_length=2, choices=Level.choices, blank=True
    )
    knm_progress = models.CharField(_("KNM"), max_length=200, blank=True)
    remarks = models.TextField(_("opmerkingen van de aanbieder"), blank=True)
    recorded_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Rapportage t/m {format_date(self.period_end)}"

    @property
    def attendance_percentage(self) -> int | None:
        if not self.hours_scheduled:
            return None
        return round(100 * self.hours_attended / self.hours_scheduled)


class Exam(models.Model):
    """An exam of a skill or KNM at a level, and its result (REQ L-05)."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="exams",
        verbose_name=_("leerroute"),
    )
    skill = models.CharField(_("onderdeel"), max_length=20, choices=Skill.choices)
    level = models.CharField(_("niveau"), max_length=2, choices=Level.choices)
    exam_on = models.DateField(_("examendatum"))
    result = models.CharField(
        _("resultaat"), max_length=20, choices=ExamResult.choices, default=ExamResult.PLANNED
    )
    recorded_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        verbose_name = _("examen")
        verbose_name_plural = _("examens")
        ordering = ["-exam_on", "skill"]

    def __str__(self) -> str:
        return f"{self.get_skill_display()} {self.level}"


class Absence(models.Model):
    """Absence reported by the provider (REQ L-05)."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="absences",
        verbose_name=_("leerroute"),
    )
    absent_from = models.DateField(_("afwezig vanaf"))
    absent_until = models.DateField(_("afwezig tot en met"))
    hours = models.PositiveIntegerField(_("gemiste uren"))
    excused = models.BooleanField(_("met geldige reden"), default=False)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")
        ordering = ["-absent_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(absent_until__gte=models.F("absent_from")),
                name="absence_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{format_date(self.absent_from)} ({self.hours} uur)"


class RouteChange(models.Model):
    """REQ L-06: schakelen or afschalen, with its ground; it requires a PIP revision."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("leerroute"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=RouteChangeKind.choices)
    to_route = models.ForeignKey(
        LearningRoute,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("naar leerroute"),
    )
    ground = models.TextField(_("grond"))
    hours_attended = models.PositiveIntegerField(_("gevolgde lesuren op dat moment"))
    decided_on = models.DateField(_("besloten op"))
    decided_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("besloten door"),
    )

    class Meta:
        verbose_name = _("route-wijziging")
        verbose_name_plural = _("route-wijzigingen")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ProviderMeeting(models.Model):
    """Quarterly progress and case meeting with a provider, minuted (REQ L-05, K-02)."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("aanbieder")
    )
    held_on = models.DateField(_("datum"))
    attendees = models.CharField(_("aanwezigen"), max_length=500)
    minutes = models.TextField(_("verslag"))
    decisions = models.TextField(_("besluiten en afspraken"), blank=True)
    recorded_by = models.ForeignKey(
        "cases.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    # Issue 22, finding 5: the minutes can hold names and health data, so a meeting is seen
    # only by its team (the recorder's team when recorded) and the staff who took part.
    team = models.ForeignKey(
        "cases.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    participants = models.ManyToManyField(
        "cases.User",
        blank=True,
        related_name="provider_meetings",
        verbose_name=_("deelnemers van de uitvoeringsdienst"),
    )

    class Meta:
        verbose_name = _("overleg met aanbieder")
        verbose_name_plural = _("overleggen met aanbieders")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.provider} {format_date(self.held_on)}"
