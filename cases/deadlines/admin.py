"""The catalogue of equated days in the admin (REQ D-15; Algemene termijnenwet art. 3 lid 3).

The functioneel beheerder adds each new decree with its days when it is published (three years
at a time). When no decree covers a year of the coming twelve months, the list says so.
"""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from .models import EquatedDay, EquatedDayDecree
from .selectors import coverage_warning


class EquatedDayInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        decree = self.instance
        if decree.first_year is None or decree.last_year is None:
            return
        for form in self.forms:
            day = form.cleaned_data.get("day") if hasattr(form, "cleaned_data") else None
            if (
                day
                and not form.cleaned_data.get("DELETE")
                and not (decree.first_year <= day.year <= decree.last_year)
            ):
                form.add_error(
                    "day",
                    _g("Deze dag valt buiten de jaren van het besluit (%(first)s–%(last)s).")
                    % {"first": decree.first_year, "last": decree.last_year},
                )


class EquatedDayInline(admin.TabularInline):
    model = EquatedDay
    formset = EquatedDayInlineFormSet
    extra = 1
    fields = ("day", "description")


class EquatedDayDecreeForm(forms.ModelForm):
    class Meta:
        model = EquatedDayDecree
        fields = ("title", "first_year", "last_year", "reference")

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("Het laatste jaar ligt vóór het eerste jaar."))
        return data


@admin.register(EquatedDayDecree)
class EquatedDayDecreeAdmin(admin.ModelAdmin):
    form = EquatedDayDecreeForm
    inlines = [EquatedDayInline]
    list_display = ("title", "first_year", "last_year", "reference")

    def changelist_view(self, request, extra_context=None):
        warning = coverage_warning(timezone.localdate())
        if warning:
            messages.warning(request, warning)
        return super().changelist_view(request, extra_context)
