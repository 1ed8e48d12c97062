"""Stored-XSS and formula payloads written straight into every free-text column of every model of
ours, so that every output is tested whatever input path the text once took."""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, models, transaction

PAYLOAD = '=HYPERLINK("http://evil.example")<script>alert("xss")</script><img src=x onerror=alert(1)>\r\nX-INJECTED:1'
MARKERS = ('<script>alert("xss")', "<img src=x onerror", "<script>alert(&quot;xss")
SKIP_NAMES = {
    "key",
    "code",
    "public_id",
    "token_hash",
    "code_hash",
    "question_key",
    "section_key",
    "receipt_code",
    "sha256",
    "password",
    "language",
    "origin_path",
    "checksum",
    "cbs_code",
    "kind",
    "file_type",
    "content_type",
}
SKIP_MODELS = {"questionnaires.questionnairedefinition", "audit.auditentry", "scan.answer", "scan.answerrevision"}


def poisonable_fields(model: type[models.Model]) -> list[models.Field]:
    fields = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if isinstance(field, models.EmailField | models.URLField | models.SlugField | models.FileField):
            continue
        if (
            field.choices
            or field.unique
            or field.primary_key
            or field.name in SKIP_NAMES
            or (not field.editable and field.name != "name")
        ):
            continue
        fields.append(field)
    return fields


def poison_everything() -> dict[str, int]:
    """Overwrite every free-text field of our models with the payload; return rows touched per model."""
    touched: dict[str, int] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if not (model.__module__.startswith("cim.")) or label in SKIP_MODELS:
            continue
        for field in poisonable_fields(model):
            value = PAYLOAD[: field.max_length] if field.max_length else PAYLOAD
            try:
                with transaction.atomic():
                    count = model._base_manager.update(**{field.name: value})
            except IntegrityError:
                continue
            touched[f"{label}.{field.name}"] = count
    return touched
