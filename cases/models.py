"""The central case: municipalities, teams, staff users and the Inburgeraar (REQ C-01 … C-07)."""

import uuid
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .constants import (
    CLOSED_PHASES,
    NO_DEADLINE_RANK,
    ClosingReason,
    DeadlineState,
    Doelgroep,
    DuoDoelgroep,
    Phase,
    Role,
)
from .validators import validate_bsn


class Gemeente(models.Model):
    """A municipality served by the executing service, with its letterhead (REQ C-05)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Een CBS-gemeentecode bestaat uit 4 cijfers."))],
    )
    # Letterhead of issued documents (decisions and letters, cases.documents).
    visiting_address = models.CharField(_("bezoekadres"), max_length=200, blank=True)
    postal_address = models.CharField(_("postadres"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.FileField(_("logo"), upload_to="gemeente-logos/", blank=True)
    signing_officer = models.CharField(_("ondertekenaar"), max_length=200, blank=True)
    signing_officer_title = models.CharField(_("functie ondertekenaar"), max_length=200, blank=True)
    mandate_text = models.TextField(
        _("mandaattekst"),
        blank=True,
        help_text=_("Bijvoorbeeld: 'Namens het college van burgemeester en wethouders'."),
    )
    objection_address = models.TextField(
        _("adres voor bezwaar"),
        blank=True,
        help_text=_("Waar een bezwaarschrift naartoe gestuurd wordt (bezwaarclausule)."),
    )
    # Issue 13: four eyes on beschikkingen. When on, an established PIP waits for the
    # approval of the team lead (or another user with a mandate) before it is issued.
    beschikking_four_eyes = models.BooleanField(
        _("beschikkingen pas na goedkeuring uitgeven"),
        default=False,
        help_text=_(
            "Een vastgesteld PIP wacht op goedkeuring door de teamleider of een andere "
            "gemandateerde medewerker voordat de beschikking wordt gemaakt."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team of the executing service; it serves one or more municipalities."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    gemeenten = models.ManyToManyField(Gemeente, related_name="teams", verbose_name=_("gemeenten"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Roles are Django groups named after `Role` values."""

    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    # Issue 13: besides the team leads, users with this mandate may approve beschikkingen.
    beschikking_mandate = models.BooleanField(
        _("mag beschikkingen goedkeuren"),
        default=False,
        help_text=_("Teamleiders mogen dit altijd; zet dit aan voor andere gemandateerden."),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role names of this user (one query, cached on the instance)."""
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_consultant(self) -> bool:
        return self.has_role(Role.CONSULTANT)

    @property
    def is_teamleider(self) -> bool:
        return self.has_role(Role.TEAMLEIDER)


class Household(models.Model):
    """A household; ontzorgen and its costs are per household (REQ O-06)."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="households", verbose_name=_("gemeente")
    )
    label = models.CharField(
        _("omschrijving"), max_length=200, help_text=_("Bijvoorbeeld: 'Huishouden Haddad'.")
    )
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return self.label


class InburgeraarQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InburgeraarQuerySet":
        """The one authorisation choke point for personal data (DESIGN.md principle 3).

        The scope of each role comes from `cases.scope`; a user with several roles sees the
        union. Anything outside it must answer 404.
        """
        from .scope import scope_filter

        condition = scope_filter(user)
        if condition is None:
            return self.none()
        return self.filter(condition)

    def active(self) -> "InburgeraarQuerySet":
        return self.exclude(phase__in=CLOSED_PHASES)


