"""REQ P-02: what must be done before a PIP can be established.

The PIP is drawn up from the brede intake and the leerbaarheidstoets; it cannot be
established before both are done, unless a reason to proceed is recorded. The apps that own
those steps register a check here, the way admin.py registers models, so this app does not
depend on their internals:

    register_prerequisite(fn)   # fn(inburgeraar) -> list of Dutch sentences naming what is missing

An empty list means nothing is missing.
"""

from collections.abc import Callable

PrerequisiteFn = Callable[[object], list[str]]

_checks: list[PrerequisiteFn] = []


def register_prerequisite(fn: PrerequisiteFn) -> PrerequisiteFn:
    """Add a check (usable as a decorator). Registering the same function twice is harmless."""
    if fn not in _checks:
        _checks.append(fn)
    return fn


def unregister_prerequisite(fn: PrerequisiteFn) -> None:
    if fn in _checks:
        _checks.remove(fn)


def missing_prerequisites(inburgeraar) -> list[str]:
    """REQ P-02: every sentence of every registered check, in registration order."""
    missing: list[str] = []
    for check in _checks:
        missing.extend(str(sentence) for sentence in check(inburgeraar))
    return missing
