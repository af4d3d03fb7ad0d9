"""How a route change reaches the PIP (REQ L-06: schakelen and afschalen require a revision).

The PIP app registers the function that opens a new draft version; learning_routes calls it
without importing pip_plans (which itself uses this catalogue).
"""

from collections.abc import Callable

RevisionOpener = Callable[..., object]
_openers: list[RevisionOpener] = []


def register_revision_opener(fn: RevisionOpener) -> None:
    if fn not in _openers:
        _openers.append(fn)


def open_pip_revision(*, inburgeraar, reason: str, by, route=None, provider=None):
    """Open a draft PIP revision with the reason; returns what the opener returns."""
    if not _openers:
        raise RuntimeError("No PIP revision opener registered (pip_plans not installed?).")
    result = None
    for fn in _openers:
        result = fn(inburgeraar=inburgeraar, reason=reason, by=by, route=route, provider=provider)
    return result


# REQ L-06: schakelen hangs on the first day of the inburgeringstermijn, which the PIP knows.
TermStartFn = Callable[[object], object]
_term_starts: list[TermStartFn] = []


def register_term_start(fn: TermStartFn) -> None:
    if fn not in _term_starts:
        _term_starts.append(fn)


def term_started_on(inburgeraar):
    """The first day of the person's inburgeringstermijn, or None when no PIP is established
    (or no PIP app is installed)."""
    for fn in _term_starts:
        day = fn(inburgeraar)
        if day is not None:
            return day
    return None
