"""Who pays the course, and until when the route can change (REQ L-03, L-06).

- L-03 (Wi art. 13, 15 lid 2, 16, 19–21): the college offers and pays the course only for
  asielstatushouders; a gezins- or overige migrant's PIP records route and level without a
  municipal contract, a DLP enrolment or a cost.
- L-06 (Wi art. 17 lid 2; Besluit art. 5.4 lid 1): schakelen until 1½ years after the start
  of the term, except onderwijsroute → B1-route.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.constants import Doelgroep
from finance.models import Cost
from learning_routes import services as routes
from learning_routes.models import Enrolment, LearningRoute, Provider
from pip_plans import services
from pip_plans.constants import RevisionReason, Theme, VersionStatus
from pip_plans.forms import InburgeringForm

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)  # the term starts on 3 March 2026
LAST_SCHAKEL_DAY = date(2027, 9, 2)  # 3 March 2026 + 18 months − 1 day


def _establish(version, on=DAY):
    return services.pip_establish(
        version=version, by=version.created_by, on=on, today=on, render=False
    )


def _as_gezinsmigrant(draft, pip_case):
    pip_case.doelgroep = Doelgroep.GEZINSMIGRANT
    pip_case.save(update_fields=["doelgroep"])
    draft.provider = None
    draft.intensity = ""
    draft.ontzorgen = None
    draft.ontzorgen_decision_reference = ""
    draft.save()
    return draft


# --- REQ L-03 ----------------------------------------------------------------------------


def test_req_l03_a_gezinsmigrants_pip_is_established_without_contract_and_books_no_cost(
    draft, pip_case
):
    draft = _as_gezinsmigrant(draft, pip_case)
    assert services.establish_blockers(draft, on=DAY) == []  # no provider, no intensity asked
    beschikking = _establish(draft)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.ESTABLISHED
    assert (draft.route.code, draft.target_level) == ("b1", "B1")  # route and level recorded
    assert draft.contract is None
    assert not Enrolment.objects.filter(inburgeraar=pip_case).exists()  # no DLP worklist
    assert not Cost.objects.filter(inburgeraar=pip_case).exists()
    assert beschikking.snapshot["inburgering"]["own_course"] is True


def test_req_l03_an_asielstatushouders_pip_still_records_contract_and_enrolment(draft, pip_case):
    _establish(draft)
    draft.refresh_from_db()
    assert draft.contract is not None
    enrolment = Enrolment.objects.get(inburgeraar=pip_case)
    routes.enrolment_register_dlp(enrolment=enrolment, on=DAY, by=draft.created_by, today=DAY)
    assert Cost.objects.get(inburgeraar=pip_case).amount == draft.contract.price


def test_req_l03_a_provider_is_refused_for_a_gezinsmigrant(draft, pip_case):
    _as_gezinsmigrant(draft, pip_case)
    fairfield = Provider.objects.get(name="Fairfield")
    with pytest.raises(ValidationError) as refused:
        services.pip_version_update(
            version=draft,
            theme=Theme.INBURGERING,
            data={"provider": fairfield},
            by=draft.created_by,
            today=DAY,
        )
    assert "geen contract" in refused.value.message_dict["provider"][0]


def test_req_l03_the_form_hides_the_provider_and_drops_a_posted_one(draft, pip_case):
    _as_gezinsmigrant(draft, pip_case)
    fairfield = Provider.objects.get(name="Fairfield")
    form = InburgeringForm(
        data={
            "route": draft.route_id,
            "provider": str(fairfield.pk),
            "target_level": "B1",
            "intensity": "",
            "inburgering_notes": "",
        },
        instance=draft,
        inburgeraar=pip_case,
    )
    assert form.fields["provider"].widget.is_hidden
    assert form.is_valid(), form.errors
    assert form.cleaned_data["provider"] is None


def test_req_l03_an_enrolment_is_refused_for_a_gezinsmigrant(world):
    from tests.factories import InburgeraarFactory

    case = InburgeraarFactory(gezinsmigrant=True, gemeente=world.noorddorp)
    with pytest.raises(ValidationError, match="koopt geen leerroute in"):
        routes.enrolment_create(
            inburgeraar=case,
            route=LearningRoute.objects.get(code="b1"),
            provider=Provider.objects.get(name="Fairfield"),
            by=world.consultant,
            on=DAY,
            today=DAY,
        )
    assert not Cost.objects.filter(inburgeraar=case).exists()


def test_req_l03_the_beschikking_tells_a_gezinsmigrant_to_arrange_the_course(draft, pip_case):
    from django.template.loader import render_to_string

    beschikking = _establish(_as_gezinsmigrant(draft, pip_case))
    html = render_to_string("pip_plans/_beschikking_letter.html", {"b": beschikking.snapshot})
    assert "lening aanvragen bij DUO" in html
    assert "Intensiteit" not in html


# --- REQ L-06 ----------------------------------------------------------------------------


def _switch_revision(pip_case, route_code, provider_name=None):
    revision = services.pip_draft_start(
        inburgeraar=pip_case,
        by=pip_case.consultant,
        reason=RevisionReason.ROUTE_SWITCH,
        explanation="De voortgang vraagt om een andere leerroute.",
    )
    route = LearningRoute.objects.get(code=route_code)
    revision.route = route
    revision.provider = Provider.objects.get(name=provider_name) if provider_name else None
    revision.target_level = "zo_hoog_mogelijk" if route_code == "z" else "B1"
    revision.map = "niet_van_toepassing" if route_code == "onderwijs" else "deelnemen"
    revision.z_route_hours = 800 if route_code == "z" else None
    revision.save()
    return revision


@pytest.mark.parametrize(("on", "allowed"), [(LAST_SCHAKEL_DAY, True), (date(2027, 9, 3), False)])
def test_req_l06_a_route_switch_revision_within_one_and_a_half_years_only(
    draft, pip_case, on, allowed
):
    _establish(draft)
    revision = _switch_revision(pip_case, "z", "IVIO")
    blockers = services.establish_blockers(revision, on=on)
    refused = [b for b in blockers if "anderhalf jaar" in b]
    assert bool(refused) is not allowed, blockers
    if allowed:
        _establish(revision, on=on)
    else:
        assert "2 september 2027" in refused[0]
        with pytest.raises(ValidationError):
            _establish(revision, on=on)


def test_req_l06_onderwijsroute_to_b1_route_after_one_and_a_half_years(draft, pip_case):
    draft.route = LearningRoute.objects.get(code="onderwijs")
    draft.provider = None
    draft.map = "niet_van_toepassing"
    draft.save()
    _establish(draft)
    revision = _switch_revision(pip_case, "b1", "Fairfield")
    late = date(2028, 6, 1)
    assert services.establish_blockers(revision, on=late) == []
    _establish(revision, on=late)


def test_req_l06_schakelen_in_the_leerroute_is_refused_the_day_after(draft, pip_case, world):
    _establish(draft)
    enrolment = Enrolment.objects.get(inburgeraar=pip_case)
    z, ivio = LearningRoute.objects.get(code="z"), Provider.objects.get(name="IVIO")
    late = date(2027, 9, 3)
    with pytest.raises(ValidationError) as refused:
        routes.enrolment_schakelen(
            enrolment=enrolment,
            to_route=z,
            provider=ivio,
            ground="A2 niet haalbaar",
            on=late,
            by=world.consultant,
            today=late,
        )
    assert "anderhalf jaar" in refused.value.message_dict["to_route"][0]
    enrolment.refresh_from_db()
    assert enrolment.is_open  # nothing changed
    new = routes.enrolment_schakelen(
        enrolment=enrolment,
        to_route=z,
        provider=ivio,
        ground="A2 niet haalbaar",
        on=LAST_SCHAKEL_DAY,
        by=world.consultant,
        today=LAST_SCHAKEL_DAY,
    )
    assert new.route == z
