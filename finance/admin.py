from django.contrib import admin

from cases.admin import ScopedAdminMixin

from .models import Cost, SpukNorm


@admin.register(SpukNorm)
class SpukNormAdmin(admin.ModelAdmin):
    list_display = ("provision", "amount", "valid_from")
    list_filter = ("provision",)


@admin.register(Cost)
class CostAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("incurred_on", "provision", "amount", "gemeente", "inburgeraar")
    list_filter = ("provision", "gemeente")
    list_select_related = ("gemeente", "inburgeraar")
    raw_id_fields = ("inburgeraar",)
    readonly_fields = ("source", "created_by", "created_at")
    date_hierarchy = "incurred_on"
