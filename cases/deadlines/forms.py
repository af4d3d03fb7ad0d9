"""The deadline calculator's input (issue 4): a hypothetical case's facts, checked as input."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import Doelgroep
from ..forms import DateInput
from ..plausible import validate_plausible_date
from .engine import DATE_FACTS, FACT_GROUPS, FACT_LABELS, LIST_DATE_FACTS, Facts, fact_choices

# Every date fact of the schema that a group shows, in the groups' order.
DATE_FACTS_SHOWN = [n for _title, names in FACT_GROUPS for n in names if n in DATE_FACTS]


class DeadlineCalculatorForm(forms.Form):
    today = forms.DateField(
        label=_("Peildatum"),
        widget=DateInput(),
        help_text=_("De dag waarop de termijnen worden bekeken; standaard vandaag."),
    )
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", _("Nog niet bekend")), *Doelgroep.choices],
    )
    # The codes and their names come from the app that owns them (fact_choices, issue 11);
    # every label comes from the Facts schema (engine.FACT_LABELS).
    route = forms.ChoiceField(label=FACT_LABELS["route"], required=False, choices=())
    holds_asylum_permit = forms.TypedChoiceField(
        label=FACT_LABELS["holds_asylum_permit"],
        required=False,
        choices=[
            ("", _("Niet vastgelegd (telt als houder)")),
            ("true", _("Ja, houder van de asielvergunning")),
            ("false", _("Nee, nareiziger")),
        ],
        coerce=lambda value: {"true": True, "false": False}.get(value),
        empty_value=None,
        help_text=_("Alleen voor een asielstatushouder."),  # REQ C-01
    )
    talks_per_year = forms.IntegerField(
        label=FACT_LABELS["talks_per_year"],
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("Leeg: minstens 2 per jaar, elke 6 maanden een gesprek."),
    )
    term_extension_months = forms.IntegerField(
        label=FACT_LABELS["term_extension_months"], required=False, min_value=0, max_value=24
    )
    participation_hours = forms.DecimalField(
        label=FACT_LABELS["participation_hours"],
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in sorted(LIST_DATE_FACTS):
            self.fields[name] = DateListField(
                label=FACT_LABELS[name],
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Eén datum per regel, als JJJJ-MM-DD of DD-MM-JJJJ."),
            )
        self.fields["route"].choices = [("", _("Nog niet bekend")), *fact_choices("route")]
        for name in DATE_FACTS_SHOWN:
            self.fields[name] = forms.DateField(
                label=FACT_LABELS[name], required=False, widget=DateInput()
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

        def pairs(*names):
            return [Row(*[Column(n) for n in names[i : i + 2]]) for i in range(0, len(names), 2)]

        self.helper.layout = Layout(
            Fieldset(_("Peildatum"), "today"),
            *(Fieldset(title, *pairs(*names)) for title, names in FACT_GROUPS),
        )

    def facts(self) -> Facts:
        data = self.cleaned_data
        hours = data.get("participation_hours")
        return Facts(
            doelgroep=data.get("doelgroep") or None,
            holds_asylum_permit=data.get("holds_asylum_permit"),
            route=data.get("route") or None,
            term_extension_months=data.get("term_extension_months"),
            talks_per_year=data.get("talks_per_year"),
            participation_hours=float(hours) if hours is not None else None,
            **{name: data.get(name) or () for name in LIST_DATE_FACTS},
            **{name: data.get(name) for name in DATE_FACTS_SHOWN},
        )


class DateListField(forms.CharField):
    """Dates one per line (or comma-separated), as a sorted tuple."""

    def to_python(self, value):
        talks = []
        for line in (super().to_python(value) or "").replace(",", "\n").splitlines():
            text = line.strip()
            if not text:
                continue
            for parse in (
                dt.date.fromisoformat,
                lambda s: dt.datetime.strptime(s, "%d-%m-%Y").date(),  # noqa: DTZ007
            ):
                try:
                    talks.append(parse(text))
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("Ongeldige datum: “%(value)s”; schrijf bijvoorbeeld 2026-03-15.")
                    % {"value": text[:20]}
                )
            validate_plausible_date(talks[-1])  # issue 13 item 5: not 0001-01-01 or 9999
        return tuple(sorted(talks))
