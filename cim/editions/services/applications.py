"""Public applications to take part, and their review by the service desk."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.mail import Recipient, send_mail
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation, ParticipationApplication
from cim.editions.services.participations import participation_add
from cim.organisations.models import Organisation


def editions_open_for_applications() -> list[Edition]:
    return list(
        Edition.objects.filter(status__in=[EditionStatus.DRAFT, EditionStatus.OPEN])
        .select_related("programme")
        .order_by("year")
    )


@transaction.atomic
def application_submit(
    *,
    edition: Edition,
    organisation: Organisation,
    contact_name: str,
    contact_email: str,
    contact_function: str = "",
    takes_monitor: bool = True,
    takes_masterclasses: bool = True,
    message: str = "",
) -> ParticipationApplication:
    if edition.status not in (EditionStatus.DRAFT, EditionStatus.OPEN):
        raise DomainError(_("Aanmelden voor deze editie is niet meer mogelijk."))
    if not organisation.is_active:
        raise DomainError(_("Kies een bestaande organisatie."))
    if Participation.objects.filter(edition=edition, organisation=organisation).exists():
        raise DomainError(_("%(name)s neemt al deel aan deze editie.") % {"name": organisation.name})
    if ParticipationApplication.objects.filter(
        edition=edition, organisation=organisation, status=ParticipationApplication.Status.PENDING
    ).exists():
        raise DomainError(
            _("Voor %(name)s is al een aanmelding ontvangen; de servicedesk neemt contact op.")
            % {"name": organisation.name}
        )
    application = ParticipationApplication(
        edition=edition,
        organisation=organisation,
        contact_name=" ".join(contact_name.split()),
        contact_email=contact_email.strip().lower(),
        contact_function=" ".join(contact_function.split()),
        takes_monitor=takes_monitor,
        takes_masterclasses=takes_masterclasses,
        message=message.strip(),
    )
    application.full_clean()
    application.save()
    record(
        "application.submitted",
        obj=application,
        organisation=organisation,
        programme=edition.programme,
    )
    send_mail(
        to=[Recipient(application.contact_email, application.contact_name)],
        template="editions/mail/application_received",
        context={"application": application},
    )
    return application


@transaction.atomic
def application_approve(*, actor: Any, application: ParticipationApplication) -> Participation:
    locked = ParticipationApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ParticipationApplication.Status.PENDING:
        raise DomainError(_("Deze aanmelding is al beoordeeld."))
    participation = participation_add(
        actor=actor,
        edition=locked.edition,
        organisation=locked.organisation,
        takes_monitor=locked.takes_monitor,
        takes_masterclasses=locked.takes_masterclasses,
        contact_name=locked.contact_name,
        contact_email=locked.contact_email,
    )
    locked.status = ParticipationApplication.Status.APPROVED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    record(
        "application.approved",
        actor=actor,
        obj=locked,
        organisation=locked.organisation,
        programme=locked.edition.programme,
    )
    send_mail(
        to=[Recipient(locked.contact_email, locked.contact_name)],
        template="editions/mail/application_approved",
        context={"application": locked},
    )
    return participation


@transaction.atomic
def application_decline(*, actor: Any, application: ParticipationApplication, reason: str) -> ParticipationApplication:
    if not reason.strip():
        raise DomainError(_("Geef een reden op; de aanvrager krijgt die te lezen."))
    locked = ParticipationApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ParticipationApplication.Status.PENDING:
        raise DomainError(_("Deze aanmelding is al beoordeeld."))
    locked.status = ParticipationApplication.Status.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decline_reason = reason.strip()[:500]
    locked.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    record(
        "application.declined",
        actor=actor,
        obj=locked,
        organisation=locked.organisation,
        programme=locked.edition.programme,
        reason=reason,
    )
    send_mail(
        to=[Recipient(locked.contact_email, locked.contact_name)],
        template="editions/mail/application_declined",
        context={"application": locked},
    )
    return locked
