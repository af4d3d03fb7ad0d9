"""`id_field__any_of=ids`: membership in a list of ids sent as one array parameter (issue 8).

`__in` sends one placeholder per value. With the scan's 5,000 ids per chunk Django resolves
5,000 parameters and psycopg splits the query text around each: profiled at about a third of
a scan that skips every case. On PostgreSQL `any_of` sends `= ANY(%s::bigint[])` with one
array (the plan is the same as for IN); elsewhere (SQLite) it is a plain IN list.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField, Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = [int(value) for value in self.rhs]
        if not ids:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, ids]
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*lhs_params, *ids]


IntegerField.register_lookup(AnyOf)  # AutoField, BigAutoField and BigIntegerField included
ForeignKey.register_lookup(AnyOf)
