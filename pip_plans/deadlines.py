"""Deadline rules of the PIP, the inburgeringstermijn and the beschikking (REQ D-05 … D-08, D-15).

Pure functions over `cases.deadlines.engine.Facts`; registered with the engine at start-up.
"""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.calendar import atw_last_day, feestdag_name
from cases.constants import Phase
from cases.deadlines.engine import (
    Facts,
    Rule,
    is_asielstatushouder,
    nl_date,
    plus,
    register_facts_provider,
    register_rule,
)

from .term import (
    extension_request_opens_on,
    facts_term_last_day,
    objection_counted_last_day,
    objection_last_day,
    term_first_day,
)

PIP_WEEKS = 10  # Besluit inburgering 2021 art. 5.3 lid 1; plan §1.5
THIRD_PARTY_WEEKS = 2  # Besluit inburgering 2021 art. 5.3 lid 2
TALKS_PER_YEAR = 2  # plan §1.2: at least twice a year, unless the PIP sets the number


def _shift_note(raw, due) -> str | None:
    """Why an Atw-shifted last day differs from the plain count (REQ D-15)."""
    if raw is None or due is None or raw == due:
        return None
    reason = feestdag_name(raw) or (_g("zaterdag") if raw.weekday() == 5 else _g("zondag"))
    return _g(
        "Geteld komt de laatste dag op %(raw)s (%(reason)s); volgens de Algemene termijnenwet "
        "schuift die door naar %(due)s."
    ) % {"raw": nl_date(raw), "reason": reason, "due": nl_date(due)}


def _pip_start(facts: Facts):
    """REQ D-05 (Besluit 5.3 lid 1, https://wetten.overheid.nl/BWBR0045555#Artikel5.3): 10 weeks
    from DUO's written notice; for an asielstatushouder not yet registered in the municipality
    of housing on that day, from the BRP-inschrijving (the later of the two). Gezins- and
    overige migranten: DUO's notice only. DUO's notice unknown: the plan's local norm (§1.5),
    10 weeks after the BRP-inschrijving, labelled as such."""
    notice, registered = facts.duo_notified_on, facts.registered_on
    if notice is None:
        if registered is None:
            return (_("kennisgeving van DUO"), None)
        return (_("BRP-inschrijving (lokale norm: kennisgeving van DUO nog onbekend)"), registered)
    if is_asielstatushouder(facts) and registered is not None and registered > notice:
        return (_("BRP-inschrijving in de gemeente van huisvesting"), registered)
    return (_("kennisgeving van DUO"), notice)


def _pip_normal_due(facts: Facts):
    raw = plus(_pip_start(facts)[1], weeks=PIP_WEEKS)
    return atw_last_day(raw) if raw else None


def _waits_for_third_party(facts: Facts) -> bool:
    """REQ D-05 lid 2 (Besluit 5.3 lid 2): information of a third party, asked for before the
    normal due date, lets the college exceed the 10 weeks until 2 weeks after its receipt."""
    asked, normal = facts.third_party_asked_on, _pip_normal_due(facts)
    return asked is not None and normal is not None and asked <= normal


def _pip_due_raw(facts: Facts):
    if _waits_for_third_party(facts):
        received = facts.third_party_received_on
        return plus(received, weeks=THIRD_PARTY_WEEKS) if received else None
    return plus(_pip_start(facts)[1], weeks=PIP_WEEKS)


def _pip_due(facts: Facts):
    """REQ D-05: the normal due date, or while waiting for a third party none (it is not
    known yet), after receipt the later of the normal due date and receipt + 2 weeks; the
    Atw applies to both (a term of weeks, shorter than 12 weeks)."""
    normal = _pip_normal_due(facts)
    if not _waits_for_third_party(facts):
        return normal
    received = facts.third_party_received_on
    if received is None:
        return None
    return max(normal, atw_last_day(plus(received, weeks=THIRD_PARTY_WEEKS)))


