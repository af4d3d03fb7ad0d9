"""`{{ amount|money }}` ("€ 8.200,00") and `{{ amount|money:0 }}`: cases.money.format_money."""

from django import template

from cases.money import format_money

register = template.Library()


@register.filter
def money(amount, decimals=2):
    return format_money(amount, int(decimals))
