"""The primary navigation. Apps add their entries by registration (like admin.py), so
`cases` does not need to know them: `register(order, label, url_name, roles)`.

`roles` is a tuple of Role values (or None for every logged-in user); `label` may be a
callable user → label.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .permissions import may
from .registry import Registry


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: object
    url_name: str
    roles: tuple | None
    staff_only: bool = False


_entries: Registry[NavEntry] = Registry("menu-item", sort_key=lambda entry: entry.order)


def register(order: int, label, url_name: str, roles: tuple | None, staff_only=False) -> None:
    _entries.register(url_name, NavEntry(order, label, url_name, roles, staff_only))


def items_for(user, path: str) -> list[dict]:
    items = []
    for entry in _entries.values():
        if entry.staff_only and not user.is_staff:
            continue
        if entry.roles is not None and not may(user, entry.roles):
            continue
        label = entry.label(user) if isinstance(entry.label, Callable) else entry.label
        url = reverse(entry.url_name)
        items.append({"label": str(label), "url": url, "active": path.startswith(url)})
    return items


# --------------------------------------------------------------------------- case tabs
# The sub-navigation of a case page (`{% case_subnav inburgeraar current %}`): apps add a tab
# for their part of the case. The view behind a tab checks its own rights.


@dataclass(frozen=True)
class CaseTab:
    key: str
    label: object
    url_name: str  # reversed with public_id=...
    order: int
    roles: tuple | None = None  # who sees the tab; None: everyone who sees the case


_case_tabs: Registry[CaseTab] = Registry("dossiertab", sort_key=lambda tab: tab.order)


def register_case_tab(
    *, key: str, label, url_name: str, order: int = 50, roles: tuple | None = None
) -> None:
    _case_tabs.register(key, CaseTab(key, label, url_name, order, roles))


def case_tabs(user=None) -> list[CaseTab]:
    """The tabs in their order; with a user, only those the user's roles may open."""
    return [
        tab
        for tab in _case_tabs.values()
        if user is None or tab.roles is None or may(user, tab.roles)
    ]


# --------------------------------------------------------------------------- open tasks
# The "Open taken" of the dossier summary (issue 13, item 2): apps add what is still to do
# in their part of the case. `fn(inburgeraar, today)` runs at most one query and returns a
# list of {"label": str, "url": str} dicts.


@dataclass(frozen=True)
class CaseTasks:
    key: str
    fn: Callable
    order: int = 50


_case_tasks: Registry[CaseTasks] = Registry("dossiertaken", sort_key=lambda entry: entry.order)


def register_case_tasks(key: str, fn: Callable, order: int = 50) -> None:
    _case_tasks.register(key, CaseTasks(key, fn, order))


def case_tasks_for(inburgeraar, today) -> list[dict]:
    tasks = []
    for entry in _case_tasks.values():
        tasks += entry.fn(inburgeraar, today)
    return tasks
