"""Brede intake (REQ I-01 … I-05, I-08, I-09) and leerbaarheidstoets (REQ I-06, I-07).

Catalogues (life domains, the assessment scale, pass marks, places, devices,
toetsbegeleiders) are data with validity dates, seeded by a data migration and maintained by
the functioneel beheerder in the admin. Case records hang off the `Inburgeraar`.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.dates import format_date
from cases.models import Gemeente, Inburgeraar

from .constants import (
    CoaPresence,
    ConversationStatus,
    DomainRequirement,
    ExemptionGround,
    LocationKind,
    SessionStatus,
    ToetsResult,
    Tone,
)

# The Wet inburgering 2021 took effect on 1 January 2022: the default start of a catalogue row.
WI2021_START = date(2022, 1, 1)


class CatalogueQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "CatalogueQuerySet":
        return self.filter(valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class CatalogueItem(models.Model):
    """A catalogue row valid from one day up to and including another (open-ended if empty)."""

    valid_from = models.DateField(_("geldig vanaf"), default=WI2021_START)
    valid_until = models.DateField(
        _("geldig tot en met"), null=True, blank=True, help_text=_("Leeg: geldig tot nader order.")
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="%(app_label)s_%(class)s_valid_period",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
        ]

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def clean(self) -> None:
        super().clean()
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("De einddatum ligt vóór de begindatum.")})


# --------------------------------------------------------------------------- catalogues


class LifeDomain(CatalogueItem):
    """A levensdomein of the brede intake (REQ I-01): the plan's 14, VVE, and extra ones."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(
        _("nummer in het plan"),
        null=True,
        blank=True,
        help_text=_("1 tot en met 14; leeg bij extra domeinen."),
    )
    name = models.CharField(_("naam"), max_length=100)
    guidance = models.TextField(
        _("gespreksleidraad"),
        blank=True,
        help_text=_("Korte hulp voor de consulent: waar het domein over gaat."),
    )
    requirement = models.CharField(
        _("verplichting"),
        max_length=20,
        choices=DomainRequirement.choices,
        default=DomainRequirement.ALWAYS,
    )
    # REQ I-08 / AVG art. 9: special-category data, shown only to the consultant and team lead.
    is_special_category = models.BooleanField(
        _("bijzonder persoonsgegeven"),
        default=False,
        help_text=_(
            "Gezondheid en andere bijzondere persoonsgegevens (AVG art. 9): alleen "
            "zichtbaar voor de consulent en de teamleider."
        ),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta(CatalogueItem.Meta):
        verbose_name = _("levensdomein")
        verbose_name_plural = _("levensdomeinen")
        ordering = ["order", "number", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.number}. {self.name}" if self.number else str(self.name)

    @property
    def is_optional(self) -> bool:
        return self.requirement == DomainRequirement.OPTIONAL


class AssessmentLevel(CatalogueItem):
    """One step of the short scale a consultant scores each life domain on (REQ I-01)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("omschrijving"), max_length=100)
    # 0 no obstacle … higher is heavier; empty for "onbekend". Used by the leerroute advice.
    severity = models.PositiveSmallIntegerField(_("zwaarte"), null=True, blank=True)
    requires_note = models.BooleanField(
        _("toelichting verplicht"),
        default=False,
        help_text=_(
            "Bijvoorbeeld bij 'onbekend': zonder toelichting telt het domein als niet ingevuld."
        ),
    )
    tone = models.CharField(_("kleur"), max_length=10, choices=Tone.choices, default=Tone.NEUTRAL)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta(CatalogueItem.Meta):
        verbose_name = _("beoordeling (schaal)")
        verbose_name_plural = _("beoordelingsschaal")
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class PassMark(CatalogueItem):
    """The cesuur of the leerbaarheidstoets on a given day (REQ I-07, marked 'verify').

    A score at or above `pass_score` answers 'B1 reachable within the term: yes'.
    """

    pass_score = models.PositiveSmallIntegerField(_("cesuur (minimale score voor 'ja')"))
    max_score = models.PositiveSmallIntegerField(_("maximale score"))
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cesuur leerbaarheidstoets")
        verbose_name_plural = _("cesuren leerbaarheidstoets")
        ordering = ["-valid_from"]
        constraints = [
            *CatalogueItem.Meta.constraints,
            models.CheckConstraint(
                condition=Q(pass_score__lte=models.F("max_score")),
                name="passmark_within_max",
                violation_error_message=_("De cesuur is hoger dan de maximale score."),
            ),
            models.UniqueConstraint(fields=["valid_from"], name="passmark_unique_start"),
        ]

    def __str__(self) -> str:
        return _("%(pass)s van %(max)s vanaf %(day)s") % {
            "pass": self.pass_score,
            "max": self.max_score,
            "day": format_date(self.valid_from),
        }

    def clean(self) -> None:
        super().clean()
        if (
            self.pass_score is not None
            and self.max_score is not None
            and self.pass_score > self.max_score
        ):
            raise ValidationError({"pass_score": _("De cesuur is hoger dan de maximale score.")})
        if self.valid_from:
            others = PassMark.objects.exclude(pk=self.pk)
            end = self.valid_until or date.max
            overlapping = others.filter(valid_from__lte=end).filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
            )
            if overlapping.exists():
                raise ValidationError(
                    _("Deze periode overlapt met een andere cesuur; op elke dag geldt er één.")
                )


class Location(CatalogueItem):
    """A place for intake conversations and toets sessions: werkcentrum, gemeentehuis, ..."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=LocationKind.choices)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    # REQ I-06: the toets is taken at a werkcentrum.
    hosts_toets = models.BooleanField(_("locatie voor de leerbaarheidstoets"), default=False)

    class Meta(CatalogueItem.Meta):
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties (werkcentra en gesprekslocaties)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Device(CatalogueItem):
    """A laptop or tablet the leerbaarheidstoets is taken on (REQ I-06)."""

    name = models.CharField(_("naam"), max_length=100)
    asset_tag = models.CharField(_("inventarisnummer"), max_length=50, unique=True)
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("vaste locatie"),
        help_text=_("Leeg: verplaatsbaar tussen locaties."),
    )

    class Meta(CatalogueItem.Meta):
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        ordering = ["name"]

    def __str__(self) -> str:
        if self.location_id:
            return f"{self.name} ({self.asset_tag}, {self.location})"
        return f"{self.name} ({self.asset_tag})"


