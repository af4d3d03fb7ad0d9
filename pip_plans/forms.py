"""Input validation of the PIP screens. Rules live in services and rules.py; forms check input."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import User
from cases.services import consultants_for_gemeente
from learning_routes.models import Contract, LearningRoute, Provider
from learning_routes.rules import college_offers_course

from .constants import (
    MIN_TALKS_PER_YEAR,
    REVISION_REASONS,
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    MadeKnownHow,
    MapAgreement,
    PvtAgreement,
    TargetLevel,
    Theme,
)
from .models import PipVersion
from .rules import THEME_FIELDS


class DraftStartForm(forms.Form):
    """A revision: why (REQ P-04, L-06, C-06)."""

    reason = forms.ChoiceField(
        label=_("Aanleiding"),
        choices=[(r.value, r.label) for r in REVISION_REASONS],
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat verandert er en waarom? Deze tekst komt in de nieuwe beschikking."),
    )


def _provider_choices(on):
    """Providers grouped by route, only those with a contract valid on `on` (REQ L-02)."""
    contracts = (
        Contract.objects.valid_on(on)
        .filter(provider__is_active=True, route__is_active=True)
        .select_related("provider", "route")
        .order_by("route__code", "provider__name")
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for contract in contracts:
        options = groups.setdefault(contract.route.name, [])
        if (contract.provider_id, contract.provider.name) not in options:
            options.append((contract.provider_id, contract.provider.name))
    return [("", _("— nog niet gekozen —")), *groups.items()]


class _ThemeForm(forms.ModelForm):
    theme: str = ""

    class Meta:
        model = PipVersion
        fields: tuple[str, ...] = ()

    def __init__(self, *args, inburgeraar, **kwargs):
        self.inburgeraar = inburgeraar
        super().__init__(*args, **kwargs)


class InburgeringForm(_ThemeForm):
    theme = Theme.INBURGERING
    provider = forms.TypedChoiceField(
        label=_("Taalaanbieder"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Alleen aanbieders met een geldig contract staan in de lijst, per leerroute. De "
            "aanbieder moet passen bij de gekozen route. Voor de onderwijsroute loopt de "
            "aanbesteding nog: laat dan leeg."
        ),
    )

    class Meta:
        model = PipVersion
        fields = THEME_FIELDS[Theme.INBURGERING]
        widgets = {"inburgering_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].queryset = LearningRoute.objects.filter(is_active=True)
        self.fields["route"].empty_label = _("— kies een leerroute —")
        self.fields["provider"].choices = _provider_choices(timezone.localdate())
        if self.instance.provider_id:
            self.initial["provider"] = self.instance.provider_id
        self.fields["target_level"].choices = [("", _("— kies —")), *TargetLevel.choices]
        self.fields["target_level"].help_text = _(
            "B1-route: B1 (A2 alleen na afschalen). Onderwijsroute: B1. Z-route: zo hoog "
            "mogelijk, A2 of A1."
        )
        # REQ L-03 (Wi 15 lid 2, 16 lid 1, 19–21): no provider, contract or intensity set by
        # the college for a gezins- or overige migrant; route and level are still recorded.
        self.buys_course = college_offers_course(self.inburgeraar.doelgroep)
        if not self.buys_course:
            self.fields["provider"].widget = forms.HiddenInput()
            self.initial["provider"] = None
            self.fields["route"].help_text = _(
                "Een gezins- of overige migrant kiest en betaalt de cursus zelf, eventueel met "
                "een lening van DUO (artikel 20 Wet inburgering 2021). De gemeente legt de "
                "leerroute en het taalniveau vast, maar sluit geen contract met een aanbieder."
            )
            self.fields["intensity"].help_text = _(
                "Niet verplicht: de gemeente stelt de intensiteit alleen vast voor "
                "asielstatushouders (artikel 15 lid 2 Wet inburgering 2021)."
            )

    def clean_provider(self):
        provider_id = self.cleaned_data.get("provider")
        if provider_id is None or not self.buys_course:
            return None
        provider = Provider.objects.filter(pk=provider_id).first()
        if provider is None:
            raise forms.ValidationError(_("Kies een taalaanbieder uit de lijst."))
        return provider


class ParticipatieForm(_ThemeForm):
    theme = Theme.PARTICIPATIE

    class Meta:
        model = PipVersion
        fields = THEME_FIELDS[Theme.PARTICIPATIE]
        widgets = {
            "pvt": forms.RadioSelect,
            "map": forms.RadioSelect,
            "pvt_notes": forms.Textarea(attrs={"rows": 2}),
            "map_notes": forms.Textarea(attrs={"rows": 2}),
            "participation_instruments": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "pvt_notes": _("Bijvoorbeeld: planning en intensiteit (minimaal 12 uur)."),
            "map_notes": _("Bijvoorbeeld: theorie bij Zicht op Werk, praktijk via een DOENplek."),
            "z_route_hours": _(
                "Alleen voor asielstatushouders in de Z-route: 800 uur in de termijn; uren van "
                "het PVT en de MAP tellen mee."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pvt"].choices = PvtAgreement.choices
        self.fields["map"].choices = MapAgreement.choices


class OntzorgenForm(_ThemeForm):
    theme = Theme.ONTZORGEN
    ontzorgen = forms.TypedChoiceField(
        label=_("Wordt de inburgeraar financieel ontzorgd?"),
        choices=[
            ("ja", _("Ja, financieel ontzorgen (artikel 56a Participatiewet)")),
            ("nee", _("Nee")),
        ],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        help_text=_("Voor asielstatushouders met bijstand: minimaal zes maanden."),
    )

    class Meta:
        model = PipVersion
        fields = THEME_FIELDS[Theme.ONTZORGEN]
        widgets = {
            "ontzorgen_starts_on": DateInput(),
            "ontzorgen_extended_until": DateInput(),
            "ontzorgen_extension_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "ontzorgen_extended_until": _(
                "Alleen invullen als maatwerk: ontzorgen langer dan zes maanden."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.ontzorgen is not None:
            self.initial["ontzorgen"] = "ja" if self.instance.ontzorgen else "nee"


class BegeleidingForm(_ThemeForm):
    theme = Theme.BEGELEIDING

    class Meta:
        model = PipVersion
        fields = THEME_FIELDS[Theme.BEGELEIDING]
        widgets = {
            "begeleiding_notes": forms.Textarea(attrs={"rows": 3}),
            "vve_notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "talks_per_year": _("Minimaal 2 per jaar."),
            "vve_notes": _("Alleen als er jonge kinderen zijn."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # REQ C-03: a consultant of a team serving the municipality (or the current one).
        serving = consultants_for_gemeente(self.inburgeraar.gemeente_id).values("pk")
        self.fields["contact_person"].queryset = User.objects.filter(
            Q(pk__in=serving) | Q(pk=self.instance.contact_person_id)
        ).order_by("first_name", "last_name")
        self.fields["contact_person"].required = True
        self.fields["talks_per_year"].widget.attrs["min"] = MIN_TALKS_PER_YEAR


class MotiveringForm(_ThemeForm):
    theme = Theme.MOTIVERING

    class Meta:
        model = PipVersion
        fields = THEME_FIELDS[Theme.MOTIVERING]
        widgets = {
            "reason_explanation": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "motivation": _(
                "Waarom deze afspraken? Bijvoorbeeld de uitkomst van de leerbaarheidstoets en "
                "wat de inburgeraar in de brede intake vertelde. Deze tekst staat in de "
                "beschikking onder 'Waarom dit besluit'."
            ),
            "reason_explanation": _("Wat verandert er ten opzichte van de vorige versie?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.number == 1:
            del self.fields["reason_explanation"]


THEME_FORMS = {
    Theme.INBURGERING: InburgeringForm,
    Theme.PARTICIPATIE: ParticipatieForm,
    Theme.ONTZORGEN: OntzorgenForm,
    Theme.BEGELEIDING: BegeleidingForm,
    Theme.MOTIVERING: MotiveringForm,
}


class EstablishForm(forms.Form):
    planned_made_known_on = forms.DateField(
        label=_("Verzenddatum"),
        widget=DateInput(),
        help_text=_(
            "De dag waarop de beschikking wordt verzonden of uitgereikt. De laatste dag voor "
            "bezwaar in de brief wordt hiervan berekend."
        ),
    )
    # Issue 13: a date more than 14 days from today is a warning the user confirms.
    dates_confirmed = forms.BooleanField(
        label=_("De data zijn gecontroleerd"),
        required=False,
        help_text=_("Alleen nodig als de verzenddatum ver van vandaag ligt."),
    )
    proceed_reason = forms.CharField(
        label=_("Reden om toch vast te stellen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: vrijgesteld van de leerbaarheidstoets wegens een beperking."),
    )

    def __init__(self, *args, needs_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_reason:
            del self.fields["proceed_reason"]
        else:
            self.fields["proceed_reason"].required = True


class ApproveForm(forms.Form):
    """Issue 13 (four eyes): the approver confirms the dispatch date."""

    planned_made_known_on = forms.DateField(
        label=_("Verzenddatum"),
        widget=DateInput(),
        help_text=_(
            "De dag waarop de beschikking wordt verzonden of uitgereikt. De dagtekening is "
            "vandaag, de dag van de goedkeuring."
        ),
    )
    dates_confirmed = forms.BooleanField(
        label=_("De data zijn gecontroleerd"),
        required=False,
        help_text=_("Alleen nodig als de verzenddatum ver van vandaag ligt."),
    )


class ApprovalRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Wat moet er veranderen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReplacementForm(forms.Form):
    """Issue 13: herroepen en vervangen."""

    explanation = forms.CharField(
        label=_("Wat is er onjuist aan de beschikking?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Bijvoorbeeld: verkeerde verzenddatum, daardoor een onjuiste bezwaartermijn."),
    )


class MadeKnownForm(forms.Form):
    made_known_on = forms.DateField(label=_("Bekendgemaakt op"), widget=DateInput())
    how = forms.ChoiceField(label=_("Hoe"), choices=MadeKnownHow.choices, widget=forms.RadioSelect)


class ProgressTalkForm(forms.Form):
    held_on = forms.DateField(label=_("Datum van het gesprek"), widget=DateInput())
    attendees = forms.MultipleChoiceField(
        label=_("Wie waren erbij?"),
        choices=Attendee.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Met de taalaanbieder erbij is het een 3-gesprek."),
    )
    attendees_other = forms.CharField(
        label=_("Andere aanwezigen"),
        required=False,
        max_length=200,
        help_text=_("Alleen als u 'Iemand anders' aankruist."),
    )
    findings = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea(attrs={"rows": 5}))
    revision_needed = forms.BooleanField(
        label=_("Het PIP moet worden herzien"),
        required=False,
        help_text=_("Er wordt dan een nieuwe conceptversie van het PIP gemaakt."),
    )
    revision_reason = forms.CharField(
        label=_("Wat moet er in het PIP veranderen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtensionRequestForm(forms.Form):
    initiative = forms.ChoiceField(
        label=_("Initiatief"), choices=ExtensionInitiative.choices, widget=forms.RadioSelect
    )
    requested_on = forms.DateField(
        label=_("Aangevraagd op"),
        required=False,
        widget=DateInput(),
        help_text=_("Verplicht bij een aanvraag. Aanvragen kan vanaf zes maanden voor het einde."),
    )
    ground = forms.ChoiceField(
        label=_("Grond"), choices=ExtensionGround.choices, widget=forms.RadioSelect
    )
    ground_explanation = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtensionDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Besluit van DUO"),
        choices=[
            (ExtensionStatus.GRANTED.value, ExtensionStatus.GRANTED.label),
            (ExtensionStatus.REFUSED.value, ExtensionStatus.REFUSED.label),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Datum van het besluit"), widget=DateInput())
    months = forms.IntegerField(
        label=_("Verlenging in maanden"),
        required=False,
        min_value=1,
        max_value=24,
        help_text=_("Bij verlenen verplicht; bij grond b precies 6 maanden."),
    )
    new_last_day = forms.DateField(
        label=_("Nieuwe laatste dag volgens DUO"),
        required=False,
        widget=DateInput(),
        help_text=_("Alleen als DUO in het besluit een datum noemt; anders wordt die berekend."),
    )
    duo_reference = forms.CharField(label=_("Kenmerk besluit DUO"), required=False, max_length=100)
    decision_notes = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DuoDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Geregistreerd op"), widget=DateInput())
    note = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: geregistreerd in het DUO-portaal."),
    )


class DiscardForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom vervalt dit concept?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ThirdPartyRequestForm(forms.Form):
    """REQ D-05 lid 2: information of a third party the PIP waits for."""

    party = forms.CharField(
        label=_("Gevraagd aan"),
        max_length=200,
        help_text=_("Bijvoorbeeld: de huisarts, het UWV of de school."),
    )
    subject = forms.CharField(label=_("Welke informatie"), max_length=300)
    asked_on = forms.DateField(label=_("Gevraagd op"), widget=DateInput())


class ThirdPartyReceivedForm(forms.Form):
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
