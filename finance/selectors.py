"""Aggregate reads of the finance domain (no personal data)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from cases.models import Gemeente

from .constants import Provision
from .models import Cost, SpukNorm

ROUTE_NORM_PROVISIONS = (Provision.ROUTE_B1, Provision.ROUTE_Z)


@dataclass(frozen=True)
class RouteCostRow:
    label: str
    gemeente_id: int | None
    b1_count: int
    b1_total: Decimal
    z_count: int
    z_total: Decimal

    @property
    def total(self) -> Decimal:
        return self.b1_total + self.z_total

    @property
    def count(self) -> int:
        return self.b1_count + self.z_count

    @property
    def average(self) -> Decimal | None:
        if not self.count:
            return None
        return ((self.b1_total + self.z_total) / self.count).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


def spuk_route_norm(*, on: date) -> Decimal:
    """REQ F-03 / L-03: the SPUK amount per leerroute in force on a day (default €10,000)."""
    norm = (
        SpukNorm.objects.filter(provision=Provision.ROUTE_B1, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("amount", flat=True)
        .first()
    )
    return norm if norm is not None else Decimal("10000.00")


def route_cost_report(*, year: int) -> tuple[list[RouteCostRow], RouteCostRow]:
    """REQ L-03 / F-08: average price of B1 and Z routes bought in a year, per municipality
    and for all together, in two queries whatever the number of costs."""
    totals = (
        Cost.objects.filter(provision__in=ROUTE_NORM_PROVISIONS, incurred_on__year=year)
        .values("gemeente_id", "provision")
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by()
    )
    cells: dict[tuple[int, str], tuple[int, Decimal]] = {
        (row["gemeente_id"], row["provision"]): (row["n"], row["total"]) for row in totals
    }
    zero = (0, Decimal("0"))
    rows = []
    for gemeente in Gemeente.objects.order_by("name").only("id", "name"):
        b1 = cells.get((gemeente.pk, Provision.ROUTE_B1), zero)
        z = cells.get((gemeente.pk, Provision.ROUTE_Z), zero)
        rows.append(RouteCostRow(gemeente.name, gemeente.pk, b1[0], b1[1], z[0], z[1]))
    overall = RouteCostRow(
        "Totaal",
        None,
        sum(r.b1_count for r in rows),
        sum((r.b1_total for r in rows), Decimal("0")),
        sum(r.z_count for r in rows),
        sum((r.z_total for r in rows), Decimal("0")),
    )
    return rows, overall
