"""Input validation of the intake screens. Rules live in services; forms check input."""

from datetime import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import Doelgroep
from cases.forms import DateInput
from cases.services import consultants_for_gemeente

from .constants import ConversationStatus, ExemptionGround, SessionStatus, ToetsResult
from .models import AssessmentLevel, BredeIntake, IntakeConversation, Location
from .services import AFTER_COMPLETION_FIELDS, CONVERSATION_FIELDS, SECTION_FIELDS


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


YES_NO_UNKNOWN = [("ja", _("Ja")), ("nee", _("Nee")), ("", _("Nog niet bekend"))]


class YesNoUnknownField(forms.TypedChoiceField):
    """A nullable boolean as three radio buttons: ja / nee / nog niet bekend."""

    def __init__(self, *, unknown_label=None, **kwargs):
        choices = list(YES_NO_UNKNOWN)
        if unknown_label:
            choices[2] = ("", unknown_label)
        super().__init__(
            choices=choices,
            coerce=lambda value: {"ja": True, "nee": False}.get(value),
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value):
        if value is True:
            return "ja"
        if value is False:
            return "nee"
        return value or ""


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


class ConversationForm(forms.ModelForm):
    """REQ I-03, I-09: plan a conversation, or record how it went and who attended."""

    class Meta:
        model = IntakeConversation
        fields = CONVERSATION_FIELDS
        widgets = {
            "status": forms.RadioSelect,
            "scheduled_on": DateInput(),
            "starts_at": TimeInput(),
            "invitation_sent_on": DateInput(),
            "respond_by": DateInput(),
            "warning_sent_on": DateInput(),
            "coa_presence": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "status": _("Plan een gesprek vooruit, of leg vast hoe een gesprek is gegaan."),
            "invitation_sent_on": _("De datum van de brief waarmee de inburgeraar is uitgenodigd."),
            "respond_by": _(
                "De termijn uit de uitnodiging: de laatste dag waarop de inburgeraar moet "
                "verschijnen (artikel 14 lid 1 Wet inburgering 2021)."
            ),
            "cooperated_insufficiently": _(
                "De inburgeraar was er wel, maar werkte onvoldoende mee; dat telt als een "
                "oproep zonder resultaat."
            ),
            "warning_sent_on": _(
                "Alleen bij niet verschenen of onvoldoende meegewerkt: de datum van de "
                "schriftelijke waarschuwing."
            ),
            "notes": _(
                "Wat is besproken. Gezondheid hoort niet hier maar bij de levensdomeinen "
                "11 en 12: die zijn alleen zichtbaar voor u en de teamleider."
            ),
            "interpreter_language": _("Leeg: er was geen tolk."),
            "cancel_reason": _("Alleen bij afgezegd of verzet."),
        }

    def __init__(self, *args, inburgeraar, can_record_content: bool, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["location"].queryset = Location.objects.valid_on(today).order_by("name")
        self.fields["consultant"].queryset = consultants_for_gemeente(inburgeraar.gemeente_id)
        self.fields["consultant"].required = True
        if not self.instance.pk:
            self.fields["consultant"].initial = inburgeraar.consultant_id
            if inburgeraar.interpreter_needed:
                self.fields["interpreter_language"].initial = inburgeraar.interpreter_language
        attendees = [
            "coa_presence",
            "vluchtelingenwerk_present",
            "interpreter_language",
            "other_attendees",
            "held_alone",
        ]
        if inburgeraar.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
            del self.fields["coa_presence"]
            attendees.remove("coa_presence")
        if not can_record_content:
            # Administratie plans and records attendance, not the content of a conversation.
            self.fields["status"].choices = [
                c for c in ConversationStatus.choices if c[0] != ConversationStatus.HELD
            ]
            for name in [*attendees, "notes", "cooperated_insufficiently"]:
                del self.fields[name]
            attendees = []
        appointment = Fieldset(
            _("Afspraak"),
            "status",
            Row(Column("scheduled_on"), Column("starts_at")),
            Row(Column("location"), Column("consultant")),
            Row(Column("invitation_sent_on"), Column("respond_by")),
        )
        sections = [appointment]
        if attendees:
            sections.append(Fieldset(_("Aanwezigen"), *attendees))
            sections.append(
                Fieldset(
                    _("Verloop"),
                    "notes",
                    "cooperated_insufficiently",
                    "warning_sent_on",
                    "cancel_reason",
                )
            )
        else:
            sections.append(Fieldset(_("Verloop"), "warning_sent_on", "cancel_reason"))
        self.helper = _helper(*sections)


class DomainForm(forms.Form):
    """One life domain on the one-page form (REQ I-01). The prefix is the domain code."""

    level = forms.ModelChoiceField(
        queryset=AssessmentLevel.objects.none(),
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
        label=_("Beoordeling"),
    )
    notes = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action_needed = forms.BooleanField(label=_("Actie nodig"), required=False)
    follow_up = forms.CharField(label=_("Vervolgactie"), required=False, max_length=300)
    follow_up_on = forms.DateField(label=_("Uiterlijk op"), required=False, widget=DateInput())

    def __init__(self, *args, domain, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.domain = domain
        self.fields["level"].queryset = levels

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action_needed") and not (cleaned.get("follow_up") or "").strip():
            self.add_error("follow_up", _("Vul de vervolgactie in als er actie nodig is."))
        return cleaned


class IntakeQuestionsForm(forms.Form):
    """Questions on the domains page that steer VVE (REQ I-01) and the advice (REQ I-07)."""

    young_children = YesNoUnknownField(
        label=_("Zijn er jonge kinderen (0 tot en met 5 jaar) in het gezin?"),
        help_text=_("Bij jonge kinderen is het onderwerp VVE verplicht."),
    )
    wants_further_education = YesNoUnknownField(
        label=_("Wil de inburgeraar een vervolgopleiding volgen (mbo, hbo of wo)?"),
        help_text=_("Telt mee in het advies over de leerroute."),
    )


class _SectionForm(forms.ModelForm):
    section = ""

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if locked:
            for name, form_field in self.fields.items():
                if name not in AFTER_COMPLETION_FIELDS:
                    form_field.disabled = True


class AgreementsForm(_SectionForm):
    """REQ I-02: rechten & plichten, verwachtingen, the right to a conversation alone."""

    section = "afspraken"
    alone_conversation_wanted = YesNoUnknownField(
        label=_("Wil de inburgeraar een gesprek alleen?"), unknown_label=_("Nog niet gevraagd")
    )

    class Meta:
        model = BredeIntake
        fields = SECTION_FIELDS["afspraken"]
        widgets = {
            "rights_duties_explained_on": DateInput(),
            "rights_duties_notes": forms.Textarea(attrs={"rows": 3}),
            "expectations_person": forms.Textarea(attrs={"rows": 4}),
            "expectations_gemeente": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "rights_duties_notes": _(
                "Bijvoorbeeld: de inburgeringsplicht, de termijn van drie jaar, meewerken aan "
                "het PIP, boetes bij niet meewerken."
            ),
            "expectations_gemeente": _(
                "Wat de gemeente van de inburgeraar verwacht, zoals meedoen aan activiteiten en "
                "de voorinburgering."
            ),
            "alone_right_told": _(
                "De inburgeraar mag (een deel van) de brede intake alleen voeren, zonder partner "
                "of familie."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Fieldset(_("Rechten en plichten"), "rights_duties_explained_on", "rights_duties_notes"),
            Fieldset(_("Verwachtingen"), "expectations_person", "expectations_gemeente"),
            Fieldset(_("Gesprek alleen"), "alone_right_told", "alone_conversation_wanted"),
        )


class CoaForm(_SectionForm):
    """REQ I-02, D-02, I-04: warme overdracht COA and the travel-cost claim."""

    section = "coa"
    coa_joins_opvang_activities = YesNoUnknownField(
        label=_("Doet mee aan de activiteiten op de opvang")
    )
    coa_joins_voorinburgering = YesNoUnknownField(label=_("Doet mee aan de voorinburgering"))
    # A text box that takes "23,40" (Dutch decimal comma); a number box would not everywhere.
    travel_claim_amount = forms.DecimalField(
        label=_("Bedrag reiskosten"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("In euro's, bijvoorbeeld 23,40."),
    )

    class Meta:
        model = BredeIntake
        fields = SECTION_FIELDS["coa"]
        widgets = {
            "coa_notes": forms.Textarea(attrs={"rows": 4}),
            "coa_meeting_on": DateInput(),
            "travel_claim_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Fieldset(
                _("Warme overdracht"),
                "coa_joins_opvang_activities",
                "coa_joins_voorinburgering",
                "coa_notes",
                "coa_meeting_on",
            ),
            Fieldset(
                _("Reiskosten naar de intake (vergoed door het COA)"),
                Row(Column("travel_claim_on"), Column("travel_claim_amount")),
                "travel_claim_note",
            ),
        )


class ReportForm(_SectionForm):
    """REQ I-02, I-05: the written report and the wegwijzer."""

    section = "verslag"

    class Meta:
        model = BredeIntake
        fields = SECTION_FIELDS["verslag"]
        widgets = {
            "report": forms.Textarea(attrs={"rows": 14}),
            "wegwijzer_handed_on": DateInput(),
        }
        help_texts = {
            "report": _(
                "Het verslag is zichtbaar voor iedereen die het dossier mag inzien. Schrijf "
                "gezondheidsgegevens alleen bij de levensdomeinen 11 en 12."
            ),
            "wegwijzer_handed_on": _("De A5-wegwijzer wordt na de brede intake uitgereikt."),
        }


class WithoutPersonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Waarom de intake zonder de inburgeraar wordt afgerond en op welke informatie het "
            "verslag berust."
        ),
    )


class DuoForm(forms.Form):
    duo_ready_on = forms.DateField(
        label=_("Klaargezet in het DUO-portaal op"),
        required=False,
        widget=DateInput(),
        help_text=_("De toets staat daarna twaalf maanden open."),
    )


class SessionForm(forms.Form):
    """REQ I-06: plan a sitting: day, time, werkcentrum, device, toetsbegeleider."""

    day = forms.DateField(label=_("Datum"), widget=DateInput())
    starts = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    ends = forms.TimeField(label=_("Eindtijd"), widget=TimeInput())
    location = forms.ModelChoiceField(queryset=None, label=_("Werkcentrum"))
    device = forms.ModelChoiceField(queryset=None, label=_("Device"))
    toetsbegeleider = forms.ModelChoiceField(
        queryset=None,
        label=_("Toetsbegeleider"),
        help_text=_("Alleen toetsbegeleiders die door Bureau ICE zijn getraind."),
    )
    invitation_sent_on = forms.DateField(
        label=_("Uitnodiging verstuurd op"), required=False, widget=DateInput()
    )
    notes = forms.CharField(label=_("Opmerking"), required=False, max_length=300)

    def __init__(self, *args, locations, devices, toetsbegeleiders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations
        self.fields["device"].queryset = devices
        self.fields["toetsbegeleider"].queryset = toetsbegeleiders
        only = list(locations[:2])
        if len(only) == 1 and not self.is_bound:
            self.fields["location"].initial = only[0].pk
        self.helper = _helper(
            Row(Column("day"), Column("starts"), Column("ends")),
            "location",
            Row(Column("device"), Column("toetsbegeleider")),
            "invitation_sent_on",
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, starts))
            cleaned["ends_at"] = timezone.make_aware(datetime.combine(day, ends))
            # Issue 13 item 5: the message says what is wrong (it said the opposite).
            if ends < starts:
                self.add_error(
                    "ends",
                    _("De eindtijd ligt vóór de begintijd; kies een eindtijd na de begintijd."),
                )
            elif ends == starts:
                self.add_error(
                    "ends",
                    _("De eindtijd is gelijk aan de begintijd; kies een eindtijd na de begintijd."),
                )
        return cleaned

    def service_data(self) -> dict:
        keys = (
            "starts_at",
            "ends_at",
            "location",
            "device",
            "toetsbegeleider",
            "invitation_sent_on",
            "notes",
        )
        return {key: self.cleaned_data.get(key) for key in keys}


class SessionOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Hoe is de afname gegaan?"),
        widget=forms.RadioSelect,
        choices=[c for c in SessionStatus.choices if c[0] != SessionStatus.PLANNED],
    )
    notes = forms.CharField(label=_("Opmerking"), required=False, max_length=300)


