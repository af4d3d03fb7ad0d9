"""The deadline calculator's input (issue 4): a hypothetical case's facts, checked as input."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import Doelgroep
from ..forms import DateInput
from .engine import Facts, fact_choices

DATE_LABELS = {
    "birth_date": _("Geboortedatum"),
    "linked_on": _("Gekoppeld door COA op"),
    "registered_on": _("BRP-inschrijving op"),
    "duo_notified_on": _("Kennisgeving DUO op"),
    "housed_on": _("Gehuisvest op"),
    "intake_started_on": _("Brede intake gestart op"),
    "coa_handover_on": _("Warme overdracht COA op"),
    "test_ready_on": _("Leerbaarheidstoets klaargezet op"),
    "test_taken_on": _("Leerbaarheidstoets afgenomen op"),
    "pip_established_on": _("Dagtekening PIP-beschikking"),
    "term_extended_until": _("Laatste dag volgens DUO (verlenging)"),
    "pvt_signed_on": _("Participatieverklaring ondertekend op"),
    "map_completed_on": _("MAP afgerond op"),
    "bijstand_started_on": _("Recht op bijstand vanaf"),
    "ontzorgen_evaluated_on": _("Ontzorgen geëvalueerd op"),
    "ontzorgen_extended_until": _("Ontzorgen als maatwerk verlengd tot en met"),
    "beschikking_made_known_on": _("Beschikking bekendgemaakt op"),
    "self_reliant_on": _("Economisch zelfredzaam sinds"),
}


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
    # The codes and their names come from the app that owns them (fact_choices, issue 11).
    route = forms.ChoiceField(label=_("Leerroute"), required=False, choices=())
    term_extension_months = forms.IntegerField(
        label=_("Verlenging door DUO (maanden)"), required=False, min_value=0, max_value=24
    )
    participation_hours = forms.DecimalField(
        label=_("Uren participatie gedaan"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
    )
    progress_talks = forms.CharField(
        label=_("Voortgangsgesprekken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén datum per regel, als JJJJ-MM-DD of DD-MM-JJJJ."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [("", _("Nog niet bekend")), *fact_choices("route")]
        for name, label in DATE_LABELS.items():
            self.fields[name] = forms.DateField(label=label, required=False, widget=DateInput())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

        def pairs(*names):
            return [Row(*[Column(n) for n in names[i : i + 2]]) for i in range(0, len(names), 2)]

        self.helper.layout = Layout(
            Fieldset(_("Peildatum"), "today"),
            Fieldset(
                _("Persoon en kerndatums"),
                *pairs("doelgroep", "birth_date", "linked_on", "registered_on"),
                *pairs("duo_notified_on", "housed_on"),
            ),
            Fieldset(
                _("Brede intake en leerbaarheidstoets"),
                *pairs("intake_started_on", "coa_handover_on", "test_ready_on", "test_taken_on"),
            ),
            Fieldset(
                _("PIP en inburgeringstermijn"),
                *pairs("pip_established_on", "term_extension_months", "term_extended_until"),
                "progress_talks",
                *pairs("beschikking_made_known_on"),
            ),
            Fieldset(
                _("Participatie"),
                *pairs("route", "pvt_signed_on", "map_completed_on", "participation_hours"),
                *pairs("self_reliant_on"),
            ),
            Fieldset(
                _("Financieel ontzorgen"),
                *pairs("bijstand_started_on", "ontzorgen_evaluated_on", "ontzorgen_extended_until"),
            ),
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
            **{name: data.get(name) for name in DATE_LABELS},
        )
