"""Waiting for a third party's information before the PIP (REQ D-05 lid 2).

Besluit inburgering 2021 art. 5.3 lid 2 (https://wetten.overheid.nl/BWBR0045555#Artikel5.3):
the college may exceed the 10 weeks only while it waits for information of a third party
without which the PIP cannot reasonably be established; it establishes the PIP at the latest
2 weeks after receipt. The request and the receipt are recorded with their dates; the deadline
engine reads them (pip_plans.facts).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.kit import case_change
from cases.models import Inburgeraar, User

from ..models import ThirdPartyRequest
from ._common import KIND_THIRD_PARTY, SOURCE, fmt, today_or


def third_party_request_record(
    *,
    inburgeraar: Inburgeraar,
    party: str,
    subject: str,
    asked_on: date,
    by: User,
    request=None,
    today: date | None = None,
) -> ThirdPartyRequest:
    """REQ D-05 lid 2: the college asked a third party for information the PIP needs."""
    today = today_or(today)
    errors = {}
    if not party.strip():
        errors["party"] = _("Vul in aan wie de informatie is gevraagd.")
    if not subject.strip():
        errors["subject"] = _("Vul in welke informatie is gevraagd.")
    if asked_on > today:
        errors["asked_on"] = _("De datum van het verzoek kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        made = ThirdPartyRequest.objects.create(
            inburgeraar=change.case,
            party=party.strip(),
            subject=subject.strip(),
            asked_on=asked_on,
            recorded_by=by,
        )
        change.timeline(
            KIND_THIRD_PARTY,
            _("Op %(date)s informatie gevraagd aan %(party)s: %(subject)s.")
            % {"date": fmt(asked_on), "party": made.party, "subject": made.subject},
            source=SOURCE,
        )
        change.audit("third_party_request_recorded", obj=made)
        change.facts_changed()  # REQ D-05: the PIP's due date waits for the answer
    return made


def third_party_received_record(
    *,
    third_party_request: ThirdPartyRequest,
    received_on: date,
    by: User,
    request=None,
    today: date | None = None,
) -> ThirdPartyRequest:
    """REQ D-05 lid 2: the information came in; the PIP is due 2 weeks later (Atw applies)."""
    today = today_or(today)
    case = third_party_request.inburgeraar
    with case_change(case, by=by, request=request, today=today) as change:
        locked = change.lock(ThirdPartyRequest, pk=third_party_request.pk, inburgeraar=change.case)
        if locked.received_on is not None:
            raise ValidationError(
                _("De ontvangst is al vastgelegd op %(date)s.") % {"date": fmt(locked.received_on)}
            )
        if received_on > today:
            raise ValidationError({"received_on": _("De datum kan niet in de toekomst liggen.")})
        if received_on < locked.asked_on:
            raise ValidationError(
                {
                    "received_on": _("De ontvangst ligt vóór het verzoek (%(date)s).")
                    % {"date": fmt(locked.asked_on)}
                }
            )
        history = change.update(locked, {"received_on": received_on}, fields=["received_on"])
        change.timeline(
            KIND_THIRD_PARTY,
            _("Op %(date)s informatie ontvangen van %(party)s.")
            % {"date": fmt(received_on), "party": locked.party},
            source=SOURCE,
        )
        change.audit("third_party_received_recorded", obj=locked, changes=history)
        change.facts_changed()
    return locked
