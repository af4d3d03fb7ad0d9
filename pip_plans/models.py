"""The PIP: versioned agreements on four themes, the beschikking, progress talks, the term's
extensions and the DUO registration task (REQ P-01 … P-06, D-06, D-07, C-08).

The PIP is the plan; other apps record its execution (DESIGN.md principle 1). An established
version and an issued beschikking never change (principle 5): services refuse it and database
triggers (migration 0002) enforce it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.documents.models import IssuedDocument, issued_document_path
from cases.models import Inburgeraar

from . import audit
from .constants import (
    MIN_TALKS_PER_YEAR,
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    MapAgreement,
    PvtAgreement,
    RevisionReason,
    TargetLevel,
    VersionStatus,
)


class Pip(models.Model):
    """The plan inburgering en participatie of one inburgeraar; its content is in versions."""

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="pip", verbose_name=_("inburgeraar")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("PIP")
        verbose_name_plural = _("PIP's")

    def __str__(self) -> str:
        return f"PIP {self.inburgeraar_id}"


class ThirdPartyRequest(models.Model):
    """REQ D-05 lid 2 (Besluit inburgering 2021 art. 5.3 lid 2): the college waits for a third
    party's information it needs to establish the PIP. Asked before the normal due date, the
    PIP is then due 2 weeks after receipt."""

    inburgeraar = models.ForeignKey(
        Inburgeraar,
        on_delete=models.CASCADE,
        related_name="third_party_requests",
        verbose_name=_("inburgeraar"),
    )
    party = models.CharField(_("gevraagd aan"), max_length=200)
    subject = models.CharField(_("welke informatie"), max_length=300)
    asked_on = models.DateField(_("gevraagd op"))
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verzoek om informatie van een derde")
        verbose_name_plural = _("verzoeken om informatie van derden")
        ordering = ["asked_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received_on__isnull=True)
                | models.Q(received_on__gte=models.F("asked_on")),
                name="third_party_received_after_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.subject}"


class ProgressTalk(models.Model):
    """REQ P-06 / D-08: a voortgangsgesprek recorded against the PIP."""

    pip = models.ForeignKey(
        Pip,
        on_delete=models.CASCADE,
        related_name="talks",
        verbose_name=_("PIP"),
    )
    held_on = models.DateField(_("datum van het gesprek"))
    attendees = models.JSONField(_("aanwezig"), default=list)
    attendees_other = models.CharField(_("andere aanwezigen"), max_length=200, blank=True)
    findings = models.TextField(_("bevindingen"))
    revision_needed = models.BooleanField(_("PIP moet worden herzien"), default=False)
    revision_reason = models.TextField(_("wat moet er veranderen"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["pip", "held_on"], name="progresstalk_pip_date")]

    def __str__(self) -> str:
        return f"Voortgangsgesprek {self.held_on:%d-%m-%Y}"

    @property
    def is_three_way(self) -> bool:
        """A 3-gesprek: the taalaanbieder took part (REQ P-06, L-05)."""
        return Attendee.PROVIDER in self.attendees

    @property
    def attendee_labels(self) -> list[str]:
        labels = [str(Attendee(code).label) for code in Attendee.values if code in self.attendees]
        if self.attendees_other:
            labels.append(self.attendees_other)
        return labels


class PipVersion(models.Model):
    """One version of the PIP (REQ P-04): the agreements on the four themes (REQ P-01)."""

    pip = models.ForeignKey(
        Pip,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("PIP"),
    )
    number = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    reason = models.CharField(_("aanleiding"), max_length=20, choices=RevisionReason.choices)
    reason_explanation = models.TextField(_("toelichting op de aanleiding"), blank=True)
    progress_talk = models.ForeignKey(
        ProgressTalk,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("voortgangsgesprek"),
    )

    # Theme 1: inburgering (REQ P-01, L-01, L-02).
    route = models.ForeignKey(
        "learning_routes.LearningRoute",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leerroute"),
    )
    provider = models.ForeignKey(
        "learning_routes.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taalaanbieder"),
    )
    # The contract (and so the price, REQ L-03) in force on the dagtekening; set on establishing.
    contract = models.ForeignKey(
        "learning_routes.Contract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contract"),
    )
    target_level = models.CharField(
        _("beoogd taalniveau"), max_length=20, choices=TargetLevel.choices, blank=True
    )
    intensity = models.CharField(
        _("intensiteit"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: 3 dagdelen per week, in totaal 12 lesuren."),
    )
    inburgering_notes = models.TextField(_("afspraken over de leerroute"), blank=True)

    # Theme 2: participatie (REQ P-01, A-03 … A-05, D-13).
    pvt = models.CharField(
        _("participatieverklaringstraject (PVT)"),
        max_length=20,
        choices=PvtAgreement.choices,
        blank=True,
    )
    pvt_notes = models.TextField(_("afspraken over het PVT"), blank=True)
    map = models.CharField(
        _("module arbeidsmarkt en participatie (MAP)"),
        max_length=20,
        choices=MapAgreement.choices,
        blank=True,
    )
    map_notes = models.TextField(_("afspraken over de MAP"), blank=True)
    participation_instruments = models.TextField(
        _("participatie-instrumenten"),
        blank=True,
        help_text=_("Bijvoorbeeld: Zicht op Bewegen, taalmaatje, vrijwilligerswerk."),
    )
    z_route_hours = models.PositiveSmallIntegerField(
        _("participatie-uren in de Z-route"), null=True, blank=True
    )

    # Theme 3: ontzorgen (REQ P-01, O-01, O-04, D-12).
    ontzorgen = models.BooleanField(_("financieel ontzorgen"), null=True, blank=True)
    ontzorgen_starts_on = models.DateField(
        _("ontzorgen vanaf"),
        null=True,
        blank=True,
        help_text=_("De dag waarop het recht op bijstand ontstaat."),
    )
    ontzorgen_decision_reference = models.CharField(
        _("kenmerk beschikking artikel 56a Participatiewet"), max_length=100, blank=True
    )
    ontzorgen_extended_until = models.DateField(
        _("ontzorgen verlengd tot en met"), null=True, blank=True
    )
    ontzorgen_extension_reason = models.TextField(
        _("reden voor ontzorgen langer dan zes maanden"), blank=True
    )

    # Theme 4: begeleiding (REQ P-01, C-03, D-08).
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    talks_per_year = models.PositiveSmallIntegerField(
        _("voortgangsgesprekken per jaar"), default=MIN_TALKS_PER_YEAR
    )
    begeleiding_notes = models.TextField(_("afspraken over begeleiding"), blank=True)
    vve_notes = models.TextField(
        _("afspraken over voor- en vroegschoolse educatie (VVE)"), blank=True
    )

    # The reasons of the decision (REQ P-03), printed in the beschikking.
    motivation = models.TextField(_("motivering"), blank=True)

    # Establishing (REQ P-02, P-03).
    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    established_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    missing_prerequisites = models.JSONField(_("ontbrekende voorwaarden"), default=list)
    proceed_reason = models.TextField(_("reden om toch vast te stellen"), blank=True)

    # Four eyes (issue 13): where the municipality asks for it, the consultant's
    # establishment waits for a mandated user's approval; the beschikking is issued then.
    submitted_at = models.DateTimeField(_("ter goedkeuring aangeboden op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ter goedkeuring aangeboden door"),
    )
    requested_made_known_on = models.DateField(_("beoogde verzenddatum"), null=True, blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    # Herroepen en vervangen (issue 13): this version replaces the (wrong) beschikking of an
    # earlier version; establishing it withdraws that one. The term does not restart (Wi 11
    # lid 3): the earlier version stays established and keeps the first dagtekening.
    # RESTRICT, not PROTECT: the retention purge deletes the whole case, both versions at once.
    replaces = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="replacements",
        verbose_name=_("vervangt versie"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("PIP-versie")
        verbose_name_plural = _("PIP-versies")
        ordering = ["pip", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pip", "number"], name="pipversion_unique_number"),
            # REQ P-04: at most one draft at a time (one waiting for approval counts as one).
            models.UniqueConstraint(
                fields=["pip"],
                condition=Q(status__in=[VersionStatus.DRAFT, VersionStatus.AWAITING_APPROVAL]),
                name="pipversion_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(status=VersionStatus.ESTABLISHED) | Q(dagtekening__isnull=False),
                name="pipversion_established_has_date",
            ),
        ]
        indexes = [models.Index(fields=["pip", "status"], name="pipversion_pip_status")]

    def __str__(self) -> str:
        return f"PIP versie {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_established(self) -> bool:
        return self.status == VersionStatus.ESTABLISHED

    @property
    def is_awaiting_approval(self) -> bool:
        return self.status == VersionStatus.AWAITING_APPROVAL


# Migration 0001 refers to this upload_to; it is the generic one of cases.documents
# (`beschikkingen/<year>/<random>.pdf`, from `Beschikking.media_folder`).
_beschikking_path = issued_document_path


class Beschikking(IssuedDocument):
    """REQ P-03: the decision that lays down one PIP version, as an immutable PDF.

    An issued document (cases.documents): the snapshot holds every value the letter prints;
    the PDF is rendered from it once (by a Celery task, or at the first download), stored
    with its SHA-256, and never changes.
    """

    document_kind = "beschikking"
    template_name = "pip_plans/beschikking_pdf.html"
    media_folder = "beschikkingen"
    render_task = "pip_plans.tasks.render_beschikking_pdf"
    case_path = "version__pip__inburgeraar"
    lock_related = ("version__pip__inburgeraar",)
    subject = _("de beschikking")

    version = models.OneToOneField(
        PipVersion,
        on_delete=models.CASCADE,
        related_name="beschikking",
        verbose_name=_("PIP-versie"),
    )
    # The sending date the letter assumes for the last day to object it prints (REQ D-15).
    planned_made_known_on = models.DateField(_("verzenddatum"))
    objection_last_day = models.DateField(_("laatste dag bezwaar (in de brief)"))
    snapshot = models.JSONField(_("gegevens van de beschikking"))  # its own verbose name
    # Herroepen en vervangen (issue 13): the row, its snapshot and PDF stay as issued (the
    # triggers freeze them); only these columns record that it was withdrawn, and by which
    # beschikking it was replaced. A withdrawn one has no bezwaartermijn of its own (REQ D-15).
    withdrawn_at = models.DateTimeField(_("herroepen op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("herroepen door"),
    )
    withdrawal_reason = models.TextField(_("reden van de herroeping"), blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,  # the retention purge deletes both at once
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("vervangen door"),
    )

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-dagtekening", "-id"]

    @property
    def case_id(self) -> int:
        return self.version.pip.inburgeraar_id

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def render_context(self) -> dict:
        from .snapshot import letter_context

        return {"b": letter_context(self.snapshot)}

    def on_rendered(self) -> None:
        audit.beschikking_rendered(beschikking=self, inburgeraar_id=self.case_id)

    def on_made_known(self, *, change, history) -> None:
        from .services.beschikking import beschikking_made_known_recorded

        beschikking_made_known_recorded(self, change=change, history=history)


class TermExtension(models.Model):
    """REQ D-07: a request for (or DUO's own) extension of the term, and DUO's decision."""

    pip = models.ForeignKey(
        Pip,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("PIP"),
    )
    initiative = models.CharField(
        _("initiatief"), max_length=20, choices=ExtensionInitiative.choices
    )
    requested_on = models.DateField(_("aangevraagd op"), null=True, blank=True)
    ground = models.CharField(_("grond"), max_length=20, choices=ExtensionGround.choices)
    ground_explanation = models.TextField(_("toelichting op de grond"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.REQUESTED,
    )
    decided_on = models.DateField(_("besluit DUO op"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("verlenging in maanden"), null=True, blank=True)
    new_last_day = models.DateField(_("nieuwe laatste dag"), null=True, blank=True)
    duo_reference = models.CharField(_("kenmerk besluit DUO"), max_length=100, blank=True)
    decision_notes = models.TextField(_("toelichting op het besluit"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verlenging inburgeringstermijn")
        verbose_name_plural = _("verlengingen inburgeringstermijn")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open request at a time.
            models.UniqueConstraint(
                fields=["pip"],
                condition=Q(status=ExtensionStatus.REQUESTED),
                name="termextension_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(status=ExtensionStatus.GRANTED) | Q(months__gt=0),
                name="termextension_granted_has_months",
            ),
        ]

    def __str__(self) -> str:
        return f"Verlenging {self.get_status_display()}"


class DuoRegistration(models.Model):
    """REQ C-08: administratie reports an established PIP version to DUO; done with a date
    and the name of who did it."""

    version = models.OneToOneField(
        PipVersion,
        on_delete=models.CASCADE,
        related_name="duo_registration",
        verbose_name=_("PIP-versie"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    done_on = models.DateField(_("geregistreerd op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    note = models.CharField(_("opmerking"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("DUO-registratie PIP")
        verbose_name_plural = _("DUO-registraties PIP")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["done_on", "created_at"], name="duoregistration_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | Q(done_by__isnull=False),
                name="duoregistration_done_has_name",
            ),
        ]

    def __str__(self) -> str:
        return f"DUO-registratie {self.version}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
