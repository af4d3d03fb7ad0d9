"""Browser test of the intake in Chromium: two conversations, the domains, a refused and then a
successful completion, planning a toets, recording the result, the leerroute advice; an axe
check on every page visited."""

import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import Doelgroep, Phase
from intake.models import BredeIntake, Leerbaarheidstoets, ToetsSession
from tests.factories import DEMO_PASSWORD, InburgeraarFactory
from tests.intake.factories import DeviceFactory, ToetsbegeleiderFactory
from tests.intake.helpers import werkcentrum
from tests.sensitive import remember_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _iso(day: date) -> str:
    return day.isoformat()


def _fill_domains(page, codes_and_levels):
    for name, level in codes_and_levels:
        group = page.get_by_role("group", name=re.compile(rf"^{re.escape(name)}"))
        group.get_by_label(level, exact=True).check()


FIRST_HALF = [
    ("1. Leerbaarheid", "Geen belemmering"),
    ("2. Opleiding", "Geen belemmering"),
    ("3. Werkervaring", "Enige belemmering"),
    ("4. Praktische competenties", "Geen belemmering"),
    ("5. Werknemersvaardigheden", "Geen belemmering"),
    ("6. Taalniveau", "Enige belemmering"),
    ("7. Motivatie", "Geen belemmering"),
]
SECOND_HALF = [
    ("8. Mate van zelfredzaamheid", "Enige belemmering"),
    ("9. Digitale vaardigheden", "Geen belemmering"),
    ("10. Gezinssituatie", "Geen belemmering"),
    ("11. Fysieke gezondheid", "Geen belemmering"),
    ("12. Mentale gezondheid", "Enige belemmering"),
    ("13. Sociaal netwerk", "Forse belemmering"),
    ("14. Rechten en plichten", "Geen belemmering"),
]


