"""The intake's checks before a first PIP can be established (REQ P-02).

The PIP is drawn up from the brede intake and the leerbaarheidstoets (plan §1.5): the intake
must be completed (REQ I-01, I-09) and the toets must have a result or a recorded exemption
(REQ I-07). Registered with `pip_plans.prerequisites` in `intake.hooks`; the consultant
may still establish with a recorded reason to proceed.
"""

from django.utils.translation import gettext as _

from .models import BredeIntake, Leerbaarheidstoets


def intake_completed(inburgeraar) -> list[str]:
    """REQ P-02: the brede intake is completed (with or without the person, REQ I-09)."""
    intake = BredeIntake.objects.filter(inburgeraar=inburgeraar).only("completed_on").first()
    if intake is None:
        return [_("De brede intake is nog niet gestart.")]
    if not intake.is_completed:
        return [_("De brede intake is nog niet afgerond.")]
    return []


def toets_resolved(inburgeraar) -> list[str]:
    """REQ P-02: the leerbaarheidstoets has a result with advice, or the person has an
    ontheffing (REQ I-07). DUO's Onbekend gives no advice: it needs a reason to proceed."""
    toets = (
        Leerbaarheidstoets.objects.filter(inburgeraar=inburgeraar)
        .only("b1_reachable", "exempted_on", "duo_result")
        .first()
    )
    if toets is not None and toets.result_unknown:
        return [_("De uitslag van de leerbaarheidstoets is volgens DUO Onbekend.")]
    if toets is None or not toets.is_resolved:
        return [_("De leerbaarheidstoets heeft nog geen uitslag en er is geen ontheffing.")]
    return []
