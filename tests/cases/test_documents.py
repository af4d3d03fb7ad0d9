"""The issued-document base (cases.documents, issue 11 item 4) with a second, tiny kind that
exists only in this test: the lifecycle, the registry, the generic render task, the triggers
and the retention purge work for any concrete subclass, not just the PIP beschikking.

How a model defined in a test uses the base: the `notice_model` fixture declares a concrete
subclass of IssuedDocument under the app label "cases" (registered in the global app registry
for the duration of one test), creates its table with the schema editor, installs the
immutability triggers with the same helper a migration calls, and on teardown drops both and
unregisters the model. The tests are transactional, so `on_commit` runs for real.
"""

import hashlib
import io
from datetime import date
from typing import ClassVar

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from pypdf import PdfReader

from cases import audit, documents, tasks
from cases.constants import ClosingReason, Phase
from cases.documents import triggers
from cases.documents.models import IssuedDocument
from cases.models import AuditEvent, FieldChange, Inburgeraar
from pip_plans.models import Beschikking

pytestmark = pytest.mark.django_db(transaction=True)

DAY = date(2026, 3, 2)
TABLE = "tests_testnotice"


@pytest.fixture
def notice_model(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "testnotice.html").write_text(
        '<html lang="nl"><head><title>Mededeling {{ document.kenmerk }}</title></head>'
        "<body><p>{{ document.text }}</p></body></html>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [templates, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    class TestNotice(IssuedDocument):
        document_kind = "testnotice"
        template_name = "testnotice.html"
        media_folder = "testnotices"
        events: ClassVar[list] = []

        inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "cases"
            db_table = TABLE

        @property
        def case_id(self) -> int:
            return self.inburgeraar_id

        def on_rendered(self) -> None:
            self.events.append(("rendered", self.pk))

        def on_made_known(self, *, change, history) -> None:
            change.audit("case_updated", obj=self, changes=history)
            self.events.append(("made_known", history))

    # Its download event, as the kind's app would declare it in its audit.py.
    audit.declare("testnotice_downloaded", "Mededeling gedownload")
    with connection.schema_editor() as editor:
        editor.create_model(TestNotice)
        triggers.install(editor, TABLE, name="testnotice", frozen=["inburgeraar_id"])
    try:
        yield TestNotice
    finally:
        with connection.schema_editor() as editor:
            triggers.uninstall(editor, TABLE, name="testnotice")
            editor.delete_model(TestNotice)
        audit.ACTIONS.unregister("testnotice_downloaded")
        del apps.all_models["cases"]["testnotice"]
        apps.clear_cache()


def _issue(model, case, *, render=True, kenmerk="MED-1"):
    with transaction.atomic():
        return documents.issue(
            model,
            render=render,
            inburgeraar=case,
            kenmerk=kenmerk,
            dagtekening=DAY,
            snapshot={"kenmerk": kenmerk, "text": "Uw afspraak staat vast."},
        )


def test_the_registry_knows_every_kind(notice_model):
    kinds = documents.kinds()
    assert kinds["beschikking"] is Beschikking
    assert kinds["testnotice"] is notice_model
    with pytest.raises(LookupError):
        documents.model_for("onbekend")


def test_issue_belongs_in_a_transaction(notice_model, world):
    with pytest.raises(RuntimeError):
        documents.issue(notice_model, inburgeraar=world.own_case, snapshot={})


def test_issue_queues_the_generic_task_after_commit_and_render_is_idempotent(
    notice_model, world, monkeypatch
):
    queued = []
    monkeypatch.setattr(tasks.render_document, "delay", lambda *args: queued.append(args))
    with transaction.atomic():
        notice = documents.issue(
            notice_model,
            inburgeraar=world.own_case,
            kenmerk="MED-1",
            dagtekening=DAY,
            snapshot={"kenmerk": "MED-1", "text": "Uw afspraak staat vast."},
        )
        assert queued == []  # nothing before the commit
    assert queued == [("testnotice", notice.pk)]
    # The worker runs the task (twice: a redelivery); the PDF is made once.
    sha = tasks.render_document("testnotice", notice.pk)
    assert tasks.render_document("testnotice", notice.pk) == sha
    notice.refresh_from_db()
    content = notice.pdf.read()
    assert sha == notice.sha256 == hashlib.sha256(content).hexdigest()
    assert notice.pdf.name.startswith("testnotices/2026/")
    assert "Uw afspraak staat vast." in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert notice_model.events.count(("rendered", notice.pk)) == 1
    assert tasks.render_document("testnotice", 987654) == "gone"


def test_a_rolled_back_issue_queues_nothing(notice_model, world, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.render_document, "delay", lambda *args: queued.append(args))
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        _issue(notice_model, world.own_case)
        1 / 0  # noqa: B018
    assert queued == []
    assert not notice_model.objects.exists()


def test_a_broker_outage_leaves_the_document_for_the_first_download(
    notice_model, world, monkeypatch, rf
):
    def broker_down(*args):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.render_document, "delay", broker_down)
    notice = _issue(notice_model, world.own_case)
    notice.refresh_from_db()
    assert not notice.is_rendered
    request = rf.get("/")
    request.user = world.consultant
    response = documents.download_response(request, notice, inburgeraar=world.own_case)
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store, max-age=0"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="testnotice-MED-1.pdf"'
    event = AuditEvent.objects.get(action="testnotice_downloaded")
    assert event.inburgeraar_id == world.own_case.pk
    notice.refresh_from_db()
    assert notice.is_rendered


