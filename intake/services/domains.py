"""The life domains of the brede intake (REQ I-01, I-08)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_change, model_update
from cases.models import Inburgeraar, User

from ..constants import DomainRequirement, TimelineKind
from ..models import BredeIntake, DomainAssessment, LifeDomain
from ..permissions import can_see_special_category
from .base import SOURCE, Outcome, _raise, _sync, lock_intake


def applicable_domains(*, day: date, intake: BredeIntake | None = None):
    """The life domains of an intake: every domain valid on `day`, in catalogue order,
    plus domains no longer valid that this intake already assessed (history stays visible)."""
    valid = LifeDomain.objects.valid_on(day)
    if intake is not None and intake.pk:
        return LifeDomain.objects.filter(
            Q(pk__in=valid.values("pk"))
            | Q(pk__in=DomainAssessment.objects.filter(intake=intake).values("domain_id"))
        ).order_by("order", "number", "name")
    return valid.order_by("order", "number", "name")


def domains_save(
    *,
    inburgeraar: Inburgeraar,
    entries: dict[int, dict],
    by: User,
    young_children: bool | None = None,
    wants_further_education: bool | None = None,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Save the assessments of several life domains at once (REQ I-01).

    `entries` maps a domain id to {level, notes, action_needed, follow_up, follow_up_on}.
    Special-category domains (REQ I-08) may only be written by whoever may read them. The
    field history keeps the two intake questions, never the notes of a domain: health notes
    must not be copied anywhere else (REQ I-08).
    """
    today = today or timezone.localdate()
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        intake = lock_intake(change)
        if intake.is_completed:
            raise ValidationError(
                _(
                    "De brede intake is afgerond; de levensdomeinen kunnen niet meer worden "
                    "gewijzigd."
                )
            )
        domains = {d.pk: d for d in applicable_domains(day=today, intake=intake)}
        unknown = set(entries) - set(domains)
        if unknown:
            raise ValidationError(_("Een of meer levensdomeinen bestaan niet (meer)."))
        if any(domains[pk].is_special_category for pk in entries) and not can_see_special_category(
            by, case, today
        ):
            raise PermissionDenied
        errors = {}
        for pk, entry in entries.items():
            if entry.get("action_needed") and not (entry.get("follow_up") or "").strip():
                errors[domains[pk].code] = _(
                    "%(domain)s: vul de vervolgactie in als er actie nodig is."
                ) % {"domain": domains[pk].display_name}
        _raise(errors)
        existing = {
            a.domain_id: a
            for a in DomainAssessment.objects.select_for_update().filter(intake=intake)
        }
        for pk, entry in entries.items():
            assessment = existing.get(pk) or DomainAssessment(intake=intake, domain=domains[pk])
            assessment.level = entry.get("level")
            assessment.notes = (entry.get("notes") or "").strip()
            assessment.action_needed = bool(entry.get("action_needed"))
            assessment.follow_up = (entry.get("follow_up") or "").strip()
            assessment.follow_up_on = entry.get("follow_up_on")
            if assessment.pk is None and not assessment.has_content:
                continue
            assessment.updated_by = by
            assessment.save()
            existing[pk] = assessment
        diff = model_update(
            intake,
            {"young_children": young_children, "wants_further_education": wants_further_education},
            fields=("young_children", "wants_further_education"),
        )
        mandatory = _mandatory_domains(intake, domains.values())
        filled = sum(1 for d in mandatory if d.pk in existing and existing[d.pk].is_filled)
        change.timeline(
            TimelineKind.DOMAINS,
            _("Levensdomeinen bijgewerkt: %(filled)s van %(total)s verplichte ingevuld.")
            % {"filled": filled, "total": len(mandatory)},
            source=SOURCE,
        )
        change.audit("intake_domains_saved", obj=intake, changes=diff)
    _sync(inburgeraar, case)
    return Outcome(intake)


def _mandatory_domains(intake: BredeIntake, domains) -> list[LifeDomain]:
    """REQ I-01: the 14 always; VVE when there are young children (or while that is unknown)."""
    result = []
    for domain in domains:
        if domain.requirement == DomainRequirement.ALWAYS or (
            domain.requirement == DomainRequirement.YOUNG_CHILDREN
            and intake.young_children is not False
        ):
            result.append(domain)
    return result
