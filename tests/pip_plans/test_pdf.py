"""The beschikking PDF (REQ P-03, D-06, D-15): rendered by WeasyPrint from the snapshot,
PDF/A, stored with its hash, immutable, and fetching nothing from outside."""

import hashlib
import io
import os
from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from cases.models import AuditEvent
from cases.pdf import ForbiddenResource, render_pdf
from pip_plans import services
from pip_plans.constants import RevisionReason, Theme
from pip_plans.models import Beschikking
from pip_plans.tasks import render_beschikking_pdf

pytestmark = pytest.mark.django_db

DAY = date(2024, 2, 29)  # a leap-day PIP


@pytest.fixture
def issued(draft):
    return services.pip_establish(
        version=draft, by=draft.created_by, on=DAY, today=DAY, render=False
    )


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_req_p03_the_task_renders_and_stores_the_pdf_with_its_hash(issued):
    sha = render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    content = issued.pdf.read()
    assert sha == issued.sha256 == hashlib.sha256(content).hexdigest()
    assert content.startswith(b"%PDF-1.7")
    assert issued.rendered_at is not None
    assert "beschikkingen/2024/" in issued.pdf.name
    assert (
        "Haddad" not in issued.pdf.name
        and issued.version.pip.inburgeraar.bsn not in issued.pdf.name
    )
    assert AuditEvent.objects.filter(action="beschikking_rendered").count() == 1


def test_req_p03_establishing_queues_the_render_after_commit(
    draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        beschikking = services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY)
    # The render is queued after commit (besides the deadline recompute of the phase change).
    assert [c.__qualname__ for c in callbacks].count("_issue.<locals>._queue") == 1
    beschikking.refresh_from_db()
    # Eager Celery (no REDIS_URL) renders in-process; with a broker the worker does (see
    # test_celery_worker.py). Either way the download renders when it is not there yet.
    if not beschikking.is_rendered:
        services.beschikking_render(beschikking_id=beschikking.pk)
        beschikking.refresh_from_db()
    assert beschikking.is_rendered


def test_req_p03_the_pdf_says_what_was_decided(issued, pip_case):
    render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    text = _text(issued.pdf.read())
    for expected in [
        "Yara Haddad",
        "Lindenlaan 12",
        "Gemeente Noorddorp",
        "Retouradres Postbus 1, 1234 AB Noorddorp",
        issued.kenmerk,
        "29 februari 2024",  # dagtekening
        "Besluit over uw plan inburgering en participatie (PIP)",
        "Ons besluit",
        "Wet inburgering 2021",
        "B1-route",
        "Fairfield",
        "PVT",
        "MAP",
        "Ontzorgen",
        "Begeleiding",
        # REQ D-06: leap-day PIP: term from 1 March 2024 to 28 February 2027.
        "vrijdag 1 maart 2024",
        "zondag 28 februari 2027",
        # REQ D-15: sent on 29 Feb 2024 (Thu) → 11 April 2024 (Thu).
        "De laatste dag om bezwaar te maken is donderdag 11 april 2024",
        pip_case.gemeente.objection_address,
        "Namens het college van burgemeester en wethouders van Noorddorp",
        "mr. A. de Vries",
        "pagina 1 van",
    ]:
        assert expected in text.replace("\n", " ").replace("  ", " "), expected


def test_req_p03_pdf_a_metadata(issued):
    render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    reader = PdfReader(io.BytesIO(issued.pdf.read()))
    xmp = reader.xmp_metadata
    assert xmp is not None
    description = xmp.rdf_root.getElementsByTagNameNS(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"
    )
    pdfaid = {
        (node.getAttribute("pdfaid:part"), node.getAttribute("pdfaid:conformance"))
        for node in description
        if node.hasAttribute("pdfaid:part")
    }
    assert pdfaid == {("3", "B")}
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert reader.metadata["/Title"].endswith(issued.kenmerk)
    assert reader.metadata["/Author"] == "Gemeente Noorddorp"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged PDF


def test_req_p03_page_numbers_on_every_page(issued):
    render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    reader = PdfReader(io.BytesIO(issued.pdf.read()))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"pagina {number} van {total}" in page.extract_text()


