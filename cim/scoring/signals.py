"""Scores follow the scan without the scan knowing about them: a new submission is scored in the
same transaction, a reopened one loses its score."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from cim.scan.models import Submission

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Submission, dispatch_uid="scoring.score_on_submission")
def score_on_submission(sender: Any, instance: Submission, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    from cim.scoring import services

    if instance.reopened_at is not None:
        services.score_withdraw(submission=instance)
    elif created:
        # A fault in scoring must never cost a municipality its submission: the scan is stored,
        # the error logged, and `rescore_edition` scores it once the fault is fixed.
        try:
            with transaction.atomic():
                services.score_submission(submission=instance)
        except Exception:
            logger.exception("submission %s could not be scored", instance.pk)
