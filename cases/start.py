"""Where each role starts after login, and the sections of the consultant's *Vandaag* page
(issue 13, item 1: no role ever lands on a 403).

Apps contribute by registration from their `hooks.py`, like the navigation:

- `register_start_page(role, url_name, priority=0)`: a role's start page; the highest priority
  wins, so an app that later builds a role's worklist (e.g. `enforcement` for the
  boeteambtenaar) registers it with a higher priority instead of editing this module.
- `register_today_section(key, order=..., title=..., rows=fn)`: a list on *Vandaag*;
  `fn(user, today)` returns at most `TODAY_LIMIT` `TodayRow`s in one query, of the user's own
  (and substituted) cases only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from .constants import Role
from .registry import Registry

TODAY_LIMIT = 20
TODAY_DAYS = 7  # "deze week": today and the six days after it


@dataclass(frozen=True)
class StartPage:
    role: str
    url_name: str
    priority: int = 0


_start_pages: Registry[StartPage] = Registry("startpagina")


def register_start_page(role: str, url_name: str, priority: int = 0) -> None:
    _start_pages.register(f"{role}:{url_name}", StartPage(role, url_name, priority))


def start_url_for(user) -> str | None:
    """The start page of the user's first role (in the order of `Role`) that has one."""
    pages = _start_pages.values()
    for role in Role:
        if not user.has_role(role):
            continue
        candidates = [page for page in pages if page.role == role]
        if candidates:
            return reverse(max(candidates, key=lambda page: page.priority).url_name)
    if user.is_superuser:
        return reverse("cases:caseload")
    return None


@dataclass(frozen=True)
class TodayRow:
    """One line on *Vandaag*: when, whose case, what, and where to act on it."""

    inburgeraar: object  # an Inburgeraar with full_name (and pk for the audit)
    when: date | None
    what: str
    url: str
    at: str = ""  # a time of day ("10:00"), or ""
    state: str = ""  # a DeadlineState value for a badge, or ""


@dataclass(frozen=True)
class TodaySection:
    key: str
    order: int
    title: object
    empty: object
    rows: Callable[[object, date], list[TodayRow]]
    more_url_name: str = ""
    more_label: object = ""


_today_sections: Registry[TodaySection] = Registry(
    "vandaag-onderdeel", sort_key=lambda section: section.order
)


def register_today_section(
    key: str,
    *,
    order: int,
    title,
    empty,
    rows: Callable[[object, date], list[TodayRow]],
    more_url_name: str = "",
    more_label="",
) -> None:
    _today_sections.register(
        key, TodaySection(key, order, title, empty, rows, more_url_name, more_label)
    )


def today_sections_for(user, today: date) -> list[dict]:
    """Every section with its rows: one query per section, whatever the caseload."""
    sections = []
    for section in _today_sections.values():
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "empty": section.empty,
                "rows": section.rows(user, today)[:TODAY_LIMIT],
                "more_url": reverse(section.more_url_name) if section.more_url_name else "",
                "more_label": section.more_label,
            }
        )
    return sections


def case_url(inburgeraar, name: str = "cases:detail") -> str:
    return reverse(name, kwargs={"public_id": inburgeraar.public_id})


# --------------------------------------------------------------------------- cases' own entries


def _notices_today(user, today: date) -> list[TodayRow]:
    """REQ D / M-01: the open deadline notices of the user's own (and substituted) cases."""
    from .deadlines.engine import get_rule
    from .deadlines.selectors import notices_for

    rows = []
    for notice in notices_for(user=user, today=today, status="open")[:TODAY_LIMIT]:
        rule = get_rule(notice.code)
        rows.append(
            TodayRow(
                inburgeraar=notice.inburgeraar,
                when=notice.current_due or notice.due,
                what=str(rule.title) if rule else notice.code,
                url=f"{case_url(notice.inburgeraar)}#termijn-{notice.code}",
                state=notice.current_state or notice.kind,
            )
        )
    return rows


def _register_defaults() -> None:
    from django.utils.translation import gettext_lazy as _

    register_start_page(Role.CONSULTANT, "cases:today")
    register_start_page(Role.TEAMLEIDER, "cases:deadline-dashboard")
    register_start_page(Role.BELEID, "cases:overview")
    register_start_page(Role.FUNCTIONEEL_BEHEERDER, "privacy:audit-search")
    # Until `enforcement` registers the boeteambtenaar's worklist (with a higher priority):
    # the deadline calculator, which it may use and which shows no personal data.
    register_start_page(Role.BOETEAMBTENAAR, "cases:deadline-calculator", priority=-1)
    register_today_section(
        "meldingen",
        order=10,
        title=_("Termijnsignalen"),
        empty=_("Er zijn geen open termijnsignalen."),
        rows=_notices_today,
        more_url_name="cases:notices",
        more_label=_("Alle meldingen"),
    )


_register_defaults()
