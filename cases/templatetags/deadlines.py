"""Template filters for deadline screens: Dutch labels of states and rules."""

from django import template

from cases.constants import DeadlineState
from cases.deadlines.engine import get_rule

register = template.Library()


@register.filter
def state_label(value: str) -> str:
    try:
        return str(DeadlineState(value).label)
    except ValueError:
        return ""


@register.filter
def rule_title(code: str) -> str:
    rule = get_rule(code) if code else None
    return str(rule.title) if rule else code


@register.filter
def rule_requirement(code: str) -> str:
    rule = get_rule(code) if code else None
    return rule.requirement if rule else ""


@register.simple_tag
def atw_coverage_warning() -> str:
    """REQ D-15: the warning when no decree of equated days covers a coming year ("" if none)."""
    from django.utils import timezone

    from cases.deadlines.selectors import coverage_warning

    return coverage_warning(timezone.localdate()) or ""