def test_consultant_records_an_intake_plans_a_toets_and_sees_the_advice(
    page, live_server, live_login, axe_check, world, tmp_path
):
    today = timezone.localdate()
    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        phase=Phase.GEKOPPELD,
        given_names="Semhar",
        surname="Tekle",
        date_of_birth=today - relativedelta(years=24),
        linked_on=today - timedelta(days=45),
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
        interpreter_needed=True,
        interpreter_language="Tigrinya",
    )
    device = DeviceFactory(name="Laptop 7", location=werkcentrum())
    ToetsbegeleiderFactory(user=world.consultant, trained_on=date(2025, 1, 1))
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/")

    # The case page links to the intake.
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Brede intake"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brede intake")
    axe_check(page, "intake overview, empty")

    # Conversation 1: held, COA online, interpreter.
    page.get_by_role("link", name="Gesprek plannen of vastleggen").click()
    axe_check(page, "conversation form")
    page.get_by_label("Gehouden", exact=True).check()
    page.get_by_label("Datum").fill(_iso(today - timedelta(days=10)))
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_role("combobox", name=re.compile("^Locatie")).select_option(
        label="Gemeentehuis Huizen"
    )
    page.get_by_label("Digitaal aanwezig").check()
    page.get_by_label("Vluchtelingenwerk aanwezig").check()
    expect(page.get_by_label("Tolk (taal)")).to_have_value("Tigrinya")
    page.get_by_label("Gespreksnotities").fill("Kennismaking; eerste helft van de levensdomeinen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("De fase van het dossier is gewijzigd naar Brede intake.")
    ).to_be_visible()
    axe_check(page, "intake overview, one conversation")

    # The first half of the domains.
    page.get_by_role("link", name="Levensdomeinen invullen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Levensdomeinen")
    axe_check(page, "domains form")
    page.get_by_role("group", name=re.compile("Zijn er jonge kinderen")).get_by_label("Nee").check()
    page.get_by_role("group", name=re.compile("vervolgopleiding")).get_by_label("Ja").check()
    _fill_domains(page, FIRST_HALF)
    page.get_by_role("group", name=re.compile(r"^2\. Opleiding")).get_by_label("Toelichting").fill(
        "Middelbare school afgerond; wil verpleegkunde studeren."
    )
    page.get_by_role("button", name="Opslaan en terug naar de intake").click()
    expect(page.get_by_text("De levensdomeinen zijn opgeslagen.")).to_be_visible()

    # Completing now is refused, naming what is missing.
    page.get_by_role("link", name="Brede intake afronden").click()
    axe_check(page, "complete page with open points")
    page.get_by_role("button", name="Brede intake afronden").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("De brede intake kan nog niet worden afgerond.")
    expect(alert).to_contain_text("11. Fysieke gezondheid")
    axe_check(page, "complete refused")
    page.get_by_role("link", name="Terug naar de brede intake").click()

    # Conversation 2, then the rest of the domains, agreements and the report.
    page.get_by_role("link", name="Gesprek plannen of vastleggen").click()
    page.get_by_label("Gehouden", exact=True).check()
    page.get_by_label("Datum").fill(_iso(today - timedelta(days=3)))
    page.get_by_role("combobox", name=re.compile("^Locatie")).select_option(
        label="Gemeentehuis Huizen"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het gesprek is opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Levensdomeinen invullen").click()
    _fill_domains(page, SECOND_HALF)
    page.get_by_role("group", name=re.compile(r"^12\. Mentale gezondheid")).get_by_label(
        "Toelichting"
    ).fill(remember_text("Slaapt slecht; huisarts weet ervan."))
    page.get_by_role("button", name="Opslaan en terug naar de intake").click()

    page.get_by_role("link", name="Rechten en plichten en verwachtingen vastleggen").click()
    axe_check(page, "agreements form")
    page.get_by_label("Rechten en plichten uitgelegd op").fill(_iso(today - timedelta(days=3)))
    page.get_by_label("Verwachtingen van de inburgeraar").fill("Opleiding in de zorg.")
    page.get_by_label("Verwachtingen van de gemeente").fill("Meedoen aan de voorinburgering.")
    page.get_by_label("Gewezen op het recht op een gesprek alleen").check()
    page.get_by_role("group", name=re.compile("gesprek alleen\\?")).get_by_label("Nee").check()
    page.get_by_role("button", name="Opslaan").click()

    page.get_by_role("link", name="Verslag schrijven en wegwijzer vastleggen").click()
    axe_check(page, "report form")
    page.get_by_label("Verslag").fill("Twee gesprekken; alle levensdomeinen besproken.")
    page.get_by_label("Wegwijzer uitgereikt op").fill(_iso(today))
    page.get_by_role("button", name="Opslaan").click()

    # Complete.
    page.get_by_role("link", name="Brede intake afronden").click()
    page.get_by_role("button", name="Brede intake afronden").click()
    expect(page.get_by_text("De brede intake is afgerond.")).to_be_visible()
    expect(
        page.get_by_text("De fase van het dossier is gewijzigd naar Leerbaarheidstoets.")
    ).to_be_visible()
    page.screenshot(path=tmp_path / "1-intake.png", full_page=True)
    axe_check(page, "intake completed")
    assert BredeIntake.objects.get(inburgeraar=case).completed_on == today

    # The toets: DUO set-up, plan a sitting.
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Leerbaarheidstoets"
    ).click()
    axe_check(page, "toets, nothing yet")
    page.get_by_role("link", name="DUO-portaal").click()
    page.get_by_label("Klaargezet in het DUO-portaal op").fill(_iso(today - timedelta(days=30)))
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Afname plannen").click()
    axe_check(page, "session form")
    page.get_by_label("Datum").fill(_iso(today + timedelta(days=2)))
    page.get_by_label("Begintijd").fill("09:30")
    page.get_by_label("Eindtijd").fill("11:00")
    page.get_by_label("Device").select_option(label=str(device))
    page.get_by_label("Toetsbegeleider").select_option(label=str(world.consultant))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De afname is ingepland.")).to_be_visible()

    # Time passes: the sitting took place three days ago (data moved, not the clock).
    session = ToetsSession.objects.get(toets__inburgeraar=case)
    shift = session.starts_at - timedelta(days=5)
    ToetsSession.objects.filter(pk=session.pk).update(
        starts_at=shift, ends_at=shift + timedelta(minutes=90)
    )
    page.reload()
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    axe_check(page, "session outcome form")
    page.get_by_label("Afgenomen").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De uitkomst van de afname is opgeslagen.")).to_be_visible()

    # The result: B1 reachable; the case moves to the PIP; the advice is shown with reasons.
    page.get_by_role("link", name="Uitslag vastleggen").click()
    axe_check(page, "result form")
    page.get_by_label("Uitslag bekend op").fill(_iso(today))
    # REQ I-07: DUO's result and scores as the portal shows them, with a decimal comma.
    page.get_by_label("B1-route haalbaar", exact=True).check()
    page.get_by_label("Behaalde score").fill("32,50")
    page.get_by_label("Benodigde score").fill("28,50")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De fase van het dossier is gewijzigd naar PIP.")).to_be_visible()
    advice = page.get_by_role("region", name="Advies leerroute")
    expect(advice).to_contain_text("Onderwijsroute")
    expect(advice).to_contain_text("Wil een vervolgopleiding")
    expect(advice).to_contain_text("Is 24 jaar")
    expect(advice).to_contain_text("Ook te overwegen: B1-route.")
    page.screenshot(path=tmp_path / "2-toets.png", full_page=True)
    axe_check(page, "toets with result and advice")
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    assert toets.b1_reachable is True and toets.taken_on == timezone.localdate(shift)
    assert (str(toets.score), str(toets.required_score)) == ("32.50", "28.50")
    case.refresh_from_db()
    assert case.phase == Phase.PIP

    # Planning pages.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Planning").click()
    axe_check(page, "conversation planning")
    page.get_by_role("link", name="Leerbaarheidstoetsen").click()
    axe_check(page, "toets planning")


