"""Facts of the PIP for the deadline engine (REQ D-06, D-07, D-08, D-12, D-13, D-15).

`pip_facts(inburgeraar_ids)` answers in a constant number of queries (five) however many
cases are asked for. Every requested id gets an entry; a case without an established PIP has
`pip_established_on = None` and empty values.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import F, Min, OuterRef, Subquery

from .constants import ExtensionStatus, VersionStatus
from .models import Beschikking, PipVersion, ProgressTalk, TermExtension, ThirdPartyRequest
from .term import term_first_day, term_last_day


def _empty() -> dict:
    return {
        "pip_established_on": None,
        "pip_latest_established_on": None,
        "term_first_day": None,
        "term_last_day": None,
        "term_extension_months": 0,
        "term_ends_on": None,
        "term_extension_requested_on": None,
        "term_extension_pending": False,
        "progress_talks": (),
        "route": None,
        "z_route_hours": None,
        "beschikking_made_known_on": None,
        "beschikkingen_made_known_on": (),
        "ontzorgen_extended_until": None,
        "talks_per_year": None,
        "third_party_asked_on": None,
        "third_party_received_on": None,
    }


def pip_facts(inburgeraar_ids: Iterable[int]) -> dict[int, dict]:
    """Per case:

    - `pip_established_on`: dagtekening of the FIRST established version; the term starts the
      day after it and a revision never restarts it (REQ D-06).
    - `pip_latest_established_on`: dagtekening of the latest established version.
    - `term_first_day`, `term_last_day`: the term, extensions included (REQ D-06, D-07).
    - `term_extension_months`: months DUO granted in total (REQ D-07);
      `term_ends_on`: the new last day DUO stated in its latest grant, if it did.
    - `term_extension_requested_on`, `term_extension_pending`: the latest request (D-07).
    - `progress_talks`: the dates of the voortgangsgesprekken, ascending (REQ D-08).
    - `route`: the RouteCode of the latest established version (REQ D-10, D-13);
      `z_route_hours`: the participation hours it agrees (REQ D-13).
    - `beschikking_made_known_on`: made-known date of the latest issued beschikking
      (REQ D-15), None until recorded.
    - `beschikkingen_made_known_on`: the made-known day of every beschikking version, each
      with its own bezwaartermijn (REQ D-15); not of a withdrawn one (issue 13).
    - `ontzorgen_extended_until`: ontzorgen maatwerk beyond six months in the latest
      established version (REQ D-12).
    - `talks_per_year`: the number of progress talks the latest established version sets
      (REQ D-08, Besluit 5.3 lid 4).
    - `third_party_asked_on`, `third_party_received_on`: the first request for a third
      party's information before the first PIP, and the day the last answer came in (None
      while one is outstanding) (REQ D-05, Besluit 5.3 lid 2).
    """
    ids = list(dict.fromkeys(inburgeraar_ids))
    facts: dict[int, dict] = {i: _empty() for i in ids}
    if not ids:
        return facts

    established = PipVersion.objects.filter(
        pip_id=OuterRef("pip_id"), status=VersionStatus.ESTABLISHED
    ).order_by("-number")
    # Query 1: one row per case with an established version: the latest version, with the
    # first dagtekening of the same PIP annotated.
    latest_rows = (
        PipVersion.objects.filter(
            pip__inburgeraar_id__any_of=ids,
            status=VersionStatus.ESTABLISHED,
            pk=Subquery(established.values("pk")[:1]),
        )
        .annotate(
            inburgeraar_id=F("pip__inburgeraar_id"),
            first_on=Subquery(
                PipVersion.objects.filter(
                    pip_id=OuterRef("pip_id"), status=VersionStatus.ESTABLISHED
                )
                .values("pip_id")
                .annotate(first=Min("dagtekening"))
                .values("first")[:1]
            ),
        )
        .values(
            "inburgeraar_id",
            "first_on",
            "dagtekening",
            "route__code",
            "z_route_hours",
            "ontzorgen_extended_until",
            "beschikking__made_known_on",
            "talks_per_year",
        )
    )
    for row in latest_rows:
        entry = facts[row["inburgeraar_id"]]
        entry["pip_established_on"] = row["first_on"]
        entry["pip_latest_established_on"] = row["dagtekening"]
        entry["route"] = row["route__code"]
        entry["z_route_hours"] = row["z_route_hours"]
        entry["ontzorgen_extended_until"] = row["ontzorgen_extended_until"]
        entry["beschikking_made_known_on"] = row["beschikking__made_known_on"]
        entry["talks_per_year"] = row["talks_per_year"]

    # Query 2: extensions, folded per case in Python (a handful per case at most).
    extension_rows = (
        TermExtension.objects.filter(pip__inburgeraar_id__any_of=ids)
        .order_by("created_at", "id")
        .values_list(
            "pip__inburgeraar_id", "status", "months", "new_last_day", "requested_on", "decided_on"
        )
    )
    latest_decision: dict[int, date] = {}
    for inburgeraar_id, status, months, new_last_day, requested_on, decided_on in extension_rows:
        entry = facts[inburgeraar_id]
        if requested_on:
            entry["term_extension_requested_on"] = requested_on
        if status == ExtensionStatus.REQUESTED:
            entry["term_extension_pending"] = True
        elif status == ExtensionStatus.GRANTED:
            entry["term_extension_months"] += months or 0
            if new_last_day and (
                inburgeraar_id not in latest_decision
                or decided_on >= latest_decision[inburgeraar_id]
            ):
                latest_decision[inburgeraar_id] = decided_on
                entry["term_ends_on"] = new_last_day

    # Query 3: progress talks.
    talks: dict[int, list[date]] = defaultdict(list)
    for inburgeraar_id, held_on in (
        ProgressTalk.objects.filter(pip__inburgeraar_id__any_of=ids)
        .order_by("held_on", "id")
        .values_list("pip__inburgeraar_id", "held_on")
    ):
        talks[inburgeraar_id].append(held_on)

    # Query 4: every beschikking version made known (REQ D-15); a withdrawn one (herroepen en
    # vervangen, issue 13) drops out: the bezwaartermijn follows its replacement.
    made_known: dict[int, list[date]] = defaultdict(list)
    for inburgeraar_id, day in Beschikking.objects.filter(
        version__pip__inburgeraar_id__any_of=ids,
        made_known_on__isnull=False,
        withdrawn_at__isnull=True,
    ).values_list("version__pip__inburgeraar_id", "made_known_on"):
        made_known[inburgeraar_id].append(day)

    # Query 5: requests for a third party's information (REQ D-05, Besluit 5.3 lid 2).
    waits: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for inburgeraar_id, asked_on, received_on in ThirdPartyRequest.objects.filter(
        inburgeraar_id__any_of=ids
    ).values_list("inburgeraar_id", "asked_on", "received_on"):
        waits[inburgeraar_id].append((asked_on, received_on))

    for inburgeraar_id, entry in facts.items():
        entry["progress_talks"] = tuple(talks.get(inburgeraar_id, ()))
        entry["beschikkingen_made_known_on"] = tuple(sorted(made_known.get(inburgeraar_id, ())))
        requests = waits.get(inburgeraar_id)
        if requests:
            entry["third_party_asked_on"] = min(asked for asked, _received in requests)
            received = [received for _asked, received in requests]
            entry["third_party_received_on"] = None if None in received else max(received)
        start = entry["pip_established_on"]
        if start is not None:
            entry["term_first_day"] = term_first_day(start)
            entry["term_last_day"] = term_last_day(
                start,
                extension_months=entry["term_extension_months"],
                extended_until=entry["term_ends_on"],
            )
    return facts
