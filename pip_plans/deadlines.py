"""Deadline rules of the PIP, the inburgeringstermijn and the beschikking (REQ D-05 … D-08, D-15).

Pure functions over `cases.deadlines.engine.Facts`; registered with the engine at start-up.
"""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.calendar import atw_last_day, feestdag_name
from cases.deadlines.engine import (
    Facts,
    Rule,
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
    term_last_day,
)

PIP_WEEKS = 10  # Besluit inburgering 2021 art. 5.3; plan §1.5
PROGRESS_TALK_MONTHS = 6  # plan §1.2: at least twice a year


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
    """REQ D-05: the later of DUO's notice and the BRP-inschrijving; with one known, that one."""
    known = [
        (day, label)
        for day, label in (
            (facts.duo_notified_on, _("kennisgeving van DUO")),
            (facts.registered_on, _("BRP-inschrijving")),
        )
        if day is not None
    ]
    if not known:
        return (_("BRP-inschrijving of kennisgeving van DUO"), None)
    day, label = max(known, key=lambda item: item[0])
    return (label, day)


def _pip_due_raw(facts: Facts):
    return plus(_pip_start(facts)[1], weeks=PIP_WEEKS)


def _pip_due(facts: Facts):
    raw = _pip_due_raw(facts)
    return atw_last_day(raw) if raw else None


# REQ D-05: PIP established ≤ 10 weeks after the later of DUO's notice and the
# BRP-inschrijving; the Atw applies (a 10-week term, shorter than 12 weeks).
register_rule(
    Rule(
        code="pip_vastgesteld",
        requirement="D-05",
        title=_("PIP vastgesteld"),
        explanation=_(
            "Het PIP wordt uiterlijk 10 weken na de kennisgeving van DUO of de BRP-inschrijving "
            "(de laatste van de twee) vastgesteld; valt die dag in het weekend of op een "
            "feestdag, dan schuift hij door naar de eerstvolgende werkdag."
        ),
        applies=lambda f: (
            f.doelgroep is not None or f.registered_on is not None or f.duo_notified_on is not None
        ),
        start=_pip_start,
        due=_pip_due,
        met_on=lambda f: f.pip_established_on,
        detail=lambda f, today: _shift_note(_pip_due_raw(f), _pip_due(f)),
        met_facts=("pip_established_on",),
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


def _unextended_last_day(facts: Facts):
    """REQ D-07: the request window hangs on the end of the term without extensions."""
    start = facts.pip_established_on
    return term_last_day(start) if start else None


# REQ D-07: DUO decides on extensions; a request can be filed from 6 months before the end.
# The app notifies from then on that a request may be due.
register_rule(
    Rule(
        code="verlenging",
        requirement="D-07",
        title=_("Verlenging aanvragen"),
        explanation=_(
            "Vanaf 6 maanden voor het einde van de termijn kan bij DUO verlenging worden "
            "aangevraagd (bij aanzienlijke inspanning of als de vertraging de inburgeraar niet te "
            "verwijten is); DUO beslist binnen 8 weken."
        ),
        applies=lambda f: f.pip_established_on is not None,
        start=lambda f: (_("dagtekening van de PIP-beschikking"), f.pip_established_on),
        window_start=lambda f: extension_request_opens_on(_unextended_last_day(f)),
        due=_unextended_last_day,
        is_met=lambda f: bool(f.term_extension_months),
        detail=lambda f, today: (
            _g("DUO heeft de termijn met %(months)s maanden verlengd.")
            % {"months": f.term_extension_months}
            if f.term_extension_months
            else None
        ),
        met_facts=("term_extension_months",),
        due_soon_from_window_start=True,
    )
)


def _talks_since_pip(facts: Facts):
    pip = facts.pip_established_on
    return [t for t in facts.progress_talks if pip is not None and t >= pip]


def _last_talk_or_pip(facts: Facts):
    talks = _talks_since_pip(facts)
    return talks[-1] if talks else facts.pip_established_on


def _next_talk_due(facts: Facts):
    return plus(_last_talk_or_pip(facts), months=PROGRESS_TALK_MONTHS)


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
    return ngettext(
        "Sinds het PIP is %(count)s voortgangsgesprek vastgelegd.",
        "Sinds het PIP zijn %(count)s voortgangsgesprekken vastgelegd.",
        count,
    ) % {"count": count}


# REQ D-08: at least 2 progress talks a year during the term: the next one ≤ 6 months after
# the previous one (or after the PIP).
register_rule(
    Rule(
        code="voortgangsgesprek",
        requirement="D-08",
        title=_("Voortgangsgesprek"),
        explanation=_(
            "Tijdens de termijn zijn er minstens 2 voortgangsgesprekken per jaar: het volgende "
            "gesprek is uiterlijk 6 maanden na het vorige (of na het PIP)."
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


def _bezwaar_due_raw(facts: Facts):
    made_known_on = facts.beschikking_made_known_on
    return objection_counted_last_day(made_known_on) if made_known_on else None


def _bezwaar_due(facts: Facts):
    """REQ D-15: one source with the beschikking and the screens (pip_plans.term)."""
    made_known_on = facts.beschikking_made_known_on
    return objection_last_day(made_known_on) if made_known_on else None


# REQ D-15: bezwaar within 6 weeks, counted from the day after the beschikking is made known
# (made known on a Tuesday → last day the Tuesday 6 weeks later); a last day on a Saturday,
# Sunday or feestdag moves to the next day that is none (Awb 6:7, 6:8; Atw art. 1, 3).
register_rule(
    Rule(
        code="bezwaartermijn",
        requirement="D-15",
        title=_("Bezwaartermijn beschikking"),
        explanation=_(
            "Bezwaar tegen een beschikking kan tot en met 6 weken na de dag van bekendmaking; "
            "valt de laatste dag op een zaterdag, zondag of feestdag, dan is het de eerstvolgende "
            "werkdag."
        ),
        applies=lambda f: f.beschikking_made_known_on is not None,
        start=lambda f: (_("bekendmaking van de beschikking"), f.beschikking_made_known_on),
        due=_bezwaar_due,
        detail=lambda f, today: _shift_note(_bezwaar_due_raw(f), _bezwaar_due(f)),
        ends_as_met=True,
    )
)


# ------------------------------------------------------------------------ facts provider
# The PIP app records these facts (pip_plans.facts); the engine reads them in bulk.
_PIP_FACTS = (
    "pip_established_on",
    "term_extension_months",
    "term_extended_until",
    "progress_talks",
    "route",
    "beschikking_made_known_on",
    "ontzorgen_extended_until",
)


def _pip_engine_facts(inburgeraar_ids):
    from .facts import pip_facts

    return {
        pk: {name: values.get(name) for name in _PIP_FACTS}
        for pk, values in pip_facts(inburgeraar_ids).items()
    }


register_facts_provider(_pip_engine_facts, provides=_PIP_FACTS)
