"""Thin views of the Top 10: public pages, the penvoerder's consent, the service desk's review."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cim.access.decorators import login_required, programme_perm_required
from cim.access.roles import Perm, Role
from cim.access.scoping import access_edition, access_participation, actor_of, editions_managed
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.topten import selectors, services
from cim.topten.forms import ConsentForm, PublishForm
from cim.topten.models import PublishedTopTen

MANAGE = Perm.MANAGE_PROGRAMME


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "topten/index.html", {"published": selectors.published_index()})


@require_GET
def detail(request: HttpRequest, programme: str, year: int) -> HttpResponse:
    # Unknown and not (yet) published look the same: 404, without any ranking data.
    data = selectors.published_top_ten_for(programme, year)
    if data is None:
        raise Http404
    return render(request, "topten/detail.html", {"top_ten": data})


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    participation = access_participation(actor, pk, perm=Perm.VIEW_PARTICIPATION, request=request)
    membership = actor.membership(participation.pk)
    if membership is None:
        raise Http404  # programme staff do not consent for a municipality
    is_penvoerder = membership.role == Role.PENVOERDER
    if request.method == "POST" and not is_penvoerder:
        raise Http404
    state = selectors.consent_state(participation)
    form = ConsentForm(
        request.POST if request.method == "POST" else None, initial={"named": "1" if state.named else "0"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            _consent, changed = services.consent_set(
                actor=request.user, participation=participation, named=form.cleaned_data["named"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if not changed:
                messages.info(request, _("Uw keuze was al vastgelegd; er is niets veranderd."))
            elif form.cleaned_data["named"]:
                messages.success(request, _("Vastgelegd: de Top 10 mag uw organisatie noemen."))
            else:
                messages.success(request, _("Vastgelegd: de Top 10 noemt uw organisatie niet."))
            return redirect("topten:consent", participation.pk)
    return render(
        request,
        "topten/consent.html",
        {"participation": participation, "state": state, "form": form, "is_penvoerder": is_penvoerder},
        status=400 if form.errors else 200,
    )


@programme_perm_required(MANAGE)
def manage(request: HttpRequest) -> HttpResponse:
    editions = list(editions_managed(actor_of(request)).order_by("programme__name", "-year"))
    published = {
        row.edition_id: row
        for row in PublishedTopTen.objects.filter(edition__in=editions).only("edition", "published_at")
    }
    rows = [{"edition": e, "published": published.get(e.pk), "refusal": services.publish_refusal(e)} for e in editions]
    return render(request, "topten/manage.html", {"rows": rows})


@programme_perm_required(MANAGE)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    published = selectors.published_row(edition)
    context: dict[str, object] = {"edition": edition, "published": published}
    if published is not None:
        ranks = selectors.published_ranks(published)
        context["ranks"] = ranks
        organisations = [r.organisation_id for r in ranks]
    else:
        ranking = selectors.computed_ranking(edition)
        context["ranking"] = ranking
        context["refusal"] = services.publish_refusal(edition)
        context["form"] = PublishForm(initial={"checksum": ranking.checksum})
        organisations = [line.organisation_id for line in ranking.lines]
    record(
        "topten.ranking_viewed",
        actor=request.user,
        obj=edition,
        programme=edition.programme,
        details={"organisations": organisations, "published": published is not None, "path": request.path},
        request=request,
    )
    return render(request, "topten/review.html", context)


@require_POST
@programme_perm_required(MANAGE)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    edition = access_edition(actor_of(request), pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bekijk de ranglijst opnieuw en maak hem dan bekend."))
        return redirect("topten:review", edition.pk)
    try:
        services.top_ten_publish(actor=request.user, edition=edition, checksum=form.cleaned_data["checksum"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De Top 10 is bekendgemaakt en staat nu op de openbare Top 10-pagina."))
    return redirect("topten:review", edition.pk)
