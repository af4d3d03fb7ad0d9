"""The data a beschikking is made from (REQ P-03), frozen as JSON when the PIP is established.

The letter is rendered from the snapshot only, never from live data: the PDF can be made
later (by a worker, or at the first download) and still says what was decided that day. The
HTML preview of a draft uses the same builder with today's date.
"""

import base64
import mimetypes
from datetime import date

from django.utils.translation import gettext as _

from learning_routes.rules import college_offers_course

from .constants import Theme
from .rules import ontzorgen_standard_end
from .term import objection_last_day, term_first_day, term_last_day

SCHEMA = 1
MAX_LOGO_BYTES = 512 * 1024
_DATE_SUFFIXES = ("_on", "_day", "_until", "_end", "dagtekening", "date_of_birth")


def make_kenmerk(*, gemeente, dagtekening: date, pip_id: int, number: int) -> str:
    """A reference without personal data: municipality, year, PIP, version."""
    return f"PIP-{gemeente.cbs_code}-{dagtekening:%Y}-{pip_id:06d}-{number}"


def _logo_data_uri(gemeente) -> str | None:
    """The municipality's logo, inline (the PDF fetches nothing from disk or network)."""
    if not gemeente.logo:
        return None
    try:
        with gemeente.logo.open("rb") as handle:
            content = handle.read(MAX_LOGO_BYTES + 1)
    except (FileNotFoundError, OSError):
        return None
    if len(content) > MAX_LOGO_BYTES:
        return None
    mime = mimetypes.guess_type(gemeente.logo.name)[0]
    if mime not in {"image/png", "image/jpeg", "image/svg+xml"}:
        return None
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _label(choices_value, field) -> str:
    if not choices_value:
        return ""
    return str(dict(field.flatchoices).get(choices_value, choices_value))


def build_snapshot(
    version,
    *,
    inburgeraar,
    dagtekening: date,
    kenmerk: str,
    planned_made_known_on: date,
    term_dagtekening: date,
    extension_months: int = 0,
    extended_until: date | None = None,
    previous=None,
    approved_by=None,
    approved_at=None,
    approved_on: date | None = None,
    replaces=None,
) -> dict:
    """Every value the beschikking prints. `term_dagtekening` is the dagtekening of the first
    established version (REQ D-06: a revision never restarts the term). Issue 13: with four
    eyes, `approved_by` and `approved_at` are printed under the mandate; `replaces` is the
    withdrawn beschikking this one replaces (herroepen en vervangen)."""
    from django.utils import timezone

    gemeente = inburgeraar.gemeente
    meta = version._meta
    route = version.route
    contact = version.contact_person
    first_day = term_first_day(term_dagtekening)
    last_day = term_last_day(
        term_dagtekening, extension_months=extension_months, extended_until=extended_until
    )
    return {
        "schema": SCHEMA,
        "kenmerk": kenmerk,
        "dagtekening": _iso(dagtekening),
        "version": version.number,
        "is_revision": version.number > 1,
        "reason": version.reason,
        "reason_label": _label(version.reason, meta.get_field("reason")),
        "reason_explanation": version.reason_explanation,
        "previous": (
            {"kenmerk": previous.beschikking.kenmerk, "dagtekening": _iso(previous.dagtekening)}
            if previous is not None and hasattr(previous, "beschikking")
            else None
        ),
        "gemeente": {
            "name": gemeente.name,
            "visiting_address": gemeente.visiting_address,
            "postal_address": gemeente.postal_address,
            "postal_code": gemeente.postal_code,
            "city": gemeente.city,
            "phone": gemeente.phone,
            "website": gemeente.website,
            "logo": _logo_data_uri(gemeente),
        },
        "addressee": {
            "name": inburgeraar.full_name,
            "street": inburgeraar.street,
            "postal_code": inburgeraar.postal_code,
            "city": inburgeraar.city,
        },
        "inburgeraar": {
            "name": inburgeraar.full_name,
            "bsn": inburgeraar.bsn,
            "date_of_birth": _iso(inburgeraar.date_of_birth),
            "doelgroep": inburgeraar.doelgroep,
        },
        "term": {
            "first_day": _iso(first_day),
            "last_day": _iso(last_day),
            "extended": bool(extension_months or extended_until),
            "started_by_earlier_decision": term_dagtekening != dagtekening,
        },
        Theme.INBURGERING.value: {
            "route_code": route.code if route else None,
            "route_name": route.name if route else None,
            "provider": str(version.provider) if version.provider_id else None,
            # REQ L-03 (Wi 16, 19–21): a gezins-/overige migrant arranges and pays the course.
            "own_course": not college_offers_course(inburgeraar.doelgroep),
            "target_level": version.target_level,
            "target_level_label": _label(version.target_level, meta.get_field("target_level")),
            "intensity": version.intensity,
            "notes": version.inburgering_notes,
        },
        Theme.PARTICIPATIE.value: {
            "pvt": version.pvt,
            "pvt_notes": version.pvt_notes,
            "map": version.map,
            "map_notes": version.map_notes,
            "instruments": version.participation_instruments,
            "z_route_hours": version.z_route_hours,
        },
        Theme.ONTZORGEN.value: {
            "applies": version.ontzorgen,
            "starts_on": _iso(version.ontzorgen_starts_on),
            "standard_end": _iso(
                ontzorgen_standard_end(version.ontzorgen_starts_on)
                if version.ontzorgen_starts_on
                else None
            ),
            "extended_until": _iso(version.ontzorgen_extended_until),
            "extension_reason": version.ontzorgen_extension_reason,
            "decision_reference": version.ontzorgen_decision_reference,
        },
        Theme.BEGELEIDING.value: {
            "contact_person": str(contact) if contact else None,
            "contact_email": contact.email if contact else "",
            "talks_per_year": version.talks_per_year,
            "notes": version.begeleiding_notes,
            "vve_notes": version.vve_notes,
        },
        "motivation": version.motivation,
        "bezwaar": {
            "sent_on": _iso(planned_made_known_on),
            "last_day": _iso(objection_last_day(planned_made_known_on)),
            "address": gemeente.objection_address,
        },
        "signature": {
            "mandate_text": gemeente.mandate_text
            or _("Namens het college van burgemeester en wethouders van %(name)s")
            % {"name": gemeente.name},
            "officer": gemeente.signing_officer,
            "officer_title": gemeente.signing_officer_title,
            "approved_by": str(approved_by) if approved_by is not None else None,
            # The day of the approval is the dagtekening (the service's clock); the time is
            # the moment it was approved.
            "approved_on": _iso(approved_on or timezone.localdate(approved_at))
            if approved_at
            else None,
            "approved_time": (
                timezone.localtime(approved_at).strftime("%H:%M") if approved_at else None
            ),
        },
        "replaces": (
            {"kenmerk": replaces.kenmerk, "dagtekening": _iso(replaces.dagtekening)}
            if replaces is not None
            else None
        ),
    }


def letter_context(snapshot: dict) -> dict:
    """The snapshot with its ISO dates turned back into dates, for the template."""

    def convert(key, value):
        if isinstance(value, dict):
            return {k: convert(k, v) for k, v in value.items()}
        if isinstance(value, str) and isinstance(key, str) and key.endswith(_DATE_SUFFIXES):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        return value

    return {k: convert(k, v) for k, v in snapshot.items()}