class ToetsbegeleiderQuerySet(CatalogueQuerySet):
    def selectable_on(self, day: date) -> "ToetsbegeleiderQuerySet":
        """REQ I-06: only toetsbegeleiders trained by Bureau ICE on or before `day`."""
        return (
            self.valid_on(day)
            .filter(trained_on__lte=day)
            .filter(Q(user__isnull=True) | Q(user__is_active=True))
        )


class Toetsbegeleider(CatalogueItem):
    """Supervises the leerbaarheidstoets: a consultant (a user) or werkcentrum staff (REQ I-06)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toetsbegeleider",
        verbose_name=_("medewerker (integratieconsulent)"),
    )
    name = models.CharField(
        _("naam"),
        max_length=150,
        blank=True,
        help_text=_("Voor medewerkers van het werkcentrum zonder account."),
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werkcentrum"),
    )
    trained_on = models.DateField(
        _("getraind door Bureau ICE op"),
        null=True,
        blank=True,
        help_text=_("Zonder training niet in te plannen."),
    )

    objects = ToetsbegeleiderQuerySet.as_manager()

    class Meta:
        verbose_name = _("toetsbegeleider")
        verbose_name_plural = _("toetsbegeleiders")
        ordering = ["name", "user__first_name", "user__last_name"]
        constraints = [
            *CatalogueItem.Meta.constraints,
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="toetsbegeleider_user_or_name",
                violation_error_message=_("Kies een medewerker of vul een naam in."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return str(self.user)
        return self.name

    def clean(self) -> None:
        super().clean()
        if not self.user_id and not self.name.strip():
            raise ValidationError(_("Kies een medewerker of vul een naam in."))


# --------------------------------------------------------------------------- brede intake


class BredeIntake(models.Model):
    """The brede intake of one inburgeraar (REQ I-01 … I-05, I-09)."""

    inburgeraar = models.OneToOneField(
        Inburgeraar,
        on_delete=models.CASCADE,
        related_name="brede_intake",
        verbose_name=_("inburgeraar"),
    )
    # REQ I-01: VVE is mandatory whenever there are young children.
    young_children = models.BooleanField(
        _("jonge kinderen (0 tot en met 5 jaar) in het gezin"), null=True, blank=True
    )
    # REQ I-07 / L-01: input of the leerroute advice.
    wants_further_education = models.BooleanField(
        _("wil een vervolgopleiding volgen (mbo, hbo of wo)"), null=True, blank=True
    )
    # REQ I-02: rechten & plichten, verwachtingen, the right to a conversation alone.
    rights_duties_explained_on = models.DateField(
        _("rechten en plichten uitgelegd op"), null=True, blank=True
    )
    rights_duties_notes = models.TextField(_("toelichting rechten en plichten"), blank=True)
    expectations_person = models.TextField(_("verwachtingen van de inburgeraar"), blank=True)
    expectations_gemeente = models.TextField(_("verwachtingen van de gemeente"), blank=True)
    alone_right_told = models.BooleanField(
        _("gewezen op het recht op een gesprek alleen"), default=False
    )
    alone_conversation_wanted = models.BooleanField(
        _("wil een gesprek alleen"), null=True, blank=True
    )
    # REQ I-02, D-02: warme overdracht COA (asielstatushouders).
    coa_joins_opvang_activities = models.BooleanField(
        _("doet mee aan activiteiten op de opvang"), null=True, blank=True
    )
    coa_joins_voorinburgering = models.BooleanField(
        _("doet mee aan de voorinburgering"), null=True, blank=True
    )
    coa_notes = models.TextField(_("afspraken warme overdracht"), blank=True)
    coa_meeting_on = models.DateField(
        _("digitaal overleg met COA op"),
        null=True,
        blank=True,
        help_text=_(
            "Alleen als het COA niet bij de brede intake was: tussen maand 1 en 2 na koppeling."
        ),
    )
    # REQ I-04: travel costs to the intake, reimbursed by COA.
    travel_claim_on = models.DateField(
        _("reiskosten gedeclareerd bij COA op"), null=True, blank=True
    )
    travel_claim_amount = models.DecimalField(
        _("bedrag reiskosten"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    travel_claim_note = models.CharField(_("toelichting declaratie"), max_length=300, blank=True)
    # REQ I-05: the wegwijzer (A5 guide), handed out after the intake.
    wegwijzer_handed_on = models.DateField(_("wegwijzer uitgereikt op"), null=True, blank=True)
    # REQ I-02: the written report of the intake.
    report = models.TextField(_("verslag"), blank=True)
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )
    # REQ I-09: completed by the college without the person after three invitations.
    completed_without_person = models.BooleanField(
        _("afgerond zonder de inburgeraar"), default=False
    )
    without_person_reason = models.TextField(_("reden afronden zonder de inburgeraar"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_without_person=False) | Q(completed_on__isnull=False),
                name="intake_without_person_is_completed",
            ),
        ]

    def __str__(self) -> str:
        return _("Brede intake van %(name)s") % {"name": self.inburgeraar}

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None


class IntakeConversation(models.Model):
    """One appointment of the brede intake: invitation, attendance and what was discussed.

    REQ I-03 (date, place, attendees, COA in person or online) and REQ I-09 (each written
    invitation, attendance or no-show, and the written warning after a no-show).
    """

    intake = models.ForeignKey(
        BredeIntake,
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("brede intake"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConversationStatus.choices,
        default=ConversationStatus.PLANNED,
    )
    scheduled_on = models.DateField(_("datum"))
    starts_at = models.TimeField(_("begintijd"), null=True, blank=True)
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("locatie")
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gespreksvoerder"),
    )
    invitation_sent_on = models.DateField(
        _("schriftelijke uitnodiging verstuurd op"), null=True, blank=True
    )
    # REQ I-09 (Wi art. 14 lid 1): the invitation sets a term within which the person must
    # appear; not appearing, or not cooperating enough, within it leads to a written warning
    # and a new invitation.
    respond_by = models.DateField(_("termijn: verschijnen uiterlijk op"), null=True, blank=True)
    cooperated_insufficiently = models.BooleanField(_("onvoldoende meegewerkt"), default=False)
    warning_sent_on = models.DateField(
        _("schriftelijke waarschuwing verstuurd op"), null=True, blank=True
    )
    coa_presence = models.CharField(
        _("COA"), max_length=10, choices=CoaPresence.choices, default=CoaPresence.ABSENT
    )
    vluchtelingenwerk_present = models.BooleanField(_("Vluchtelingenwerk aanwezig"), default=False)
    interpreter_language = models.CharField(
        _("tolk (taal)"), max_length=100, blank=True, help_text=_("Leeg: er was geen tolk.")
    )
    other_attendees = models.CharField(_("andere aanwezigen"), max_length=300, blank=True)
    held_alone = models.BooleanField(
        _("gesprek alleen"),
        default=False,
        help_text=_("Op eigen verzoek zonder partner of familie."),
    )
    notes = models.TextField(_("gespreksnotities"), blank=True)
    cancel_reason = models.CharField(_("reden afzeggen of verzetten"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("intakegesprek")
        verbose_name_plural = _("intakegesprekken")
        ordering = ["scheduled_on", "starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "scheduled_on"], name="intake_conv_status_day"),
            models.Index(fields=["consultant", "scheduled_on"], name="intake_conv_consultant_day"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(warning_sent_on__isnull=True)
                | Q(status=ConversationStatus.NO_SHOW)
                | Q(status=ConversationStatus.HELD, cooperated_insufficiently=True),
                name="intake_conv_warning_only_after_failure",
                violation_error_message=_(
                    "Een schriftelijke waarschuwing volgt alleen op een gesprek waarop de "
                    "inburgeraar niet is verschenen of onvoldoende heeft meegewerkt."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cooperated_insufficiently=False) | Q(status=ConversationStatus.HELD),
                name="intake_conv_cooperation_only_when_held",
            ),
        ]

    def __str__(self) -> str:
        return _("Intakegesprek op %(day)s") % {"day": format_date(self.scheduled_on)}

    @property
    def failed(self) -> bool:
        """REQ I-09 (Wi art. 14 lid 1–2): the person did not appear, or did not cooperate
        enough: it counts towards the three invitations."""
        return self.status == ConversationStatus.NO_SHOW or (
            self.status == ConversationStatus.HELD and self.cooperated_insufficiently
        )

    @property
    def coa_attended(self) -> bool:
        return self.status == ConversationStatus.HELD and self.coa_presence != CoaPresence.ABSENT


class DomainAssessment(models.Model):
    """The assessment of one life domain in an intake (REQ I-01).

    Rows of special-category domains (REQ I-08) are read only through
    `intake.permissions.can_see_special_category`; they never appear in lists or logs.
    """

    intake = models.ForeignKey(
        BredeIntake,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("brede intake"),
    )
    domain = models.ForeignKey(
        LifeDomain, on_delete=models.PROTECT, related_name="+", verbose_name=_("levensdomein")
    )
    level = models.ForeignKey(
        AssessmentLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeling"),
    )
    notes = models.TextField(_("toelichting"), blank=True)
    action_needed = models.BooleanField(_("actie nodig"), default=False)
    follow_up = models.CharField(_("vervolgactie"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("vervolgactie uiterlijk op"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("beoordeling levensdomein")
        verbose_name_plural = _("beoordelingen levensdomeinen")
        constraints = [
            models.UniqueConstraint(fields=["intake", "domain"], name="assessment_unique_domain"),
        ]

    def __str__(self) -> str:
        return str(self.domain)

    @property
    def is_filled(self) -> bool:
        """REQ I-01: filled in means a level, plus a note where the level needs one."""
        if self.level_id is None:
            return False
        return not (self.level.requires_note and not self.notes.strip())

    @property
    def has_content(self) -> bool:
        return bool(
            self.level_id or self.notes.strip() or self.action_needed or self.follow_up.strip()
        )


# --------------------------------------------------------------------------- leerbaarheidstoets


def duo_open_until(ready_on: date) -> date:
    """REQ D-04: a toets set ready in DUO's portal stays open 12 months (inclusive last day)."""
    return ready_on + relativedelta(months=12)


