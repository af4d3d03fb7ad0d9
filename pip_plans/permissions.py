"""What each role may do with the PIP of a case it can see (seeing is `visible_to`)."""

from cases.constants import Role

# Reading the PIP, its versions and beschikkingen: everyone who works on cases. The
# boeteambtenaar needs the agreed intensity to assess a fine (REQ H-06).
CAN_SEE_PIP = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE, Role.BOETEAMBTENAAR)
# Drafting, establishing, progress talks: the consultant (and the team lead standing in).
CAN_EDIT_PIP = (Role.CONSULTANT, Role.TEAMLEIDER)
# Sending the letter, and DUO's decisions on extensions arrive at the back office too.
CAN_RECORD_MADE_KNOWN = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE)
CAN_RECORD_EXTENSION = (Role.CONSULTANT, Role.TEAMLEIDER, Role.ADMINISTRATIE)
# REQ C-08: registering the PIP with DUO is administratie's task.
CAN_REGISTER_DUO = (Role.ADMINISTRATIE,)
