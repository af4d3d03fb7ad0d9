"""Rules of the PIP's content (REQ P-01, P-04, L-01, L-02, L-06, A-05, D-13, O-01, O-04, D-12).

Two kinds of check, both without side effects:
- `theme_errors`: is what was entered consistent? Run on every draft save, per theme.
- `completeness_errors`: is the version complete enough to be laid down in a beschikking?
  Run when establishing; returns whole Dutch sentences for the consultant.
"""

from datetime import date

from django.utils.translation import gettext as _

from cases.constants import Doelgroep
from cases.dates import format_date
from learning_routes.constants import RouteCode
from learning_routes.rules import college_offers_course, schakelen_refusal
from learning_routes.selectors import contract_for, providers_with_contract

from .constants import (
    MIN_TALKS_PER_YEAR,
    MapAgreement,
    RevisionReason,
    TargetLevel,
    Theme,
)

# Fields of each edit screen (REQ P-01: the four themes, plus the decision's reasons).
THEME_FIELDS: dict[str, tuple[str, ...]] = {
    Theme.INBURGERING: ("route", "provider", "target_level", "intensity", "inburgering_notes"),
    Theme.PARTICIPATIE: (
        "pvt",
        "pvt_notes",
        "map",
        "map_notes",
        "participation_instruments",
        "z_route_hours",
    ),
    Theme.ONTZORGEN: (
        "ontzorgen",
        "ontzorgen_starts_on",
        "ontzorgen_decision_reference",
        "ontzorgen_extended_until",
        "ontzorgen_extension_reason",
    ),
    Theme.BEGELEIDING: ("contact_person", "talks_per_year", "begeleiding_notes", "vve_notes"),
    Theme.MOTIVERING: ("reason_explanation", "motivation"),
}

# REQ L-01 / L-06: the target levels each route allows.
ROUTE_LEVELS: dict[str, set[str]] = {
    RouteCode.B1: {TargetLevel.B1, TargetLevel.A2},
    RouteCode.ONDERWIJS: {TargetLevel.B1},
    RouteCode.Z: {TargetLevel.A1, TargetLevel.A2, TargetLevel.HIGHEST},
}


def _route_code(version) -> str | None:
    return version.route.code if version.route_id else None


def _z_route_hours_apply(version, inburgeraar) -> bool:
    """REQ D-13: only asielstatushouders in the Z-route have participation hours."""
    return (
        _route_code(version) == RouteCode.Z and inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    )


def ontzorgen_standard_end(starts_on: date) -> date:
    """REQ O-01 / D-12: the last day of six months of ontzorgen (one source: finance.periods)."""
    from finance.periods import ontzorgen_last_day

    return ontzorgen_last_day(starts_on)