class Leerbaarheidstoets(models.Model):
    """The leerbaarheidstoets of one inburgeraar (REQ I-06, I-07)."""

    inburgeraar = models.OneToOneField(
        Inburgeraar,
        on_delete=models.CASCADE,
        related_name="leerbaarheidstoets",
        verbose_name=_("inburgeraar"),
    )
    duo_ready_on = models.DateField(_("klaargezet in het DUO-portaal op"), null=True, blank=True)
    # REQ I-07 (Wi art. 14 lid 6): ontheffing for a visual impairment, or an auditory one when
    # the person is not deemed able to take the toets; the ground is health data (I-08). The
    # field names keep the older word "exemption".
    exempted_on = models.DateField(_("ontheffing verleend op"), null=True, blank=True)
    exemption_ground = models.CharField(
        _("grond ontheffing"), max_length=10, choices=ExemptionGround.choices, blank=True
    )
    exemption_not_able = models.BooleanField(
        _("niet in staat geacht de toets af te leggen"),
        default=False,
        help_text=_("Voorwaarde bij een auditieve beperking (artikel 14 lid 6 onder b Wi)."),
    )
    exemption_note = models.TextField(_("toelichting ontheffing"), blank=True)
    taken_on = models.DateField(_("afgenomen op"), null=True, blank=True)
    result_on = models.DateField(_("uitslag bekend op"), null=True, blank=True)
    # Issue 13: DUO's examennummer of the result. A result DUO already published (with its
    # examennummer) is not held back by the 48-hour rule (REQ D-04).
    duo_exam_number = models.CharField(_("examennummer DUO"), max_length=40, blank=True)
    # REQ I-07: DUO's result and scores as its Leerbaarheidstoets API gives them
    # (`resultaat`, `behaaldeScore`, `benodigdeScore`: decimals such as 28,50).
    duo_result = models.CharField(
        _("uitslag volgens DUO"), max_length=30, choices=ToetsResult.choices, blank=True
    )
    score = models.DecimalField(
        _("behaalde score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    required_score = models.DecimalField(
        _("benodigde score volgens DUO"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # The local pass mark: only the fallback for a result entered by hand without DUO's
    # required score.
    pass_mark = models.ForeignKey(
        PassMark,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cesuur"),
    )
    # REQ I-07: "Is B1 reachable within the 3-year term, including falling back to A2?";
    # None while there is no result, and for DUO's Onbekend.
    b1_reachable = models.BooleanField(_("B1 haalbaar binnen de termijn"), null=True, blank=True)
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitslag vastgelegd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("leerbaarheidstoets")
        verbose_name_plural = _("leerbaarheidstoetsen")
        constraints = [
            models.CheckConstraint(
                condition=Q(exempted_on__isnull=True) | Q(taken_on__isnull=True),
                name="toets_exempt_or_taken",
            ),
            models.CheckConstraint(
                condition=Q(result_on__isnull=True) | Q(taken_on__isnull=False),
                name="toets_result_after_taken",
            ),
        ]

    def __str__(self) -> str:
        return _("Leerbaarheidstoets van %(name)s") % {"name": self.inburgeraar}

    @property
    def is_exempt(self) -> bool:
        return self.exempted_on is not None

    @property
    def has_result(self) -> bool:
        """A result is recorded: B1 feasible or not, or DUO's Onbekend."""
        return self.b1_reachable is not None or self.duo_result == ToetsResult.UNKNOWN

    @property
    def result_unknown(self) -> bool:
        """REQ I-07: DUO answered Onbekend: a result, but no advice to base the route on."""
        return self.duo_result == ToetsResult.UNKNOWN

    @property
    def benchmark(self):
        """The score the result was measured against: DUO's required score, else the local
        pass mark's (a result entered by hand)."""
        if self.required_score is not None:
            return self.required_score
        return self.pass_mark.pass_score if self.pass_mark_id else None

    @property
    def is_resolved(self) -> bool:
        """Done for the route: a feasible/not feasible result, or an ontheffing (REQ P-02).
        DUO's Onbekend gives no advice: the PIP then needs a recorded reason to proceed."""
        return self.b1_reachable is not None or self.is_exempt

    @property
    def open_until(self) -> date | None:
        return duo_open_until(self.duo_ready_on) if self.duo_ready_on else None


class ToetsSession(models.Model):
    """A planned sitting of the leerbaarheidstoets: who, when, where, which device (REQ I-06)."""

    toets = models.ForeignKey(
        Leerbaarheidstoets,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("leerbaarheidstoets"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("werkcentrum")
    )
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("device")
    )
    toetsbegeleider = models.ForeignKey(
        Toetsbegeleider,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("toetsbegeleider"),
    )
    invitation_sent_on = models.DateField(_("uitnodiging verstuurd op"), null=True, blank=True)
    notes = models.CharField(_("opmerking"), max_length=300, blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ingepland door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("afname leerbaarheidstoets")
        verbose_name_plural = _("afnames leerbaarheidstoets")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["device", "starts_at"], name="toets_session_device"),
            models.Index(fields=["toetsbegeleider", "starts_at"], name="toets_session_begeleider"),
            models.Index(fields=["location", "starts_at"], name="toets_session_location"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="toets_session_ends_after_start",
                violation_error_message=_(
                    "De eindtijd ligt vóór of op de begintijd; kies een eindtijd na de begintijd."
                ),
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return _("Afname op %(moment)s") % {"moment": f"{format_date(start)} {start:%H:%M}"}


class ToetsCorrection(models.Model):
    """Issue 13: a sitting or a result of the leerbaarheidstoets that was entered in error
    and corrected by the consultant: the reason, who and when, and what changed (old and new
    value; the field history and the audit event hold the same). Never changed or deleted."""

    class Subject(models.TextChoices):
        SESSION = "afname", _("Afname")
        RESULT = "uitslag", _("Uitslag")

    toets = models.ForeignKey(
        Leerbaarheidstoets, on_delete=models.CASCADE, related_name="corrections"
    )
    session = models.ForeignKey(
        ToetsSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("afname"),
    )
    subject = models.CharField(_("onderwerp"), max_length=10, choices=Subject.choices)
    reason = models.TextField(_("reden van de correctie"))
    changes = models.JSONField(_("wijzigingen"), default=dict)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gecorrigeerd door"),
    )
    corrected_at = models.DateTimeField(_("gecorrigeerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("correctie leerbaarheidstoets")
        verbose_name_plural = _("correcties leerbaarheidstoets")
        ordering = ["-corrected_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} {self.corrected_at:%Y-%m-%d}"