def test_made_known_is_recorded_with_field_history(notice_model, world):
    notice = _issue(notice_model, world.own_case, render=False)
    with pytest.raises(ValidationError):
        documents.record_made_known(
            notice, made_known_on=date(2026, 3, 1), how="post", by=world.consultant, today=DAY
        )
    documents.record_made_known(
        notice, made_known_on=DAY, how="post", by=world.consultant, today=DAY
    )
    documents.record_made_known(
        notice, made_known_on=DAY, how="digitaal", by=world.consultant, today=DAY
    )
    changes = FieldChange.objects.filter(object_type="testnotice", object_id=str(notice.pk))
    assert sorted((c.field, c.old_value, c.new_value) for c in changes) == [
        ("made_known_how", "", "post"),
        ("made_known_how", "post", "digitaal"),
        ("made_known_on", "", DAY.isoformat()),
    ]
    assert [e[0] for e in notice_model.events if e[0] == "made_known"] == ["made_known"] * 2


def test_the_database_keeps_an_issued_document_as_issued(notice_model, world):
    notice = _issue(notice_model, world.own_case, render=False)
    rows = notice_model.objects.filter(pk=notice.pk)
    for change in (
        {"snapshot": {"forged": True}},
        {"kenmerk": "X"},
        {"dagtekening": date(2026, 3, 3)},
        {"inburgeraar_id": world.colleague_case.pk},  # the kind's own frozen column
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            rows.update(**change)
    rows.update(made_known_on=DAY)  # the made-known fields may be recorded later
    documents.render(notice_model, notice.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(sha256="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(pdf="testnotices/other.pdf")


def test_the_retention_purge_deletes_the_documents_files_after_it_commits(
    notice_model, world, monkeypatch
):
    from cases import retention

    monkeypatch.setattr(tasks.render_document, "delay", lambda *args: None)
    case = world.own_case
    notice = documents.render(notice_model, _issue(notice_model, case).pk)
    storage, name = notice.pdf.storage, notice.pdf.name
    Inburgeraar.objects.filter(pk=case.pk).update(
        phase=Phase.AFGEROND,
        closed_on=date(2015, 1, 1),
        closing_reason=ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
    )

    def audit_fails(**kwargs):
        raise RuntimeError("audit log unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(retention.audit, "case_purged", audit_fails)
        with pytest.raises(RuntimeError):
            retention.purge_expired_cases(today=DAY)
    assert notice_model.objects.filter(pk=notice.pk).exists() and storage.exists(name)
    retention.purge_expired_cases(today=DAY)
    assert not notice_model.objects.filter(pk=notice.pk).exists()
    assert not storage.exists(name)
