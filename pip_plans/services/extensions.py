"""Extensions of the inburgeringstermijn: DUO decides, the app records (REQ D-07)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.kit import case_change
from cases.models import User

from ..constants import ExtensionGround, ExtensionInitiative, ExtensionStatus
from ..models import Pip, TermExtension
from ..term import extension_request_opens_on
from ._common import KIND_EXTENSION, SOURCE, fmt, today_or
from .reads import current_term

# REQ D-07 (Besluit inburgering 2021 art. 4.4 lid 1): ground (b) is exactly six months.
EFFORT_EXTENSION_MONTHS = 6

DECISION_FIELDS = (
    "status",
    "decided_on",
    "months",
    "new_last_day",
    "duo_reference",
    "decision_notes",
)


def term_extension_record_request(
    *,
    pip: Pip,
    initiative: str,
    ground: str,
    by: User,
    requested_on: date | None = None,
    ground_explanation: str = "",
    request=None,
    today: date | None = None,
) -> TermExtension:
    """REQ D-07: record a request for extension (or that DUO extends of its own accord).

    DUO decides; the app records. A request can be filed from six months before the last
    day of the term up to that day; one request is open at a time.
    """
    today = today_or(today)
    term = current_term(pip)
    if term is None:
        raise ValidationError(_("Er is nog geen vastgesteld PIP, dus ook geen termijn."))
    _first, last_day = term
    errors: dict[str, str] = {}
    if initiative not in ExtensionInitiative.values:
        errors["initiative"] = _("Kies of het een aanvraag is of een ambtshalve verlenging.")
    if ground not in ExtensionGround.values:
        errors["ground"] = _("Kies de grond voor de verlenging.")
    if initiative == ExtensionInitiative.REQUEST:
        opens = extension_request_opens_on(last_day)
        if requested_on is None:
            errors["requested_on"] = _("Vul de datum van de aanvraag in.")
        elif requested_on > today:
            errors["requested_on"] = _("De aanvraagdatum kan niet in de toekomst liggen.")
        elif requested_on < opens:
            errors["requested_on"] = _(
                "Een verlenging kan pas worden aangevraagd vanaf zes maanden vóór het einde "
                "van de termijn: vanaf %(date)s."
            ) % {"date": fmt(opens)}
        elif requested_on > last_day:
            errors["requested_on"] = _(
                "De termijn is op %(date)s geëindigd; een aanvraag moet vóór het einde binnen zijn."
            ) % {"date": fmt(last_day)}
    if errors:
        raise ValidationError(errors)
    with case_change(pip.inburgeraar, by=by, request=request, today=today) as change:
        if pip.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
            raise ValidationError(
                _("Er loopt al een aanvraag; leg eerst het besluit van DUO vast.")
            )
        extension = TermExtension.objects.create(
            pip=pip,
            initiative=initiative,
            requested_on=requested_on,
            ground=ground,
            ground_explanation=ground_explanation.strip(),
            recorded_by=by,
        )
        change.timeline(
            KIND_EXTENSION,
            _("Verlenging van de inburgeringstermijn vastgelegd: %(initiative)s.")
            % {"initiative": ExtensionInitiative(initiative).label.lower()},
            detail=ground_explanation,
            source=SOURCE,
        )
        change.audit("term_extension_recorded", obj=extension)
        change.facts_changed()  # REQ D-07: request recorded
    return extension


def term_extension_decide(
    *,
    extension: TermExtension,
    status: str,
    decided_on: date,
    by: User,
    months: int | None = None,
    new_last_day: date | None = None,
    duo_reference: str = "",
    decision_notes: str = "",
    request=None,
    today: date | None = None,
) -> TermExtension:
    """REQ D-07: record DUO's decision. A grant needs its months; the new last day DUO
    states in its decision, when given, must lie after the current last day.

    Works on a closed case too: DUO's decision on a request arrives when it arrives.
    """
    today = today_or(today)
    errors: dict[str, str] = {}
    if status not in (ExtensionStatus.GRANTED, ExtensionStatus.REFUSED):
        errors["status"] = _("Kies of DUO de verlenging heeft verleend of afgewezen.")
    if decided_on > today:
        errors["decided_on"] = _("De besluitdatum kan niet in de toekomst liggen.")
    elif extension.requested_on and decided_on < extension.requested_on:
        errors["decided_on"] = _("De besluitdatum ligt vóór de aanvraag.")
    case = extension.pip.inburgeraar
    with case_change(case, by=by, request=request, today=today, allow_closed=True) as change:
        locked = change.lock(TermExtension, pk=extension.pk, pip__inburgeraar=change.case)
        if locked.status != ExtensionStatus.REQUESTED:
            raise ValidationError(_("Over deze verlenging is al besloten."))
        pip = locked.pip
        _first, last_day = current_term(pip)
        if status == ExtensionStatus.GRANTED:
            if not months or months < 1:
                errors["months"] = _("Vul in met hoeveel maanden DUO de termijn verlengt.")
            elif locked.ground == ExtensionGround.EFFORT and months != EFFORT_EXTENSION_MONTHS:
                # REQ D-07 (Besluit inburgering 2021 art. 4.4 lid 1): ground (b) extends by
                # exactly six months.
                errors["months"] = _(
                    "Bij grond b (aanzienlijke inspanning) verlengt DUO de termijn met precies "
                    "zes maanden (Besluit inburgering 2021 art. 4.4)."
                )
            if new_last_day is not None and new_last_day <= last_day:
                errors["new_last_day"] = _(
                    "De nieuwe laatste dag moet na de huidige laatste dag (%(date)s) liggen."
                ) % {"date": fmt(last_day)}
        else:
            months, new_last_day = None, None
        if errors:
            raise ValidationError(errors)
        history = change.update(
            locked,
            {
                "status": status,
                "decided_on": decided_on,
                "months": months,
                "new_last_day": new_last_day,
                "duo_reference": duo_reference.strip(),
                "decision_notes": decision_notes.strip(),
            },
            fields=DECISION_FIELDS,
        )
        if status == ExtensionStatus.GRANTED:
            _new_first, new_last = current_term(pip)
            summary = _(
                "DUO heeft de inburgeringstermijn verlengd met %(months)s maanden, tot en met "
                "%(date)s."
            ) % {"months": months, "date": fmt(new_last)}
        else:
            summary = _("DUO heeft de verlenging van de inburgeringstermijn afgewezen.")
        change.timeline(KIND_EXTENSION, summary, detail=decision_notes, source=SOURCE)
        change.audit("term_extension_recorded", obj=locked, changes=history)
        change.facts_changed()  # REQ D-07: the term may move
    return locked