class Inburgeraar(models.Model):
    """The central case: one inburgeringsplichtige person (REQ C-01 … C-07)."""

    public_id = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        verbose_name=_("publieke sleutel"),
    )
    # REQ C-07: elfproef, unique; never in a URL, a log line or an error message.
    bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    # Issue 22, finding 4: unique on a keyed hash of the BSN, never on the number itself (the
    # database logs the key of a unique violation). Kept by save(); claimed by cases.bsn.
    bsn_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        verbose_name=_("BSN-sleutel (hash)"),
    )
    given_names = models.CharField(_("voornamen"), max_length=200)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200)
    date_of_birth = models.DateField(_("geboortedatum"))
    language = models.CharField(_("voertaal"), max_length=100, blank=True)
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    interpreter_language = models.CharField(_("taal van de tolk"), max_length=100, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)

    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=Doelgroep.choices)
    # REQ C-01 (Wi 13 lid 1, Besluit 1.1): an asielstatushouder holds the asylum permit or
    # joined a holder as a nareiziger; ontzorgen (Participatiewet 56a) is for holders only.
    holds_asylum_permit = models.BooleanField(
        _("houder van de asielvergunning"),
        null=True,
        blank=True,
        help_text=_(
            "Alleen bij een asielstatushouder. Nee: nareiziger (gezinslid dat later kwam)."
        ),
    )
    duo_doelgroep = models.CharField(
        _("doelgroep volgens DUO"),
        max_length=40,
        choices=DuoDoelgroep.choices,
        blank=True,
        help_text=_("De gedetailleerde doelgroep die DUO vastlegt, als die bekend is."),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="inburgeraars", verbose_name=_("gemeente")
    )
    # REQ C-03: exactly one fixed contact person for the whole route.
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="caseload",
        verbose_name=_("integratieconsulent"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("huishouden"),
    )
    # REQ C-02: key dates.
    linked_on = models.DateField(_("gekoppeld op"), null=True, blank=True)
    registered_on = models.DateField(_("BRP-inschrijving op"), null=True, blank=True)
    housed_on = models.DateField(_("gehuisvest op"), null=True, blank=True)
    duo_notified_on = models.DateField(_("DUO-kennisgeving op"), null=True, blank=True)

    # REQ C-04: changed only through cases.workflow.
    phase = models.CharField(
        _("fase"), max_length=20, choices=Phase.choices, default=Phase.GEKOPPELD, db_index=True
    )
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closing_reason = models.CharField(
        _("reden van afsluiten"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    # The most urgent deadline, kept by the deadline recompute (cases.deadlines.services) so the
    # caseload can show and sort it without a join (REQ D, issue 4). Rank: DEADLINE_URGENCY.
    next_deadline_code = models.CharField(_("eerstvolgende termijn"), max_length=50, blank=True)
    next_deadline_due = models.DateField(_("uiterste datum"), null=True, blank=True)
    next_deadline_state = models.CharField(
        _("termijnstatus"), max_length=20, choices=DeadlineState.choices, blank=True
    )
    next_deadline_rank = models.PositiveSmallIntegerField(
        default=NO_DEADLINE_RANK,
        verbose_name=_("urgentie van de eerstvolgende termijn"),
    )
    # Bookkeeping of the nightly scan (issue 8): a digest of the facts and rules the stored
    # deadlines were computed from, the day they were computed for and the first later day on
    # which they can change. A case whose digest is unchanged is skipped until that day.
    deadline_fingerprint = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        verbose_name=_("vingerafdruk van de termijnberekening"),
    )
    deadlines_checked_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("termijnen gecontroleerd op"),
    )
    deadlines_recheck_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("termijnen opnieuw controleren op"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = InburgeraarQuerySet.as_manager()

    class Meta:
        verbose_name = _("inburgeraar")
        verbose_name_plural = _("inburgeraars")
        ordering = ["surname", "given_names", "id"]
        indexes = [
            models.Index(fields=["consultant", "phase"], name="inburgeraar_consultant_phase"),
            # Filter on municipality and phase, ordered by name (the team lead's list): the
            # index yields the first page in order, whatever the number of cases (issue 8).
            models.Index(
                fields=["gemeente", "phase", "surname", "given_names", "id"],
                name="inburgeraar_gemeente_phase",
            ),
            models.Index(fields=["surname", "given_names"], name="inburgeraar_name"),
            models.Index(
                fields=["next_deadline_rank", "next_deadline_due"], name="inburgeraar_urgency"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(housed_on__isnull=True)
                | models.Q(linked_on__isnull=True)
                | models.Q(housed_on__gte=models.F("linked_on")),
                name="inburgeraar_housed_after_linked",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        from .bsn import bsn_key

        # The unique key follows the BSN wherever the row is saved (services, admin, factories).
        self.bsn_hash = bsn_key(self.bsn)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "bsn" in update_fields:
            kwargs["update_fields"] = {*update_fields, "bsn_hash"}
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        """The BSN is unique through its key (not a field's own `unique`): checked here for the
        admin's forms; the case screens leave the BSN out (InburgeraarForm) and let the service
        answer without revealing a case outside the user's scope (issue 22, finding 3)."""
        super().validate_unique(exclude=exclude)
        if (exclude and "bsn" in exclude) or not self.bsn:
            return
        from .bsn import bsn_key

        others = Inburgeraar.objects.filter(bsn_hash=bsn_key(self.bsn)).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError({"bsn": _("Er is al een dossier met dit BSN.")}, code="unique")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)

    @property
    def sort_name(self) -> str:
        surname = " ".join(p for p in (self.surname, self.surname_prefix) if p)
        return f"{surname}, {self.given_names}"

    @property
    def is_closed(self) -> bool:
        return self.phase in CLOSED_PHASES

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def clean(self) -> None:
        """Date consistency of the key dates (REQ C-02)."""
        errors = validate_key_dates(
            doelgroep=self.doelgroep,
            date_of_birth=self.date_of_birth,
            linked_on=self.linked_on,
            registered_on=self.registered_on,
            housed_on=self.housed_on,
            duo_notified_on=self.duo_notified_on,
            today=timezone.localdate(),
        )
        if errors:
            raise ValidationError(errors)


def validate_key_dates(
    *,
    doelgroep: str | None,
    date_of_birth: date | None,
    linked_on: date | None,
    registered_on: date | None,
    housed_on: date | None,
    duo_notified_on: date | None,
    today: date,
) -> dict[str, str]:
    """REQ C-02: the key dates must tell a possible story. Returns field → Dutch message."""
    errors: dict[str, str] = {}
    if date_of_birth and date_of_birth >= today:
        errors["date_of_birth"] = _("De geboortedatum moet in het verleden liggen.")
    facts = {
        "linked_on": (linked_on, _("De koppelingsdatum")),
        "registered_on": (registered_on, _("De datum van BRP-inschrijving")),
        "housed_on": (housed_on, _("De huisvestingsdatum")),
        "duo_notified_on": (duo_notified_on, _("De datum van de DUO-kennisgeving")),
    }
    for field, (value, label) in facts.items():
        if value and value > today:
            errors[field] = _("%(label)s kan niet in de toekomst liggen.") % {"label": label}
        elif value and date_of_birth and value < date_of_birth:
            errors[field] = _("%(label)s kan niet vóór de geboortedatum liggen.") % {"label": label}
    if linked_on and doelgroep and doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        errors.setdefault(
            "linked_on",
            _("Alleen asielstatushouders worden door het COA aan de gemeente gekoppeld."),
        )
    if linked_on and housed_on and housed_on < linked_on:
        errors.setdefault(
            "housed_on",
            _("De huisvestingsdatum ligt vóór de koppelingsdatum; huisvesting volgt op koppeling."),
        )
    if linked_on and registered_on and registered_on < linked_on:
        errors.setdefault(
            "registered_on",
            _(
                "De BRP-inschrijving in de gemeente ligt vóór de koppelingsdatum; "
                "inschrijving volgt op koppeling."
            ),
        )
    return errors


class Waarneming(models.Model):
    """Substitution: a consultant's cases are shared with a colleague for a period.

    With `inburgeraar` empty the whole caseload of `consultant` is shared; otherwise one case.
    The end date is inclusive.
    """

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="waarnemingen_given",
        verbose_name=_("afwezige consulent"),
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="waarnemingen",
        verbose_name=_("waarnemer"),
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="waarnemingen",
        verbose_name=_("alleen dit dossier"),
    )
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"))
    reason = models.CharField(_("reden"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="waarneming_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} neemt waar voor {self.consultant}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De einddatum ligt vóór de begindatum.")})
        if self.consultant_id and self.consultant_id == self.substitute_id:
            raise ValidationError({"substitute": _("Iemand kan niet voor zichzelf waarnemen.")})


