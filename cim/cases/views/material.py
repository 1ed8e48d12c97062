"""Programme material: public list, page and download (each with its source attribution), and
the service desk's pages to add, change and publish it."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cim.access.decorators import programme_perm_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.cases.forms import MaterialFilterForm, MaterialForm
from cim.cases.models import Material
from cim.cases.selectors import MaterialFilter, access_material, material_managed, published_material
from cim.cases.services import material as material_services
from cim.core.errors import DomainError
from cim.core.uploads import DOCUMENT_TYPES
from cim.editions.models import Programme

MANAGE = Perm.MANAGE_PROGRAMME
_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')


def download_filename(material: Material) -> str:
    """`<title> (bron <attribution>).<ext>`: the attribution travels with the file."""
    name = _UNSAFE_IN_FILENAME.sub(" ", f"{material.title} (bron {material.attribution})")
    name = re.sub(r"\s+\)", ")", " ".join(name.split()))[:180].strip(" .") or "materiaal"
    return f"{name}.{material.file_type or 'bin'}"


@require_GET
def material_list(request: HttpRequest) -> HttpResponse:
    form = MaterialFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = MaterialFilter(tag=data.get("tag") or "", occasion=data.get("occasion") or "")
    page = Paginator(published_material(filters), 25).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "cases/material/list.html", {"form": form, "page": page, "query": query.urlencode()})


@require_GET
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    material = access_material(actor, pk)
    return render(
        request,
        "cases/material/detail.html",
        {
            "material": material,
            "tags": list(material.tags.all()),
            "may_manage": actor.can_in_programme(MANAGE, material.programme_id),
            "filename": download_filename(material) if material.file else "",
        },
    )


@require_GET
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = access_material(actor_of(request), pk)
    if material.is_link or not material.file:
        raise Http404
    document_type = DOCUMENT_TYPES.get(material.file_type)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_filename(material),
        content_type=document_type.content_type if document_type else "application/octet-stream",
    )
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "public, max-age=300" if material.is_published else "no-store"
    return response


@programme_perm_required(MANAGE)
def material_manage(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/material/manage.html", {"materials": material_managed(actor_of(request))})


def _programmes(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Programme.objects.filter(pk__in=actor_of(request).programmes_with(MANAGE)).order_by("name")


def _service_fields(form: MaterialForm) -> dict:  # type: ignore[type-arg]
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "occasion": data["occasion"],
        "title": data["title"],
        "description": data["description"],
        "attribution": data["attribution"],
        "url": data.get("url") or "",
        "upload": data.get("upload"),
        "tags": form.tags,
    }


@programme_perm_required(MANAGE)
def material_create(request: HttpRequest) -> HttpResponse:
    form = MaterialForm(request.POST or None, request.FILES or None, programmes=_programmes(request))
    if request.method == "POST" and form.is_valid():
        try:
            material = material_services.material_create(
                actor=request.user, programme=form.cleaned_data["programme"], **_service_fields(form)
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het materiaal is toegevoegd. Het is nog niet gepubliceerd."))
            return redirect("cases:material", material.pk)
    return render(request, "cases/material/form.html", {"form": form}, status=400 if form.errors else 200)


@programme_perm_required(MANAGE)
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_material(actor_of(request), pk, manage=True)
    form = MaterialForm(request.POST or None, request.FILES or None, programmes=_programmes(request), material=material)
    if request.method == "POST" and form.is_valid():
        try:
            material_services.material_update(actor=request.user, material=material, **_service_fields(form))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het materiaal is opgeslagen."))
            return redirect("cases:material", material.pk)
    return render(
        request, "cases/material/form.html", {"form": form, "material": material}, status=400 if form.errors else 200
    )


@require_POST
@programme_perm_required(MANAGE)
def material_publish(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_material(actor_of(request), pk, manage=True)
    publish = request.POST.get("published") == "1"
    try:
        material_services.material_set_published(actor=request.user, material=material, published=publish)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Het materiaal is gepubliceerd.") if publish else _("Het materiaal is niet meer gepubliceerd.")
        )
    return redirect("cases:material", material.pk)