def _pip_detail(facts: Facts, today):
    parts = []
    if facts.duo_notified_on is None and facts.registered_on is not None:
        parts.append(
            _g(
                "De kennisgeving van DUO is nog niet bekend: de termijn volgt de lokale norm van "
                "het uitvoeringsplan (10 weken na de BRP-inschrijving)."
            )
        )
    if _waits_for_third_party(facts):
        if facts.third_party_received_on is None:
            parts.append(
                _g(
                    "Sinds %(asked)s wacht de gemeente op informatie van een derde; het PIP "
                    "volgt uiterlijk 2 weken na ontvangst (Besluit inburgering 2021 art. 5.3 "
                    "lid 2)."
                )
                % {"asked": nl_date(facts.third_party_asked_on)}
            )
        else:
            parts.append(
                _g(
                    "De informatie van een derde is op %(received)s ontvangen; het PIP volgt "
                    "uiterlijk 2 weken daarna (Besluit inburgering 2021 art. 5.3 lid 2)."
                )
                % {"received": nl_date(facts.third_party_received_on)}
            )
    due = _pip_due(facts)
    raw = _pip_due_raw(facts)
    if due is not None and raw is not None and atw_last_day(raw) == due:
        note = _shift_note(raw, due)
        if note:
            parts.append(note)
    return " ".join(parts) or None


# REQ D-05: PIP established ≤ 10 weeks after DUO's notice (asielstatushouder: or the later
# BRP-inschrijving), or 2 weeks after a third party's information; the Atw applies (a 10-week
# term, shorter than 12 weeks; Atw art. 1, 4).
register_rule(
    Rule(
        code="pip_vastgesteld",
        requirement="D-05",
        title=_("PIP vastgesteld"),
        explanation=_(
            "Het PIP wordt uiterlijk 10 weken na de kennisgeving van DUO vastgesteld (bij een "
            "asielstatushouder die dan nog niet in de gemeente van huisvesting is ingeschreven: "
            "na de BRP-inschrijving; bij wachten op informatie van een derde: uiterlijk 2 weken "
            "na ontvangst); valt die dag in het weekend of op een feestdag, dan schuift hij door "
            "naar de eerstvolgende werkdag."
        ),
        applies=lambda f: (
            f.doelgroep is not None or f.registered_on is not None or f.duo_notified_on is not None
        ),
        start=_pip_start,
        due=_pip_due,
        met_on=lambda f: f.pip_established_on,
        detail=_pip_detail,
        met_facts=("pip_established_on",),
        # Only establishing a PIP moves a case into the term (REQ D-06), yet older cases may
        # have been moved by hand: their missing date reads "niet vastgelegd".
        passed_in_phases=frozenset({Phase.INBURGERINGSTERMIJN}),
    )
)


def _term_detail(facts: Facts, today):
    end = facts_term_last_day(facts)
    if end is None:
        return None
    text = _g("De termijn loopt van %(start)s tot en met %(end)s.") % {
        "start": nl_date(term_first_day(facts.pip_established_on)),
        "end": nl_date(end),
    }
    if facts.term_extension_months:
        text += " " + _g("Daarin zit een verlenging door DUO van %(months)s maanden.") % {
            "months": facts.term_extension_months
        }
    return text


# REQ D-06: the 3-year term starts the day after the PIP's dagtekening; last day = PIP date
# + 3 years (29 Feb + 3 years = 28 Feb), plus a granted extension, or the last day DUO stated
# (REQ D-07); no Atw shift (years). One source: pip_plans.term.term_last_day.
register_rule(
    Rule(
        code="inburgeringstermijn",
        requirement="D-06",
        title=_("Einde inburgeringstermijn"),
        explanation=_(
            "De inburgeringstermijn van 3 jaar begint op de dag na de dagtekening van de "
            "PIP-beschikking en eindigt 3 jaar na die datum, plus een eventuele verlenging."
        ),
        applies=lambda f: f.pip_established_on is not None,
        start=lambda f: (_("dagtekening van de PIP-beschikking"), f.pip_established_on),
        due=facts_term_last_day,
        detail=_term_detail,
        lead_time_days=90,
    )
)


