"""The penvoerder guide and the FAQ, and the staff pages that edit them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cim.access.decorators import login_required, programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.core.errors import DomainError
from cim.editions.models import Programme
from cim.servicedesk.forms import GuidanceItemForm
from cim.servicedesk.models import GuidanceItem
from cim.servicedesk.selectors.guidance import access_guidance_item, guidance_for, staff_guidance
from cim.servicedesk.services import guidance as guidance_services

MANAGE = Perm.MANAGE_PROGRAMME


@login_required
@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "servicedesk/member/guide.html",
        {"programmes": guidance_for(actor_of(request), GuidanceItem.Kind.GUIDE)},
    )


@login_required
@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "servicedesk/member/faq.html",
        {"programmes": guidance_for(actor_of(request), GuidanceItem.Kind.FAQ)},
    )


@programme_perm_required(MANAGE)
@require_GET
def staff_guidance_list(request: HttpRequest) -> HttpResponse:
    return render(request, "servicedesk/staff/guidance.html", {"programmes": staff_guidance(actor_of(request))})


def _programmes(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Programme.objects.filter(pk__in=actor_of(request).programmes_with(MANAGE)).order_by("name")


def _form_page(request: HttpRequest, item: GuidanceItem | None) -> HttpResponse:
    initial = {}
    if item is None and request.GET.get("soort") in GuidanceItem.Kind.values:
        initial["kind"] = request.GET["soort"]
    form = GuidanceItemForm(request.POST or None, instance=item, programmes=_programmes(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            guidance_services.guidance_save(
                actor=request.user,
                programme=data["programme"],
                item=item,
                **{k: data[k] for k in guidance_services.EDITABLE},
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Opgeslagen. Penvoerders zien de nieuwe tekst meteen."))
            return redirect("servicedesk:staff_guidance")
    return render(
        request,
        "servicedesk/staff/guidance_form.html",
        {"form": form, "item": item},
        status=400 if request.method == "POST" else 200,
    )


@programme_perm_required(MANAGE)
def staff_guidance_new(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@programme_perm_required(MANAGE)
def staff_guidance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, access_guidance_item(actor_of(request), pk))


@programme_perm_required(MANAGE)
@require_POST
def staff_guidance_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_guidance_item(actor_of(request), pk)
    guidance_services.guidance_delete(actor=request.user, item=item)
    messages.success(request, _("'%(title)s' is verwijderd.") % {"title": item.title})
    return redirect("servicedesk:staff_guidance")


@programme_perm_required(MANAGE)
@require_POST
def staff_guidance_defaults(request: HttpRequest) -> HttpResponse:
    programmes = {str(p.pk): p for p in _programmes(request)}
    programme = programmes.get(request.POST.get("programma", ""))
    if programme is None:
        messages.error(request, _("Kies een programma waarvoor u werkt."))
        return redirect("servicedesk:staff_guidance")
    try:
        count = guidance_services.guidance_install_defaults(actor=request.user, programme=programme)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("%(n)s onderdelen met standaardtekst toegevoegd; pas ze gerust aan.") % {"n": count}
        )
    return redirect("servicedesk:staff_guidance")
