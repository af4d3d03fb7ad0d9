"""Reads of the PIP; every one starts from a case that passed the scope check, or from
`Inburgeraar.objects.visible_to(user)` (STYLE.md, DESIGN.md principle 3)."""

from django.db.models import Prefetch, QuerySet

from cases.models import Inburgeraar, User

from .constants import ExtensionStatus, VersionStatus
from .models import DuoRegistration, Pip, PipVersion, ProgressTalk, TermExtension


def pip_for(*, inburgeraar: Inburgeraar) -> Pip | None:
    """The PIP of a case in scope, with its versions, talks and extensions (fixed queries)."""
    return (
        Pip.objects.filter(inburgeraar=inburgeraar)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PipVersion.objects.select_related(
                    "route",
                    "provider",
                    "contact_person",
                    "established_by",
                    "beschikking__replaced_by",
                    "duo_registration__done_by",
                    "progress_talk",
                ).order_by("-number"),
            ),
            Prefetch(
                "talks",
                queryset=ProgressTalk.objects.select_related("recorded_by").order_by(
                    "-held_on", "-id"
                ),
            ),
            Prefetch(
                "extensions",
                queryset=TermExtension.objects.select_related("recorded_by").order_by(
                    "-created_at", "-id"
                ),
            ),
        )
        .first()
    )


def version_for(*, inburgeraar: Inburgeraar, number: int) -> PipVersion:
    """One version of a case in scope, or PipVersion.DoesNotExist."""
    return PipVersion.objects.select_related(
        "pip",
        "route",
        "provider",
        "contract",
        "contact_person",
        "established_by",
        "created_by",
        "submitted_by",
        "approved_by",
        "replaces__beschikking",
        "beschikking__made_known_recorded_by",
        "beschikking__withdrawn_by",
        "beschikking__replaced_by__version",
        "duo_registration__done_by",
        "progress_talk",
    ).get(pip__inburgeraar=inburgeraar, number=number)


def established_versions(pip: Pip) -> list[PipVersion]:
    return [v for v in pip.versions.all() if v.status == VersionStatus.ESTABLISHED]


def open_extension(pip: Pip) -> TermExtension | None:
    return next((e for e in pip.extensions.all() if e.status == ExtensionStatus.REQUESTED), None)


def duo_registrations_for(*, user: User, done: bool = False) -> QuerySet[DuoRegistration]:
    """REQ C-08: the administratie worklist over the cases in the user's scope."""
    visible = Inburgeraar.objects.visible_to(user).values("pk")
    qs = DuoRegistration.objects.filter(
        version__pip__inburgeraar__in=visible, done_on__isnull=not done
    ).select_related(
        "version__pip__inburgeraar__gemeente",
        "version__beschikking",
        "done_by",
    )
    if done:
        return qs.order_by("-done_on", "-id")
    return qs.order_by("created_at", "id")


def approvals_for(*, user: User) -> QuerySet[PipVersion]:
    """Issue 13 (four eyes): the versions waiting for approval in the user's scope, oldest
    first (fixed query count)."""
    visible = Inburgeraar.objects.visible_to(user).values("pk")
    return (
        PipVersion.objects.filter(
            pip__inburgeraar__in=visible, status=VersionStatus.AWAITING_APPROVAL
        )
        .select_related("pip__inburgeraar__gemeente", "submitted_by", "route", "replaces")
        .order_by("submitted_at", "id")
    )