def test_administratie_sees_the_intake_without_health_domains(
    page, live_server, live_login, axe_check, world
):
    from intake.models import LifeDomain
    from tests.intake.factories import BredeIntakeFactory, DomainAssessmentFactory
    from tests.intake.helpers import level

    intake = BredeIntakeFactory(inburgeraar=world.own_case)
    DomainAssessmentFactory(
        intake=intake,
        domain=LifeDomain.objects.get(code="mentale-gezondheid"),
        level=level("forse"),
        notes=remember_text("Nachtmerries; POH-GGZ."),
    )
    DomainAssessmentFactory(intake=intake)
    live_login(world.administratie.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{world.own_case.public_id}/intake/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Brede intake")
    expect(page.get_by_text("2. Opleiding")).to_be_visible()
    expect(page.get_by_text("Mentale gezondheid")).to_have_count(0)
    expect(page.get_by_text("Nachtmerries")).to_have_count(0)
    axe_check(page, "intake as administratie")
    page.goto(f"{live_server.url}/inburgeraars/{world.own_case.public_id}/intake/levensdomeinen/")
    expect(page.get_by_text("Nachtmerries")).to_have_count(0)
    axe_check(page, "domains read-only as administratie")
    response = page.goto(
        f"{live_server.url}/inburgeraars/{world.own_case.public_id}/intake/levensdomeinen/mentale-gezondheid/"
    )
    assert response.status == 404


def test_team_lead_completes_without_the_person_and_records_an_exemption(
    page, live_server, live_login, axe_check, world
):
    """REQ I-09 and I-07 in the browser: the pages not covered above, each axe-checked."""
    from intake.constants import ConversationStatus
    from tests.intake.factories import BredeIntakeFactory, IntakeConversationFactory

    today = timezone.localdate()
    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        phase=Phase.GEKOPPELD,
        linked_on=today - timedelta(days=60),
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
    )
    intake = BredeIntakeFactory(inburgeraar=case)
    for weeks, warned in ((6, True), (4, True), (2, False)):
        day = today - timedelta(weeks=weeks)
        IntakeConversationFactory(
            intake=intake,
            status=ConversationStatus.NO_SHOW,
            scheduled_on=day,
            invitation_sent_on=day - timedelta(days=7),
            warning_sent_on=day + timedelta(days=1) if warned else None,
        )
    live_login(world.teamleider.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/intake/")
    axe_check(page, "intake with three missed invitations")
    page.get_by_role("link", name="Afronden zonder inburgeraar").click()
    axe_check(page, "without person form")
    page.get_by_label("Reden").fill(
        "Drie keer niet verschenen, ook niet na twee schriftelijke waarschuwingen."
    )
    page.get_by_role("button", name="Afronden zonder inburgeraar").click()
    expect(page.get_by_text("De brede intake is afgerond zonder de inburgeraar.")).to_be_visible()
    expect(page.get_by_text("Reden afronden zonder inburgeraar")).to_be_visible()
    case.refresh_from_db()
    assert case.phase == Phase.LEERBAARHEIDSTOETS

    # After completion: the COA page still takes the travel claim; the domains are read-only.
    page.get_by_role("link", name="Warme overdracht en reiskosten vastleggen").click()
    axe_check(page, "coa form after completion")
    page.get_by_label("Reiskosten gedeclareerd bij COA op").fill(_iso(today))
    page.get_by_label("Bedrag reiskosten").fill("23,40")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De gegevens zijn opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="2. Opleiding").click()
    axe_check(page, "single domain, read-only")
    page.go_back()

    # Exemption: the team lead may see and record the (health) ground; the case moves to PIP.
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Leerbaarheidstoets"
    ).click()
    page.get_by_role("link", name="Ontheffing vastleggen (visuele of auditieve beperking)").click()
    axe_check(page, "exemption form")
    page.get_by_label("Visuele beperking").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De fase van het dossier is gewijzigd naar PIP.")).to_be_visible()
    expect(page.get_by_text("visuele beperking")).to_be_visible()
    expect(page.get_by_role("region", name="Advies leerroute")).to_contain_text("Ontheffing")
    axe_check(page, "toets exempt")
    page.get_by_role("link", name="Brede intake", exact=True).click()
    expect(page.get_by_text("€ 23,40")).to_be_visible()
