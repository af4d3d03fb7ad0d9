"""`{{ day|format_date }}` and `{{ day|format_date:"short" }}`: cases.dates.format_date."""

from django import template

from cases.dates import format_date as _format_date

register = template.Library()


@register.filter(expects_localtime=True)
def format_date(day, style="long"):
    """Like Django's `date` filter, anything that is no date gives ""."""
    import datetime as dt

    if not isinstance(day, dt.date):
        return ""
    return _format_date(day, style)
