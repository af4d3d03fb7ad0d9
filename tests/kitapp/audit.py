"""The app's audit vocabulary (cases.audit.vocabulary)."""

from cases import processing
from cases.audit import Op, declare

WERKAFSPRAAK = "werkafspraak"

processing.register_activity(
    WERKAFSPRAAK, "Werkafspraken", "Vastleggen en bevestigen van werkafspraken (testapp)."
)
declare("werkafspraak_viewed", "Werkafspraak bekeken", activity=WERKAFSPRAAK)
declare("werkafspraak_form_opened", "Werkafspraakformulier geopend", activity=WERKAFSPRAAK)
declare("werkafspraak_saved", "Werkafspraak vastgelegd", activity=WERKAFSPRAAK, operation=Op.UPDATE)
declare("bevestiging_downloaded", "Bevestiging gedownload", activity=WERKAFSPRAAK)
declare(
    "bevestiging_rendered",
    "Bevestiging-PDF gemaakt",
    activity=WERKAFSPRAAK,
    operation=Op.CREATE,
)
