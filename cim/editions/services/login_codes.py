"""Login codes: issue (one or in bulk), revoke, check and redeem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.audit.log import record
from cim.core.errors import DomainError
from cim.core.mail import Recipient, send_mail
from cim.editions.codes import MalformedCode, generate_code, hash_secret, normalise_code
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import LoginCode, Participation, ParticipationMember
from cim.editions.services.participations import membership_grant
from cim.editions.timeline import code_expiry

CLOSED_FOR_CODES = (EditionStatus.ARCHIVED,)


@dataclass(frozen=True)
class IssuedCode:
    """The plain code exists only here, for the one response that shows or sends it."""

    participation: Participation
    code: str
    login_code: LoginCode


def _revoke_open_codes(participation: Participation, actor: Any) -> int:
    return LoginCode.objects.filter(
        participation=participation, redeemed_at__isnull=True, revoked_at__isnull=True
    ).update(
        revoked_at=timezone.now(),
        revoked_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def login_code_issue(
    *, actor: Any, participation: Participation, send_to: str = "", valid_days: int | None = None
) -> IssuedCode:
    """A new code for the participation; earlier unused codes stop working."""
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Voor een teruggetrokken deelname worden geen codes uitgegeven."))
    if participation.edition.status in CLOSED_FOR_CODES:
        raise DomainError(_("Voor een gearchiveerde editie worden geen codes uitgegeven."))
    valid_days = valid_days or settings.LOGIN_CODE_VALID_DAYS
    replaced = _revoke_open_codes(participation, actor)
    code = generate_code()
    login_code = LoginCode.objects.create(
        participation=participation,
        code_hash=hash_secret(normalise_code(code)),
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=code_expiry(
            issued_at=timezone.now(), valid_days=valid_days, opens_at=participation.edition.opens_at
        ),
        sent_to=send_to,
    )
    record(
        "logincode.issued",
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={
            "code_id": login_code.pk,
            "replaced": replaced,
            "sent_to": send_to,
            "expires_at": login_code.expires_at.isoformat(),
        },
    )
    if send_to:
        send_mail(
            to=[Recipient(send_to, participation.contact_name)],
            template="editions/mail/login_code",
            context={
                "participation": participation,
                "code": code,
                "expires_at": login_code.expires_at,
            },
        )
    return IssuedCode(participation, code, login_code)


def codes_follow_opening(*, edition: Any) -> int:
    """After the opening date moved, codes that are still valid stay valid until at least the
    usual number of days after the (new) opening. Returns how many codes were extended."""
    extended = 0
    valid = LoginCode.objects.filter(
        participation__edition=edition,
        redeemed_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    for login_code in valid:
        until = code_expiry(
            issued_at=login_code.issued_at, valid_days=settings.LOGIN_CODE_VALID_DAYS, opens_at=edition.opens_at
        )
        if until > login_code.expires_at:
            LoginCode.objects.filter(pk=login_code.pk).update(expires_at=until)
            extended += 1
    return extended


@dataclass
class BulkIssueResult:
    issued: list[IssuedCode]
    skipped_without_email: list[Participation]


@transaction.atomic
def login_codes_issue_bulk(*, actor: Any, participations: list[Participation], by_email: bool) -> BulkIssueResult:
    issued, skipped = [], []
    for participation in participations:
        if by_email and not participation.contact_email:
            skipped.append(participation)
            continue
        issued.append(
            login_code_issue(
                actor=actor,
                participation=participation,
                send_to=participation.contact_email if by_email else "",
            )
        )
    return BulkIssueResult(issued, skipped)


@transaction.atomic
def login_code_revoke(*, actor: Any, login_code: LoginCode) -> LoginCode:
    locked = LoginCode.objects.select_for_update().get(pk=login_code.pk)
    if locked.state != LoginCode.State.VALID:
        raise DomainError(_("Deze code is niet meer geldig en hoeft niet te worden ingetrokken."))
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    participation = locked.participation
    record(
        "logincode.revoked",
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"code_id": locked.pk},
    )
    return locked


class CodeRejected(DomainError):
    pass


def _state_error(login_code: LoginCode) -> CodeRejected | None:
    state = login_code.state
    if state == LoginCode.State.REDEEMED:
        return CodeRejected(
            _("Deze code is al gebruikt. Log in met het account dat u toen heeft aangemaakt."),
            code="redeemed",
        )
    if state == LoginCode.State.REVOKED:
        return CodeRejected(_("Deze code is ingetrokken. Vraag de servicedesk om een nieuwe code."), code="revoked")
    if state == LoginCode.State.EXPIRED:
        return CodeRejected(_("Deze code is verlopen. Vraag de servicedesk om een nieuwe code."), code="expired")
    participation = login_code.participation
    if participation.status != Participation.Status.ACTIVE or participation.edition.status in CLOSED_FOR_CODES:
        return CodeRejected(
            _("Deze deelname is niet meer actief. Neem contact op met de servicedesk."),
            code="inactive",
        )
    return None


def login_code_check(*, code: str) -> LoginCode:
    """Find the valid code behind a typed text, or raise CodeRejected with a message."""
    try:
        normalised = normalise_code(code)
    except MalformedCode as exc:
        raise CodeRejected(
            _(
                "Dit is geen geldige code. Een code bestaat uit 20 letters in groepen van vier, bijvoorbeeld ACDE-FGHJ-KMNP-RTWX-YACD."
            ),
            code="malformed",
        ) from exc
    login_code = (
        LoginCode.objects.select_related("participation__edition__programme", "participation__organisation")
        .filter(code_hash=hash_secret(normalised))
        .first()
    )
    if login_code is None:
        raise CodeRejected(
            _("Deze code kennen wij niet. Controleer de letters of vraag de servicedesk om hulp."),
            code="unknown",
        )
    error = _state_error(login_code)
    if error:
        raise error
    return login_code


def check_user_may_redeem(user: Any, participation: Participation) -> None:
    """Programme staff keep their roles apart; a member of another organisation cannot take this one over."""
    from cim.access.scoping import actor_of

    actor = actor_of(user)
    if actor.is_programme_staff or actor.is_funder:
        raise CodeRejected(
            _("U bent ingelogd als medewerker van het programma. Log uit om deze code te gebruiken."),
            code="foreign",
        )
    other_orgs = {m.organisation_id for m in actor.memberships.values()} - {participation.organisation_id}
    if other_orgs:
        raise CodeRejected(
            _(
                "Deze code hoort bij een andere organisatie dan uw account. Log uit of neem contact op met de servicedesk."
            ),
            code="foreign",
        )


@transaction.atomic
def login_code_redeem(*, login_code_id: int, user: Any) -> ParticipationMember:
    """Use the code once: the user becomes the participation's penvoerder."""
    login_code = LoginCode.objects.select_for_update().select_related("participation__edition").get(pk=login_code_id)
    error = _state_error(login_code)
    if error:
        raise error
    participation = login_code.participation
    check_user_may_redeem(user, participation)
    login_code.redeemed_at = timezone.now()
    login_code.redeemed_by = user
    login_code.save(update_fields=["redeemed_at", "redeemed_by"])
    member = membership_grant(
        actor=user,
        participation=participation,
        user=user,
        role=ParticipationMember.Role.PENVOERDER,
        reason=_("Inlogcode gebruikt"),
    )
    record(
        "logincode.redeemed",
        actor=user,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"code_id": login_code.pk},
    )
    return member