def test_req_p03_the_issued_pdf_never_changes_even_when_the_template_does(
    issued, settings, tmp_path
):
    render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    before_bytes, before_hash = issued.pdf.read(), issued.sha256
    # A new letter template (a later change by the developers) takes precedence from now on.
    override = tmp_path / "templates" / "pip_plans"
    override.mkdir(parents=True)
    (override / "beschikking_pdf.html").write_text(
        "<html><body><p>NIEUWE SJABLOONTEKST</p></body></html>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    # The template really changed: a fresh render shows it.
    assert "NIEUWE SJABLOONTEKST" in _text(render_pdf("pip_plans/beschikking_pdf.html", {}))
    # Rerunning the task, downloading and rendering again leave the issued PDF alone.
    render_beschikking_pdf(issued.pk)
    services.beschikking_render(beschikking_id=issued.pk)
    issued.refresh_from_db()
    assert issued.sha256 == before_hash
    assert services.beschikking_pdf_bytes(issued) == before_bytes
    assert "NIEUWE SJABLOONTEKST" not in _text(before_bytes)


def test_req_p03_a_revision_has_its_own_pdf_and_the_first_stays(issued, pip_case):
    render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    first_hash = issued.sha256
    revision = services.pip_draft_start(
        inburgeraar=pip_case,
        by=pip_case.consultant,
        reason=RevisionReason.PROGRESS_TALK,
        explanation="Meer lesuren afgesproken.",
    )
    services.pip_version_update(
        version=revision,
        theme=Theme.INBURGERING,
        data={"intensity": "4 dagdelen per week"},
        by=pip_case.consultant,
        today=date(2024, 9, 2),
    )
    second = services.pip_establish(
        version=revision,
        by=pip_case.consultant,
        on=date(2024, 9, 2),
        today=date(2024, 9, 2),
        render=False,
    )
    render_beschikking_pdf(second.pk)
    second.refresh_from_db()
    text = _text(second.pdf.read()).replace("\n", " ")
    assert "Wijziging van uw plan inburgering en participatie (versie 2)" in text
    assert "Meer lesuren afgesproken." in text
    assert "4 dagdelen per week" in text
    # The term did not restart (REQ D-06).
    assert "zondag 28 februari 2027" in text
    issued.refresh_from_db()
    assert issued.sha256 == first_hash


def test_the_stored_file_is_checked_against_its_hash(issued):
    render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    with open(issued.pdf.path, "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(Exception, match="hash"):
        services.beschikking_pdf_bytes(issued)


def test_the_task_is_harmless_for_a_purged_beschikking():
    assert render_beschikking_pdf(987654) == "gone"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/tracker.png",
        "http://127.0.0.1:8000/static/css/hbel.css",
        "https://hbel-pdf.invalid/static/../../hbel/settings.py",
    ],
)
def test_the_pdf_helper_fetches_nothing_from_outside(tmp_path, settings, url):
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "evil.html").write_text(f'<html><body><img src="{url}" alt="x"></body></html>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [directory]}]
    with pytest.raises(ForbiddenResource):
        render_pdf("evil.html", {})


def test_the_pdf_helper_serves_our_own_static_files(tmp_path, settings):
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "ok.html").write_text(
        "{% load static %}<html><head>"
        '<link rel="stylesheet" href="{% static "css/beschikking.css" %}"></head>'
        "<body><p>Hallo</p></body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [directory]}]
    assert "pagina 1 van 1" in _text(render_pdf("ok.html", {}))


def test_render_beschikking_command_lists_without_bsn_and_writes_the_pdf(issued, tmp_path):
    out = io.StringIO()
    call_command("render_beschikking", "--list", stdout=out)
    listing = out.getvalue()
    assert f"{issued.pk}\t1\tNoorddorp\t2024-02-29" in listing
    assert issued.version.pip.inburgeraar.bsn not in listing
    assert "Haddad" not in listing
    target = tmp_path / "b.pdf"
    call_command("render_beschikking", str(issued.pk), "--out", str(target), stdout=io.StringIO())
    issued.refresh_from_db()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == issued.sha256
    assert AuditEvent.objects.filter(action="beschikking_exported", actor=None).count() == 1


def test_render_beschikking_command_unknown_id(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("render_beschikking", "424242", "--out", str(tmp_path / "x.pdf"))
    assert not Beschikking.objects.exists()


def test_a_failing_render_after_commit_does_not_undo_the_decision(
    draft, django_capture_on_commit_callbacks, monkeypatch
):
    from pip_plans import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.render_beschikking_pdf, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        beschikking = services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY)
    beschikking.refresh_from_db()
    assert beschikking.version.status == "vastgesteld"
    assert not beschikking.is_rendered
    # The first download makes it.
    assert services.beschikking_pdf_bytes(beschikking).startswith(b"%PDF")


def test_the_retention_purge_deletes_the_pdf_only_once_it_commits(
    issued, monkeypatch, django_capture_on_commit_callbacks
):
    from cases import retention
    from cases.constants import ClosingReason, Phase
    from cases.models import Inburgeraar

    render_beschikking_pdf(issued.pk)
    issued.refresh_from_db()
    path = issued.pdf.path
    case_id = issued.version.pip.inburgeraar_id
    Inburgeraar.objects.filter(pk=case_id).update(
        phase=Phase.AFGEROND,
        closed_on=date(2015, 1, 1),
        closing_reason=ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
    )
    today = date(2026, 3, 1)

    def audit_fails(**kwargs):
        raise RuntimeError("audit log unavailable")

    # A purge that fails after the files were handed to it keeps the row and the PDF.
    with monkeypatch.context() as patch:
        patch.setattr(retention.audit, "case_purged", audit_fails)
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            retention.purge_expired_cases(today=today)
    assert Beschikking.objects.filter(pk=issued.pk).exists()
    assert os.path.exists(path)
    assert services.beschikking_pdf_bytes(issued)
    # A purge that commits removes both, the file after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        retention.purge_expired_cases(today=today)
    assert not Beschikking.objects.filter(pk=issued.pk).exists()
    assert not os.path.exists(path)
