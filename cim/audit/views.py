from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.audit import actions
from cim.audit.selectors import audit_entries
from cim.core.forms import DateInput, Form, choice_field, model_choice_field
from cim.organisations.models import Organisation


class AuditFilterForm(Form):
    action = forms.ChoiceField(label=_("Handeling"), required=False)
    actor = forms.CharField(label=_("Door"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(label=_("Organisatie"), required=False, queryset=Organisation.objects.none())
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choice_field(self, "action").choices = [("", _("Alle handelingen")), *actions.choices()]
        model_choice_field(self, "organisation").queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.PROVINCE
        )


@programme_perm_required(Perm.READ_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        actor_of(request),
        action=filters.get("action") or "",
        actor_query=filters.get("actor") or "",
        organisation_id=filters["organisation"].pk if filters.get("organisation") else None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "audit/log.html", {"form": form, "page": page, "query": query.urlencode()})
