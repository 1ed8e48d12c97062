from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cim.core.forms import DateTimeInput, Form, ModelForm
from cim.events import rules
from cim.events.models import Event, Session
from cim.events.services.programme import EVENT_FIELDS
from cim.events.services.registrations import Person, ProjectText
from cim.organisations.models import Organisation

CHATHAM_LABEL = _(
    "Ik aanvaard de Chatham House Rule: ik gebruik wat er wordt gedeeld zonder de identiteit, de organisatie of de specifieke situatie van sprekers en deelnemers te noemen."
)
CHATHAM_LABEL_COLLEAGUE = _(
    "Mijn collega kent en aanvaardt de Chatham House Rule: wat er wordt gedeeld, wordt gebruikt zonder de identiteit, de organisatie of de specifieke situatie van sprekers en deelnemers te noemen."
)


def _line(value: str, label: Any, max_length: int, required: bool) -> str:
    try:
        return rules.clean_text_line(value, label=str(label), max_length=max_length, required=required)
    except rules.RuleBroken as exc:
        raise forms.ValidationError(exc.message) from exc


class PersonFields(Form):
    """Name, e-mail, function, dietary wishes (when lunch is served), language, consent, Chatham."""

    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    function = forms.CharField(label=_("Functie"), max_length=150, required=False)
    dietary = forms.CharField(
        label=_("Dieetwensen of allergieën"),
        max_length=300,
        required=False,
        help_text=_("Bij deze bijeenkomst is de lunch inbegrepen."),
    )
    language = forms.ChoiceField(
        label=_("Taal van de e-mails"), choices=[("nl", "Nederlands"), ("en", "English")], initial="nl"
    )
    listed_consent = forms.BooleanField(
        label=_("Naam en organisatie mogen op de deelnemerslijst die de deelnemers krijgen"), required=False
    )
    accepts_chatham = forms.BooleanField(label=CHATHAM_LABEL)
    join_waitlist = forms.BooleanField(
        label=_("Zet mij op de wachtlijst als de sessie vol is"),
        required=False,
        help_text=_("Komt er een plaats vrij, dan krijgt u een e-mail met een aanbod dat een beperkte tijd geldig is."),
    )

    def __init__(self, *args: Any, event: Event, full: bool, colleague: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        if not event.lunch:
            del self.fields["dietary"]
        if not full:
            del self.fields["join_waitlist"]
        if colleague:
            self.fields["name"].label = _("Naam van uw collega")
            self.fields["email"].label = _("E-mailadres van uw collega")
            self.fields["accepts_chatham"].label = CHATHAM_LABEL_COLLEAGUE
            if "join_waitlist" in self.fields:
                self.fields["join_waitlist"].label = _("Zet mijn collega op de wachtlijst als de sessie vol is")
        self.fields["accepts_chatham"].error_messages["required"] = _(
            "Aanmelden kan alleen als de Chatham House Rule wordt aanvaard."
        )

    def clean_name(self) -> str:
        return _line(self.cleaned_data.get("name", ""), self.fields["name"].label, 150, True)

    def clean_function(self) -> str:
        return _line(self.cleaned_data.get("function", ""), self.fields["function"].label, 150, False)

    def clean_dietary(self) -> str:
        return _line(self.cleaned_data.get("dietary", ""), self.fields["dietary"].label, 300, False)

    def person(self) -> Person:
        data = self.cleaned_data
        return Person(
            name=data["name"],
            email=data["email"],
            function=data.get("function", ""),
            dietary=data.get("dietary", ""),
            language=data.get("language", "nl"),
            listed_consent=data.get("listed_consent", False),
            accepts_chatham=data.get("accepts_chatham", False),
        )

    def show_waitlist(self) -> None:
        """After a 'session is full' answer: offer the waiting list on the redisplayed form."""
        if "join_waitlist" not in self.fields:
            field = copy.deepcopy(PersonFields.base_fields["join_waitlist"])
            field.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
            self.fields["join_waitlist"] = field


class MemberRegistrationForm(PersonFields):
    """The penvoerder registers a colleague (or themselves); a colleague uses the shared link."""

    is_companion = forms.BooleanField(
        label=_("Deed mee aan masterclass 1 en gaat mee als begeleider van collega's"),
        required=False,
        help_text=_("Begeleiders tellen niet mee voor het maximum van drie per gemeente."),
    )
    project_title = forms.CharField(label=_("Titel van het project dat uw gemeente inbrengt"), max_length=200)
    project_description = forms.CharField(
        label=_("Korte beschrijving van het project"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )

    field_order = ["name", "email", "function", "dietary", "language", "is_companion", "project_title"]

    def __init__(self, *args: Any, needs_project: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.event.companions_from_mc1:
            del self.fields["is_companion"]
        if not needs_project:
            del self.fields["project_title"]
            del self.fields["project_description"]

    def clean_project_title(self) -> str:
        return _line(self.cleaned_data.get("project_title", ""), self.fields["project_title"].label, 200, True)

    def project(self) -> ProjectText | None:
        if "project_title" not in self.fields:
            return None
        return ProjectText(self.cleaned_data["project_title"], self.cleaned_data["project_description"])


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return session_label(obj)


ORGANISATION_KINDS = [("", _("Kies het soort organisatie")), *Organisation.Kind.choices]


class PublicRegistrationForm(PersonFields):
    """New interested people from decentralised governments register for the closing meeting."""

    session = SessionChoiceField(
        label=_("Sessie"), queryset=Session.objects.none(), empty_label=None, widget=forms.RadioSelect
    )
    organisation_name = forms.CharField(label=_("Uw organisatie"), max_length=200)
    organisation_kind = forms.ChoiceField(
        label=_("Soort organisatie"),
        choices=ORGANISATION_KINDS,
        error_messages={"required": _("Kies het soort organisatie waar u werkt.")},
    )
    # Honeypot: invisible to people, filled in by bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200)

    field_order = ["session", "name", "email", "function", "organisation_name", "organisation_kind"]

    def __init__(self, *args: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["session"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sessions
        if sessions.count() == 1:
            field.initial = sessions.first()
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_organisation_name(self) -> str:
        return _line(self.cleaned_data.get("organisation_name", ""), self.fields["organisation_name"].label, 200, True)


def session_label(session: Session) -> str:
    from django.utils import formats, timezone

    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    when = formats.date_format(start, "l j F Y, H:i") + "–" + formats.time_format(end, "H:i")
    return f"{when} · {session.where}"


class ProjectForm(Form):
    title = forms.CharField(label=_("Titel van het project"), max_length=200)
    description = forms.CharField(
        label=_("Korte beschrijving van het project"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )


class EventForm(ModelForm):
    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)
        widgets = {
            "audience": forms.Textarea(attrs={"rows": 2}),
            "audience_en": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "description_en": forms.Textarea(attrs={"rows": 8}),
        }


class SessionForm(ModelForm):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "location", "online_url", "capacity"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(Form):
    reason = forms.CharField(label=_("Reden (niet verplicht)"), max_length=300, required=False)
