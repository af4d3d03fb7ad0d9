"""What the log scan looks for (issue 3, item 8): every BSN the factories made and every
special-category text a test registers (health notes, REQ I-08)."""

BSNS: set[str] = set()
TEXTS: set[str] = set()


def remember_bsn(bsn: str) -> str:
    BSNS.add(bsn)
    return bsn


def remember_text(text: str) -> str:
    """Register a health-domain (or other special-category) text a test stores."""
    TEXTS.add(text)
    return text
