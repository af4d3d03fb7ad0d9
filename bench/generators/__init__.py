"""Registry of per-app generators of synthetic rows for the benchmark database.

Each app that owns tables contributes its own rows in `bench/generators/<app_label>.py`, which
registers one function with `@register("<app_label>", after=(...))`. The function receives the
`Context` (the cases already generated, in columns, plus a COPY helper) and returns a mapping
table → rows written. `cases` runs first; the others in registration order after the apps they
name in `after`. A new app adds a module here; nothing else changes.
"""

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

GeneratorFn = Callable[["Context"], dict[str, int]]  # noqa: F821 (defined in bench.generate)


@dataclass
class Registration:
    app_label: str
    fn: GeneratorFn
    after: tuple[str, ...] = field(default_factory=tuple)


_registry: dict[str, Registration] = {}


def register(app_label: str, *, after: tuple[str, ...] = ("cases",)):
    def decorator(fn: GeneratorFn) -> GeneratorFn:
        _registry[app_label] = Registration(app_label, fn, () if app_label == "cases" else after)
        return fn

    return decorator


def discover() -> list[Registration]:
    """Import `bench.generators.<label>` for every installed app that has one; ordered."""
    from django.apps import apps

    for config in apps.get_app_configs():
        name = f"{__name__}.{config.label}"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
    ordered: list[Registration] = []
    done: set[str] = set()
    pending = dict(_registry)
    while pending:
        ready = [
            r for r in pending.values() if all(a in done or a not in _registry for a in r.after)
        ]
        if not ready:
            raise RuntimeError(f"Cyclic generator dependencies: {sorted(pending)}")
        for registration in ready:
            ordered.append(registration)
            done.add(registration.app_label)
            del pending[registration.app_label]
    return ordered
