from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ConsentForm(forms.Form):
    named = forms.TypedChoiceField(
        label=_("Mag de Top 10 uw organisatie noemen?"),
        choices=[
            ("1", _("Ja, noem onze organisatie als wij in de Top 10 staan.")),
            ("0", _("Nee, toon ons als 'anonieme gemeente'.")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of de Top 10 uw organisatie mag noemen."),
            "invalid_choice": _("Kies 'ja' of 'nee'."),
        },
    )


class PublishForm(forms.Form):
    checksum = forms.RegexField(
        regex=r"^[0-9a-f]{64}$",
        max_length=64,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Bekijk de ranglijst opnieuw en maak hem dan bekend."),
            "invalid": _("Bekijk de ranglijst opnieuw en maak hem dan bekend."),
        },
    )
