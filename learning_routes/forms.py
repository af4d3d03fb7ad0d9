from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput

from .constants import EnrolmentStatus
from .models import Absence, Exam, LearningRoute, ProgressReport, Provider, ProviderMeeting


class DateForm(forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DateInput())


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = [
            "reported_on",
            "period_start",
            "period_end",
            "hours_scheduled",
            "hours_attended",
            "level_lezen",
            "level_luisteren",
            "level_spreken",
            "level_schrijven",
            "knm_progress",
            "remarks",
        ]
        widgets = {
            "reported_on": DateInput(),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "remarks": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        # Said here, so the check constraint behind it (report_period_order) is not reached.
        if start and end and end < start:
            self.add_error("period_end", _("Het einde van de periode ligt vóór het begin."))
        return cleaned


class ExamForm(forms.ModelForm):
    class Meta:
        model = Exam
        fields = ["skill", "level", "exam_on", "result"]
        widgets = {"exam_on": DateInput()}


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["absent_from", "absent_until", "hours", "excused", "reason"]
        widgets = {"absent_from": DateInput(), "absent_until": DateInput()}


class AfschalenForm(forms.Form):
    on = forms.DateField(label=_("Besloten op"), widget=DateInput())
    ground = forms.CharField(
        label=_("Grond"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom B1 niet haalbaar is ondanks voldoende inzet."),  # REQ L-06
    )


class SchakelenForm(forms.Form):
    to_route = forms.ModelChoiceField(
        queryset=LearningRoute.objects.filter(is_active=True), label=_("Naar leerroute")
    )
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.filter(is_active=True),
        label=_("Taalaanbieder"),
        help_text=_("Alleen een aanbieder met een geldig contract voor die route."),
    )
    on = forms.DateField(label=_("Besloten op"), widget=DateInput())
    ground = forms.CharField(label=_("Grond"), widget=forms.Textarea(attrs={"rows": 4}))


class WorklistFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        label=_("Status"),
        choices=[
            ("", _("Aan te melden en aangemeld")),
            (EnrolmentStatus.TO_REGISTER, EnrolmentStatus.TO_REGISTER.label),
            (EnrolmentStatus.REGISTERED, EnrolmentStatus.REGISTERED.label),
            (EnrolmentStatus.STARTED, EnrolmentStatus.STARTED.label),
        ],
    )


class ProviderMeetingForm(forms.ModelForm):
    class Meta:
        model = ProviderMeeting
        fields = ["provider", "held_on", "attendees", "participants", "minutes", "decisions"]
        widgets = {
            "held_on": DateInput(),
            "participants": forms.CheckboxSelectMultiple(),
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "participants": _(
                "Het verslag is te zien voor uw team en voor de medewerkers die u hier aanvinkt."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from cases.constants import Role
        from cases.models import User

        from .permissions import CAN_MEET_PROVIDERS

        roles = [Role(role) for role in CAN_MEET_PROVIDERS]
        self.fields["participants"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=roles)
            .exclude(pk=user.pk)
            .distinct()
            .order_by("first_name", "last_name")
        )
