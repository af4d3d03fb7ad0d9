"""Beschikking rendering (issue 8): the PDF of one PIP decision in a warm process.

The figure renders the letter exactly as `pip_plans.services.beschikking_render` does (the
snapshot through `letter_context`, `cases.pdf.render_pdf`: PDF/A-3b, tagged), from a
beschikking issued for a synthetic case inside a transaction that is rolled back, so the
bench database keeps no trace. The floor is a one-page document through the same WeasyPrint
call, with the same fonts on `@page` and body: what any PDF costs before the letter's layout.
"""

import time

from django.db import transaction
from django.utils import timezone

from .pages import stats

LABEL = "Beschikking PDF (PDF/A-3b), warm process"
FLOOR_HTML = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Vloer</title>
<style>
@page { size: A4; margin: 22mm 20mm 24mm 25mm;
        font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 7.5pt;
        @bottom-right { content: "Pagina " counter(page); } }
body { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 9pt; }
</style></head>
<body><h1>Besluit</h1><p>Een pagina met dezelfde lettertypen, zonder de opmaak van de brief.</p>
</body></html>"""


def _snapshot() -> dict | None:
    """The snapshot of a beschikking issued for a new case in its term, beside an existing
    case of the same municipality and consultant (all rolled back after)."""
    from cases.constants import Phase
    from cases.models import Inburgeraar
    from tests.factories import InburgeraarFactory, PipVersionFactory, issue_beschikking

    model = (
        Inburgeraar.objects.filter(phase=Phase.INBURGERINGSTERMIJN)
        .select_related("gemeente", "consultant")
        .order_by("pk")
        .first()
    )
    if model is None:
        return None
    today = timezone.localdate()
    with transaction.atomic():
        case = InburgeraarFactory(
            gemeente=model.gemeente,
            consultant=model.consultant,
            phase=Phase.INBURGERINGSTERMIJN,
            street="Lindenlaan 12",
            postal_code="1271 AB",
            city=model.gemeente.name,
        )
        version = PipVersionFactory(pip__inburgeraar=case, on=today)
        snapshot = issue_beschikking(version, on=today).snapshot
        transaction.set_rollback(True)
    return snapshot


def _render_floor() -> bytes:
    from cases.pdf import html_to_pdf

    return html_to_pdf(FLOOR_HTML)


def measure_beschikking(*, iterations: int) -> dict | None:
    """Median and p95 per document after one warm-up render of each; None without a case."""
    from io import BytesIO

    from pypdf import PdfReader

    from cases.pdf import render_pdf
    from pip_plans.services import LETTER_TEMPLATE
    from pip_plans.snapshot import letter_context

    snapshot = _snapshot()
    if snapshot is None:
        return None

    def letter() -> bytes:
        return render_pdf(LETTER_TEMPLATE, {"b": letter_context(snapshot)})

    pages = len(PdfReader(BytesIO(letter())).pages)  # also the warm-up (fonts, templates)
    _render_floor()
    samples, floor = [], []
    for _ in range(iterations):
        t0 = time.perf_counter()
        letter()
        samples.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _render_floor()
        floor.append(time.perf_counter() - t0)
    measured, floored = stats(samples), stats(floor)
    return {
        "label": f"{LABEL}, {pages} pages",
        **measured,
        "queries": 0,
        "pages": pages,
        "floor_median_ms": floored["median_ms"],
        "floor_p95_ms": floored["p95_ms"],
        "ratio": round(measured["median_ms"] / floored["median_ms"], 2),
    }
