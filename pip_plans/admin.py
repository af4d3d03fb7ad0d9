"""Admin of the PIP: read-only (the screens and services own every change; an established
version and an issued beschikking never change), scoped like every list of personal data."""

from django.contrib import admin

from cases.admin import ReadOnlyAdmin, ScopedAdminMixin

from .models import Beschikking, DuoRegistration, Pip, PipVersion, ProgressTalk, TermExtension


@admin.register(Pip)
class PipAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "created_at", "created_by")
    list_select_related = ("inburgeraar", "created_by")


@admin.register(PipVersion)
class PipVersionAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    case_path = "pip__inburgeraar"
    list_display = ("pip", "number", "status", "reason", "route", "provider", "dagtekening")
    list_filter = ("status", "reason", "route")
    list_select_related = ("pip__inburgeraar", "route", "provider")


@admin.register(Beschikking)
class BeschikkingAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    case_path = "version__pip__inburgeraar"
    list_display = ("kenmerk", "dagtekening", "made_known_on", "rendered_at")
    search_fields = ("kenmerk",)
    exclude = ("pdf", "snapshot")  # downloads go through the audited view only
    list_select_related = ("version",)


@admin.register(ProgressTalk)
class ProgressTalkAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    case_path = "pip__inburgeraar"
    list_display = ("pip", "held_on", "revision_needed", "recorded_by")
    list_select_related = ("pip__inburgeraar", "recorded_by")


@admin.register(TermExtension)
class TermExtensionAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    case_path = "pip__inburgeraar"
    list_display = ("pip", "initiative", "status", "requested_on", "decided_on", "months")
    list_filter = ("status", "ground")
    list_select_related = ("pip__inburgeraar",)


@admin.register(DuoRegistration)
class DuoRegistrationAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    case_path = "version__pip__inburgeraar"
    list_display = ("version", "created_at", "done_on", "done_by")
    list_filter = ("done_on",)
    list_select_related = ("version__pip", "done_by")
