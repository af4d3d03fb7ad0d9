"""The deadline engine: pure rules over a case's facts (DESIGN.md principle 2, REQ D-01 … D-15).

A `Rule` is data plus pure functions over a `Facts` object; each app registers the rules of
its own subject in its `deadlines.py` (discovered at start-up by `CasesConfig.ready`, the way
Django discovers `admin.py`). `evaluate(facts, today)` gives one `Evaluation` per rule. No rule
touches the database; `today` is a parameter.

Facts come from the database through *facts providers* (`register_facts_provider`): bulk
functions `ids -> {id: {fact: value}}` that apps register for the facts they store. Later
providers override earlier ones fact by fact, but a None never overrides a value.

States (REQ D, issue 4):
- `not_applicable`: the rule does not apply to this case (or its facts are not recorded yet);
- `met` / `met_late`: the closing fact is there, on/before or after the due date;
- `overdue`: not met and today is past the due date;
- `due_soon`: not met and the due date is within the rule's lead time (default 14 days);
- `open`: everything else, including an applicable rule whose due date cannot be computed yet.
A met date later than `today` counts as not met yet, so a scan can replay past days.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..constants import DeadlineState, Doelgroep

DEFAULT_LEAD_TIME_DAYS = 14


@dataclass(frozen=True)
class Facts:
    """Everything the rules may read about one case. Every fact is optional."""

    doelgroep: str | None = None  # Doelgroep value
    # REQ C-01: an asielstatushouder holds the asylum permit (True) or joined one as a
    # nareiziger (False); None: not recorded, which counts as the permit holder.
    holds_asylum_permit: bool | None = None
    birth_date: dt.date | None = None
    linked_on: dt.date | None = None  # koppeling by COA
    registered_on: dt.date | None = None  # BRP-inschrijving in the municipality
    duo_notified_on: dt.date | None = None  # DUO's written notice of the obligation
    housed_on: dt.date | None = None  # huisvesting (vestiging)
    intake_started_on: dt.date | None = None
    coa_handover_on: dt.date | None = None
    test_ready_on: dt.date | None = None  # leerbaarheidstoets set ready in DUO's portal
    test_taken_on: dt.date | None = None
    pip_established_on: dt.date | None = None  # dagtekening of the PIP beschikking
    term_extension_months: int | None = None  # granted by DUO (REQ D-07)
    term_ends_on: dt.date | None = None  # the last day DUO stated (REQ D-06, D-07)
    term_extension_requested_on: dt.date | None = None  # the latest request (REQ D-07)
    talks_per_year: int | None = None  # progress talks a year the PIP sets (REQ D-08)
    third_party_asked_on: dt.date | None = None  # REQ D-05, Besluit 5.3 lid 2
    third_party_received_on: dt.date | None = None
    progress_talks: tuple[dt.date, ...] = ()
    pvt_signed_on: dt.date | None = None
    route: str | None = None  # a leerroute code: see `fact_choices("route")`
    map_completed_on: dt.date | None = None
    bijstand_started_on: dt.date | None = None
    ontzorgen_evaluated_on: dt.date | None = None
    ontzorgen_extended_until: dt.date | None = None
    participation_hours: float | None = None
    beschikking_made_known_on: dt.date | None = None  # the latest version's (REQ D-15)
    # REQ D-15: the made-known day of every beschikking version; each has its own term.
    beschikkingen_made_known_on: tuple[dt.date, ...] = ()
    self_reliant_on: dt.date | None = None


FACT_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Facts))
DATE_FACTS = frozenset(
    f.name for f in dataclasses.fields(Facts) if str(f.type).replace(" ", "") == "dt.date|None"
)
LIST_DATE_FACTS = frozenset(
    f.name for f in dataclasses.fields(Facts) if str(f.type).startswith("tuple[dt.date")
)

# The Dutch name of every fact, for the calculator and whoever reads the facts.
FACT_LABELS = {
    "birth_date": _("Geboortedatum"),
    "linked_on": _("Gekoppeld door COA op"),
    "registered_on": _("BRP-inschrijving op"),
    "duo_notified_on": _("Kennisgeving DUO op"),
    "housed_on": _("Gehuisvest op"),
    "intake_started_on": _("Brede intake gestart op"),
    "coa_handover_on": _("Warme overdracht COA op"),
    "test_ready_on": _("Leerbaarheidstoets klaargezet op"),
    "test_taken_on": _("Leerbaarheidstoets afgenomen op"),
    "pip_established_on": _("Dagtekening PIP-beschikking"),
    "term_ends_on": _("Laatste dag volgens DUO"),
    "term_extension_requested_on": _("Verlenging aangevraagd op"),
    "talks_per_year": _("Voortgangsgesprekken per jaar (PIP)"),
    "third_party_asked_on": _("Informatie van derde gevraagd op"),
    "third_party_received_on": _("Informatie van derde ontvangen op"),
    "holds_asylum_permit": _("Houder van de asielvergunning (geen nareiziger)"),
    "beschikkingen_made_known_on": _("Bekendmaking van elke beschikkingversie"),
    "pvt_signed_on": _("Participatieverklaring ondertekend op"),
    "map_completed_on": _("MAP afgerond op"),
    "bijstand_started_on": _("Recht op bijstand vanaf"),
    "ontzorgen_evaluated_on": _("Ontzorgen geëvalueerd op"),
    "ontzorgen_extended_until": _("Ontzorgen als maatwerk verlengd tot en met"),
    "beschikking_made_known_on": _("Beschikking bekendgemaakt op"),
    "self_reliant_on": _("Economisch zelfredzaam sinds"),
    "doelgroep": _("Doelgroep"),
    "route": _("Leerroute"),
    "term_extension_months": _("Verlenging door DUO (maanden)"),
    "participation_hours": _("Uren participatie gedaan"),
    "progress_talks": _("Voortgangsgesprekken"),
}

# How the facts are grouped for a person reading them (the calculator's fieldsets).
FACT_GROUPS: tuple[tuple[object, tuple[str, ...]], ...] = (
    (
        _("Persoon en kerndatums"),
        (
            "doelgroep",
            "holds_asylum_permit",
            "birth_date",
            "linked_on",
            "registered_on",
            "duo_notified_on",
            "housed_on",
        ),
    ),
    (
        _("Brede intake en leerbaarheidstoets"),
        ("intake_started_on", "coa_handover_on", "test_ready_on", "test_taken_on"),
    ),
    (
        _("PIP en inburgeringstermijn"),
        (
            "third_party_asked_on",
            "third_party_received_on",
            "pip_established_on",
            "term_extension_months",
            "term_extension_requested_on",
            "term_ends_on",
            "talks_per_year",
            "progress_talks",
            "beschikking_made_known_on",
            "beschikkingen_made_known_on",
        ),
    ),
    (
        _("Participatie"),
        ("route", "pvt_signed_on", "map_completed_on", "participation_hours", "self_reliant_on"),
    ),
    (
        _("Financieel ontzorgen"),
        ("bijstand_started_on", "ontzorgen_evaluated_on", "ontzorgen_extended_until"),
    ),
)

# ---------------------------------------------------------------------------------- rules

DateFn = Callable[[Facts], dt.date | None]


def _never(facts: Facts) -> None:
    return None


def _always(facts: Facts) -> bool:
    return True


@dataclass(frozen=True)
class Rule:
    """One deadline rule. `code` is stable (stored, in URLs); `requirement` is e.g. "D-05".

    - `applies(facts)`: does the rule apply to this case at all?
    - `due(facts)`: the last day (None when a start fact is missing);
    - `due_on(facts, today)`: instead of `due`, for a rule whose last day depends on the day
      it is looked at (several beschikking versions, each with its own bezwaartermijn, D-15);
    - `window_start(facts)`: first day of a window (D-02, D-03), else None;
    - `met_on(facts)`: the day the deadline was met, if known;
    - `is_met(facts)`: met without a known day (e.g. 800 hours reached); defaults to False;
    - `start(facts)`: (Dutch label, date) of the fact the deadline counts from, for the screens;
    - `detail(facts, today)`: an optional extra Dutch sentence (e.g. hours against the pace);
    - `met_facts`: the facts that close the deadline: while no provider records them the
      stored deadline is `not_applicable` (a notice nobody can resolve helps nobody);
    - `lead_time_days`: `due_soon` this many days before the due date (per code, overridable in
      settings.DEADLINE_LEAD_TIME_DAYS);
    - `due_soon_from_window_start`: `due_soon` from the window start as well (D-07);
    - `ends_as_met`: a period that simply ends (ontzorgen, bezwaartermijn) is `met` on its
      last day instead of `overdue`;
    - `passed_in_phases`: the route phases (cases.constants.Phase values) a case only reaches
      after the step this rule watches. A phase is no fact (issue 12): in those phases a
      missing closing date reads "niet vastgelegd" on the screens, it is never made up.
    """

    code: str
    requirement: str
    title: str
    explanation: str
    applies: Callable[[Facts], bool] = _always
    due: DateFn = _never
    due_on: Callable[[Facts, dt.date], dt.date | None] | None = None
    window_start: DateFn = _never
    met_on: DateFn = _never
    is_met: Callable[[Facts], bool] = field(default=lambda facts: False)
    start: Callable[[Facts], tuple[str, dt.date | None] | None] = field(default=lambda facts: None)
    detail: Callable[[Facts, dt.date], str | None] = field(default=lambda facts, today: None)
    met_facts: tuple[str, ...] = ()
    lead_time_days: int = DEFAULT_LEAD_TIME_DAYS
    due_soon_from_window_start: bool = False
    ends_as_met: bool = False
    passed_in_phases: frozenset[str] = frozenset()

    def __post_init__(self):
        if not re.fullmatch(r"D-\d\d", self.requirement):
            raise ValueError(f"requirement must look like 'D-05', got {self.requirement!r}")
        unknown = set(self.met_facts) - set(FACT_NAMES)
        if unknown:
            raise ValueError(f"unknown met_facts for {self.code}: {sorted(unknown)}")

    @property
    def sort_key(self) -> tuple[int, str]:
        return (int(self.requirement[2:]), self.code)


@dataclass(frozen=True)
class Evaluation:
    """The outcome of one rule for one case on one day."""

    rule: Rule
    state: str
    due: dt.date | None
    window_start: dt.date | None
    met_on: dt.date | None
    tracked: bool = True
    start: tuple[str, dt.date | None] | None = None
    detail: str | None = None
    # The first day after `today` on which this outcome (state, due, window, met_on) can differ
    # with the same facts; None: never. The scan skips a case until then (issue 8).
    next_change: dt.date | None = None

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def requirement(self) -> str:
        return self.rule.requirement

    def as_dict(self) -> dict[str, Any]:
        """The shape of `manage.py deadlines --facts` (issue 4)."""

        def iso(value):
            return value.isoformat() if value else None

        return {
            "code": self.code,
            "requirement": self.requirement,
            "window_start": iso(self.window_start),
            "due": iso(self.due),
            "state": self.state,
            "met_on": iso(self.met_on),
        }


_rules: dict[str, Rule] = {}
_ordered: list[Rule] | None = None


def register_rule(rule: Rule) -> Rule:
    """Register (or replace) the rule with this code. Returns the rule."""
    global _ordered
    _rules[rule.code] = rule
    _ordered = None
    return rule


def unregister_rule(code: str) -> None:
    global _ordered
    _rules.pop(code, None)
    _ordered = None


def _rules_in_order() -> list[Rule]:
    global _ordered
    if _ordered is None:
        _ordered = sorted(_rules.values(), key=lambda r: r.sort_key)
    return _ordered


def rules() -> list[Rule]:
    """Every registered rule in requirement order (D-01 … D-15)."""
    return list(_rules_in_order())


def get_rule(code: str) -> Rule | None:
    return _rules.get(code)


def lead_time_days(rule: Rule) -> int:
    overrides = getattr(settings, "DEADLINE_LEAD_TIME_DAYS", None) or {}
    return int(overrides.get(rule.code, rule.lead_time_days))


def state_for(
    rule: Rule,
    *,
    today: dt.date,
    due: dt.date | None,
    window_start: dt.date | None,
    met_on: dt.date | None,
    is_met: bool = False,
) -> str:
    """The state of an applicable rule on `today` (see the module docstring)."""
    if met_on is not None and met_on <= today:
        return DeadlineState.MET if due is None or met_on <= due else DeadlineState.MET_LATE
    if is_met:
        return DeadlineState.MET
    if due is None:
        return DeadlineState.OPEN
    if today > due:
        return DeadlineState.MET if rule.ends_as_met else DeadlineState.OVERDUE
    soon_from = due - dt.timedelta(days=lead_time_days(rule))
    if rule.due_soon_from_window_start and window_start is not None:
        soon_from = min(soon_from, window_start)
    if today >= soon_from:
        return DeadlineState.DUE_SOON
    return DeadlineState.OPEN


def _after(today: dt.date, *days: dt.date | None) -> dt.date | None:
    """The earliest of `days` that lies after `today` (None when none does)."""
    later = [day for day in days if day is not None and day > today]
    return min(later) if later else None


def evaluate_rule(
    rule: Rule,
    facts: Facts,
    today: dt.date,
    *,
    tracked: frozenset[str] | None = None,
    details: bool = True,
    lead_days: int | None = None,
) -> Evaluation:
    """One rule on one day. `details=False` skips `start` and `detail` (Dutch text the stored
    rows do not hold): the nightly scan evaluates millions of rules and needs only the outcome.
    """
    is_tracked = tracked is None or set(rule.met_facts) <= tracked
    start = rule.start(facts) if details else None
    if not is_tracked or not rule.applies(facts):
        return Evaluation(
            rule=rule,
            state=DeadlineState.NOT_APPLICABLE.value,
            due=None,
            window_start=None,
            met_on=None,
            tracked=is_tracked,
            start=start,
        )
    due = rule.due_on(facts, today) if rule.due_on is not None else rule.due(facts)
    window_start = rule.window_start(facts) if due is not None else None
    met_on = raw_met_on = rule.met_on(facts)
    if met_on is not None and met_on > today:
        met_on = None  # recorded for a later day: not met yet on `today`
    state = state_for(
        rule,
        today=today,
        due=due,
        window_start=window_start,
        met_on=met_on,
        is_met=rule.is_met(facts),
    ).value
    if state == DeadlineState.MET and met_on is None and rule.ends_as_met and due is not None:
        met_on = due if today > due else None
    next_change = None
    if due is not None or raw_met_on is not None:
        soon_from = None
        if due is not None:
            soon_from = due - dt.timedelta(
                days=lead_days if lead_days is not None else lead_time_days(rule)
            )
            if rule.due_soon_from_window_start and window_start is not None:
                soon_from = min(soon_from, window_start)
        next_change = _after(
            today, raw_met_on, soon_from, due + dt.timedelta(days=1) if due else None
        )
    return Evaluation(
        rule=rule,
        state=state,
        due=due,
        window_start=window_start,
        met_on=met_on,
        tracked=True,
        start=start,
        detail=rule.detail(facts, today) if details else None,
        next_change=next_change,
    )


def evaluate(
    facts: Facts,
    today: dt.date,
    *,
    tracked: frozenset[str] | None = None,
    only: Iterable[str] | None = None,
    details: bool = True,
) -> list[Evaluation]:
    """Evaluate every registered rule (or the codes in `only`) for one case on `today`.

    `tracked`: the facts some provider records; None means every fact (hypothetical cases).
    `details=False`: outcomes only, without the Dutch `start`/`detail` texts (the scan).
    """
    wanted = set(only) if only is not None else None
    return [
        evaluate_rule(rule, facts, today, tracked=tracked, details=details)
        for rule in _rules_in_order()
        if wanted is None or rule.code in wanted
    ]


# ---------------------------------------------------------------------------------- facts

# The values of a coded fact belong to the app that owns the code (issue 11 item 7): the
# learning_routes app registers its RouteCode for `route` in its deadlines.py, so the codes
# have one source and cases holds no leerroute vocabulary.
_fact_choices: dict[str, tuple[tuple[str, Any], ...]] = {}


def register_fact_choices(name: str, choices: Iterable[tuple[str, Any]]) -> None:
    """Declare the allowed (value, label) pairs of a coded fact (e.g. `route`)."""
    if name not in FACT_NAMES:
        raise ValueError(f"unknown fact {name!r}")
    _fact_choices[name] = tuple((str(value), label) for value, label in choices)


def fact_choices(name: str) -> tuple[tuple[str, Any], ...]:
    """The registered (value, label) pairs of a coded fact; () when none are registered."""
    return _fact_choices.get(name, ())


class FactsError(ValueError):
    """Malformed facts (a bad date, an unknown doelgroep, an unknown key)."""


# The dates a rule can compute with: a due date lies years after its fact, and a date near
# the calendar's end would overflow (issue 22, finding 11). No real case lies outside.
FIRST_FACT_DATE = dt.date(1900, 1, 1)
LAST_FACT_DATE = dt.date(2199, 12, 31)


def check_fact_date(name: str, day: dt.date) -> dt.date:
    if not FIRST_FACT_DATE <= day <= LAST_FACT_DATE:
        raise FactsError(
            f"{name}: {day.isoformat()} ligt buiten {FIRST_FACT_DATE.year}–"
            f"{LAST_FACT_DATE.year}; geef een werkelijke datum."
        )
    return day


def _parse_date(name: str, value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return check_fact_date(name, value.date())
    if isinstance(value, dt.date):
        return check_fact_date(name, value)
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return check_fact_date(name, day)
    raise FactsError(f"{name}: {value!r} is geen geldige datum (verwacht JJJJ-MM-DD).")


def facts_from_mapping(data: Mapping[str, Any]) -> Facts:
    """Build Facts from JSON-like data, strictly: unknown keys and bad values raise FactsError."""
    if not isinstance(data, Mapping):
        raise FactsError('De feiten moeten een JSON-object zijn, bijvoorbeeld {"doelgroep": …}.')
    unknown = sorted(set(data) - set(FACT_NAMES))
    if unknown:
        raise FactsError(
            f"Onbekend feit: {', '.join(unknown)}. Toegestaan: {', '.join(FACT_NAMES)}."
        )
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in DATE_FACTS:
            values[name] = _parse_date(name, value)
        elif name == "doelgroep":
            if value is not None and value not in Doelgroep.values:
                raise FactsError(
                    f"doelgroep: {value!r} is onbekend; kies uit {', '.join(Doelgroep.values)}."
                )
            values[name] = value
        elif name in _fact_choices:
            codes = [code for code, _label in fact_choices(name)]
            if value is not None and value not in codes:
                raise FactsError(f"{name}: {value!r} is onbekend; kies uit {', '.join(codes)}.")
            values[name] = value
        elif name == "term_extension_months":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 0
            ):
                raise FactsError(
                    f"term_extension_months: {value!r} moet een geheel aantal maanden ≥ 0 zijn."
                )
            values[name] = value
        elif name == "holds_asylum_permit":
            if value is not None and not isinstance(value, bool):
                raise FactsError(f"holds_asylum_permit: {value!r} moet true of false zijn.")
            values[name] = value
        elif name == "talks_per_year":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12
            ):
                raise FactsError(
                    f"talks_per_year: {value!r} moet een geheel aantal gesprekken van 1 tot en "
                    "met 12 per jaar zijn."
                )
            values[name] = value
        elif name == "participation_hours":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or value < 0
            ):
                raise FactsError(f"participation_hours: {value!r} moet een aantal uren ≥ 0 zijn.")
            values[name] = value
        elif name in LIST_DATE_FACTS:
            if value is None:
                value = []
            if not isinstance(value, list | tuple):
                raise FactsError(f"{name}: verwacht een lijst met datums.")
            days = [_parse_date(name, item) for item in value]
            values[name] = tuple(sorted(d for d in days if d is not None))
        else:  # birth_date etc. are dates and handled above
            values[name] = value
    return Facts(**values)


FactsProvider = Callable[[Sequence[int]], dict[int, dict[str, Any]]]
_providers: list[tuple[FactsProvider, frozenset[str] | None]] = []
_precedence: dict[FactsProvider, int] = {}


# Precedence of a facts provider: where two providers give the same fact for a case, the one
# with the higher precedence wins, whatever the order of INSTALLED_APPS. A fact the app that
# records it provides (PRECEDENCE_RECORDED) wins over one derived from the phase history
# (PRECEDENCE_DERIVED), which only stands in where nothing was recorded.
PRECEDENCE_DERIVED = 0
PRECEDENCE_RECORDED = 10


def register_facts_provider(
    fn: FactsProvider,
    *,
    provides: Iterable[str] | None = None,
    precedence: int = PRECEDENCE_RECORDED,
) -> FactsProvider:
    """Register a bulk facts provider: `fn(inburgeraar_ids) -> {id: {fact: value}}`.

    It must answer for any number of ids in a constant number of queries. Pass `provides`
    (the fact names it records) so the engine knows which deadlines it can watch; without it
    the provider counts as recording every fact. `precedence` decides which provider's value
    counts where two give the same fact (higher wins; equal: the later registration). The
    same function again replaces its registration. Returns `fn`, so it works as a decorator.
    """
    declared = frozenset(provides) if provides is not None else None
    if declared is not None and not declared <= set(FACT_NAMES):
        raise ValueError(f"unknown facts in provides: {sorted(declared - set(FACT_NAMES))}")
    _providers[:] = [entry for entry in _providers if entry[0] is not fn]
    _providers.append((fn, declared))
    _precedence[fn] = precedence
    # Stable: providers of equal precedence keep their registration order.
    _providers.sort(key=lambda entry: _precedence[entry[0]])
    return fn


def unregister_facts_provider(fn: FactsProvider) -> None:
    _providers[:] = [entry for entry in _providers if entry[0] is not fn]
    _precedence.pop(fn, None)


def _code_digest(fn: Callable) -> tuple:
    """What a rule function computes, as stable data (its byte code, names and constants)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return (getattr(fn, "__module__", ""), getattr(fn, "__qualname__", repr(type(fn))))

    def consts(c):
        return tuple(
            (k.co_code, k.co_names, consts(k)) if hasattr(k, "co_code") else repr(k)
            for k in c.co_consts
        )

    return (fn.__module__, fn.__qualname__, code.co_code, code.co_names, consts(code))


