"""Writes to participations and the people in them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cim.access.actor import forget_actor
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation, ParticipationMember
from cim.organisations.models import Organisation

ADDABLE_STATUSES = (EditionStatus.DRAFT, EditionStatus.OPEN)
_CODE_SPLIT = re.compile(r"[\s,;]+")


def _check_edition_accepts_participants(edition: Edition) -> None:
    if edition.status not in ADDABLE_STATUSES:
        raise DomainError(_("Aan een editie die gesloten is kunnen geen deelnemers meer worden toegevoegd."))


@transaction.atomic
def participation_add(
    *,
    actor: Any,
    edition: Edition,
    organisation: Organisation,
    takes_monitor: bool = True,
    takes_masterclasses: bool = True,
    contact_name: str = "",
    contact_email: str = "",
) -> Participation:
    _check_edition_accepts_participants(edition)
    if not organisation.is_active:
        raise DomainError(_("%(name)s bestaat niet meer als actieve organisatie.") % {"name": organisation.name})
    if Participation.objects.filter(edition=edition, organisation=organisation).exists():
        raise DomainError(_("%(name)s neemt al deel aan deze editie.") % {"name": organisation.name})
    participation = Participation(
        edition=edition,
        organisation=organisation,
        takes_monitor=takes_monitor,
        takes_masterclasses=takes_masterclasses,
        contact_name=" ".join(contact_name.split()),
        contact_email=contact_email.strip().lower(),
        province=organisation.province if organisation.kind != Organisation.Kind.PROVINCE else organisation,
        size_class=organisation.size_class,
        added_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    participation.full_clean()
    participation.save()
    record(
        "participation.added",
        actor=actor,
        obj=participation,
        organisation=organisation,
        programme=edition.programme,
    )
    return participation


@dataclass
class BulkAddResult:
    added: list[Participation] = field(default_factory=list)
    already: list[Organisation] = field(default_factory=list)


def parse_cbs_codes(text: str) -> list[str]:
    """`GM0202, 0197; PV25` -> ['GM0202', 'GM0197', 'PV25'] (bare numbers are municipality codes)."""
    codes = []
    for token in _CODE_SPLIT.split(text.strip().upper()):
        if not token:
            continue
        codes.append("GM" + token.zfill(4) if token.isdigit() else token)
    return codes


@transaction.atomic
def participations_add_bulk(
    *,
    actor: Any,
    edition: Edition,
    codes_text: str,
    takes_monitor: bool = True,
    takes_masterclasses: bool = True,
) -> BulkAddResult:
    """Add every organisation in a list of CBS codes. Unknown or ended codes reject the whole list."""
    _check_edition_accepts_participants(edition)
    codes = parse_cbs_codes(codes_text)
    if not codes:
        raise DomainError(_("Vul een of meer CBS-codes in, bijvoorbeeld GM0202."))
    if len(codes) > 1000:
        raise DomainError(_("Voeg hoogstens 1000 organisaties tegelijk toe."))
    found = {o.cbs_code: o for o in Organisation.objects.filter(cbs_code__in=codes)}
    unknown = [c for c in dict.fromkeys(codes) if c not in found]
    ended = [c for c in dict.fromkeys(codes) if c in found and not found[c].is_active]
    if unknown or ended:
        parts = []
        if unknown:
            parts.append(_("onbekende codes: %(codes)s") % {"codes": ", ".join(unknown[:30])})
        if ended:
            parts.append(_("beëindigde gemeenten: %(codes)s") % {"codes": ", ".join(ended[:30])})
        raise DomainError(
            _("Er is niemand toegevoegd; controleer de lijst (%(problems)s).") % {"problems": "; ".join(parts)}
        )
    result = BulkAddResult()
    existing = set(Participation.objects.filter(edition=edition).values_list("organisation_id", flat=True))
    for code in dict.fromkeys(codes):
        organisation = found[code]
        if organisation.pk in existing:
            result.already.append(organisation)
            continue
        result.added.append(
            participation_add(
                actor=actor,
                edition=edition,
                organisation=organisation,
                takes_monitor=takes_monitor,
                takes_masterclasses=takes_masterclasses,
            )
        )
    return result


PARTICIPATION_EDITABLE = (
    "takes_monitor",
    "takes_masterclasses",
    "contact_name",
    "contact_email",
    "deadline_extended_to",
)


@transaction.atomic
def participation_update(
    *, actor: Any, participation: Participation, reason: str = "", **changes: Any
) -> Participation:
    unknown = set(changes) - set(PARTICIPATION_EDITABLE)
    if unknown:
        raise DomainError(_("Deze velden kunnen niet worden gewijzigd: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = {f: getattr(participation, f) for f in changes}
    for name, value in changes.items():
        setattr(participation, name, value)
    participation.full_clean()
    participation.save()
    diff = {f: [str(before[f]), str(v)] for f, v in changes.items() if before[f] != v}
    if diff:
        record(
            "participation.updated",
            actor=actor,
            obj=participation,
            organisation=participation.organisation,
            programme=participation.edition.programme,
            reason=reason,
            details={"changes": diff},
        )
    return participation


@transaction.atomic
def participation_withdraw(*, actor: Any, participation: Participation, reason: str) -> Participation:
    if not reason.strip():
        raise DomainError(_("Geef een reden op."))
    if participation.status == Participation.Status.WITHDRAWN:
        raise DomainError(_("Deze deelname is al teruggetrokken."))
    participation.status = Participation.Status.WITHDRAWN
    participation.save(update_fields=["status"])
    participation.login_codes.filter(redeemed_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    record(
        "participation.withdrawn",
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        reason=reason,
    )
    return participation


def _end_membership(member: ParticipationMember, *, reason: str) -> None:
    member.is_active = False
    member.ended_at = timezone.now()
    member.end_reason = reason[:300]
    member.save(update_fields=["is_active", "ended_at", "end_reason"])


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    participation: Participation,
    user: Any,
    role: str,
    sections: list[str] | None = None,
    reason: str = "",
) -> ParticipationMember:
    """Give `user` a role in `participation`. A new penvoerder replaces the active one, whose role
    ends (kept as history). A person holds one active role per participation."""
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Deze deelname is teruggetrokken."))
    locked = Participation.objects.select_for_update().get(pk=participation.pk)
    current = ParticipationMember.objects.filter(participation=locked, user=user, is_active=True).first()
    if current is not None and current.role == role and role == ParticipationMember.Role.PENVOERDER:
        return current
    if current is not None:
        _end_membership(current, reason=_("Andere rol gekregen"))
    previous_penvoerder = None
    if role == ParticipationMember.Role.PENVOERDER:
        previous_penvoerder = ParticipationMember.objects.filter(
            participation=locked, role=ParticipationMember.Role.PENVOERDER, is_active=True
        ).first()
        if previous_penvoerder is not None:
            _end_membership(previous_penvoerder, reason=reason or _("Penvoerderschap overgedragen"))
    try:
        member = ParticipationMember.objects.create(
            participation=locked,
            user=user,
            role=role,
            sections=sections or [],
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    except IntegrityError as exc:  # a concurrent grant won the race
        raise DomainError(_("Iemand anders heeft deze rol zojuist gekregen. Vernieuw de pagina.")) from exc
    action = (
        "participation.penvoerder_changed"
        if role == ParticipationMember.Role.PENVOERDER
        else "participation.member_added"
    )
    record(
        action,
        actor=actor,
        obj=locked,
        organisation=locked.organisation,
        programme=locked.edition.programme,
        reason=reason,
        details={
            "user": user.email,
            "role": role,
            "previous_penvoerder": previous_penvoerder.user.email if previous_penvoerder else None,
        },
    )
    forget_actor(user)
    return member


@transaction.atomic
def membership_end(*, actor: Any, member: ParticipationMember, reason: str = "") -> None:
    if not member.is_active:
        raise DomainError(_("Deze rol is al beëindigd."))
    if member.role == ParticipationMember.Role.PENVOERDER:
        raise DomainError(_("De penvoerder kan alleen door de servicedesk worden overgedragen."))
    _end_membership(
        member,
        reason=reason or _("Beëindigd door %(name)s") % {"name": getattr(actor, "display_name", "")},
    )
    participation = member.participation
    record(
        "participation.member_ended",
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=participation.edition.programme,
        details={"user": member.user.email, "role": member.role},
    )
    forget_actor(member.user)
