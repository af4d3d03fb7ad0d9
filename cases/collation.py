"""Names in Dutch alphabetical order (issue 13, item 7): "Çelik" sorts with the C, "Öztürk"
with the O, not after the Z as a byte-wise ORDER BY puts them.

`Dutch("surname")` is an ORDER BY expression: on PostgreSQL the ICU collation `nl-NL-x-icu`
(PostgreSQL 10+ built with ICU, as Debian's and the official image are); on SQLite a
collation of our own, registered on every new connection; elsewhere the plain column.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

POSTGRES_COLLATION = "nl-NL-x-icu"
SQLITE_COLLATION = "hbel_nl"


def dutch_key(value: str) -> tuple[str, str]:
    """Letters without their diacritics, case-folded; the original breaks a tie."""
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch)
    )
    return stripped.casefold(), value


def _sqlite_compare(a: str, b: str) -> int:
    ka, kb = dutch_key(a), dutch_key(b)
    return (ka > kb) - (ka < kb)


class Dutch(Collate):
    def __init__(self, expression):
        super().__init__(expression, POSTGRES_COLLATION)

    def as_sql(self, compiler, connection, **extra_context):
        name = {"postgresql": POSTGRES_COLLATION, "sqlite": SQLITE_COLLATION}.get(connection.vendor)
        if name is None:
            return compiler.compile(self.get_source_expressions()[0])
        extra_context.setdefault("collation", connection.ops.quote_name(name))
        return super(Collate, self).as_sql(compiler, connection, **extra_context)


def _register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _sqlite_compare)


connection_created.connect(_register_sqlite_collation, dispatch_uid="hbel_dutch_collation")
