"""The audit events of `cases` itself: the case, lists and searches, logins, privacy.

Declared here like every app declares its own (cases.audit.vocabulary); the helpers are thin
names for `record()` where a call site reads better with one.
"""

import logging

from django.utils.translation import gettext_lazy as _

from .. import processing
from ..models import AuditEvent
from .record import field_changes, record, record_list, record_read
from .vocabulary import PURPOSE_PRIVACY, Op, declare

logger = logging.getLogger("hbel.audit")

DENIED = AuditEvent.Result.DENIED
PRIVACY = processing.PRIVACY
AUTH = "authenticatie"

# Reads of the case.
declare("case_viewed", _("Dossier bekeken"))
declare("case_edit_form", _("Wijzigformulier geopend"))
declare("case_phase_form", _("Faseformulier geopend"))
declare("case_handover_form", _("Overdrachtformulier geopend"))
declare("caseload_viewed", _("Caseload bekeken"))
declare("today_viewed", _("Startpagina Vandaag bekeken"))
declare("case_search", _("Gezocht op naam"))
declare("case_search_bsn", _("Gezocht op BSN"))
# Changes of the case.
declare("case_created", _("Dossier aangemaakt"), operation=Op.CREATE)
declare("case_updated", _("Gegevens gewijzigd"), operation=Op.UPDATE)
declare("phase_changed", _("Fase gewijzigd"), operation=Op.UPDATE)
declare("case_reopened", _("Gesloten dossier heropend (beheer)"), operation=Op.UPDATE)
declare("case_handed_over", _("Dossier overgedragen"), operation=Op.UPDATE)
declare("deadline_notice_handled", _("Termijnmelding afgehandeld"), operation=Op.UPDATE)
declare(
    "case_purged",
    _("Dossier verwijderd na bewaartermijn"),
    operation=Op.DELETE,
    purpose="bewaartermijn verstreken",
)
# Privacy and supervision.
declare("audit_viewed", _("Auditlog bekeken"), activity=PRIVACY, purpose=PURPOSE_PRIVACY)
declare(
    "audit_exported",
    _("Auditlog geëxporteerd"),
    activity=PRIVACY,
    operation=Op.EXPORT,
    purpose=PURPOSE_PRIVACY,
)
declare(
    "avg_inzage_exported",
    _("AVG-inzage geëxporteerd"),
    activity=PRIVACY,
    operation=Op.EXPORT,
    purpose="AVG art. 15 inzageverzoek",
)
# Authentication and refusals.
declare("login", _("Ingelogd"), purpose=AUTH)
declare("logout", _("Uitgelogd"), purpose=AUTH)
declare("login_failed", _("Inloggen mislukt"), purpose=AUTH, result=DENIED)
declare("login_locked", _("Account tijdelijk geblokkeerd"), purpose=AUTH, result=DENIED)
declare("mfa_enrolled", _("Tweestapsverificatie ingesteld"), purpose=AUTH)
declare("mfa_verified", _("Code tweestapsverificatie juist"), purpose=AUTH)
declare("mfa_failed", _("Code tweestapsverificatie onjuist"), purpose=AUTH, result=DENIED)
declare("access_denied", _("Toegang geweigerd"), result=DENIED)
# Issue 22, finding 1: the admin (/beheer/). Every add, change and delete there, of any model
# (users, groups, devices, catalogues, cases), besides django_admin_log; and the changes of a
# user's rights, each also mailed to that user and to the other functioneel beheerders.
BEHEER = "functioneel beheer"
declare("admin_added", _("Toegevoegd in beheer"), operation=Op.CREATE, purpose=BEHEER)
declare("admin_changed", _("Gewijzigd in beheer"), operation=Op.UPDATE, purpose=BEHEER)
declare("admin_deleted", _("Verwijderd in beheer"), operation=Op.DELETE, purpose=BEHEER)
declare("user_role_granted", _("Rol toegekend"), operation=Op.UPDATE, purpose=BEHEER)
declare("user_role_revoked", _("Rol ingetrokken"), operation=Op.UPDATE, purpose=BEHEER)
declare(
    "user_team_changed", _("Team van medewerker gewijzigd"), operation=Op.UPDATE, purpose=BEHEER
)
declare(
    "user_rights_changed",
    _("Beheer- of superuserrecht of actief gewijzigd"),
    operation=Op.UPDATE,
    purpose=BEHEER,
)
declare("user_mfa_reset", _("Tweestapsverificatie teruggezet"), operation=Op.DELETE, purpose=BEHEER)
declare(
    "user_password_reset_sent",
    _("Link om wachtwoord in te stellen verstuurd"),
    operation=Op.UPDATE,
    purpose=BEHEER,
)
# Issue 22, finding 13: a stored document no longer matches its hash; the download is refused.
declare(
    "document_integrity_failed",
    _("Document gewijzigd na uitgifte, download geweigerd"),
    result=DENIED,
)
# Issue 22, finding 3: a BSN offered for a new or changed case that a case outside the
# user's scope already holds (recorded on that case, for the functioneel beheerder).
declare("case_bsn_taken", _("Dubbel BSN aangeboden"), result=DENIED)


