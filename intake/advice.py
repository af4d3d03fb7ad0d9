"""The leerroute advice for the PIP (REQ I-07, L-01): a pure function of the facts.

The leerbaarheidstoets answers one question: is B1 reachable within the three-year term,
including falling back to A2 (plan §1.4)? Together with the person's age (the plan aims the
onderwijsroute at people up to 28; the law sets no age limit) and the education domain of the
brede intake it suggests a route. It is advice only: the college decides in the PIP.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from cases.dates import format_date
from learning_routes.constants import RouteCode

from .constants import ONDERWIJSROUTE_AGE_LIMIT
from .scores import format_score


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years on `day`. Born on 29 February: a year older on 1 March in a common year
    (the same convention as `Inburgeraar.age_on`)."""
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


def birthday(date_of_birth: date, years: int) -> date:
    """The day someone reaches `years` (29 February → 1 March in a common year)."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:
        return date(date_of_birth.year + years, 3, 1)


@dataclass(frozen=True)
class AdviceFacts:
    date_of_birth: date
    on: date
    b1_reachable: bool | None = None
    exempted: bool = False
    # REQ I-07: the achieved score and the score it is measured against (DUO's required
    # score, or the local pass mark for a result entered by hand); decimals such as 28,50.
    score: Decimal | None = None
    required_score: Decimal | None = None
    result_unknown: bool = False  # DUO's result Onbekend
    wants_further_education: bool | None = None
    # Severity of the education domain's assessment: 0 no obstacle, 1 some, 2 severe;
    # None when not assessed or "onbekend".
    education_severity: int | None = None
    education_label: str = ""


@dataclass(frozen=True)
class LeerrouteAdvice:
    # a RouteCode value (learning_routes, the one source), or None when no advice is possible yet
    route: str | None
    reasons: tuple[str, ...]
    alternative: str | None = None

    @property
    def route_label(self) -> str:
        return str(RouteCode(self.route).label) if self.route else ""

    @property
    def alternative_label(self) -> str:
        return str(RouteCode(self.alternative).label) if self.alternative else ""


def leerroute_advice(facts: AdviceFacts) -> LeerrouteAdvice:
    """REQ I-07, L-01: the advice with its reasons, in Dutch, in the order they weigh."""
    if facts.exempted:
        return LeerrouteAdvice(
            route=None,
            reasons=(
                _(
                    "Ontheffing van de leerbaarheidstoets: er is geen toetsuitslag. Het college "
                    "bepaalt de leerroute op basis van de brede intake."
                ),
            ),
        )
    if facts.result_unknown:
        return LeerrouteAdvice(
            route=None,
            reasons=(
                _(
                    "DUO gaf als uitslag van de leerbaarheidstoets 'Onbekend': de toets geeft geen "
                    "advies. Het college bepaalt de leerroute op basis van de brede intake."
                ),
            ),
        )
    if facts.b1_reachable is None:
        return LeerrouteAdvice(
            route=None, reasons=(_("Er is nog geen uitslag van de leerbaarheidstoets."),)
        )
    if not facts.b1_reachable:
        return LeerrouteAdvice(
            route=RouteCode.Z,
            reasons=(
                _result_sentence(facts),
                _("De Z-route is bedoeld voor wie A2 naar verwachting niet haalt."),
            ),
        )

    reasons = [_result_sentence(facts)]
    age = age_on(facts.date_of_birth, facts.on)
    limit_day = birthday(facts.date_of_birth, ONDERWIJSROUTE_AGE_LIMIT)
    young = age < ONDERWIJSROUTE_AGE_LIMIT
    education_ok = facts.education_severity is not None and facts.education_severity <= 1

    if facts.wants_further_education is not True:
        reasons.append(
            _("Er is geen wens vastgelegd om een vervolgopleiding (mbo, hbo of wo) te volgen.")
            if facts.wants_further_education is None
            else _("Wil geen vervolgopleiding (mbo, hbo of wo) volgen.")
        )
        return LeerrouteAdvice(route=RouteCode.B1, reasons=tuple(reasons))

    reasons.append(_("Wil een vervolgopleiding (mbo, hbo of wo) volgen."))
    if not young:
        reasons.append(
            _(
                "Is %(age)s jaar: het beleid richt de onderwijsroute op jongeren tot "
                "%(limit)s jaar. De wet kent geen leeftijdsgrens; het college kan afwijken als "
                "de kans op een diploma goed is."
            )
            % {"age": age, "limit": ONDERWIJSROUTE_AGE_LIMIT}
        )
        return LeerrouteAdvice(
            route=RouteCode.B1, reasons=tuple(reasons), alternative=RouteCode.ONDERWIJS
        )
    reasons.append(
        _(
            "Is %(age)s jaar en wordt %(limit)s op %(day)s: binnen de doelgroep van "
            "de onderwijsroute."
        )
        % {"age": age, "limit": ONDERWIJSROUTE_AGE_LIMIT, "day": format_date(limit_day)}
    )
    if facts.education_severity is None:
        reasons.append(
            _(
                "Het levensdomein opleiding is nog niet beoordeeld: de kans op een diploma is "
                "daardoor niet in te schatten."
            )
        )
        return LeerrouteAdvice(
            route=RouteCode.B1, reasons=tuple(reasons), alternative=RouteCode.ONDERWIJS
        )
    if not education_ok:
        reasons.append(
            _(
                "Levensdomein opleiding: %(label)s. De kans op een diploma in het vervolgonderwijs "
                "is daardoor kleiner."
            )
            % {"label": facts.education_label.lower()}
        )
        return LeerrouteAdvice(
            route=RouteCode.B1, reasons=tuple(reasons), alternative=RouteCode.ONDERWIJS
        )
    reasons.append(
        _("Levensdomein opleiding: %(label)s.") % {"label": facts.education_label.lower()}
    )
    return LeerrouteAdvice(
        route=RouteCode.ONDERWIJS, reasons=tuple(reasons), alternative=RouteCode.B1
    )


def _result_sentence(facts: AdviceFacts) -> str:
    known = facts.score is not None and facts.required_score is not None
    values = (
        {"score": format_score(facts.score), "required": format_score(facts.required_score)}
        if known
        else {}
    )
    if facts.b1_reachable:
        if known:
            return (
                _(
                    "Toetsuitslag: score %(score)s, benodigd %(required)s. B1 is haalbaar binnen "
                    "de termijn, eventueel met afschalen naar A2."
                )
                % values
            )
        return _("Toetsuitslag: B1 is haalbaar binnen de termijn, eventueel met afschalen naar A2.")
    if known:
        return (
            _(
                "Toetsuitslag: score %(score)s, benodigd %(required)s. B1 is niet haalbaar binnen "
                "de termijn, ook niet met afschalen naar A2."
            )
            % values
        )
    return _("Toetsuitslag: B1 is niet haalbaar binnen de termijn, ook niet met afschalen naar A2.")