def _extension_window(facts: Facts):
    """REQ D-07 (Besluit 4.5 lid 1): a request can be filed from 6 months before the end of
    the term as it stands, extensions included: after each extension the window opens again
    before the new end."""
    end = facts_term_last_day(facts)
    return extension_request_opens_on(end) if end else None


def _extension_requested_on(facts: Facts):
    """The request that answers the current window (an earlier one was about an earlier end)."""
    opens, requested = _extension_window(facts), facts.term_extension_requested_on
    if opens is None or requested is None or requested < opens:
        return None
    return requested


# REQ D-07: DUO decides on extensions; a request can be filed from 6 months before the end.
# The app signals from then on, before every end (extended or not), until a request is made.
register_rule(
    Rule(
        code="verlenging",
        requirement="D-07",
        title=_("Verlenging aanvragen"),
        explanation=_(
            "Vanaf 6 maanden voor het einde van de termijn kan bij DUO verlenging worden "
            "aangevraagd (bij aanzienlijke inspanning of als de vertraging de inburgeraar niet te "
            "verwijten is), na elke verlenging opnieuw vóór het nieuwe einde; DUO beslist binnen "
            "8 weken."
        ),
        applies=lambda f: f.pip_established_on is not None,
        start=lambda f: (_("dagtekening van de PIP-beschikking"), f.pip_established_on),
        window_start=_extension_window,
        due=facts_term_last_day,
        met_on=_extension_requested_on,
        detail=lambda f, today: (
            _g("DUO heeft de termijn met %(months)s maanden verlengd.")
            % {"months": f.term_extension_months}
            if f.term_extension_months
            else None
        ),
        met_facts=("term_extension_requested_on",),
        due_soon_from_window_start=True,
        ends_as_met=True,
    )
)


def _talks_since_pip(facts: Facts):
    pip = facts.pip_established_on
    return [t for t in facts.progress_talks if pip is not None and t >= pip]


def _last_talk_or_pip(facts: Facts):
    talks = _talks_since_pip(facts)
    return talks[-1] if talks else facts.pip_established_on


