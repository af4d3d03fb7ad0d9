"""Stored deadlines, notices, daily snapshots and scan runs (REQ D, issue 4).

Imported by `cases.models`. The rules themselves are pure (`cases.deadlines.engine`); these rows
are what the nightly scan and the on-commit recompute write, so lists and dashboards read
stored data with a fixed number of queries.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import DeadlineState, NoticeKind


class Deadline(models.Model):
    """One rule's outcome for one case, as of `computed_on` (REQ D-01 … D-15)."""

    inburgeraar = models.ForeignKey(
        "cases.Inburgeraar", on_delete=models.CASCADE, related_name="deadlines"
    )
    code = models.CharField(_("termijn"), max_length=50)
    requirement = models.CharField(_("eis"), max_length=10)
    window_start = models.DateField(_("vanaf"), null=True, blank=True)
    due = models.DateField(_("uiterste datum"), null=True, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=DeadlineState.choices)
    met_on = models.DateField(_("gehaald op"), null=True, blank=True)
    computed_on = models.DateField(_("berekend op"))

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["inburgeraar", "requirement"]
        constraints = [
            models.UniqueConstraint(fields=["inburgeraar", "code"], name="deadline_case_code"),
        ]
        indexes = [
            models.Index(fields=["code", "state"], name="deadline_code_state"),
            models.Index(fields=["state", "due"], name="deadline_state_due"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} {self.code}: {self.state}"


class DeadlineNotice(models.Model):
    """A termijnmelding to the case's consultant: a deadline became due soon or overdue.

    Unique on (case, code, due date, kind): a scan that runs twice, or a worker killed halfway
    and retried, never notifies twice; a new due date (changed facts) is a new notice.
    """

    inburgeraar = models.ForeignKey(
        "cases.Inburgeraar", on_delete=models.CASCADE, related_name="deadline_notices"
    )
    code = models.CharField(_("termijn"), max_length=50)
    requirement = models.CharField(_("eis"), max_length=10)
    due = models.DateField(_("uiterste datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=NoticeKind.choices)
    raised_on = models.DateField(_("gemeld op"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    digested_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )

    class Meta:
        verbose_name = _("termijnmelding")
        verbose_name_plural = _("termijnmeldingen")
        ordering = ["-raised_on", "due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "code", "due", "kind"], name="notice_case_code_due_kind"
            ),
        ]
        indexes = [
            models.Index(fields=["inburgeraar", "handled_at"], name="notice_case_handled"),
            models.Index(fields=["digested_at"], name="notice_digested"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} {self.kind} {self.due}"


class DeadlineSnapshot(models.Model):
    """Daily counts per municipality, kept by the scan for the 90-day chart (REQ M-01)."""

    day = models.DateField(_("dag"))
    gemeente = models.ForeignKey(
        "cases.Gemeente", on_delete=models.CASCADE, related_name="deadline_snapshots"
    )
    due_soon = models.PositiveIntegerField(_("verloopt binnenkort"), default=0)
    overdue = models.PositiveIntegerField(_("verlopen"), default=0)

    class Meta:
        verbose_name = _("termijnstand")
        verbose_name_plural = _("termijnstanden")
        ordering = ["day", "gemeente"]
        constraints = [
            models.UniqueConstraint(fields=["day", "gemeente"], name="snapshot_day_gemeente"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.gemeente_id}: {self.overdue}/{self.due_soon}"


class DeadlineScan(models.Model):
    """One day of the nightly scan. A day without `finished_at` is redone by the next run."""

    day = models.DateField(_("dag"), unique=True)
    started_at = models.DateTimeField(_("gestart op"))
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    cases = models.PositiveIntegerField(_("dossiers"), default=0)
    deadlines_written = models.PositiveIntegerField(_("termijnen geschreven"), default=0)
    notices_created = models.PositiveIntegerField(_("meldingen"), default=0)

    class Meta:
        verbose_name = _("termijnscan")
        verbose_name_plural = _("termijnscans")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day}"


class EquatedDayDecree(models.Model):
    """A royal decree that equates days with feestdagen for the Atw (art. 3 lid 3).

    Published for three years at a time (e.g. "Besluit gelijkstelling dagen 2026, 2027 en
    2028"). `first_year`…`last_year` is what the decree covers: a coming year no decree covers
    is shown as a warning (REQ D-15), never guessed.
    """

    title = models.CharField(_("besluit"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("eerste jaar"))
    last_year = models.PositiveSmallIntegerField(_("laatste jaar"))
    reference = models.CharField(
        _("vindplaats"), max_length=200, blank=True, help_text=_("Bijvoorbeeld Stb. 2022, 341.")
    )

    class Meta:
        verbose_name = _("besluit gelijkstelling dagen")
        verbose_name_plural = _("besluiten gelijkstelling dagen")
        ordering = ["first_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="equated_decree_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EquatedDay(models.Model):
    """A day the Atw treats as an algemeen erkende feestdag (art. 3 lid 3, REQ D-15)."""

    decree = models.ForeignKey(
        EquatedDayDecree, on_delete=models.CASCADE, related_name="days", verbose_name=_("besluit")
    )
    day = models.DateField(_("dag"), unique=True)
    description = models.CharField(
        _("omschrijving"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: de vrijdag na Hemelvaartsdag."),
    )

    class Meta:
        verbose_name = _("gelijkgestelde dag")
        verbose_name_plural = _("gelijkgestelde dagen")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
