"""Who may do what in the brede intake and the leerbaarheidstoets.

Seeing a case at all is `Inburgeraar.objects.visible_to(user)` (cases.scope); these tuples say
which roles may act on a case they can see. On top of that, special-category data (REQ I-08)
has its own, narrower rule: `can_see_special_category`.
"""

from datetime import date

from django.utils import timezone

from cases.constants import Role
from cases.permissions import may  # noqa: F401  (re-exported for the views)

# Content of the intake: conversations held, domains, report, completion.
CAN_EDIT_INTAKE = (Role.CONSULTANT, Role.TEAMLEIDER)
# Administrative steps: planning appointments, invitations, no-shows, written warnings,
# DUO set-up date and toets planning (plan §1.4: the service plans the sittings).
CAN_PLAN = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE)
CAN_RECORD_TOETS_RESULT = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE)
CAN_SEE_PLANNING = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE)


def can_see_special_category(user, inburgeraar, today: date | None = None) -> bool:
    """REQ I-08 / AVG art. 9: health domains (11, 12), their notes and the ground of a toets
    exemption are for the case's consultant and the team lead only.

    Decided here (and tested):
    - the case's own consultant (the fixed contact person, REQ C-03);
    - a consultant with an *active* waarneming for this consultant or this case: during the
      absence the substitute is the contact person and needs the whole picture (a referral
      to a GP or mental-health care may need follow-up); the right ends with the waarneming;
    - a teamleider of a team that serves the case's municipality;
    - nobody else: not administratie, not a boeteambtenaar, not other consultants, not the
      functioneel beheerder, and not a superuser as such.

    The caller must have checked the case scope already (`visible_to`).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    today = today or timezone.localdate()
    if user.is_consultant:
        if inburgeraar.consultant_id == user.pk:
            return True
        from django.db.models import Q

        from cases.models import Waarneming

        if (
            Waarneming.objects.filter(substitute=user, starts_on__lte=today, ends_on__gte=today)
            .filter(
                Q(inburgeraar__isnull=True, consultant_id=inburgeraar.consultant_id)
                | Q(inburgeraar_id=inburgeraar.pk)
            )
            .exists()
        ):
            return True
    if user.is_teamleider and user.team_id is not None:
        from cases.models import Team

        if Team.gemeenten.through.objects.filter(
            team_id=user.team_id, gemeente_id=inburgeraar.gemeente_id
        ).exists():
            return True
    return False
