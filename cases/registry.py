"""One registry mechanism for what apps contribute to the shared parts of `cases`.

Apps contribute deadline rules, facts providers, scopes, navigation entries, case tabs,
prerequisites, timeline kinds and audit events from their `hooks.py` (auto-discovered like
`admin.py`, see `cases.apps`). Every table of contributions is a `Registry`.

A second registration of a key behaves the same everywhere:
- the same value again is ignored (a hooks module imported twice, e.g. by the autoreloader or
  a test that reloads it, changes nothing);
- a different value raises `ImproperlyConfigured` naming the key and both values, so two apps
  can never silently overwrite each other's contribution. `replace()` is the one, explicit,
  way to change an entry (used by tests).
"""

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered table key → value; see the module docstring for a second registration."""

    def __init__(self, name: str, *, sort_key: Callable[[T], object] | None = None):
        self.name = name
        self._sort_key = sort_key
        self._entries: dict[str, T] = {}

    def register(self, key: str, value: T) -> T:
        existing = self._entries.get(key)
        if existing is not None:
            if existing == value:
                return existing
            raise ImproperlyConfigured(
                f"{self.name}: {key!r} is al geregistreerd ({existing!r}); "
                f"een tweede registratie ({value!r}) is niet toegestaan."
            )
        self._entries[key] = value
        return value

    def replace(self, key: str, value: T) -> T | None:
        """Set `key` to `value` whatever was there; returns the previous value."""
        previous = self._entries.get(key)
        self._entries[key] = value
        return previous

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    def get(self, key: str, default=None) -> T | None:
        return self._entries.get(key, default)

    def __getitem__(self, key: str) -> T:
        return self._entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def keys(self) -> list[str]:
        return [key for key, _ in self.items()]

    def values(self) -> list[T]:
        return [value for _, value in self.items()]

    def items(self) -> list[tuple[str, T]]:
        items = list(self._entries.items())
        if self._sort_key is not None:
            items.sort(key=lambda item: self._sort_key(item[1]))
        return items