def talk_interval_months(talks_per_year: int | None) -> tuple[int, int]:
    """REQ D-08 (Besluit 5.3 lid 4): the interval between progress talks as (months, days):
    12 / the number the PIP sets (default 2: every 6 months). A number that does not divide
    12 counts in days (365 / n, rounded down)."""
    n = talks_per_year or TALKS_PER_YEAR
    return (12 // n, 0) if 12 % n == 0 else (0, 365 // n)


def _next_talk_due(facts: Facts):
    months, days = talk_interval_months(facts.talks_per_year)
    return plus(_last_talk_or_pip(facts), months=months, days=days)


def _talks_done(facts: Facts):
    """No talk is due after the term has ended: the last one closes the cycle."""
    due, end = _next_talk_due(facts), facts_term_last_day(facts)
    if due is None or end is None or due <= end:
        return None
    talks = _talks_since_pip(facts)
    return talks[-1] if talks else None


def _talks_detail(facts: Facts, today):
    if facts.pip_established_on is None:
        return None
    count = len([t for t in _talks_since_pip(facts) if t <= today])
    text = ngettext(
        "Sinds het PIP is %(count)s voortgangsgesprek vastgelegd.",
        "Sinds het PIP zijn %(count)s voortgangsgesprekken vastgelegd.",
        count,
    ) % {"count": count}
    if facts.talks_per_year:
        text += " " + ngettext(
            "Het PIP legt %(n)s gesprek per jaar vast.",
            "Het PIP legt %(n)s gesprekken per jaar vast.",
            facts.talks_per_year,
        ) % {"n": facts.talks_per_year}
    return text


# REQ D-08: at least 2 progress talks a year during the term, or the number the PIP sets
# (Besluit 5.3 lid 4): the next one ≤ 12/n months after the previous one (or after the PIP).
register_rule(
    Rule(
        code="voortgangsgesprek",
        requirement="D-08",
        title=_("Voortgangsgesprek"),
        explanation=_(
            "Tijdens de termijn zijn er minstens 2 voortgangsgesprekken per jaar, of het aantal "
            "dat het PIP vastlegt: het volgende gesprek is uiterlijk 6 maanden (bij 2 per jaar) "
            "na het vorige, of na het PIP."
        ),
        applies=lambda f: f.pip_established_on is not None,
        start=lambda f: (
            (_("vorige voortgangsgesprek"), _talks_since_pip(f)[-1])
            if _talks_since_pip(f)
            else (_("dagtekening van de PIP-beschikking"), f.pip_established_on)
        ),
        due=_next_talk_due,
        met_on=_talks_done,
        detail=lambda f, today: _talks_detail(f, today),
        met_facts=("progress_talks",),
    )
)


def _made_known_days(facts: Facts) -> tuple:
    """REQ D-15: the made-known day of every beschikking version (the latest alone when only
    that is known, e.g. in the calculator)."""
    days = set(facts.beschikkingen_made_known_on)
    if facts.beschikking_made_known_on is not None:
        days.add(facts.beschikking_made_known_on)
    return tuple(sorted(days))


def _bezwaar_current(facts: Facts, today):
    """REQ D-15: every beschikking version keeps its own bezwaartermijn until it ends. On
    `today` the one that ends first of those still running counts; when none runs any more,
    the last one to end. Returns (made known on, last day) or None."""
    terms = [(day, objection_last_day(day)) for day in _made_known_days(facts)]
    if not terms:
        return None
    known = [term for term in terms if term[0] <= today] or terms
    running = [term for term in known if term[1] >= today]
    if running:
        return min(running, key=lambda term: term[1])
    return max(known, key=lambda term: term[1])


def _bezwaar_due_on(facts: Facts, today):
    current = _bezwaar_current(facts, today)
    return current[1] if current else None


def _bezwaar_detail(facts: Facts, today):
    current = _bezwaar_current(facts, today)
    if current is None:
        return None
    note = _shift_note(objection_counted_last_day(current[0]), current[1])
    days = _made_known_days(facts)
    if len(days) > 1:
        lines = "; ".join(
            _g("bekendgemaakt op %(known)s: bezwaar tot en met %(last)s")
            % {"known": nl_date(day), "last": nl_date(objection_last_day(day))}
            for day in days
        )
        note = " ".join(
            filter(None, [_g("Elke beschikking heeft een eigen bezwaartermijn: %s.") % lines, note])
        )
    return note


# REQ D-15: bezwaar within 6 weeks, counted from the day after the beschikking is made known
# (made known on a Tuesday → last day the Tuesday 6 weeks later); a last day on a Saturday,
# Sunday or feestdag (equated days included) moves to the next day that is none (Awb 6:7,
# 6:8; Atw art. 1, 3). Every beschikking version has its own term until it ends.
register_rule(
    Rule(
        code="bezwaartermijn",
        requirement="D-15",
        title=_("Bezwaartermijn beschikking"),
        explanation=_(
            "Bezwaar tegen elke versie van een beschikking kan tot en met 6 weken na de dag van "
            "haar bekendmaking; valt de laatste dag op een zaterdag, zondag of feestdag, dan is "
            "het de eerstvolgende werkdag."
        ),
        applies=lambda f: bool(_made_known_days(f)),
        start=lambda f: (_("bekendmaking van de beschikking"), f.beschikking_made_known_on),
        due_on=_bezwaar_due_on,
        detail=_bezwaar_detail,
        ends_as_met=True,
    )
)


# ------------------------------------------------------------------------ facts provider
# The PIP app records these facts (pip_plans.facts); the engine reads them in bulk.
_PIP_FACTS = (
    "pip_established_on",
    "term_extension_months",
    "term_extension_requested_on",
    "talks_per_year",
    "third_party_asked_on",
    "third_party_received_on",
    "term_ends_on",
    "progress_talks",
    "route",
    "beschikking_made_known_on",
    "beschikkingen_made_known_on",
    "ontzorgen_extended_until",
)


def _pip_engine_facts(inburgeraar_ids):
    from .facts import pip_facts

    return {
        pk: {name: values.get(name) for name in _PIP_FACTS}
        for pk, values in pip_facts(inburgeraar_ids).items()
    }


register_facts_provider(_pip_engine_facts, provides=_PIP_FACTS)
