"""Navigation that other apps contribute to by registration (like `timeline.register_kind`).

- `register_nav_item`: an entry in the primary navigation, shown to users with one of `roles`.
- `register_case_tab`: a tab in the sub-navigation of a case (`{% case_subnav %}`), shown to
  everyone who may see the case; the view behind it checks its own rights.

`cases` itself imports no other app: apps call these from their AppConfig.ready().
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    roles: tuple[str, ...]
    order: int


@dataclass(frozen=True)
class CaseTab:
    key: str
    label: str
    url_name: str  # reversed with public_id=...
    order: int


_nav_items: dict[str, NavItem] = {}
_case_tabs: dict[str, CaseTab] = {}


def register_nav_item(*, key: str, label, url_name: str, roles, order: int = 50) -> None:
    _nav_items[key] = NavItem(key, label, url_name, tuple(roles), order)


def register_case_tab(*, key: str, label, url_name: str, order: int = 50) -> None:
    _case_tabs[key] = CaseTab(key, label, url_name, order)


def nav_items() -> list[NavItem]:
    return sorted(_nav_items.values(), key=lambda item: item.order)


def case_tabs() -> list[CaseTab]:
    return sorted(_case_tabs.values(), key=lambda tab: tab.order)
