"""The guide and the FAQ: staff write them in Dutch and English, per programme."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.models import Programme
from cim.servicedesk import guidance_defaults
from cim.servicedesk.models import GuidanceItem

EDITABLE = ("kind", "topic", "title", "title_en", "body", "body_en", "position")


@transaction.atomic
def guidance_save(*, actor: Any, programme: Programme, item: GuidanceItem | None = None, **values: Any) -> GuidanceItem:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise DomainError(_("Deze velden kunnen niet worden gewijzigd: %(f)s") % {"f": ", ".join(sorted(unknown))})
    item = item or GuidanceItem()
    item.programme = programme
    for name, value in values.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if item.kind == GuidanceItem.Kind.FAQ:
        item.topic = GuidanceItem.Topic.OTHER
    item.updated_by = actor
    item.full_clean()
    item.save()
    record("servicedesk.guidance_saved", actor=actor, obj=item, programme=programme, details={"kind": item.kind})
    return item


@transaction.atomic
def guidance_delete(*, actor: Any, item: GuidanceItem) -> None:
    record(
        "servicedesk.guidance_deleted",
        actor=actor,
        obj=item,
        programme=item.programme,
        details={"kind": item.kind, "title": item.title},
    )
    item.delete()


@transaction.atomic
def guidance_install_defaults(*, actor: Any, programme: Programme) -> int:
    """Fill an empty guide and FAQ with the starting content; refuses when content exists."""
    if GuidanceItem.objects.filter(programme=programme).exists():
        raise DomainError(_("Er staat al inhoud klaar; de standaardinhoud wordt alleen in een lege handleiding gezet."))
    count = 0
    for position, (topic, title, title_en, body, body_en) in enumerate(guidance_defaults.GUIDE, start=1):
        guidance_save(
            actor=actor,
            programme=programme,
            kind=GuidanceItem.Kind.GUIDE,
            topic=topic,
            title=title,
            title_en=title_en,
            body=body,
            body_en=body_en,
            position=position * 10,
        )
        count += 1
    for position, (question, question_en, answer, answer_en) in enumerate(guidance_defaults.FAQ, start=1):
        guidance_save(
            actor=actor,
            programme=programme,
            kind=GuidanceItem.Kind.FAQ,
            title=question,
            title_en=question_en,
            body=answer,
            body_en=answer_en,
            position=position * 10,
        )
        count += 1
    return count
