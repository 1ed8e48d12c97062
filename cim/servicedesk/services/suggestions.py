"""Improvement suggestions for the next edition: submitted by members, triaged by staff."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.models import Participation
from cim.servicedesk import conversation
from cim.servicedesk.models import Suggestion
from cim.servicedesk.models.suggestions import MAX_SUGGESTION
from cim.servicedesk.services.threads import DuplicateSubmission


@transaction.atomic
def suggestion_submit(
    *, actor: Any, participation: Participation, body: str, question_key: str = "", client_token: Any = None
) -> Suggestion:
    try:
        token = uuid.UUID(str(client_token)) if client_token else None
    except ValueError:
        token = None
    if token and Suggestion.objects.filter(client_token=token).exists():
        raise DuplicateSubmission(_("Deze suggestie was al ingediend; ze is niet nog een keer opgeslagen."))
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise DomainError(_("Beschrijf uw suggestie."))
    if len(body) > MAX_SUGGESTION:
        raise DomainError(_("Uw suggestie is te lang: hoogstens %(max)s tekens.") % {"max": "5.000"})
    if question_key and not conversation.valid_question_key(question_key):
        raise DomainError(_("De vraag uit de scan waarover u iets vraagt, is niet herkend."))
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is teruggetrokken."))
    suggestion = Suggestion(
        participation=participation, body=body, question_key=question_key, created_by=actor, client_token=token
    )
    suggestion.full_clean(exclude=["client_token"])
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError as exc:
        raise DuplicateSubmission(_("Deze suggestie was al ingediend; ze is niet nog een keer opgeslagen.")) from exc
    record(
        "servicedesk.suggestion_submitted",
        actor=actor,
        obj=suggestion,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"question_key": question_key},
    )
    return suggestion


@transaction.atomic
def suggestion_decide(*, actor: Any, suggestion: Suggestion, decision: str, reason: str = "") -> Suggestion:
    """Accept for the next edition, or decline with a reason the organisation sees. A decision
    can be changed later; each one is audited."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    reason = (reason or "").strip()
    if decision not in (Suggestion.Status.ACCEPTED, Suggestion.Status.DECLINED):
        raise DomainError(_("Kies: overnemen of niet overnemen."))
    if decision == Suggestion.Status.DECLINED and not reason:
        raise DomainError(_("Geef een reden als u de suggestie niet overneemt; de gemeente ziet die reden."))
    if len(reason) > 1000:
        raise DomainError(_("De reden is te lang: hoogstens 1.000 tekens."))
    locked.status = decision
    locked.decline_reason = reason if decision == Suggestion.Status.DECLINED else ""
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.full_clean(exclude=["client_token"])
    locked.save()
    participation = locked.participation
    record(
        "servicedesk.suggestion_decided",
        actor=actor,
        obj=locked,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        reason=locked.decline_reason,
        details={"decision": decision},
    )
    return locked
