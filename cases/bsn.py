"""The BSN's keyed hash and the one way a case claims a BSN (issue 22, findings 3 and 4).

The unique key of a case's BSN is an HMAC-SHA256 of the number under `HBEL_BSN_HASH_KEY`,
never the number itself: PostgreSQL prints the key of a unique violation in its log
(`Key (…)=(…)`), and a plain hash of a nine-digit number is reversed in seconds. A service
that stores a BSN first takes a transaction-scoped lock on that key and then looks for
another holder, so two simultaneous creates with one BSN wait for each other and the second
gets a form error instead of a database error (which would write the statement, BSN and
all, to the database's log).
"""

import hashlib
import hmac

from django.conf import settings
from django.db import connection


def bsn_key(bsn: str) -> str:
    """The BSN's unique key: hex HMAC-SHA256 under the deployment's BSN key."""
    secret = settings.HBEL_BSN_HASH_KEY.encode()
    return hmac.new(secret, (bsn or "").encode(), hashlib.sha256).hexdigest()


def lock_bsn(key: str) -> None:
    """Serialise the transactions that claim one BSN (until the transaction ends).

    PostgreSQL: an advisory transaction lock on the key's first 63 bits. SQLite serialises
    every write transaction already; its rare race ends in the unique key, caught by the
    service."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(key[:16], 16) >> 1])


class BsnTaken(Exception):  # noqa: N818  a condition, not a programming error
    """Another case holds this BSN; `holder_id` is that case's internal id."""

    def __init__(self, holder_id: int):
        super().__init__("bsn taken")
        self.holder_id = holder_id


def claim_bsn(case) -> None:
    """Set the case's BSN key, lock it and raise `BsnTaken` when another case holds it.

    Call inside the transaction that saves the case."""
    from .models import Inburgeraar

    case.bsn_hash = bsn_key(case.bsn)
    lock_bsn(case.bsn_hash)
    holder = (
        Inburgeraar.objects.filter(bsn_hash=case.bsn_hash)
        .exclude(pk=case.pk)
        .values_list("pk", flat=True)
        .first()
    )
    if holder is not None:
        raise BsnTaken(holder)
