from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cim.cases.models import Material, Project, Tag
from cim.cases.selectors import Owner
from cim.cases.text import MAX_TEXT_LENGTH
from cim.cases.vocabulary import Phase, TagKind
from cim.core.forms import DateInput, Form, ModelForm, model_choice_field
from cim.editions.models import Programme

TEXT_HELP = _(
    "Gewone tekst. Een lege regel begint een nieuwe alinea; regels die met - beginnen worden een opsomming; **vet** en *schuin* mogen."
)


class OwnerField(forms.ChoiceField):
    """On whose behalf: one of the actor's organisations (or, for staff, the programme)."""

    def __init__(self, owners: list[Owner], **kwargs: Any) -> None:
        single = len(owners) == 1
        super().__init__(choices=[(o.key, o.label) for o in owners], label=_("Namens"), required=not single, **kwargs)
        self.owners = {o.key: o for o in owners}
        self.only: Owner | None = owners[0] if single else None  # nothing to choose: the only owner
        if single:
            self.initial = owners[0].key
            self.widget = forms.HiddenInput()


class OwnerMixin:
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_owner(self, owners: list[Owner] | None) -> None:
        if owners is not None:
            self.fields = {"owner": OwnerField(owners), **self.fields}

    @property
    def owner(self) -> Owner:
        field = self.fields["owner"]
        assert isinstance(field, OwnerField)
        return field.only or field.owners[self.cleaned_data["owner"]]