def rules_fingerprint(tracked: frozenset[str]) -> str:
    """A digest of the registered rules as the scan sees them (issue 8).

    Part of every case's facts fingerprint, so a changed rule set (a rule added or removed, a
    lead time in settings, a rule's own code, a provider that starts recording a fact) makes
    the scan evaluate every case again. Helpers a rule calls are not followed: after changing
    only such a helper, run `deadlines_recompute(full=True)`.
    """
    import hashlib

    from .. import calendar as atw

    # The equated days are data, not code: a decree added in the admin changes the outcome of
    # every Atw-shifted rule (REQ D-15), so it is part of the rule set's digest.
    parts: list[Any] = [sorted(tracked), atw.digest()]
    for rule in _rules_in_order():
        parts.append(
            (
                rule.code,
                rule.requirement,
                lead_time_days(rule),
                rule.due_soon_from_window_start,
                rule.ends_as_met,
                rule.met_facts,
                [
                    _code_digest(fn)
                    for fn in (
                        rule.applies,
                        rule.due,
                        rule.due_on,
                        rule.window_start,
                        rule.met_on,
                        rule.is_met,
                    )
                ],
            )
        )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def facts_fingerprint(facts: Facts, rules_digest: str) -> str:
    """A compact digest of one case's facts under a rule set (stored on the case, issue 8).

    It starts with the first 8 characters of the rule set's digest, so the scan can tell a
    fingerprint made under another rule set without reading any facts.
    """
    import hashlib

    facts_digest = hashlib.blake2b((rules_digest + repr(facts)).encode(), digest_size=8)
    return rules_digest[:8] + facts_digest.hexdigest()


