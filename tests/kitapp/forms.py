from django import forms

from cases.forms import DateInput


class WerkafspraakForm(forms.Form):
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea)
    start_op = forms.DateField(label="Start op", widget=DateInput())
