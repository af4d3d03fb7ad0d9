"""Voortgangsgesprekken during the term (REQ P-06, D-08)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.kit import case_change
from cases.models import User

from ..constants import Attendee, RevisionReason, VersionStatus
from ..models import Pip, PipVersion, ProgressTalk
from ._common import KIND_TALK, SOURCE, fmt, today_or
from .drafts import pip_draft_start
from .reads import first_dagtekening


def progress_talk_record(
    *,
    pip: Pip,
    held_on: date,
    attendees: list[str],
    findings: str,
    by: User,
    attendees_other: str = "",
    revision_needed: bool = False,
    revision_reason: str = "",
    request=None,
    today: date | None = None,
) -> ProgressTalk:
    """REQ P-06 / D-08: record a voortgangsgesprek during the term.

    'Revision needed' starts a new draft version with the talk as its reason (REQ P-04);
    when a draft already exists, the talk is linked to it instead of starting a second one.
    """
    today = today_or(today)
    start = first_dagtekening(pip)
    errors: dict[str, str] = {}
    if start is None:
        raise ValidationError(
            _("Voortgangsgesprekken horen bij een vastgesteld PIP; stel eerst het PIP vast.")
        )
    if held_on > today:
        errors["held_on"] = _("Een gesprek dat nog moet plaatsvinden, legt u achteraf vast.")
    elif held_on < start:
        errors["held_on"] = _("Het gesprek ligt vóór de vaststelling van het PIP (%(date)s).") % {
            "date": fmt(start)
        }
    attendees = [a for a in Attendee.values if a in attendees]
    if not attendees:
        errors["attendees"] = _("Kruis aan wie bij het gesprek waren.")
    if Attendee.OTHER in attendees and not attendees_other.strip():
        errors["attendees_other"] = _("Vul in wie er nog meer bij het gesprek was.")
    if not findings.strip():
        errors["findings"] = _("Vul de bevindingen van het gesprek in.")
    if revision_needed and not revision_reason.strip():
        errors["revision_reason"] = _("Beschrijf wat er in het PIP moet veranderen.")
    if errors:
        raise ValidationError(errors)
    with case_change(pip.inburgeraar, by=by, request=request, today=today) as change:
        talk = ProgressTalk.objects.create(
            pip=pip,
            held_on=held_on,
            attendees=attendees,
            attendees_other=attendees_other.strip() if Attendee.OTHER in attendees else "",
            findings=findings.strip(),
            revision_needed=revision_needed,
            revision_reason=revision_reason.strip() if revision_needed else "",
            recorded_by=by,
        )
        kind_label = _("3-gesprek") if talk.is_three_way else _("Voortgangsgesprek")
        change.timeline(
            KIND_TALK,
            _("%(kind)s op %(date)s vastgelegd%(revision)s.")
            % {
                "kind": kind_label,
                "date": fmt(held_on),
                "revision": _("; het PIP moet worden herzien") if revision_needed else "",
            },
            source=SOURCE,
        )
        change.audit("progress_talk_recorded", obj=talk)
        change.facts_changed()  # REQ P-06: the next talk is due later
        if revision_needed:
            draft = (
                PipVersion.objects.select_for_update(of=("self",))
                .filter(pip=pip, status=VersionStatus.DRAFT)
                .first()
            )
            if draft is None:
                pip_draft_start(
                    inburgeraar=pip.inburgeraar,
                    by=by,
                    reason=RevisionReason.PROGRESS_TALK,
                    explanation=talk.revision_reason,
                    progress_talk=talk,
                    request=request,
                )
            elif draft.progress_talk_id is None:
                diff = change.update(draft, {"progress_talk": talk}, fields=["progress_talk"])
                change.audit("pip_draft_updated", obj=draft, changes=diff)
    return talk
