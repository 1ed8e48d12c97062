"""Forms render with NL Design System (Utrecht) classes and an error summary at the top."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
    forms.ClearableFileInput: "utrecht-file-input",
    forms.FileInput: "utrecht-file-input",
}


def widget_class(widget: forms.Widget) -> str:
    return next(
        (c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)),
        "utrecht-textbox utrecht-textbox--html-input",
    )


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class StyledFormMixin:
    """Adds the NL Design System classes and sensible input attributes to every widget."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            widget = field.widget
            css = widget_class(widget)
            if css:
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if isinstance(field, forms.CharField) and field.max_length and not isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("maxlength", field.max_length)


class Form(StyledFormMixin, forms.Form):
    pass


class ModelForm(StyledFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field
