"""AVG art. 15 inzage: everything held about one inburgeraar, as one JSON document plus files,
and beside them a readable Dutch summary as PDF (`samenvatting.pdf`, issue 13 item 6): the
same data with the fields' Dutch names, dates written out and codes as their labels.

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
from django.utils.translation import gettext_lazy as _

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


class Record(dict):
    """One model row as a plain dict (the JSON), remembering its model for the summary's
    field names and choice labels."""

    model: type[Model] | None = None


def rows(queryset, exclude=()) -> list[dict]:
    """Model rows as plain dicts (all concrete fields, foreign keys as their text)."""
    out = []
    for obj in queryset:
        data = Record(model_to_dict(obj, exclude=exclude))
        data.model = type(obj)
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
        archive.writestr("samenvatting.pdf", build_summary_pdf(inburgeraar, document))
        for fn in _files:
            for name, content in fn(inburgeraar):
                archive.writestr(f"documenten/{name}", content)
    return buffer.getvalue()


# --- The readable summary (issue 13 item 6) ------------------------------------------------

EXTRA_LABELS = {"household_members": _("Leden van het huishouden")}
SECTION_TITLES = {
    "persoon": _("Persoonsgegevens"),
    "fasegeschiedenis": _("Fasen van de route"),
    "overdrachten": _("Overdrachten aan een andere consulent"),
    "tijdlijn": _("Tijdlijn van het dossier"),
    "wijzigingshistorie": _("Wijzigingen van gegevens"),
    "verwerkingen": _("Verwerkingen (doel en grondslag)"),
    "toegang": _("Wie wat met het dossier deed"),
    "brede_intake": _("Brede intake"),
    "leerbaarheidstoets": _("Leerbaarheidstoets"),
    "pip": _("Plan inburgering en participatie (PIP)"),
}
# Technical fields that tell a person nothing (the JSON keeps them).
HIDDEN_FIELDS = {
    "id",
    "bsn_hash",
    "public_id",
    "pdf",
    "sha256",
    "snapshot",
    # The nightly scan's bookkeeping (issue 8), not data about the person.
    "next_deadline_rank",
    "deadline_fingerprint",
    "deadlines_checked_on",
    "deadlines_recheck_on",
}
EMPTY = "—"


def _title(key: str) -> str:
    return str(SECTION_TITLES.get(key, key.replace("_", " ").capitalize()))


def _text(value, field=None) -> str:
    from .dates import format_date

    if field is not None and getattr(field, "choices", None) and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{format_date(local)} {local:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal) and getattr(field, "decimal_places", None) == 2:
        from .money import format_money

        return format_money(value)  # amounts: "€ 8.200,00"
    if isinstance(value, Decimal):
        from django.utils.formats import number_format

        return number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    if hasattr(value, "name") and not isinstance(value, str):  # FieldFile
        return value.name or EMPTY
    return str(value)


def _label(key: str, model) -> tuple[str, object]:
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except Exception:  # noqa: BLE001  (FieldDoesNotExist, or a reverse relation)
            field = None
        if field is not None and hasattr(field, "verbose_name"):
            return str(field.verbose_name).capitalize(), field
    return str(EXTRA_LABELS.get(key, key.replace("_", " ").capitalize())), None


def _record(data: dict) -> list[tuple[str, str]]:
    model = getattr(data, "model", None)
    lines = []
    for key, value in data.items():
        if key in HIDDEN_FIELDS or key.endswith("_hash"):
            continue
        label, field = _label(key, model)
        lines.append((label, _text(value, field)))
    return lines


def _blocks(data, title=None) -> list[dict]:
    """A section as blocks: each a title (or None) and its records (lists of label, text)."""
    nested = isinstance(data, dict) and not isinstance(data, Record) and bool(data)
    if nested and all(isinstance(v, list | dict) for v in data.values()):
        # A part made of parts (the brede intake: intake, gesprekken, levensdomeinen).
        blocks = []
        for key, value in data.items():
            blocks.extend(_blocks(value, key.replace("_", " ").capitalize()))
        return blocks
    if isinstance(data, dict):
        return [{"title": title, "records": [_record(data)] if data else []}]
    if isinstance(data, list):
        records = [
            _record(item) if isinstance(item, dict) else [("", _text(item))] for item in data
        ]
        return [{"title": title, "records": records}]
    return [{"title": title, "records": [[("", _text(data))]]}]


def readable_sections(document: dict) -> list[dict]:
    return [
        {"title": _title(key), "blocks": _blocks(data)}
        for key, data in document["onderdelen"].items()
    ]


def build_summary_pdf(inburgeraar, document: dict) -> bytes:
    """The inzage as a readable Dutch PDF: one section per part, records as label and value."""
    from .pdf import render_pdf

    return render_pdf(
        "cases/privacy/inzage_summary.html",
        {
            "person": inburgeraar,
            "made_on": timezone.localtime(),
            "sections": readable_sections(document),
        },
    )


def _case_sections() -> None:
    from .models import FieldChange, Handover, ProcessingLogLine, StatusChange, TimelineEvent

    register_section("persoon", _person)
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


def _person(person) -> dict:
    data = rows([person], exclude=("id",))[0]  # a Record: the summary names its fields
    data["household_members"] = (
        [m.full_name for m in person.household.members.exclude(pk=person.pk)]
        if person.household_id
        else []
    )
    return data


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
