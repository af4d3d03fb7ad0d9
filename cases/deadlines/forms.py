"""The deadline calculator's input (issue 4): a hypothetical case's facts, checked as input."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import Doelgroep
from ..forms import DateInput
from .engine import DATE_FACTS, FACT_GROUPS, FACT_LABELS, Facts, fact_choices

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
    progress_talks = forms.CharField(
        label=FACT_LABELS["progress_talks"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén datum per regel, als JJJJ-MM-DD of DD-MM-JJJJ."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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

    def clean_progress_talks(self):
        talks = []
        for line in self.cleaned_data["progress_talks"].replace(",", "\n").splitlines():
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
                    _("“%(value)s” is geen datum; schrijf bijvoorbeeld 2026-03-15.")
                    % {"value": text[:20]}
                )
        return tuple(sorted(talks))

    def facts(self) -> Facts:
        data = self.cleaned_data
        hours = data.get("participation_hours")
        return Facts(
            doelgroep=data.get("doelgroep") or None,
            route=data.get("route") or None,
            term_extension_months=data.get("term_extension_months"),
            participation_hours=float(hours) if hours is not None else None,
            progress_talks=data.get("progress_talks") or (),
            **{name: data.get(name) for name in DATE_FACTS_SHOWN},
        )
