"""What this app contributes to the shared mechanisms in `cases` (called from apps.ready):
processing activity, timeline and audit labels, AVG inzage, navigation."""

from django.utils.translation import gettext_lazy as _

from cases import inzage, timeline


def register() -> None:
    from . import services

    for code, label in {
        services.KIND_DRAFT: _("PIP-concept"),
        services.KIND_DISCARDED: _("PIP-concept vervallen"),
        services.KIND_ESTABLISHED: _("PIP vastgesteld"),
        services.KIND_MADE_KNOWN: _("Beschikking bekendgemaakt"),
        services.KIND_TALK: _("Voortgangsgesprek"),
        services.KIND_EXTENSION: _("Verlenging inburgeringstermijn"),
        services.KIND_DUO: _("DUO-registratie"),
        services.KIND_THIRD_PARTY: _("Informatie van een derde"),
        services.KIND_APPROVAL: _("Goedkeuring beschikking"),
        services.KIND_WITHDRAWN: _("Beschikking herroepen"),
    }.items():
        timeline.register_kind(code, label)
    inzage.register_section("pip", inzage_section)
    inzage.register_files(inzage_files)
    # Retention: cases.retention deletes the PDFs of every issued-document kind itself.

    from cases import navigation
    from cases.constants import Role

    from .permissions import CAN_REGISTER_DUO, CAN_SEE_PIP

    navigation.register_case_tab(
        key="pip", label=_("PIP"), url_name="pip_plans:detail", order=30, roles=CAN_SEE_PIP
    )

    navigation.register(45, _("DUO-registraties"), "pip_plans:duo-worklist", CAN_REGISTER_DUO)
    # Issue 13: the team lead's queue of beschikkingen to approve (four eyes).
    navigation.register(46, _("Goedkeuren"), "pip_plans:approval-queue", (Role.TEAMLEIDER,))

    # Issue 13, item 1: administratie starts on its worklist; the consultant's *Vandaag*
    # lists the PIP drafts still to finish.
    from cases import start
    from cases.constants import Role

    start.register_start_page(Role.ADMINISTRATIE, "pip_plans:duo-worklist", priority=10)
    navigation.register_case_tasks("pip-concept", draft_task, order=40)
    start.register_today_section(
        "pip-concepten",
        order=40,
        title=_("PIP-concepten af te maken"),
        empty=_("Er liggen geen PIP-concepten klaar om af te maken."),
        rows=drafts_today,
    )

    # REQ L-06: a route change in the leerroute opens a PIP revision here.
    from learning_routes import plan_hooks

    plan_hooks.register_revision_opener(open_revision_for_route_change)
    plan_hooks.register_term_start(term_first_day_of)


def draft_task(inburgeraar, today):
    """Issue 13, item 2: an open PIP draft is a task in the dossier summary (REQ P-04)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .constants import VersionStatus
    from .models import PipVersion

    number = (
        PipVersion.objects.filter(pip__inburgeraar=inburgeraar, status=VersionStatus.DRAFT)
        .values_list("number", flat=True)
        .first()
    )
    if number is None:
        return []
    return [
        {
            "label": _("PIP-concept versie %(n)s afmaken en vaststellen") % {"n": number},
            "url": reverse(
                "pip_plans:version",
                kwargs={"public_id": inburgeraar.public_id, "number": number},
            ),
        }
    ]


def drafts_today(user, today):
    """REQ P-04: the open PIP drafts of the user's own cases, the oldest change first."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from cases.selectors import own_cases_for
    from cases.start import TODAY_LIMIT, TodayRow

    from .constants import VersionStatus
    from .models import PipVersion

    drafts = (
        PipVersion.objects.filter(
            status=VersionStatus.DRAFT,
            pip__inburgeraar__in=own_cases_for(user=user, today=today),
        )
        .select_related("pip__inburgeraar")
        .order_by("updated_at", "id")[:TODAY_LIMIT]
    )
    return [
        TodayRow(
            inburgeraar=draft.pip.inburgeraar,
            when=timezone.localtime(draft.updated_at).date(),
            what=_("Concept versie %(n)s, %(reason)s")
            % {"n": draft.number, "reason": draft.get_reason_display().lower()},
            url=reverse(
                "pip_plans:version",
                kwargs={"public_id": draft.pip.inburgeraar.public_id, "number": draft.number},
            ),
        )
        for draft in drafts
    ]