def tracked_facts() -> frozenset[str]:
    """The facts some registered provider records."""
    tracked: set[str] = set()
    for _fn, provides in _providers:
        tracked |= set(FACT_NAMES) if provides is None else provides
    return frozenset(tracked)


def collect_facts(inburgeraar_ids: Sequence[int]) -> dict[int, Facts]:
    """Facts for many cases: every provider once (a constant number of queries), in order of
    precedence, so a higher one's value overwrites a lower one's (register_facts_provider)."""
    ids = list(inburgeraar_ids)
    merged: dict[int, dict[str, Any]] = {pk: {} for pk in ids}
    for fn, _provides in _providers:
        for pk, partial in fn(ids).items():
            if pk not in merged:
                continue
            target = merged[pk]
            for name, value in partial.items():
                if name not in FACT_NAMES:
                    raise ValueError(f"facts provider {fn.__qualname__} returned unknown {name!r}")
                if value is None or (name in LIST_DATE_FACTS and not value):
                    continue
                target[name] = tuple(sorted(value)) if name in LIST_DATE_FACTS else value
    return {pk: Facts(**values) for pk, values in merged.items()}


# ------------------------------------------------------------------- shared date vocabulary
# Small helpers that several apps' rules share. Calendar months and years with relativedelta:
# 31 January + 1 month = 28/29 February (REQ D, preamble).


