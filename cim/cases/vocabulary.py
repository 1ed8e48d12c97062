"""The shared words of this room: project phases and the tags (procurement category, perspective,
theme) that lessons and programme material carry. Plain Python; the `Tag` table is filled from
TAGS by a data migration, so keys are stable and other rooms may refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Where a circular procurement project stands; lessons carry the phase they are about."""

    IDEA = "idea", _("idee")
    MARKET_CONSULTATION = "market_consultation", _("marktconsultatie")
    TENDER = "tender", _("aanbesteding")
    AWARDED = "awarded", _("gegund")
    CONTRACTED = "contracted", _("gecontracteerd")
    EVALUATED = "evaluated", _("geëvalueerd")


PHASE_ORDER = [p.value for p in Phase]


class TagKind(models.TextChoices):
    CATEGORY = "category", _("inkoopcategorie")
    PERSPECTIVE = "perspective", _("perspectief")
    THEME = "theme", _("thema")


@dataclass(frozen=True)
class TagSpec:
    kind: str
    key: str  # stable, unique over all kinds; used in URLs and by other rooms
    name: str  # Dutch
    name_en: str


TAGS: tuple[TagSpec, ...] = (
    # Procurement categories (the monitor's domains).
    TagSpec("category", "gww", "Grond-, weg- en waterbouw (GWW)", "Civil engineering"),
    TagSpec("category", "gebouwen", "Bouw, sloop en beheer van gebouwen", "Construction, demolition and buildings"),
    TagSpec("category", "facilitair", "Kantoorfaciliteiten en facilitair beheer", "Office facilities"),
    TagSpec("category", "mobiliteit", "Machines, transport en mobiliteit", "Machinery, transport and mobility"),
    TagSpec("category", "energie", "Energie", "Energy"),
    # The three perspectives on circular procurement.
    TagSpec("perspective", "emvi", "EMVI / traditioneel", "MEAT / traditional"),
    TagSpec("perspective", "participatief", "Participatief", "Participatory"),
    TagSpec("perspective", "innovatiegericht", "Innovatiegericht", "Innovation-oriented"),
    # Themes: the spearheads of circular quality and the steps of a circular tender.
    TagSpec("theme", "gezonde-samenleving", "Gezonde mens en samenleving", "Healthy people and society"),
    TagSpec("theme", "hoogwaardig-hergebruik", "Hoogwaardig hergebruik", "High-grade reuse"),
    TagSpec("theme", "duurzame-energie", "Duurzame energie", "Sustainable energy"),
    TagSpec("theme", "natuurlijk-kapitaal", "Natuurlijk kapitaal", "Natural capital"),
    TagSpec("theme", "innovatie-partnerschap", "Innovatie en partnerschap", "Innovation and partnership"),
    TagSpec("theme", "kringlopen-contracten", "Kringlopen borgen in contracten", "Securing cycles in contracts"),
    TagSpec("theme", "beleid-ambitie", "Beleid en ambitie", "Policy and ambition"),
    TagSpec("theme", "marktconsultatie", "Marktconsultatie", "Market consultation"),
    TagSpec("theme", "risicobeheer", "Risicobeheer", "Risk management"),
    TagSpec(
        "theme",
        "samenwerking-keten",
        "Samenwerking in organisatie en keten",
        "Collaboration in the organisation and the chain",
    ),
)

TAG_KEYS = frozenset(t.key for t in TAGS)


def sync_tags(tag_model: Any) -> int:
    """Create or update every tag of TAGS in `tag_model` (the Tag model, or its state in a migration).

    Keys never change; names may. Returns the number of tags."""
    for order, spec in enumerate(TAGS):
        tag_model.objects.update_or_create(
            key=spec.key,
            defaults={"kind": spec.kind, "name": spec.name, "name_en": spec.name_en, "order": order},
        )
    return len(TAGS)
