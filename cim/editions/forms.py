from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cim.core.forms import DateInput, DateTimeInput, Form, ModelForm, choice_field, model_choice_field
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, FeedbackMoment, Participation, Programme
from cim.organisations.models import Organisation


class EditionForm(ModelForm):
    programme = forms.ModelChoiceField(label=_("Programma"), queryset=Programme.objects.none())

    class Meta:
        model = Edition
        fields = [
            "programme",
            "year",
            "title",
            "title_en",
            "opens_at",
            "submission_deadline",
            "closing_meeting_date",
        ]
        widgets = {
            "opens_at": DateTimeInput(),
            "submission_deadline": DateTimeInput(),
            "closing_meeting_date": DateInput(),
        }

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "programme").queryset = (
            programmes if programmes is not None else Programme.objects.none()
        )
        if self.instance.pk:
            del self.fields["programme"]
            self.fields["year"].disabled = True
        elif programmes is not None and programmes.count() == 1:
            self.fields["programme"].initial = programmes.first()
            self.fields["programme"].widget = forms.HiddenInput()


class FeedbackMomentForm(ModelForm):
    class Meta:
        model = FeedbackMoment
        fields = ["date", "kind", "description", "description_en"]
        widgets = {"date": DateInput()}


class StatusForm(Form):
    """One step in an edition's life, confirmed on its own page. `from_status` is the status the
    person saw: a stale or repeated submit is refused; a POST without it did not come from the
    confirmation page and changes nothing."""

    to_status = forms.ChoiceField(choices=EditionStatus.choices, widget=forms.HiddenInput())
    from_status = forms.ChoiceField(choices=EditionStatus.choices, widget=forms.HiddenInput())
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt in het auditlog. Verplicht als de stap afwijkt van de planning."),
    )
    new_deadline = forms.DateTimeField(
        label=_("Nieuwe inleverdatum"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Alleen bij heropenen; verplicht als de inleverdatum al voorbij is."),
    )

    def __init__(self, *args: Any, reopening: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not reopening:
            del self.fields["new_deadline"]


class ParticipationAddForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies een organisatie"),
    )
    codes = forms.CharField(
        label=_("Of: een lijst CBS-codes"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Gescheiden door spaties, komma's of regels, bijvoorbeeld: GM0202 GM0197 0200."),
    )
    takes_monitor = forms.BooleanField(label=_("Doet mee aan de monitor"), required=False, initial=True)
    takes_masterclasses = forms.BooleanField(label=_("Doet mee aan de masterclasses"), required=False, initial=True)
    contact_name = forms.CharField(
        label=_("Naam penvoerder"),
        max_length=150,
        required=False,
        help_text=_("Alleen bij één organisatie."),
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres penvoerder"),
        required=False,
        help_text=_("Hierheen kan de inlogcode worden gestuurd."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = Organisation.objects.filter(is_active=True).exclude(
            kind=Organisation.Kind.OTHER
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not (data.get("codes") or "").strip():
            raise forms.ValidationError(_("Kies een organisatie of vul CBS-codes in."))
        if data.get("organisation") and (data.get("codes") or "").strip():
            raise forms.ValidationError(_("Kies óf één organisatie óf een lijst codes, niet allebei."))
        if not data.get("takes_monitor") and not data.get("takes_masterclasses"):
            raise forms.ValidationError(_("Kies de monitor, de masterclasses of beide."))
        return data


class ParticipationEditForm(ModelForm):
    reason = forms.CharField(label=_("Reden van de wijziging"), max_length=300, required=False)

    class Meta:
        model = Participation
        fields = [
            "takes_monitor",
            "takes_masterclasses",
            "contact_name",
            "contact_email",
            "deadline_extended_to",
        ]
        widgets = {"deadline_extended_to": DateTimeInput()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "deadline_extended_to" in self.changed_data and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden op voor het verlengen van de inleverdatum."))
        return data


class BulkCodesForm(Form):
    SCOPE_WITHOUT = "without"
    SCOPE_ALL = "all"
    scope = forms.ChoiceField(
        label=_("Voor welke deelnemers"),
        choices=[
            (SCOPE_WITHOUT, _("Alleen deelnemers zonder penvoerder en zonder geldige code")),
            (SCOPE_ALL, _("Alle deelnemers zonder penvoerder (bestaande codes vervallen)")),
        ],
        widget=forms.RadioSelect,
        initial=SCOPE_WITHOUT,
    )
    delivery = forms.ChoiceField(
        label=_("Hoe"),
        choices=[
            ("csv", _("Download als CSV voor een mailing")),
            ("email", _("Direct e-mailen naar het bekende contactadres")),
        ],
        widget=forms.RadioSelect,
        initial="csv",
    )


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class HandoverForm(Form):
    member = forms.ChoiceField(label=_("Nieuwe penvoerder"))
    reason = forms.CharField(label=_("Reden"), max_length=300)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "member").choices = [(str(pk), label) for pk, label in candidates]


class RedeemForm(Form):
    code = forms.CharField(
        label=_("Inlogcode"),
        max_length=40,
        help_text=_("20 letters, in groepen van vier. Hoofd- of kleine letters maakt niet uit."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


class ApplicationForm(Form):
    edition = forms.ModelChoiceField(label=_("Editie"), queryset=Edition.objects.none(), empty_label=None)
    organisation = forms.ModelChoiceField(
        label=_("Uw organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies uw organisatie"),
    )
    contact_name = forms.CharField(label=_("Uw naam"), max_length=150)
    contact_email = forms.EmailField(label=_("Uw e-mailadres"))
    contact_function = forms.CharField(label=_("Uw functie"), max_length=150, required=False)
    takes_monitor = forms.BooleanField(label=_("Wij willen meedoen aan de monitor"), required=False, initial=True)
    takes_masterclasses = forms.BooleanField(
        label=_("Wij willen meedoen aan de masterclasses"), required=False, initial=True
    )
    message = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Honeypot: invisible to people, filled in by bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200)

    def __init__(self, *args: Any, editions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "edition").queryset = editions
        model_choice_field(self, "organisation").queryset = Organisation.objects.filter(is_active=True).exclude(
            kind=Organisation.Kind.OTHER
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("takes_monitor") and not data.get("takes_masterclasses"):
            raise forms.ValidationError(_("Kies de monitor, de masterclasses of beide."))
        return data


class InvitationForm(Form):
    name = forms.CharField(label=_("Naam van uw collega"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres van uw collega"))
    sections = forms.MultipleChoiceField(
        label=_("Onderdelen die uw collega mag invullen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kiest u niets, dan mag uw collega alle onderdelen invullen. De andere onderdelen kan uw collega wel lezen."
        ),
    )

    def __init__(self, *args: Any, section_choices: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if section_choices:
            choice_field(self, "sections").choices = section_choices
        else:
            del self.fields["sections"]