class SessionCorrectionForm(forms.Form):
    """Issue 13: correct the outcome of a sitting recorded in error."""

    status = forms.ChoiceField(
        label=_("Wat is er werkelijk met de afname gebeurd?"),
        widget=forms.RadioSelect,
        choices=[c for c in SessionStatus.choices if c[0] != SessionStatus.PLANNED],
    )
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ResultForm(forms.Form):
    """REQ I-07: the result as DUO's portal shows it: the uitslag and the achieved and the
    required score, with a decimal comma (28,50)."""

    taken_on = forms.DateField(label=_("Afgenomen op"), widget=DateInput())
    result_on = forms.DateField(
        label=_("Uitslag bekend op"),
        widget=DateInput(),
        help_text=_("De uitslag is 48 uur na de afname zichtbaar in het DUO-portaal."),
    )
    duo_result = forms.ChoiceField(
        label=_("Uitslag volgens DUO"),
        widget=forms.RadioSelect,
        choices=ToetsResult.choices,
    )
    score = forms.DecimalField(
        label=_("Behaalde score"),
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_("Zoals DUO hem geeft, bijvoorbeeld 28,50. Mag leeg bij de uitslag Onbekend."),
    )
    required_score = forms.DecimalField(
        label=_("Benodigde score"),
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_(
            "De grenswaarde die DUO bij de uitslag geeft. Leeg: dan geldt de cesuur die de "
            "functioneel beheerder voor de dag van de afname heeft vastgelegd."
        ),
    )

    exam_number = forms.CharField(
        label=_("Examennummer DUO"),
        required=False,
        max_length=40,
        help_text=_(
            "Staat de uitslag al bij DUO (met examennummer)? Vul het nummer in; dan geldt de "
            "wachttijd van 48 uur niet."
        ),
    )
    correction_reason = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("De oude uitslag blijft bewaard in de geschiedenis."),
    )

    def __init__(self, *args, taken_on=None, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        if taken_on is not None:
            del self.fields["taken_on"]
        if not correcting:
            del self.fields["correction_reason"]


class ExemptionForm(forms.Form):
    """REQ I-07 (Wi art. 14 lid 6): ontheffing of the leerbaarheidstoets."""

    exempted_on = forms.DateField(label=_("Ontheffing verleend op"), widget=DateInput())
    exemption_ground = forms.ChoiceField(
        label=_("Grond"), widget=forms.RadioSelect, choices=ExemptionGround.choices
    )
    not_able = forms.BooleanField(
        label=_("De inburgeraar wordt niet in staat geacht de toets af te leggen"),
        required=False,
        help_text=_("Verplicht bij een auditieve beperking (artikel 14 lid 6 onder b Wi)."),
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
