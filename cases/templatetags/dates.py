"""`{{ day|format_date }}` and `{{ day|format_date:"short" }}`: cases.dates.format_date."""

from django import template

from cases.dates import format_date as _format_date

register = template.Library()


@register.filter
def format_date(day, style="long"):
    return _format_date(day, style)