class StatusChange(models.Model):
    """REQ C-04: every phase change is a stored row with who, when and why."""

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_phase = models.CharField(_("van fase"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("naar fase"), max_length=20, choices=Phase.choices)
    reason = models.TextField(_("toelichting"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("fasewijziging")
        verbose_name_plural = _("fasewijzigingen")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_from_phase_display() or '—'} → {self.get_to_phase_display()}"


class Handover(models.Model):
    """REQ C-03: handing a case to another consultant is an explicit, logged act."""

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="handovers")
    from_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("van consulent"),
    )
    to_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("naar consulent"),
    )
    reason = models.TextField(_("reden"))
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("overgedragen door"),
    )
    handed_over_at = models.DateTimeField(_("overgedragen op"), default=timezone.now)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-handed_over_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_consultant} → {self.to_consultant}"


class TimelineEvent(models.Model):
    """One event on a case's timeline. Other apps add events through `cases.timeline`."""

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="timeline_events"
    )
    kind = models.CharField(_("soort"), max_length=50)
    summary = models.CharField(_("samenvatting"), max_length=300)
    detail = models.TextField(_("toelichting"), blank=True)
    source = models.CharField(_("onderdeel"), max_length=50, default="cases")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["inburgeraar", "-occurred_at"], name="timeline_case_time"),
        ]

    def __str__(self) -> str:
        return self.summary


