from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of, participations_visible
from cim.core.forms import Form, model_choice_field
from cim.organisations.models import Organisation
from cim.organisations.selectors import organisation_list, provinces


class OrganisationFilterForm(Form):
    q = forms.CharField(label=_("Zoeken op naam of CBS-code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *Organisation.Kind.choices],
    )
    province = forms.ModelChoiceField(
        label=_("Provincie"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Alle provincies"),
    )
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Actief en beëindigd")), ("1", _("Actief")), ("0", _("Beëindigd"))],
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        model_choice_field(self, "province").queryset = provinces()


@programme_perm_required(Perm.MANAGE_PROGRAMME)
def organisation_index(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    qs = organisation_list(
        query=f.get("q") or "",
        kind=f.get("kind") or "",
        province_id=f["province"].pk if f.get("province") else None,
        active=f.get("active") or "",
    )
    page = Paginator(qs, 100).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "organisations/list.html", {"form": form, "page": page, "query": query.urlencode()})


@programme_perm_required(Perm.MANAGE_PROGRAMME)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        organisation = Organisation.objects.select_related("province").get(pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    participations = (
        participations_visible(actor_of(request), Perm.MANAGE_PROGRAMME)
        .filter(organisation=organisation)
        .select_related("edition__programme")
        .order_by("-edition__year")
    )
    return render(
        request,
        "organisations/detail.html",
        {"organisation": organisation, "participations": participations},
    )
