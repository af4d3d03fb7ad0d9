"""The app's one write service, on the unit of work of the kit."""

from datetime import date

from django.core.exceptions import ValidationError

from cases import documents
from cases.kit import case_change, model_update

from .models import Bevestiging, Werkafspraak

FIELDS = ("omschrijving", "start_op")


def werkafspraak_vastleggen(
    *, inburgeraar, data: dict, by, request=None, today: date | None = None
) -> Bevestiging:
    """Record (or change) the werkafspraak and issue its confirmation letter."""
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        if data["start_op"] < change.today:
            raise ValidationError({"start_op": "De startdatum ligt in het verleden."})
        afspraak = Werkafspraak.objects.select_for_update().filter(inburgeraar=change.case).first()
        if afspraak is None:
            afspraak = Werkafspraak.objects.create(inburgeraar=change.case, **data)
            diff = {}
        else:
            diff = model_update(afspraak, data, fields=FIELDS)
        change.timeline("werkafspraak", "Werkafspraak vastgelegd.")
        change.audit("werkafspraak_saved", obj=afspraak, changes=diff)
        change.facts_changed()
        number = Bevestiging.objects.filter(inburgeraar=change.case).count() + 1
        return documents.issue(
            Bevestiging,
            inburgeraar=change.case,
            kenmerk=f"WA-{change.case.pk}-{number}",
            dagtekening=change.today,
            snapshot={
                "naam": change.case.full_name,
                "omschrijving": afspraak.omschrijving,
                "start_op": afspraak.start_op.isoformat(),
            },
        )