def plus(
    day: dt.date | None, *, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0
) -> dt.date | None:
    """`day + relativedelta(years=, months=, weeks=, days=)`, None-safe.

    The same arithmetic as relativedelta (calendar months first, the day clamped to the end of
    the month, then weeks and days), without its cost: the nightly scan calls this millions of
    times (issue 8). tests/deadlines/test_rules.py checks it against relativedelta.
    """
    if day is None:
        return None
    if years or months:
        index = day.year * 12 + day.month - 1 + years * 12 + months
        year, month = divmod(index, 12)
        month += 1
        day = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    if weeks or days:
        day = day + dt.timedelta(days=weeks * 7 + days)
    return day


def is_asielstatushouder(facts: Facts) -> bool:
    """REQ C-01 (Wi 13 lid 1, Besluit 1.1): the permit holder or a nareiziger."""
    return facts.doelgroep == Doelgroep.ASIELSTATUSHOUDER


def holds_asylum_permit(facts: Facts) -> bool:
    """REQ C-01: an asielstatushouder who holds the asylum permit, not a nareiziger
    (ontzorgen, Participatiewet 56a). Not recorded counts as the permit holder."""
    return is_asielstatushouder(facts) and facts.holds_asylum_permit is not False


def vestiging_on(facts: Facts) -> dt.date | None:
    """The day of vestiging in the municipality (REQ D-09, D-14).

    Housing for an asielstatushouder (who lived in the AZC before); for a gezins- or overige
    migrant, who comes to live in the municipality at once, the BRP-inschrijving when no
    housing date is recorded.
    """
    if facts.housed_on is not None:
        return facts.housed_on
    if facts.doelgroep in (Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE_MIGRANT):
        return facts.registered_on
    return None


def nl_date(day: dt.date | None) -> str:
    """A date as the screens write it ("3 maart 2026"), for rule details; "—" when unknown."""
    from ..dates import format_date

    return format_date(day) if day else "—"
