"""Admin: the catalogues for the functioneel beheerder (REQ I-01, I-06, I-07) and read-only,
scoped views of case records. Domain assessments are not in the admin at all: health domains
(REQ I-08) are shown only on the case screens, to the consultant and the team lead."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.admin import ReadOnlyAdmin, ScopedAdminMixin
from cases.constants import Role

from .models import (
    AssessmentLevel,
    BredeIntake,
    Device,
    IntakeConversation,
    Leerbaarheidstoets,
    LifeDomain,
    Location,
    PassMark,
    Toetsbegeleider,
    ToetsSession,
)


class CatalogueAdmin(admin.ModelAdmin):
    list_filter = ("valid_from", "valid_until")


class CodedCatalogueAdmin(CatalogueAdmin):
    """The code is what the application refers to (e.g. the education domain for the advice):
    fixed once the row exists. End a row with 'geldig tot en met' instead of deleting it."""

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LifeDomain)
class LifeDomainAdmin(CodedCatalogueAdmin):
    list_display = (
        "display_name",
        "code",
        "requirement",
        "is_special_category",
        "valid_from",
        "valid_until",
    )
    list_filter = ("requirement", "is_special_category", "valid_until")
    search_fields = ("name", "code")
    ordering = ("order", "number")

    @admin.display(description=_("levensdomein"), ordering="order")
    def display_name(self, obj):
        return obj.display_name


@admin.register(AssessmentLevel)
class AssessmentLevelAdmin(CodedCatalogueAdmin):
    list_display = (
        "label",
        "code",
        "severity",
        "requires_note",
        "tone",
        "order",
        "valid_from",
        "valid_until",
    )
    ordering = ("order",)


@admin.register(PassMark)
class PassMarkAdmin(CatalogueAdmin):
    list_display = ("valid_from", "valid_until", "pass_score", "max_score", "source")


@admin.register(Location)
class LocationAdmin(CatalogueAdmin):
    list_display = ("name", "kind", "city", "gemeente", "hosts_toets", "valid_from", "valid_until")
    list_filter = ("kind", "hosts_toets", "gemeente")
    search_fields = ("name", "city")


@admin.register(Device)
class DeviceAdmin(CatalogueAdmin):
    list_display = ("name", "asset_tag", "location", "valid_from", "valid_until")
    list_filter = ("location", "valid_until")
    list_select_related = ("location",)
    search_fields = ("name", "asset_tag")


@admin.register(Toetsbegeleider)
class ToetsbegeleiderAdmin(CatalogueAdmin):
    list_display = ("display_name", "location", "trained_on", "valid_from", "valid_until")
    list_filter = ("location", "trained_on")
    list_select_related = ("user", "location")
    search_fields = ("name", "user__first_name", "user__last_name", "user__username")

    @admin.display(description=_("naam"))
    def display_name(self, obj):
        return obj.display_name

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            from cases.models import User

            kwargs["queryset"] = User.objects.filter(
                is_active=True, groups__name=Role.CONSULTANT
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(BredeIntake)
class BredeIntakeAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = ("inburgeraar", "completed_on", "completed_without_person")
    list_filter = ("completed_without_person",)
    list_select_related = ("inburgeraar",)


@admin.register(IntakeConversation)
class IntakeConversationAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    case_path = "intake__inburgeraar"
    list_display = ("scheduled_on", "intake", "status", "consultant", "location")
    list_filter = ("status",)
    list_select_related = ("intake__inburgeraar", "consultant", "location")
    exclude = ("notes",)


@admin.register(Leerbaarheidstoets)
class LeerbaarheidstoetsAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    list_display = (
        "inburgeraar",
        "duo_ready_on",
        "taken_on",
        "duo_result",
        "score",
        "required_score",
        "b1_reachable",
    )
    list_select_related = ("inburgeraar",)
    # REQ I-08: the ground of an exemption is health data.
    exclude = ("exemption_ground", "exemption_not_able", "exemption_note")


@admin.register(ToetsSession)
class ToetsSessionAdmin(ScopedAdminMixin, ReadOnlyAdmin):
    case_path = "toets__inburgeraar"
    list_display = ("starts_at", "toets", "location", "device", "toetsbegeleider", "status")
    list_filter = ("status", "location")
    list_select_related = ("toets__inburgeraar", "location", "device", "toetsbegeleider__user")
