from typing import Any

from django import forms, template

from cim.core.formatting import format_euro, format_number, format_percent
from cim.core.forms import widget_class
from cim.core.i18n import localized

register = template.Library()


@register.filter
def euro(value: Any, decimals: int = 2) -> str:
    """{{ amount|euro }} → € 1.234.567,89 (Dutch) or €1,234,567.89 (English)."""
    return format_euro(value, int(decimals))


@register.filter
def number(value: Any, decimals: int = 0) -> str:
    return format_number(value, int(decimals))


@register.filter
def percent(value: Any, decimals: int = 1) -> str:
    return format_percent(value, int(decimals))


@register.filter
def styled(bound_field: Any) -> str:
    """Render a form field's widget with the NL Design System class, also for forms that are not
    ours (allauth's login, password and two-factor forms)."""
    widget = bound_field.field.widget
    if widget.attrs.get("class") or isinstance(widget, forms.HiddenInput):
        return str(bound_field)
    css = widget_class(widget)
    return bound_field.as_widget(attrs={"class": css}) if css else str(bound_field)


@register.filter
def loc(obj: Any, field: str) -> str:
    """{{ edition|loc:"title" }}: the English text when English is active and filled in."""
    return localized(obj, field)