# --- reads -------------------------------------------------------------------------------


def case_viewed(*, request, inburgeraar, action="case_viewed", also=()):
    """A page or download showing one case; `also` are other people shown (household)."""
    return record_read(action, request=request, inburgeraar=inburgeraar, also=also)


def caseload_viewed(*, request, inburgeraars):
    """A list page: one event, one processing line per person on the page."""
    return record_list(
        "caseload_viewed", request=request, inburgeraar_ids=[p.pk for p in inburgeraars]
    )


def case_list_viewed(*, request, action: str, inburgeraar_ids):
    """A worklist of any app: one event, one processing line per person on the page."""
    return record_list(action, request=request, inburgeraar_ids=inburgeraar_ids)


def case_search(*, request, by_bsn: bool):
    """A search is logged without its terms: a BSN or a name must not land in the log."""
    return record("case_search_bsn" if by_bsn else "case_search", request=request)


# --- writes ------------------------------------------------------------------------------


def deadline_notice_handled(*, notice, by, request=None):
    """A consultant marked a deadline notice as handled."""
    return record(
        "deadline_notice_handled",
        actor=by,
        request=request,
        obj=notice,
        inburgeraar_id=notice.inburgeraar_id,
    )


def case_created(*, inburgeraar, by, request=None):
    return record(
        "case_created", actor=by, request=request, obj=inburgeraar, inburgeraar_id=inburgeraar.pk
    )


def case_updated(*, inburgeraar, by, changes: dict[str, tuple[str, str]], request=None):
    """An update, with the history of each changed field (old and new value)."""
    event = record(
        "case_updated", actor=by, request=request, obj=inburgeraar, inburgeraar_id=inburgeraar.pk
    )
    field_changes(obj=inburgeraar, inburgeraar_id=inburgeraar.pk, by=by, changes=changes)
    return event


def phase_changed(*, inburgeraar, by, request=None):
    return record(
        "phase_changed", actor=by, request=request, obj=inburgeraar, inburgeraar_id=inburgeraar.pk
    )


def handed_over(*, inburgeraar, by, request=None):
    return record(
        "case_handed_over",
        actor=by,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
    )


def case_purged(*, inburgeraar_id: int, by=None):
    """Retention: the case is gone; the event keeps only its former internal id."""
    return record(
        "case_purged",
        actor=by,
        object_type="inburgeraar",
        object_id=str(inburgeraar_id),
        inburgeraar_id=inburgeraar_id,
    )


# --- exports and privacy -----------------------------------------------------------------


def audit_viewed(*, request, inburgeraar=None):
    """The privacy officer looked at the audit trail (of one case, or a search)."""
    return record(
        "audit_viewed",
        request=request,
        obj=inburgeraar,
        object_type="auditevent",
        inburgeraar_id=inburgeraar.pk if inburgeraar else None,
    )


def audit_exported(*, request, rows: int):
    return record(
        "audit_exported", request=request, object_type="auditevent", object_id=f"{rows} regels"
    )


def inzage_exported(*, request, inburgeraar):
    """AVG art. 15: everything held about one person, handed out in one export."""
    return record(
        "avg_inzage_exported", request=request, obj=inburgeraar, inburgeraar_id=inburgeraar.pk
    )


# --- authentication and refusals ----------------------------------------------------------


def login_event(*, request, user, action: str):
    """login, logout, login_failed, login_locked, mfa_verified, mfa_failed, mfa_enrolled."""
    return record(
        action,
        actor=user,
        request=request,
        object_type="user",
        object_id=str(user.pk) if getattr(user, "pk", None) else "",
    )


def access_denied(*, request, object_type: str, object_ref: str):
    """A request for an object outside the user's scope (answered with 404)."""
    event = record("access_denied", request=request, object_type=object_type, object_id=object_ref)
    if request is not None:
        request.hbel_denied_recorded = True  # cases.middleware.DeniedAuditMiddleware
    logger.warning(
        "access denied: user=%s object_type=%s event=%s",
        getattr(request.user, "pk", None),
        object_type,
        event.pk,
    )
    return event
