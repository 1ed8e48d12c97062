"""Which programme's guide a person reads: the programmes they take part in or work for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from cim.access.actor import Actor
from cim.access.roles import Perm
from cim.editions.models import Programme
from cim.servicedesk.models import GuidanceItem


@dataclass
class ProgrammeGuidance:
    programme: Programme
    items: list[GuidanceItem]


def reader_programme_ids(actor: Actor) -> set[int]:
    ids = {m.programme_id for m in actor.memberships.values()}
    ids |= set(actor.staff)
    ids |= set(actor.funder)
    return ids


def guidance_for(actor: Actor, kind: str) -> list[ProgrammeGuidance]:
    programmes = list(Programme.objects.filter(pk__in=reader_programme_ids(actor)).order_by("name"))
    items = GuidanceItem.objects.filter(programme__in=programmes, kind=kind).order_by("position", "id")
    by_programme: dict[int, list[GuidanceItem]] = {p.pk: [] for p in programmes}
    for item in items:
        by_programme[item.programme_id].append(item)
    return [ProgrammeGuidance(p, by_programme[p.pk]) for p in programmes]


def staff_guidance(actor: Actor) -> list[ProgrammeGuidance]:
    programmes = list(Programme.objects.filter(pk__in=actor.programmes_with(Perm.MANAGE_PROGRAMME)).order_by("name"))
    items = GuidanceItem.objects.filter(programme__in=programmes).order_by("kind", "position", "id")
    by_programme: dict[int, list[GuidanceItem]] = {p.pk: [] for p in programmes}
    for item in items:
        by_programme[item.programme_id].append(item)
    return [ProgrammeGuidance(p, by_programme[p.pk]) for p in programmes]


def access_guidance_item(actor: Actor, pk: Any) -> GuidanceItem:
    try:
        return GuidanceItem.objects.select_related("programme").get(
            pk=int(pk), programme_id__in=actor.programmes_with(Perm.MANAGE_PROGRAMME)
        )
    except (GuidanceItem.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404 from exc
