"""One way to validate dates and input (issue 13 item 5).

Every date a person types in a form or puts in a URL lies in one plausible range: from
1 January 1900 up to the end of the year ten years from today. Outside it a date is a typing
error (0001-01-01, 9999-12-31), and date arithmetic on it would overflow into a server error.

- Forms: `install()` (called once from `CasesConfig.ready`) gives Django's own date and
  date-time form fields the range check and Dutch messages that say what is wrong, so every
  date field has them — our forms, model forms and the admin alike — without a field class
  to remember. Django has no setting for field defaults, hence the class attributes.
- Query strings: `query_date(request, "van")` and `query_year(request, "jaar", …)` read a
  GET parameter and give None (or the default) for anything impossible or implausible.
- Selects: the empty option Django writes as "---------" reads "Kies …" (issue 13 item 6).
- Constraints: a model constraint without its own message is reported in Dutch without its
  name; the database's constraint names are never shown to a user.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import format_date

EARLIEST = dt.date(1900, 1, 1)
YEARS_AHEAD = 10

INVALID_DATE = _("Ongeldige datum: deze dag bestaat niet. Vul dag, maand en jaar in.")
REQUIRED_DATE = _(
    "Vul een datum in. Een datum die niet bestaat (zoals 31 februari) telt als niet ingevuld."
)
INVALID_DATETIME = _("Ongeldige datum of tijd. Vul dag, maand, jaar en tijd in.")
EMPTY_CHOICE = _("Kies …")
CONSTRAINT_VIOLATED = _("Deze gegevens passen niet bij elkaar; controleer de data en aantallen.")


def plausible_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last date a person can mean: 1 January 1900 to 31 December of the year
    ten years ahead."""
    today = today or timezone.localdate()
    return EARLIEST, dt.date(today.year + YEARS_AHEAD, 12, 31)


def is_plausible(day: dt.date, today: dt.date | None = None) -> bool:
    if isinstance(day, dt.datetime):
        day = day.date()
    earliest, latest = plausible_range(today)
    return earliest <= day <= latest


def validate_plausible_date(value) -> None:
    """Refuse a date outside `plausible_range()`, saying which range is possible."""
    if value is None or value == "":
        return
    if not is_plausible(value):
        earliest, latest = plausible_range()
        raise ValidationError(
            _(
                "Ongeldige datum: %(day)s kan niet kloppen. Vul een datum in tussen "
                "%(earliest)s en %(latest)s."
            ),
            code="implausible_date",
            params={
                "day": format_date(value),
                "earliest": format_date(earliest),
                "latest": format_date(latest),
            },
        )


def validate_not_in_future(value, today: dt.date | None = None) -> None:
    """A date of something that has happened (an exam sat, a result received)."""
    today = today or timezone.localdate()
    day = value.date() if isinstance(value, dt.datetime) else value
    if day and day > today:
        raise ValidationError(
            _("Deze datum ligt in de toekomst (%(day)s); vul de datum in waarop het gebeurde."),
            code="future_date",
            params={"day": format_date(day)},
        )


def query_date(request, name: str, today: dt.date | None = None) -> dt.date | None:
    """The date in GET parameter `name` (JJJJ-MM-DD), or None when it is absent, malformed,
    impossible (2026-02-31) or outside the plausible range."""
    raw = request.GET.get(name, "") or ""
    try:
        day = dt.date.fromisoformat(raw.strip()[:10])
    except ValueError:
        return None
    return day if is_plausible(day, today) else None


def query_year(request, name: str, default: int, today: dt.date | None = None) -> int:
    """The year in GET parameter `name`, or `default` when it is not a plausible year."""
    earliest, latest = plausible_range(today)
    try:
        year = int((request.GET.get(name, "") or "").strip())
    except ValueError:
        return default
    return year if earliest.year <= year <= latest.year else default


def install() -> None:
    """Give every date and date-time form field the range check and Dutch messages."""
    from django.db.models.constraints import BaseConstraint

    for field_class in (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField):
        field_class.default_validators = [validate_plausible_date]
    forms.DateField.default_error_messages = {
        **forms.DateField.default_error_messages,
        "invalid": INVALID_DATE,
        "required": REQUIRED_DATE,
    }
    forms.DateTimeField.default_error_messages = {
        **forms.DateTimeField.default_error_messages,
        "invalid": INVALID_DATETIME,
    }
    if not getattr(forms.Select.create_option, "plausible", False):
        django_create_option = forms.Select.create_option

        def create_option(self, name, value, label, *args, **kwargs):
            if label == "---------" and value in ("", None):
                label = EMPTY_CHOICE
            return django_create_option(self, name, value, label, *args, **kwargs)

        create_option.plausible = True
        forms.Select.create_option = create_option
    # Django's default names the constraint ("Beperking 'report_period_order' …"). The
    # default itself stays (constraints compare against it in their migrations); only the
    # message a person reads changes.
    if getattr(BaseConstraint.get_violation_error_message, "plausible", False):
        return
    django_message = BaseConstraint.get_violation_error_message
    django_default = BaseConstraint.default_violation_error_message

    def get_violation_error_message(self):
        if self.violation_error_message == django_default:
            return str(CONSTRAINT_VIOLATED)
        return django_message(self)

    get_violation_error_message.plausible = True
    BaseConstraint.get_violation_error_message = get_violation_error_message
