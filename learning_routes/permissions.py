"""What each role may do with the leerroute of a case it can see (seeing is `visible_to`).

The views and the navigation use these names; the tuples are the ones the screens used
inline before (issue 11), so no role gains or loses anything.
"""

from cases.constants import Role
from cases.permissions import CAN_CHANGE_PHASE, CAN_EDIT, CAN_SEE_OVERVIEW

# The case's leerroute page: every role that has cases in its scope.
CAN_SEE_LEERROUTE = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE, Role.BOETEAMBTENAAR)
# Provider reports, exams and absences (REQ L-05): whoever may edit the case.
CAN_RECORD_PROGRESS = CAN_EDIT
# Afschalen and schakelen (REQ L-06) change the plan: the consultant and the team lead.
CAN_CHANGE_LEERROUTE = CAN_CHANGE_PHASE
# REQ L-04 / C-08: registering in DLP and recording the start is administratie's task.
CAN_REGISTER_DLP = (Role.ADMINISTRATIE, Role.TEAMLEIDER)
# REQ L-05 / K-02: the quarterly meetings with the providers.
CAN_MEET_PROVIDERS = (Role.CONSULTANT, Role.TEAMLEIDER)
# REQ L-03 / F-08: the cost report (aggregates only, no personal data).
CAN_SEE_COSTS = CAN_SEE_OVERVIEW
