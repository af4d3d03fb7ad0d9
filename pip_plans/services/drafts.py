"""Drafts of the PIP: start, save a theme, discard (REQ P-01, P-04)."""

import copy
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from cases.kit import case_change
from cases.models import Inburgeraar, User

from ..constants import RevisionReason, VersionStatus
from ..models import Pip, PipVersion, ProgressTalk
from ..rules import THEME_FIELDS, theme_errors
from ._common import COPIED_FIELDS, KIND_DISCARDED, KIND_DRAFT, SOURCE, today_or
from .reads import latest_established


def pip_draft_start(
    *,
    inburgeraar: Inburgeraar,
    by: User,
    reason: str = RevisionReason.FIRST,
    explanation: str = "",
    progress_talk: ProgressTalk | None = None,
    replaces: PipVersion | None = None,
    request=None,
) -> PipVersion:
    """Start a draft version (REQ P-01, P-04).

    The first version starts empty (with the case's consultant as contact person); a
    revision starts as a copy of the latest established version and needs a reason other
    than 'eerste vaststelling'. There is at most one draft at a time.
    """
    # The case row lock serialises PIP creation per case.
    with case_change(inburgeraar, by=by, request=request) as change:
        if reason not in RevisionReason.values:
            raise ValidationError({"reason": _("Kies de aanleiding.")})
        # The caller's instance, so that `version.pip.inburgeraar` is the object it holds.
        pip, _created = Pip.objects.get_or_create(
            inburgeraar=inburgeraar, defaults={"created_by": by}
        )
        draft = pip.versions.filter(status=VersionStatus.DRAFT).first()
        if draft is not None:
            raise ValidationError(
                _("Er is al een concept (versie %(n)s); werk dat bij of laat het vervallen.")
                % {"n": draft.number}
            )
        waiting = pip.versions.filter(status=VersionStatus.AWAITING_APPROVAL).first()
        if waiting is not None:
            raise ValidationError(
                _("Versie %(n)s wacht op goedkeuring; begin daarna een nieuwe versie.")
                % {"n": waiting.number}
            )
        previous = latest_established(pip)
        if previous is None and reason != RevisionReason.FIRST:
            raise ValidationError(
                {"reason": _("Er is nog geen vastgesteld PIP; dit wordt de eerste vaststelling.")}
            )
        if previous is not None and reason == RevisionReason.FIRST:
            raise ValidationError(
                {"reason": _("Het PIP is al vastgesteld; kies de aanleiding van de wijziging.")}
            )
        if (reason == RevisionReason.REPLACEMENT) != (replaces is not None):
            raise ValidationError(
                {"reason": _("Een vervanging begint vanaf de beschikking die wordt herroepen.")}
            )
        if replaces is not None:
            from .establish import _check_replaceable

            _check_replaceable(replaces, latest=previous)
        number = (pip.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = PipVersion(
            pip=pip,
            number=number,
            reason=reason,
            reason_explanation=explanation,
            progress_talk=progress_talk,
            replaces=replaces,
            created_by=by,
        )
        if previous is not None:
            for field in COPIED_FIELDS:
                setattr(version, field, getattr(previous, field))
        else:
            version.contact_person = change.case.consultant
        version.save()
        summary = (
            _("PIP-concept gestart (versie %(n)s).") % {"n": number}
            if previous is None
            else _("Wijziging van het PIP gestart (versie %(n)s): %(reason)s.")
            % {"n": number, "reason": RevisionReason(reason).label}
        )
        change.timeline(KIND_DRAFT, summary, detail=explanation, source=SOURCE)
        change.audit("pip_draft_started", obj=version)
    return version


def pip_replacement_start(
    *, version: PipVersion, by: User, explanation: str, request=None
) -> PipVersion:
    """Issue 13: herroepen en vervangen. A wrong beschikking (the latest one in force) is
    withdrawn by establishing a replacement: this starts it as a draft copied from the
    version, with the reason of the withdrawal. Establishing it issues the new beschikking
    and marks the old one withdrawn; both stay stored and downloadable. The term does not
    restart (Wi 11 lid 3); the bezwaartermijn follows the replacement (REQ D-15)."""
    if not explanation.strip():
        raise ValidationError({"explanation": _("Geef aan wat er onjuist was aan de beschikking.")})
    return pip_draft_start(
        inburgeraar=version.pip.inburgeraar,
        by=by,
        reason=RevisionReason.REPLACEMENT,
        explanation=explanation.strip(),
        replaces=version,
        request=request,
    )


def pip_version_update(
    *,
    version: PipVersion,
    theme: str,
    data: dict,
    by: User,
    request=None,
    today: date | None = None,
) -> list[str]:
    """Save one theme of a draft (REQ P-01). Established versions never change (REQ P-04).

    Consistency rules are checked against today's date as the planned PIP date; they are
    checked again on the dagtekening when establishing. Returns the changed field names.
    """
    today = today_or(today)
    if theme not in THEME_FIELDS:
        raise ValidationError(_("Onbekend onderdeel van het PIP."))
    fields = THEME_FIELDS[theme]
    values = {
        field: value.strip() if isinstance(value, str) else value
        for field, value in data.items()
        if field in fields
    }
    with case_change(version.pip.inburgeraar, by=by, request=request, today=today) as change:
        locked = change.lock(PipVersion, pk=version.pk, pip__inburgeraar=change.case)
        if not locked.is_draft:
            raise ValidationError(
                _("Versie %(n)s is vastgesteld en verandert niet meer; maak een nieuwe versie.")
                % {"n": locked.number}
            )
        # The rules read the draft as it would be saved: check a copy, then write the diff.
        candidate = copy.copy(locked)
        for field, value in values.items():
            setattr(candidate, field, value)
        if not any(getattr(locked, f) != v for f, v in values.items()):
            return []
        previous = latest_established(locked.pip)
        errors = theme_errors(
            candidate, theme, inburgeraar=change.case, on=today, previous=previous
        )
        if errors:
            raise ValidationError(errors)
        history = change.update(locked, values, fields=fields)
        change.audit("pip_draft_updated", obj=locked, changes=history)
    for field in history:
        setattr(version, field, getattr(locked, field))
    return list(history)


def pip_draft_discard(*, version: PipVersion, by: User, reason: str, request=None) -> PipVersion:
    """Drop a draft that will not be established (nothing is deleted: REQ P-04).

    Works on a closed case too: a draft left open when the case closed can be tidied up.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom het concept vervalt.")})
    with case_change(version.pip.inburgeraar, by=by, request=request, allow_closed=True) as change:
        locked = change.lock(PipVersion, pk=version.pk, pip__inburgeraar=change.case)
        if not locked.is_draft:
            raise ValidationError(_("Alleen een concept kan vervallen."))
        diff = change.update(locked, {"status": VersionStatus.DISCARDED}, fields=["status"])
        change.timeline(
            KIND_DISCARDED,
            _("PIP-concept versie %(n)s is vervallen.") % {"n": locked.number},
            detail=reason,
            source=SOURCE,
        )
        change.audit("pip_draft_discarded", obj=locked, changes=diff)
    version.status = locked.status
    return locked
