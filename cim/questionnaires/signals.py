"""A new edition gets its questionnaire straight away (see services.definition_install_default)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from cim.editions.models import Edition


@receiver(post_save, sender=Edition, dispatch_uid="questionnaires.install_on_edition_create")
def install_definition_for_new_edition(
    sender: Any, instance: Edition, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if not created or raw:
        return
    from cim.questionnaires.services import definition_install_default

    definition_install_default(edition=instance)