class AuditEvent(models.Model):
    """Append-only record of access to and changes of personal data (DESIGN.md principle 4).

    Written only through `cases.audit.record`, for codes an app declared with a Dutch label.
    `inburgeraar_id` is a plain number, not a foreign key, so the trail outlives a purged case.
    """

    class Result(models.TextChoices):
        OK = "ok", _("Toegestaan")
        DENIED = "denied", _("Geweigerd")

    timestamp = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medewerker"),
    )
    action = models.CharField(_("handeling"), max_length=50, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=50, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    inburgeraar_id = models.BigIntegerField(_("inburgeraar-id"), null=True, blank=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=Result.choices)
    origin = models.GenericIPAddressField(_("herkomstadres"), null=True, blank=True)
    purpose = models.CharField(_("doel"), max_length=100, blank=True)
    # Links the event to the processing log lines of the same request (Logboek Dataverwerkingen).
    trace_id = models.UUIDField(_("trace-id"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["inburgeraar_id", "-timestamp"], name="audit_case_time"),
            models.Index(fields=["actor", "-timestamp"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.result}"

    @property
    def action_label(self) -> str:
        """The Dutch label its app declared (cases.audit.vocabulary)."""
        from .audit import label_for

        return label_for(self.action)


class FieldChange(models.Model):
    """History of case data: old and new value, who, when (append-only, like AuditEvent)."""

    inburgeraar_id = models.BigIntegerField(_("inburgeraar-id"), db_index=True)
    object_type = models.CharField(_("soort object"), max_length=50)
    object_id = models.CharField(_("object-id"), max_length=64)
    field = models.CharField(_("veld"), max_length=100)
    old_value = models.TextField(_("oude waarde"), blank=True)
    new_value = models.TextField(_("nieuwe waarde"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    trace_id = models.UUIDField(_("trace-id"), null=True, blank=True)

    class Meta:
        verbose_name = _("veldwijziging")
        verbose_name_plural = _("veldwijzigingen")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.object_type}.{self.field}"


class ProcessingActivity(models.Model):
    """The register of processing activities (AVG art. 30) that log lines refer to."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"))
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    retention = models.CharField(_("bewaartermijn"), max_length=200)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("register van verwerkingsactiviteiten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProcessingLogLine(models.Model):
    """One data subject touched by one processing (Logboek Dataverwerkingen).

    Holds no user identity: who acted is in the AuditEvent with the same trace id.
    """

    class Operation(models.TextChoices):
        READ = "read", _("Inzien")
        CREATE = "create", _("Aanmaken")
        UPDATE = "update", _("Wijzigen")
        DELETE = "delete", _("Verwijderen")
        EXPORT = "export", _("Verstrekken")

    trace_id = models.UUIDField(_("trace-id"), db_index=True)
    activity = models.ForeignKey(
        ProcessingActivity, on_delete=models.PROTECT, related_name="+", verbose_name=_("activiteit")
    )
    inburgeraar_id = models.BigIntegerField(_("betrokkene (inburgeraar-id)"), db_index=True)
    operation = models.CharField(_("handeling"), max_length=10, choices=Operation.choices)
    timestamp = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("verwerkingsregel")
        verbose_name_plural = _("verwerkingslog")
        ordering = ["-timestamp", "-id"]

    def __str__(self) -> str:
        return f"{self.trace_id} {self.operation}"


# Deadline storage lives in its own module; imported here so Django registers the models.
from .deadlines.models import (  # noqa: E402
    Deadline,
    DeadlineNotice,
    DeadlineScan,
    DeadlineSnapshot,
    EquatedDay,
    EquatedDayDecree,
)

__all__ = [
    "AuditEvent",
    "Deadline",
    "FieldChange",
    "ProcessingActivity",
    "ProcessingLogLine",
    "DeadlineNotice",
    "DeadlineScan",
    "DeadlineSnapshot",
    "EquatedDay",
    "EquatedDayDecree",
    "Gemeente",
    "Handover",
    "Household",
    "Inburgeraar",
    "StatusChange",
    "Team",
    "TimelineEvent",
    "User",
    "Waarneming",
]