def term_first_day_of(inburgeraar):
    """REQ D-06 / L-06: the first day of the term (the day after the first established
    version's dagtekening), or None without an established PIP."""
    from .constants import VersionStatus
    from .models import PipVersion
    from .term import term_first_day

    first = (
        PipVersion.objects.filter(pip__inburgeraar=inburgeraar, status=VersionStatus.ESTABLISHED)
        .order_by("number")
        .values_list("dagtekening", flat=True)
        .first()
    )
    return term_first_day(first) if first else None


def open_revision_for_route_change(*, inburgeraar, reason: str, by, route=None, provider=None):
    """REQ L-06 / P-04: schakelen or afschalen needs a PIP revision. Opens a draft (or adds to
    the draft that is already open) with the new route and provider, or level A2 for
    afschalen; the consultant discusses it with the inburgeraar and establishes it.

    One unit of work: the draft's changes keep their field history and audit event."""
    from django.utils.translation import gettext as _

    from cases.kit import case_change

    from .constants import RevisionReason, TargetLevel, VersionStatus
    from .models import PipVersion
    from .services import KIND_DRAFT, SOURCE, pip_draft_start

    kind = RevisionReason.ROUTE_SWITCH if route is not None else RevisionReason.AFSCHALEN
    with case_change(inburgeraar, by=by) as change:
        draft = (
            PipVersion.objects.select_for_update(of=("self",))
            .filter(pip__inburgeraar=change.case, status=VersionStatus.DRAFT)
            .first()
        )
        opened = draft is None
        if opened:
            draft = pip_draft_start(inburgeraar=change.case, by=by, reason=kind, explanation=reason)
            data = {}
        else:
            data = {
                "reason_explanation": "\n".join(p for p in (draft.reason_explanation, reason) if p)
            }
        if route is not None:
            data.update(route=route, provider=provider, contract=None)
        else:
            data["target_level"] = TargetLevel.A2
        diff = change.update(draft, data, fields=list(data))
        if diff:
            change.audit("pip_draft_updated", obj=draft, changes=diff)
        if diff and not opened:
            # A new draft has its own 'gestart' event; a changed one says so here.
            change.timeline(
                KIND_DRAFT,
                _("PIP-concept versie %(n)s aangepast: %(reason)s.")
                % {"n": draft.number, "reason": RevisionReason(kind).label},
                detail=reason,
                source=SOURCE,
            )
    return draft


def inzage_section(inburgeraar) -> dict:
    """AVG art. 15: the PIP with all versions, talks, extensions, beschikkingen, tasks."""
    from .models import Beschikking, DuoRegistration, PipVersion, ProgressTalk, TermExtension

    return {
        "versies": inzage.rows(
            PipVersion.objects.filter(pip__inburgeraar=inburgeraar).select_related(
                "pip",
                "progress_talk",
                "route",
                "provider",
                "contract",
                "contact_person",
                "established_by",
                "created_by",
            )
        ),
        "beschikkingen": inzage.rows(
            Beschikking.objects.filter(version__pip__inburgeraar=inburgeraar).select_related(
                "version", "made_known_recorded_by"
            )
        ),
        "voortgangsgesprekken": inzage.rows(
            ProgressTalk.objects.filter(pip__inburgeraar=inburgeraar).select_related(
                "pip", "recorded_by"
            )
        ),
        "verlengingen": inzage.rows(
            TermExtension.objects.filter(pip__inburgeraar=inburgeraar).select_related(
                "pip", "recorded_by"
            )
        ),
        "duo_registraties": inzage.rows(
            DuoRegistration.objects.filter(version__pip__inburgeraar=inburgeraar).select_related(
                "version", "done_by"
            )
        ),
    }


def inzage_files(inburgeraar) -> list[tuple[str, bytes]]:
    """The stored beschikking PDFs, named by version and kenmerk (never by name or BSN)."""
    from .models import Beschikking

    files = []
    for beschikking in (
        Beschikking.objects.filter(version__pip__inburgeraar=inburgeraar)
        .exclude(sha256="")
        .select_related("version")
        .order_by("version__number")
    ):
        with beschikking.pdf.open("rb") as handle:
            files.append(
                (
                    f"pip-versie-{beschikking.version.number}-{beschikking.download_name}",
                    handle.read(),
                )
            )
    return files
