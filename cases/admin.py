"""Admin for the case domain. Personal data in the admin goes through the same scope."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from . import audit
from .bsn import bsn_key
from .deadlines.services import deadlines_schedule_recompute
from .kit.change import as_text
from .models import (
    AuditEvent,
    Deadline,
    DeadlineNotice,
    DeadlineScan,
    DeadlineSnapshot,
    Gemeente,
    Handover,
    Household,
    Inburgeraar,
    StatusChange,
    Team,
    TimelineEvent,
    User,
    Waarneming,
)
from .services import EDITABLE_FIELDS, consultants_for_gemeente, inburgeraar_update


def _changed_fields(form, current, obj) -> list[str]:
    """The fields the admin form changed; without a form (a save from code), every concrete
    field whose value differs from the stored row."""
    if form is not None:
        return list(form.changed_data)
    return [
        f.name
        for f in obj._meta.concrete_fields
        if getattr(current, f.attname) != getattr(obj, f.attname)
    ]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "cbs_code", "city", "signing_officer")
    search_fields = ("name", "cbs_code")
    fieldsets = (
        (None, {"fields": ("name", "cbs_code")}),
        (
            _("Briefhoofd"),
            {
                "fields": (
                    "visiting_address",
                    "postal_address",
                    "postal_code",
                    "city",
                    "phone",
                    "website",
                    "logo",
                )
            },
        ),
        (
            _("Ondertekening en bezwaar"),
            {
                "fields": (
                    "signing_officer",
                    "signing_officer_title",
                    "mandate_text",
                    "objection_address",
                )
            },
        ),
    )


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "gemeente_list")
    search_fields = ("name",)
    filter_horizontal = ("gemeenten",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("gemeenten")

    @admin.display(description=_("gemeenten"))
    def gemeente_list(self, obj):
        return ", ".join(g.name for g in obj.gemeenten.all())


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "team", "role_list", "is_active")
    list_filter = ("is_active", "is_staff", "groups", "team")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Team"), {"fields": ("team",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("team").prefetch_related("groups")

    @admin.display(description=_("rollen"))
    def role_list(self, obj):
        return ", ".join(g.name for g in obj.groups.all())


class ScopedAdminMixin:
    """Admin lists of personal data show only what `visible_to` allows."""

    case_path = "inburgeraar"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        visible = Inburgeraar.objects.visible_to(request.user).values("pk")
        if self.case_path == "":
            return qs.filter(pk__in=visible)
        return qs.filter(**{f"{self.case_path}__in": visible})


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_phase", "to_phase", "reason", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


class InburgeraarAdminForm(forms.ModelForm):
    """The service's own check besides the model's: the contact person must serve the
    municipality (REQ C-03), shown on the form instead of failing on save. (No Meta: the
    admin builds the form's fields from InburgeraarAdmin.)"""

    def clean(self):
        cleaned = super().clean()
        gemeente, consultant = cleaned.get("gemeente"), cleaned.get("consultant")
        changed = {"gemeente", "consultant"}.intersection(self.changed_data)
        serves = (
            not (self.instance.pk and changed and gemeente and consultant)
            or consultants_for_gemeente(gemeente.pk).filter(pk=consultant.pk).exists()
        )
        if not serves:
            self.add_error(
                "consultant",
                _(
                    "Deze medewerker is geen integratieconsulent van een team dat deze "
                    "gemeente bedient."
                ),
            )
        return cleaned


@admin.register(Inburgeraar)
class InburgeraarAdmin(ScopedAdminMixin, admin.ModelAdmin):
    case_path = ""
    list_display = ("sort_name", "doelgroep", "gemeente", "phase", "consultant", "linked_on")
    list_filter = ("phase", "doelgroep", "gemeente")
    search_fields = ("surname", "given_names")
    list_select_related = ("gemeente", "consultant")
    raw_id_fields = ("household",)
    readonly_fields = ("public_id", "phase", "closed_on", "closing_reason", "created_at")
    inlines = [StatusChangeInline]

    @admin.display(description=_("naam"), ordering="surname")
    def sort_name(self, obj):
        return obj.sort_name

    form = InburgeraarAdminForm

    def save_model(self, request, obj, form, change):
        """Personal data changed here is audited like in the application: the fields of
        `inburgeraar_update` go through that service (audit event `case_updated` with the old
        and new value of each field, timeline event); any other changed field gets its own
        `case_updated` event with field history, in the same transaction."""
        with transaction.atomic():
            if not change:
                super().save_model(request, obj, form, change)
                audit.case_created(inburgeraar=obj, by=request.user, request=request)
            else:
                current = Inburgeraar.objects.select_for_update().get(pk=obj.pk)
                changed = _changed_fields(form, current, obj)
                others: dict[str, tuple[str, str]] = {}
                for name in changed:
                    if name in EDITABLE_FIELDS:
                        continue
                    old, new = getattr(current, name), getattr(obj, name)
                    if old != new:
                        others[name] = (as_text(old), as_text(new))
                        setattr(current, name, new)
                inburgeraar_update(
                    inburgeraar=current,
                    data={f: getattr(obj, f) for f in EDITABLE_FIELDS if f in changed},
                    by=request.user,
                    request=request,
                    allow_closed=True,  # a correction by the functioneel beheerder
                )
                if others:
                    current.save(update_fields=[*others, "updated_at"])
                    audit.case_updated(
                        inburgeraar=current, by=request.user, changes=others, request=request
                    )
            # Key dates edited here are deadline facts too (REQ C-02, D; issue 8).
            deadlines_schedule_recompute(obj.pk)

    def get_search_results(self, request, queryset, search_term):
        # A full BSN may be searched for; it is matched exactly, never partially.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if len(term) == 9 and term.isdigit():
            queryset |= self.get_queryset(request).filter(bsn_hash=bsn_key(term))
        return queryset, may_have_duplicates


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ("label", "gemeente", "city")
    list_filter = ("gemeente",)
    search_fields = ("label",)
    list_select_related = ("gemeente",)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        visible = Inburgeraar.objects.visible_to(request.user).values("household_id")
        return qs.filter(pk__in=visible)


@admin.register(Waarneming)
class WaarnemingAdmin(admin.ModelAdmin):
    list_display = ("consultant", "substitute", "inburgeraar", "starts_on", "ends_on")
    list_filter = ("starts_on",)
    list_select_related = ("consultant", "substitute", "inburgeraar")
    raw_id_fields = ("inburgeraar",)
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """History must not change: no add, no edit, no delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "from_phase", "to_phase", "changed_by", "changed_at")
    list_filter = ("to_phase",)
    list_select_related = ("inburgeraar", "changed_by")


@admin.register(Handover)
class HandoverAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "from_consultant", "to_consultant", "handed_over_at")
    list_select_related = ("inburgeraar", "from_consultant", "to_consultant")


@admin.register(TimelineEvent)
class TimelineEventAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("occurred_at", "inburgeraar", "kind", "summary", "actor")
    list_filter = ("kind", "source")
    list_select_related = ("inburgeraar", "actor")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("timestamp", "actor", "action", "object_type", "object_id", "result")
    list_filter = ("result", "action")
    search_fields = ("actor__username", "object_id")
    list_select_related = ("actor",)
    date_hierarchy = "timestamp"


# REQ D: derived deadline data; the scan and the recompute write it, nobody edits it.
@admin.register(Deadline)
class DeadlineAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "requirement", "code", "due", "state", "met_on", "computed_on")
    list_filter = ("state", "code")
    list_select_related = ("inburgeraar",)


@admin.register(DeadlineNotice)
class DeadlineNoticeAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "requirement", "kind", "due", "raised_on", "handled_at")
    list_filter = ("kind", "code")
    list_select_related = ("inburgeraar",)


@admin.register(DeadlineSnapshot)
class DeadlineSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("day", "gemeente", "overdue", "due_soon")
    list_filter = ("gemeente",)
    date_hierarchy = "day"


@admin.register(DeadlineScan)
class DeadlineScanAdmin(ReadOnlyAdmin):
    list_display = ("day", "started_at", "finished_at", "cases", "deadlines_written")
