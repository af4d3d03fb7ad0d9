"""A readable object for audit events: "Werkafspraak van A. Haddad", not `inburgeraar 341`.

For the privacy screens, the CSV export and the AVG inzage. One query for the people and one
for the staff members on a page, whatever the number of events.
"""

from django.apps import apps
from django.utils.translation import gettext as _

from ..models import Inburgeraar, User


def short_name(given_names: str, surname_prefix: str, surname: str) -> str:
    """Initials and surname: "A. Haddad", "M. van Dijk"."""
    initials = "".join(f"{part[0]}." for part in given_names.split() if part)
    return " ".join(p for p in (initials, surname_prefix, surname) if p)


def _model_names() -> dict[str, str]:
    names = {}
    for model in apps.get_models():
        names.setdefault(model._meta.model_name, str(model._meta.verbose_name))
    return names


def describe(events) -> list:
    """Set `object_label` on every event (a list is returned, the events are evaluated)."""
    events = list(events)
    people = {
        row["pk"]: short_name(row["given_names"], row["surname_prefix"], row["surname"])
        for row in Inburgeraar.objects.filter(
            pk__in={e.inburgeraar_id for e in events if e.inburgeraar_id}
        ).values("pk", "given_names", "surname_prefix", "surname")
    }
    user_ids = {int(e.object_id) for e in events if e.object_type == "user" and e.object_id}
    users = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "username"))
    models = _model_names()
    for event in events:
        event.object_label = _label(event, people, users, models)
    return events


def _label(event, people: dict, users: dict, models: dict) -> str:
    kind = event.object_type
    if kind == "user":
        name = users.get(int(event.object_id)) if event.object_id else None
        return _("Medewerker %(name)s") % {"name": name} if name else _("Medewerker")
    if kind == "auditevent":
        return _("Auditlog") + (f" ({event.object_id})" if event.object_id else "")
    if event.inburgeraar_id:
        person = people.get(event.inburgeraar_id)
        what = _("Dossier") if kind in ("", "inburgeraar") else models.get(kind, kind)
        what = what[:1].upper() + what[1:]
        if person is None:
            return _("%(what)s van een verwijderd dossier") % {"what": what}
        return _("%(what)s van %(person)s") % {"what": what, "person": person}
    if kind == "inburgeraar":
        # A refused request names the case by its public id only; a list event by nothing.
        return _("Dossier") if event.object_id else _("Dossiers")
    if not kind:
        return "—"
    name = models.get(kind, kind)
    return name[:1].upper() + name[1:]
