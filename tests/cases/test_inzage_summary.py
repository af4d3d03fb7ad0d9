"""Issue 13 item 6: the AVG inzage export (AVG art. 15) holds a readable Dutch PDF summary
beside the machine JSON: Dutch field names, dates written out, codes as their labels."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.inzage import build_document, readable_sections
from cases.services import inburgeraar_update

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_export_holds_a_readable_dutch_summary_beside_the_json(client, pip_case, world):
    inburgeraar_update(inburgeraar=pip_case, data={"phone": "06 44445555"}, by=world.consultant)
    client.force_login(world.beheerder)
    response = client.post(reverse("privacy:inzage", kwargs={"public_id": pip_case.public_id}))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"inzage.json", "samenvatting.pdf"} <= set(archive.namelist())
    content = archive.read("samenvatting.pdf")
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    assert "Overzicht van uw gegevens" in text
    assert "Persoonsgegevens" in text and "Brede intake" in text
    # Field names in Dutch, the date of birth written out, a code as its label.
    assert "Achternaam Haddad" in text
    assert "Geboortedatum 17 mei 1990" in text
    assert "Doelgroep Asielstatushouder" in text
    assert "06 44445555" in text
    # No English keys of the JSON.
    for key in ("surname", "date_of_birth", "given_names", "linked_on"):
        assert key not in text


def test_the_summary_names_fields_and_hides_technical_ones(pip_case):
    sections = readable_sections(build_document(pip_case))
    person = next(s for s in sections if s["title"] == "Persoonsgegevens")
    record = dict(person["blocks"][0]["records"][0])
    assert record["Geboortedatum"] == "17 mei 1990"
    assert record["Gekoppeld op"] == "1 september 2025"
    assert record["Tolk nodig"] == "ja"
    assert record["Fase"] == "PIP"
    hidden = {"Id", "Bsn hash", "Publieke sleutel", "BSN-sleutel (hash)"}
    assert not hidden & set(record)
    assert not any("deadline" in label.lower() for label in record)
