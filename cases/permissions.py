"""What each role may do with a case it can see. Seeing is `visible_to`; acting is here."""

from .constants import Role

CAN_CREATE = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE)
CAN_EDIT = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE)
CAN_CHANGE_PHASE = (Role.CONSULTANT, Role.TEAMLEIDER)
CAN_HAND_OVER = (Role.TEAMLEIDER,)
CAN_SEE_CASES = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE, Role.BOETEAMBTENAAR)
CAN_SEE_OVERVIEW = (Role.TEAMLEIDER, Role.BELEID, Role.FUNCTIONEEL_BEHEERDER)
# "Wie heeft dit dossier bekeken": the team lead for the cases in scope; the functioneel
# beheerder, who is also the privacy officer's hands, for every case (privacy screens only).
CAN_SEE_ACCESS_LOG = (Role.TEAMLEIDER, Role.FUNCTIONEEL_BEHEERDER)
CAN_AUDIT = (Role.FUNCTIONEEL_BEHEERDER,)


def may(user, roles) -> bool:
    return user.is_superuser or user.has_role(*roles)


# REQ D / M-01: the notice inbox is the consultant's; the deadline dashboard the team lead's.
CAN_SEE_NOTICES = (Role.CONSULTANT,)
CAN_SEE_DEADLINE_DASHBOARD = (Role.TEAMLEIDER,)