def theme_errors(version, theme: str, *, inburgeraar, on: date, previous=None) -> dict[str, str]:
    """Consistency of one theme's input; field name → Dutch message."""
    errors: dict[str, str] = {}
    route = _route_code(version)
    if theme == Theme.INBURGERING:
        buys = college_offers_course(inburgeraar.doelgroep)
        if version.provider_id and not buys:
            # REQ L-03 (Wi 16 lid 1, 19–21): no municipal contract for gezins-/overige migranten.
            errors["provider"] = _(
                "Laat de taalaanbieder leeg: een gezins- of overige migrant kiest en betaalt de "
                "cursus zelf (lening DUO); de gemeente sluit er geen contract voor."
            )
        elif version.provider_id and not version.route_id:
            errors["route"] = _("Kies eerst de leerroute; de taalaanbieder hoort bij een route.")
        elif version.provider_id and (
            contract_for(provider_id=version.provider_id, route_id=version.route_id, on=on) is None
        ):
            # REQ L-02: only a provider with a valid contract for the route on the PIP date.
            errors["provider"] = _(
                "Deze taalaanbieder heeft op %(date)s geen geldig contract voor de %(route)s."
            ) % {"date": format_date(on), "route": version.route.name}
        if route and version.target_level:
            allowed = ROUTE_LEVELS.get(route, set())
            if version.target_level not in allowed:
                errors["target_level"] = _("Dit taalniveau past niet bij de %(route)s.") % {
                    "route": version.route.name
                }
            elif (
                route == RouteCode.B1
                and version.target_level == TargetLevel.A2
                and version.reason != RevisionReason.AFSCHALEN
                and not (previous and previous.target_level == TargetLevel.A2)
            ):
                # REQ L-06: A2 in the B1-route only after afschalen, as a PIP revision.
                errors["target_level"] = _(
                    "A2 als doel in de B1-route kan alleen na afschalen; maak daarvoor een "
                    "nieuwe versie met aanleiding 'Afschalen van B1 naar A2'."
                )
    elif theme == Theme.PARTICIPATIE:
        # REQ L-01 / A-05: no MAP in the onderwijsroute.
        if (
            route == RouteCode.ONDERWIJS
            and version.map
            and (version.map != MapAgreement.NOT_APPLICABLE)
        ):
            errors["map"] = _("In de onderwijsroute is er geen MAP; kies 'Niet van toepassing'.")
        if route != RouteCode.ONDERWIJS and version.map == MapAgreement.NOT_APPLICABLE:
            errors["map"] = _("'Niet van toepassing' geldt alleen in de onderwijsroute.")
        if version.z_route_hours is not None and not _z_route_hours_apply(version, inburgeraar):
            errors["z_route_hours"] = _(
                "Participatie-uren gelden alleen voor asielstatushouders in de Z-route."
            )
    elif theme == Theme.ONTZORGEN:
        # REQ O-01, C-01: ontzorgen (Participatiewet art. 56a) is for asylum-permit holders,
        # not for nareizigers.
        if version.ontzorgen and (
            inburgeraar.doelgroep != Doelgroep.ASIELSTATUSHOUDER
            or inburgeraar.holds_asylum_permit is False
        ):
            errors["ontzorgen"] = _(
                "Financieel ontzorgen (artikel 56a Participatiewet) geldt alleen voor "
                "asielstatushouders met een asielvergunning, niet voor nareizigers."
            )
        if not version.ontzorgen and (
            version.ontzorgen_extended_until or version.ontzorgen_starts_on
        ):
            errors["ontzorgen"] = _(
                "Vul alleen datums in als de inburgeraar financieel wordt ontzorgd."
            )
        if version.ontzorgen_extended_until:
            # REQ O-04 / D-12: longer than six months only as maatwerk, with its reason.
            if not version.ontzorgen_extension_reason.strip():
                errors["ontzorgen_extension_reason"] = _(
                    "Geef de reden waarom het ontzorgen langer dan zes maanden duurt."
                )
            if version.ontzorgen_starts_on and version.ontzorgen_extended_until <= (
                ontzorgen_standard_end(version.ontzorgen_starts_on)
            ):
                errors["ontzorgen_extended_until"] = _(
                    "Deze datum valt binnen de standaardperiode van zes maanden (tot en met "
                    "%(date)s); vul alleen een latere datum in."
                ) % {"date": format_date(ontzorgen_standard_end(version.ontzorgen_starts_on))}
        elif version.ontzorgen_extension_reason.strip():
            errors["ontzorgen_extended_until"] = _(
                "Vul de datum in tot wanneer het ontzorgen langer duurt."
            )
    elif theme == Theme.BEGELEIDING and (version.talks_per_year or 0) < MIN_TALKS_PER_YEAR:
        # REQ P-01 / D-08 (plan §1.2): at least two progress talks a year.
        errors["talks_per_year"] = _("Spreek minimaal %(n)s voortgangsgesprekken per jaar af.") % {
            "n": MIN_TALKS_PER_YEAR
        }
    return errors


