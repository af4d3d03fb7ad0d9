"""Everything measured against one database (run in a child process per database size)."""

from . import pages

# Pieces of issue 8 whose app has not landed yet say so instead of being faked.
PENDING = {
    "dashboard": "Het teamleidersdashboard (issue 4) bestaat nog niet in deze versie.",
    "deadline_scan": "De nachtelijke termijnscan (issue 4) bestaat nog niet in deze versie.",
    "beschikking": "Het renderen van de PIP-beschikking (issue 6) bestaat nog niet in deze versie.",
}


def measure_everything(meta: dict, *, iterations: int) -> dict:
    subjects = meta["subjects"]
    measured = pages.measure_all(subjects, iterations=iterations)
    figures = {m["key"]: {k: v for k, v in m.items() if k != "sql"} for m in measured}
    return {
        "pages": measured,
        "figures": figures,
        "not_measured": dict(PENDING),
    }
