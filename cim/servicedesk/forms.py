"""Forms of the service desk. They parse; the rules live in the services."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cim.core.forms import Form, ModelForm
from cim.servicedesk.conversation import MAX_ATTACHMENTS, MAX_BODY, MAX_SUBJECT, ThreadStatus, valid_question_key
from cim.servicedesk.models import Announcement, GuidanceItem, Suggestion
from cim.servicedesk.models.announcements import MAX_ANNOUNCEMENT
from cim.servicedesk.models.suggestions import MAX_SUGGESTION


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files; the documents themselves are checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:  # type: ignore[override]
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("Voeg hoogstens %(n)s bijlagen toe.") % {"n": MAX_ATTACHMENTS})
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _attachments_field() -> MultipleFileField:
    return MultipleFileField(
        label=_("Bijlagen"),
        help_text=_("Hoogstens 3 bestanden: PDF, Word (DOCX), Excel (XLSX) of ODT, elk hoogstens 10 MB."),
    )


def _body_field(label: Any, max_length: int = MAX_BODY) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "max_length": _("Uw tekst is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
            "required": _("Schrijf een bericht."),
        },
    )


def new_token() -> str:
    return str(uuid.uuid4())


class _OnBehalfForm(Form):
    """On behalf of which participation, about which scan question, from which page."""

    participation = forms.TypedChoiceField(label=_("Namens"), coerce=int)
    question_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput())
    origin = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput())
    token = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput())

    def __init__(self, *args: Any, participations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(p.pk, f"{p.organisation} – {p.edition}") for p in participations]
        if len(participations) == 1:
            field.initial = participations[0].pk
            field.widget = forms.HiddenInput()

    def clean_question_key(self) -> str:
        key = self.cleaned_data.get("question_key", "").strip()
        if key and not valid_question_key(key):
            raise forms.ValidationError(_("De vraag uit de scan waarover u iets vraagt, is niet herkend."))
        return key


class AskForm(_OnBehalfForm):
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=MAX_SUBJECT,
        error_messages={"required": _("Vul een onderwerp in.")},
    )
    body = _body_field(_("Uw vraag"))
    attachments = _attachments_field()


class ReplyForm(Form):
    body = _body_field(_("Uw reactie"))
    attachments = _attachments_field()
    seen = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput())
    token = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput())


class StaffReplyForm(ReplyForm):
    close = forms.BooleanField(label=_("Gesprek na dit antwoord sluiten"), required=False)


class StaffNoteForm(ReplyForm):
    pass


class AssignForm(Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Toewijzen aan"), queryset=None, required=False, empty_label=_("niemand")
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from cim.accounts.models import User

        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[c.pk for c in colleagues]).order_by("name")
        field.label_from_instance = lambda u: str(u.display_name)  # type: ignore[method-assign,assignment]


QUEUE_STATUS_CHOICES = [
    ("open", _("Open (niet gesloten)")),
    *[(s.value, s.label) for s in ThreadStatus],
    ("all", _("Alle")),
]


class QueueFilterForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=QUEUE_STATUS_CHOICES, required=False)
    assigned = forms.ChoiceField(
        label=_("Toegewezen"),
        choices=[("", _("Iedereen")), ("me", _("Aan mij")), ("none", _("Aan niemand"))],
        required=False,
    )
    edition = forms.TypedChoiceField(label=_("Editie"), coerce=int, required=False, empty_value=None)
    q = forms.CharField(label=_("Zoeken"), max_length=100, required=False)

    def __init__(self, *args: Any, editions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["edition"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Alle edities")), *[(e.pk, str(e)) for e in editions]]


class SuggestionForm(_OnBehalfForm):
    body = _body_field(_("Uw suggestie"), MAX_SUGGESTION)


class SuggestionDecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (Suggestion.Status.ACCEPTED, _("Overnemen voor de volgende editie")),
            (Suggestion.Status.DECLINED, _("Niet overnemen")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden (de gemeente ziet deze)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als u de suggestie niet overneemt."),
    )


class AnnouncementForm(ModelForm):
    class Meta:
        model = Announcement
        fields = ["edition", "title", "title_en", "body", "body_en"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10}), "body_en": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args: Any, editions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["edition"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = editions
        for name in ("body", "body_en"):
            self.fields[name].max_length = MAX_ANNOUNCEMENT  # type: ignore[attr-defined]


class GuidanceItemForm(ModelForm):
    class Meta:
        model = GuidanceItem
        fields = ["programme", "kind", "topic", "title", "title_en", "body", "body_en", "position"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12}), "body_en": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = programmes
        if programmes.count() == 1:
            field.initial = programmes.first()
            field.widget = forms.HiddenInput()
        self.fields["topic"].help_text = _(
            "Bij de handleiding: onder 'zo worden de scores berekend' verschijnt een link naar de uitleg van de methode."
        )
