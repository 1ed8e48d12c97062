"""Writes to programme material: add, change, publish. Files are checked by content and stored
under a random name in the private storage; they are served only through the download view."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.cases.models import Material, Tag
from cim.cases.services.common import clean_or_refuse, user_or_none
from cim.core.errors import DomainError
from cim.core.uploads import DocumentType, storage_name, validate_document
from cim.editions.models import Programme

ALLOWED_TYPES = ("pdf", "pptx", "docx", "odt", "xlsx")
MAX_TAGS = 12


def _check_upload(upload: Any) -> DocumentType:
    try:
        return validate_document(upload, size=upload.size, allowed=ALLOWED_TYPES)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc


def _forget_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _apply(material: Material, *, kind: str, url: str, upload: Any) -> Any:
    """Set kind, link or file; returns the checked upload still to be stored (or None)."""
    if kind not in Material.Kind.values:
        raise DomainError(_("Kies een soort materiaal."))
    material.kind = kind
    if kind == Material.Kind.LINK:
        if upload is not None:
            raise DomainError(_("Bij een link hoort geen bestand; kies 'presentatie' of 'hand-out' voor een bestand."))
        if not url:
            raise DomainError(_("Vul het webadres van de link in."))
        if not url.lower().startswith(("https://", "http://")):
            raise DomainError(_("Een webadres begint met https:// of http://."))
        _forget_after_commit(material.file.name or "")
        material.url, material.file, material.file_type, material.file_size = url, "", "", None
        return None
    if upload is None and not material.file:
        raise DomainError(_("Kies een bestand (PDF, PowerPoint, Word, OpenDocument of Excel)."))
    material.url = ""
    if upload is None:
        return None
    document_type = _check_upload(upload)
    _forget_after_commit(material.file.name or "")
    material.file.name = storage_name("material", document_type)
    material.file_type, material.file_size = document_type.extension, upload.size
    return upload


def _save(material: Material, pending_upload: Any) -> None:
    clean_or_refuse(material)
    if pending_upload is not None:
        pending_upload.seek(0)
        material.file.name = default_storage.save(material.file.name, pending_upload)
    material.save()


def _check_text(*, title: str, description: str, attribution: str, tags: list[Tag]) -> None:
    if not " ".join(title.split()):
        raise DomainError(_("Geef het materiaal een titel."))
    if not description.strip():
        raise DomainError(_("Geef een korte omschrijving."))
    if not " ".join(attribution.split()):
        raise DomainError(_("Een bronvermelding is verplicht: wie heeft dit materiaal gemaakt?"))
    if len(tags) > MAX_TAGS:
        raise DomainError(_("Kies hoogstens %(n)s labels.") % {"n": MAX_TAGS})


@transaction.atomic
def material_create(
    *,
    actor: Any,
    programme: Programme,
    kind: str,
    title: str,
    description: str,
    attribution: str,
    occasion: str = Material.Occasion.OTHER,
    url: str = "",
    upload: Any = None,
    tags: Iterable[Tag] = (),
) -> Material:
    tag_list = list(tags)
    _check_text(title=title, description=description, attribution=attribution, tags=tag_list)
    if Material.objects.filter(programme=programme, title__iexact=" ".join(title.split())).exists():
        raise DomainError(_("Er is al materiaal met deze titel."))
    material = Material(
        programme=programme,
        occasion=occasion,
        title=title,
        description=description.strip(),
        attribution=attribution,
        created_by=user_or_none(actor),
    )
    pending = _apply(material, kind=kind, url=url.strip(), upload=upload)
    _save(material, pending)
    material.tags.set(tag_list)
    record("cases.material_created", actor=actor, obj=material, programme=programme)
    return material


@transaction.atomic
def material_update(
    *,
    actor: Any,
    material: Material,
    kind: str,
    title: str,
    description: str,
    attribution: str,
    occasion: str = Material.Occasion.OTHER,
    url: str = "",
    upload: Any = None,
    tags: Iterable[Tag] = (),
) -> Material:
    material = Material.objects.select_for_update().get(pk=material.pk)
    tag_list = list(tags)
    _check_text(title=title, description=description, attribution=attribution, tags=tag_list)
    material.title, material.description = title, description.strip()
    material.attribution, material.occasion = attribution, occasion
    pending = _apply(material, kind=kind, url=url.strip(), upload=upload)
    _save(material, pending)
    material.tags.set(tag_list)
    record("cases.material_updated", actor=actor, obj=material, programme=material.programme)
    return material


@transaction.atomic
def material_set_published(*, actor: Any, material: Material, published: bool) -> Material:
    material = Material.objects.select_for_update().get(pk=material.pk)
    if material.is_published == published:
        raise DomainError(
            _("Dit materiaal is al gepubliceerd.") if published else _("Dit materiaal is al niet gepubliceerd.")
        )
    material.is_published = published
    if published:
        material.published_at = timezone.now()
    material.save(update_fields=["is_published", "published_at", "updated_at"])
    record(
        "cases.material_published" if published else "cases.material_unpublished",
        actor=actor,
        obj=material,
        programme=material.programme,
    )
    return material
