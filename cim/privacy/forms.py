from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cim.core.forms import StyledFormMixin
from cim.privacy.services import MAX_REASON


class PersonSearchForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de persoon"), max_length=254)


class AnonymiseForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput, max_length=254)
    reason = forms.CharField(
        label=_("Reden"),
        help_text=_("Bijvoorbeeld: verzoek per e-mail van 3 maart 2026. Noem geen naam; die wordt juist gewist."),
        max_length=MAX_REASON,
    )
    confirmed = forms.BooleanField(
        label=_("Ik begrijp dat dit niet ongedaan kan worden gemaakt."),
        required=True,
    )
