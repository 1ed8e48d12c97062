"""A comparable picture of everything the application stores: every row of every model (content
types and permissions by natural key, so a rebuilt table compares equal) and every uploaded file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from cim.core.backup import private_files

SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def _natural(model: Any, pk: Any) -> Any:
    if pk is None:
        return None
    if model is ContentType:
        return ContentType.objects.get(pk=pk).natural_key()
    if model is Permission:
        return Permission.objects.get(pk=pk).natural_key()
    return pk


def database_snapshot() -> dict[str, list[dict[str, Any]]]:
    picture: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in SKIPPED:
            continue
        mapped = {
            f.attname: f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in (ContentType, Permission)
        }
        # The surrogate id of a many-to-many link table is not data: dumpdata stores the links
        # with their owner and loaddata numbers them anew.
        surrogate = "id" if model._meta.auto_created else None
        rows = []
        for row in model._base_manager.order_by("pk").values():
            rows.append({k: (_natural(mapped[k], v) if k in mapped else v) for k, v in row.items() if k != surrogate})
        if mapped or surrogate:
            rows.sort(key=repr)
        picture[label] = rows
    return picture


def files_snapshot() -> dict[str, str]:
    return private_files(Path(settings.PRIVATE_ROOT))