def _tags_field(kind: str, label: Any) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Tag.objects.filter(kind=kind),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class TagFieldsMixin:
    """Three groups of checkboxes (category, perspective, theme) that together are the tags."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    TAG_FIELDS = ("categories", "perspectives", "themes")

    def add_tag_fields(self, initial: list[Tag] | None = None) -> None:
        self.fields["categories"] = _tags_field(TagKind.CATEGORY, _("Inkoopcategorie"))
        self.fields["perspectives"] = _tags_field(TagKind.PERSPECTIVE, _("Perspectief"))
        self.fields["themes"] = _tags_field(TagKind.THEME, _("Thema"))
        if initial is not None:
            for name, kind in zip(self.TAG_FIELDS, TagKind.values, strict=True):
                self.fields[name].initial = [t.pk for t in initial if t.kind == kind]

    @property
    def tags(self) -> list[Tag]:
        return [tag for name in self.TAG_FIELDS for tag in self.cleaned_data.get(name) or []]


class ProjectForm(OwnerMixin, ModelForm):
    phase_note = forms.CharField(
        label=_("Toelichting bij een nieuwe fase"),
        required=False,
        max_length=300,
        help_text=_("Komt in de tijdlijn van het project, bijvoorbeeld: marktconsultatie afgerond met vijf partijen."),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "category",
            "perspective",
            "phase",
            "phase_note",
            "planned_tender_date",
            "ambition",
            "partners",
            "success_factors",
            "obstacles_risks",
        ]
        widgets = {
            "planned_tender_date": DateInput(),
            "ambition": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "success_factors": forms.Textarea(attrs={"rows": 3}),
            "obstacles_risks": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "ambition": _("Wat wilt u met dit project bereiken op het gebied van circulariteit?"),
            "partners": _("Met wie werkt u samen: afdelingen, andere overheden, marktpartijen."),
        }

    def __init__(self, *args: Any, owners: list[Owner] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "category").queryset = Tag.objects.filter(kind=TagKind.CATEGORY)
        model_choice_field(self, "category").empty_label = _("Kies een categorie")
        model_choice_field(self, "perspective").queryset = Tag.objects.filter(kind=TagKind.PERSPECTIVE)
        model_choice_field(self, "perspective").empty_label = _("Nog niet gekozen")
        if not self.instance.pk:
            del self.fields["phase_note"]
        self.add_owner(owners)

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "phase_note"}


class LessonTextForm(TagFieldsMixin, Form):
    """A lesson's text: written by the author, and (as the version to be shared) by staff."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    tried = forms.CharField(
        label=_("Wat is geprobeerd?"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=TEXT_HELP,
    )
    worked = forms.CharField(
        label=_("Wat werkte?"), max_length=MAX_TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    did_not_work = forms.CharField(
        label=_("Wat werkte niet?"),
        max_length=MAX_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    obstacles = forms.CharField(
        label=_("Welke obstakels zijn overwonnen?"),
        max_length=MAX_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    phase = forms.ChoiceField(
        label=_("In welke fase speelde dit?"), required=False, choices=[("", _("Geen specifieke fase")), *Phase.choices]
    )
    TEXT_FIELDS = ("title", "tried", "worked", "did_not_work", "obstacles")

    def __init__(self, *args: Any, tags: list[Tag] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_tag_fields(tags)

    def service_fields(self) -> dict[str, Any]:
        return {
            **{name: self.cleaned_data[name] for name in self.TEXT_FIELDS},
            "phase": self.cleaned_data["phase"],
            "tags": self.tags,
        }


class LessonForm(OwnerMixin, LessonTextForm):
    project = forms.ModelChoiceField(
        label=_("Hoort bij project"), queryset=Project.objects.none(), required=False, empty_label=_("Geen project")
    )

    def __init__(self, *args: Any, owners: list[Owner] | None = None, projects: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if projects is None:
            del self.fields["project"]
        else:
            model_choice_field(self, "project").queryset = projects
        self.add_owner(owners)

    def service_fields(self) -> dict[str, Any]:
        return {**super().service_fields(), "project": self.cleaned_data.get("project")}


class ApprovalForm(Form):
    version = forms.CharField(max_length=64, widget=forms.HiddenInput())


class ChangesForm(Form):
    note = forms.CharField(label=_("Wat moet er anders?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


def _choices(kind: str, empty: Any) -> list[tuple[str, str]]:
    return [("", str(empty)), *((t.key, t.display_name) for t in Tag.objects.filter(kind=kind))]


class LessonFilterForm(Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Inkoopcategorie"), required=False)
    perspective = forms.ChoiceField(label=_("Perspectief"), required=False)
    theme = forms.ChoiceField(label=_("Thema"), required=False)
    phase = forms.ChoiceField(label=_("Fase"), required=False, choices=[("", _("Alle fasen")), *Phase.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _choices(TagKind.CATEGORY, _("Alle categorieën"))  # type: ignore[attr-defined]
        self.fields["perspective"].choices = _choices(TagKind.PERSPECTIVE, _("Alle perspectieven"))  # type: ignore[attr-defined]
        self.fields["theme"].choices = _choices(TagKind.THEME, _("Alle thema's"))  # type: ignore[attr-defined]


class MaterialFilterForm(Form):
    tag = forms.ChoiceField(label=_("Label"), required=False)
    occasion = forms.ChoiceField(
        label=_("Bijeenkomst"), required=False, choices=[("", _("Alle bijeenkomsten")), *Material.Occasion.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[Any] = [("", str(_("Alle labels")))]
        for kind, label in TagKind.choices:
            choices.append((str(label), [(t.key, t.display_name) for t in Tag.objects.filter(kind=kind)]))
        self.fields["tag"].choices = choices  # type: ignore[attr-defined]


class MaterialForm(TagFieldsMixin, Form):
    programme = forms.ModelChoiceField(label=_("Programma"), queryset=Programme.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Soort"), choices=Material.Kind.choices, widget=forms.RadioSelect)
    occasion = forms.ChoiceField(label=_("Bijeenkomst"), choices=Material.Occasion.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    attribution = forms.CharField(
        label=_("Bronvermelding"),
        max_length=300,
        help_text=_(
            "Verplicht; staat bij het materiaal, op de pagina en in de bestandsnaam van de download. Bijvoorbeeld: Circulair Inkopen Gelderland, masterclass 1 (2026)."
        ),
    )
    url = forms.URLField(label=_("Webadres (bij een link)"), required=False, max_length=500, assume_scheme="https")
    upload = forms.FileField(
        label=_("Bestand (bij een presentatie of hand-out)"),
        required=False,
        help_text=_("PDF, PowerPoint (PPTX), Word (DOCX), OpenDocument (ODT) of Excel (XLSX); hoogstens 10 MB."),
    )

    def __init__(self, *args: Any, programmes: Any, material: Material | None = None, **kwargs: Any) -> None:
        if material is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "programme": material.programme_id,
                "kind": material.kind,
                "occasion": material.occasion,
                "title": material.title,
                "description": material.description,
                "attribution": material.attribution,
                "url": material.url,
            }
        super().__init__(*args, **kwargs)
        model_choice_field(self, "programme").queryset = programmes
        if material is not None or programmes.count() == 1:
            self.fields["programme"].widget = forms.HiddenInput()
            if material is None:
                self.fields["programme"].initial = programmes.first()
        self.add_tag_fields(list(material.tags.all()) if material is not None else None)
