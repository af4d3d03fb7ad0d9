from django.contrib import admin
from django.db import models

from .models import Contract, LearningRoute, Provider, ProviderContact


@admin.register(LearningRoute)
class LearningRouteAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "target_level", "includes_map", "is_active")
    list_filter = ("is_active",)


class ProviderContactInline(admin.TabularInline):
    model = ProviderContact
    extra = 0


class ContractInline(admin.TabularInline):
    model = Contract
    extra = 0
    fields = ("route", "reference", "valid_from", "valid_until", "price")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "phone", "email", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)
    inlines = [ProviderContactInline, ContractInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ("provider", "route", "reference", "valid_from", "valid_until", "price")
    list_filter = ("route", "provider")
    list_select_related = ("provider", "route")
    date_hierarchy = "valid_from"


@admin.register(ProviderContact)
class ProviderContactAdmin(admin.ModelAdmin):
    list_display = ("name", "provider", "role", "email", "phone")
    list_select_related = ("provider",)
    search_fields = ("name", "provider__name")