def completeness_errors(
    version, *, inburgeraar, on: date, previous=None, term_first_day: date | None = None
) -> list[str]:
    """REQ P-01, P-04, L-02, L-03, L-06: what is still missing before the version can be
    established.

    `on` is the dagtekening (the PIP date: contracts must be valid then); `previous` the
    latest established version, for revisions; `term_first_day` the first day of the term
    (REQ L-06: a revision that changes the route must lie within 1½ years of it).
    """
    buys = college_offers_course(inburgeraar.doelgroep)
    missing: list[str] = []
    for theme in Theme:
        missing.extend(
            theme_errors(version, theme, inburgeraar=inburgeraar, on=on, previous=previous).values()
        )
    route = _route_code(version)
    # REQ P-03: the beschikking is sent to the inburgeraar's address.
    if not (inburgeraar.street and inburgeraar.postal_code and inburgeraar.city):
        missing.append(
            _(
                "Vul het adres van de inburgeraar in bij de persoonsgegevens; de beschikking "
                "wordt daarheen gestuurd."
            )
        )
    # Theme 1: inburgering.
    if not version.route_id:
        missing.append(_("Kies een leerroute (thema inburgering)."))
    elif (
        buys
        and not version.provider_id
        and providers_with_contract(route_id=version.route_id, on=on).exists()
    ):
        missing.append(
            _("Kies een taalaanbieder met een geldig contract voor de %(route)s.")
            % {"route": version.route.name}
        )
    if not version.target_level:
        missing.append(_("Kies het beoogde taalniveau (thema inburgering)."))
    # Wi art. 15 lid 2: the college sets the intensity of the route for the persons of art. 13
    # lid 1 only; the others follow the course they arrange themselves (REQ L-03).
    if buys and not version.intensity.strip():
        missing.append(_("Vul de intensiteit van de leerroute in (thema inburgering)."))
    # Theme 2: participatie.
    if not version.pvt:
        missing.append(_("Leg de afspraak over het PVT vast (thema participatie)."))
    if not version.map:
        missing.append(_("Leg de afspraak over de MAP vast (thema participatie)."))
    if (
        version.route_id
        and _z_route_hours_apply(version, inburgeraar)
        and not version.z_route_hours
    ):
        missing.append(_("Vul het aantal participatie-uren in de Z-route in (thema participatie)."))
    # Theme 3: ontzorgen (REQ O-01: decided for every asielstatushouder).
    if version.ontzorgen is None and inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        missing.append(_("Leg vast of de inburgeraar financieel wordt ontzorgd (thema ontzorgen)."))
    # Theme 4: begeleiding.
    if not version.contact_person_id:
        missing.append(_("Kies de contactpersoon (thema begeleiding)."))
    # The decision's reasons (REQ P-03).
    if not version.motivation.strip():
        missing.append(_("Vul de motivering van het besluit in."))
    if version.number > 1:
        if not version.reason_explanation.strip():
            missing.append(_("Licht toe waarom het PIP wordt gewijzigd."))
        # REQ L-06: afschalen is B1-route only, to A2; schakelen changes the route.
        if version.reason == RevisionReason.AFSCHALEN and not (
            route == RouteCode.B1 and version.target_level == TargetLevel.A2
        ):
            missing.append(
                _("Bij afschalen blijft de leerroute de B1-route en wordt het taalniveau A2.")
            )
        if (
            version.reason == RevisionReason.ROUTE_SWITCH
            and previous is not None
            and previous.route_id == version.route_id
        ):
            missing.append(_("Bij schakelen kiest u een andere leerroute dan in de vorige versie."))
    if previous is not None and previous.route_id and version.route_id != previous.route_id:
        # REQ L-06 (Wi 17 lid 2, Besluit 5.4 lid 1): on the dagtekening of the new version.
        refusal = schakelen_refusal(
            from_code=previous.route.code,
            to_code=route,
            on=on,
            term_first_day=term_first_day,
        )
        if refusal:
            missing.append(refusal)
    return list(dict.fromkeys(str(m) for m in missing))


# --- plausibility of the letter's dates (issue 13) -------------------------------------------

DATE_OK, DATE_WARN, DATE_REFUSE = "ok", "warn", "refuse"


def date_plausibility(day: date, *, today: date, label: str) -> tuple[str, str]:
    """Issue 13: a dagtekening or dispatch date far from today is most likely a typing error
    (1 June 2027 typed for 2026). Beyond `HBEL_BESCHIKKING_DATE_WARN_DAYS` (14) days from
    today it is a warning the user confirms; beyond `HBEL_BESCHIKKING_DATE_REFUSE_DAYS` (60)
    it is refused. Returns (level, Dutch sentence); the sentence is empty when plausible."""
    from django.conf import settings

    warn = settings.HBEL_BESCHIKKING_DATE_WARN_DAYS
    refuse = settings.HBEL_BESCHIKKING_DATE_REFUSE_DAYS
    distance = abs((day - today).days)
    values = {
        "label": label,
        "date": format_date(day),
        "days": distance,
        "when": _("na vandaag") if day > today else _("vóór vandaag"),
    }
    if distance > refuse:
        return DATE_REFUSE, _(
            "De %(label)s (%(date)s) ligt %(days)s dagen %(when)s; dat kan niet kloppen. "
            "Vul een datum in die hooguit %(max)s dagen van vandaag ligt."
        ) % {**values, "max": refuse}
    if distance > warn:
        return DATE_WARN, _(
            "Let op: de %(label)s (%(date)s) ligt %(days)s dagen %(when)s. Controleer de datum."
        ) % values
    return DATE_OK, ""
