"""AVG art. 15 inzage: everything held about one inburgeraar, as one JSON document plus files.

Each app registers what it holds, the way admin.py registers models:
`register_section("<app>", fn)` with fn(inburgeraar) → JSON-serialisable data, and
`register_files(fn)` with fn(inburgeraar) → [(file name, bytes)] for stored documents (PDFs).
"""

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.db.models import Model
from django.forms.models import model_to_dict
from django.utils import timezone

from .registry import Registry

SectionFn = Callable[[Model], object]
FilesFn = Callable[[Model], list[tuple[str, bytes]]]

_sections: Registry[SectionFn] = Registry("inzage-onderdeel")
_files: list[FilesFn] = []


def register_section(key: str, fn: SectionFn) -> None:
    """One section per key (cases.registry: a second, different function is refused)."""
    _sections.register(key, fn)


def register_files(fn: FilesFn) -> None:
    _files.append(fn)


def rows(queryset, exclude=()) -> list[dict]:
    """Model rows as plain dicts (all concrete fields, foreign keys as their text)."""
    out = []
    for obj in queryset:
        data = model_to_dict(obj, exclude=exclude)
        for field in obj._meta.concrete_fields:
            if field.is_relation and field.name not in exclude:
                related = getattr(obj, field.name)
                data[field.name] = str(related) if related is not None else None
            elif field.name not in exclude and field.name not in data:
                data[field.name] = getattr(obj, field.attname)
        out.append(data)
    return out


def _default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if hasattr(value, "name"):  # FieldFile
        return value.name or None
    return str(value)


def build_document(inburgeraar) -> dict:
    return {
        "document": "AVG-inzage (art. 15) — HBEL Inburgering",
        "aangemaakt_op": timezone.now().isoformat(),
        "betrokkene": str(inburgeraar.public_id),
        "onderdelen": {key: fn(inburgeraar) for key, fn in _sections.items()},
    }


def build_archive(inburgeraar) -> bytes:
    """A ZIP with inzage.json and every stored document of the person."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        document = build_document(inburgeraar)
        archive.writestr(
            "inzage.json", json.dumps(document, default=_default, ensure_ascii=False, indent=2)
        )
        for fn in _files:
            for name, content in fn(inburgeraar):
                archive.writestr(f"documenten/{name}", content)
    return buffer.getvalue()


def _case_sections() -> None:
    from .models import FieldChange, Handover, ProcessingLogLine, StatusChange, TimelineEvent

    register_section(
        "persoon",
        lambda p: (
            rows([p], exclude=("id",))[0]
            | {
                "household_members": [m.full_name for m in p.household.members.exclude(pk=p.pk)]
                if p.household_id
                else []
            }
        ),
    )
    register_section(
        "fasegeschiedenis",
        lambda p: rows(StatusChange.objects.filter(inburgeraar=p).select_related("changed_by")),
    )
    register_section(
        "overdrachten",
        lambda p: rows(Handover.objects.filter(inburgeraar=p)),
    )
    register_section(
        "tijdlijn",
        lambda p: rows(TimelineEvent.objects.filter(inburgeraar=p).select_related("actor")),
    )
    register_section(
        "wijzigingshistorie",
        lambda p: rows(FieldChange.objects.filter(inburgeraar_id=p.pk)),
    )
    register_section(
        "verwerkingen",
        lambda p: [
            {
                "tijdstip": line.timestamp,
                "activiteit": line.activity.name,
                "doel": line.activity.purpose,
                "grondslag": line.activity.legal_basis,
                "handeling": line.get_operation_display(),
            }
            for line in ProcessingLogLine.objects.filter(inburgeraar_id=p.pk).select_related(
                "activity"
            )
        ],
    )
    register_section("toegang", _access)


def _access(person) -> list[dict]:
    """Who did what with the dossier, as the audit trail has it: the Dutch label of each
    event and a readable object (cases.audit), without the staff member's identity."""
    from .audit import describe
    from .models import AuditEvent

    events = describe(AuditEvent.objects.filter(inburgeraar_id=person.pk).order_by("timestamp"))
    return [
        {
            "tijdstip": event.timestamp,
            "handeling": event.action_label,
            "object": event.object_label,
            "resultaat": event.get_result_display(),
        }
        for event in events
    ]


_case_sections()
