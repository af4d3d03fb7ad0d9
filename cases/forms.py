"""Input validation of the case screens. Rules live in services; forms check input."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .constants import ClosingReason, Doelgroep, DuoDoelgroep, Phase
from .models import Household, Inburgeraar, User
from .services import EDITABLE_FIELDS, consultants_for_gemeente
from .validators import PhoneField, PostcodeField, normalise_bsn, validate_bsn
from .workflow import closing_reason_problem, next_phases, requires_closing_reason


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BsnField(forms.CharField):
    """Accepts '1234.56.782' or '123 456 782'; validates the elfproef (REQ C-07)."""

    default_validators = [validate_bsn]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("label", _("BSN"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        return normalise_bsn(super().to_python(value))


class InburgeraarForm(forms.ModelForm):
    bsn = BsnField(help_text=_("9 cijfers; punten en spaties mogen."))
    # Issue 13 item 5: "ABCDEFG" is no postcode and "hallo" no phone number.
    postal_code = PostcodeField(label=_("Postcode"), required=False)
    phone = PhoneField(label=_("Telefoonnummer"), required=False)

    class Meta:
        model = Inburgeraar
        fields = EDITABLE_FIELDS
        widgets = {
            "date_of_birth": DateInput(),
            "linked_on": DateInput(),
            "registered_on": DateInput(),
            "housed_on": DateInput(),
            "duo_notified_on": DateInput(),
        }
        help_texts = {
            "linked_on": _("Datum waarop het COA de asielstatushouder aan de gemeente koppelde."),
            "registered_on": _("Datum van inschrijving in de BRP van de gemeente."),
            "duo_notified_on": _("Datum van de schriftelijke kennisgeving van DUO, als bekend."),
            "interpreter_language": _("Alleen invullen als er een tolk nodig is."),
        }

    def __init__(self, *args, gemeenten, consultants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["household"].queryset = Household.objects.filter(gemeente__in=gemeenten)
        self.fields["doelgroep"].choices = [("", _("Kies …")), *Doelgroep.choices]
        self.fields["duo_doelgroep"].choices = [("", _("Niet bekend")), *DuoDoelgroep.choices]
        if consultants is not None:
            self.fields["consultant"] = forms.ModelChoiceField(
                queryset=consultants,
                label=_("Integratieconsulent"),
                help_text=_("De vaste contactpersoon voor de hele route."),
            )

    def validate_unique(self):
        # The BSN's uniqueness is the service's to answer, without revealing a case outside
        # the user's scope (issue 22, finding 3); the model would name it.
        try:
            self.instance.validate_unique(exclude={*self._get_validation_exclusions(), "bsn"})
        except forms.ValidationError as error:
            self._update_errors(error)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error(
                "interpreter_language", _("Vul de taal van de tolk in als er een tolk nodig is.")
            )
        return cleaned


class BsnSearchForm(forms.Form):
    bsn = BsnField(help_text=_("Het volledige BSN van 9 cijfers."))


class PhaseChangeForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Nieuwe fase"), widget=forms.RadioSelect)
    closing_reason = forms.ChoiceField(
        label=_("Reden van afsluiten"),
        required=False,
        choices=[("", _("Kies …")), *ClosingReason.choices],
        help_text=_("Verplicht bij afronden, verhuizen of beëindigen."),
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Issue 13: closing a case asks for confirmation (only the functioneel beheerder reopens).
    confirm_close = forms.BooleanField(
        label=_("Ik wil het dossier sluiten"),
        required=False,
        help_text=_(
            "Nodig bij afronden, verhuizen of beëindigen. Een gesloten dossier kan alleen de "
            "functioneel beheerder heropenen."
        ),
    )

    def __init__(self, *args, current_phase: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = [
            (value, Phase(value).label) for value in next_phases(current_phase)
        ]

    def clean(self):
        cleaned = super().clean()
        to_phase = cleaned.get("to_phase")
        problem = to_phase and closing_reason_problem(to_phase, cleaned.get("closing_reason", ""))
        if problem:
            self.add_error("closing_reason", problem)
        if to_phase and requires_closing_reason(to_phase) and not cleaned.get("confirm_close"):
            self.add_error(
                "confirm_close",
                _(
                    "Bevestig dat u het dossier wilt sluiten; daarna kan alleen de functioneel "
                    "beheerder het heropenen."
                ),
            )
        return cleaned


class ReopenForm(forms.Form):
    """Issue 13: the functioneel beheerder reopens a case closed in error."""

    reason = forms.CharField(
        label=_("Waarom wordt het dossier heropend?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class HandoverForm(forms.Form):
    to_consultant = forms.ModelChoiceField(queryset=None, label=_("Nieuwe integratieconsulent"))
    reason = forms.CharField(
        label=_("Reden van de overdracht"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, inburgeraar: Inburgeraar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_consultant"].queryset = consultants_for_gemeente(
            inburgeraar.gemeente_id
        ).exclude(pk=inburgeraar.consultant_id)


class _PlausibleUserName:
    """A user name no account can have (longer than the column, or with control characters)
    is answered as any wrong login, audited, and never handed to authentication: django-axes
    would store it in a column too short for it and answer 500 (issue 22, finding 14)."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        limit = User._meta.get_field("username").max_length
        if len(username) > limit or not username.isprintable():
            from . import audit

            audit.login_event(request=self.request, user=None, action="login_failed")
            raise self.get_invalid_login_error()
        return super().clean()


class LoginForm(_PlausibleUserName, AuthenticationForm):
    """The login page's form."""


class AdminLoginForm(_PlausibleUserName, AdminAuthenticationForm):
    """The admin's login form (/beheer/login/)."""
