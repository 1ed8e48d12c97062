"""Writes of the Top 10: the penvoerder's consent and the service desk's publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cim.access.roles import Perm, Role
from cim.access.scoping import actor_of
from cim.audit.log import record
from cim.core.errors import DomainError
from cim.editions.lifecycle import EditionStatus
from cim.editions.models import Edition, Participation
from cim.topten.models import NamingConsent, PublishedRank, PublishedTopTen
from cim.topten.selectors import computed_ranking


def today() -> dt.date:
    """Today in Europe/Amsterdam (the closing meeting date is a Dutch calendar date)."""
    return timezone.localdate()


def _lock_edition(edition_id: int) -> Edition:
    # Consent and publication lock the same edition row, so a consent cannot slip in while the
    # ranking is being frozen.
    return Edition.objects.select_for_update().select_related("programme").get(pk=edition_id)


@transaction.atomic
def consent_set(*, actor: Any, participation: Participation, named: bool) -> tuple[NamingConsent, bool]:
    """The penvoerder chooses whether the Top 10 of this edition may name the organisation.

    Returns the consent and whether anything changed (a repeated submit changes nothing)."""
    membership = actor_of(actor).membership(participation.pk)
    if membership is None or membership.role != Role.PENVOERDER:
        raise DomainError(_("Alleen de penvoerder van de organisatie kan toestemming geven voor naamsvermelding."))
    edition = _lock_edition(participation.edition_id)
    participation = Participation.objects.select_related("organisation").get(pk=participation.pk)
    if participation.status != Participation.Status.ACTIVE:
        raise DomainError(_("Uw organisatie neemt niet (meer) deel aan deze editie."))
    if PublishedTopTen.objects.filter(edition=edition).exists():
        raise DomainError(_("De Top 10 van deze editie is al bekendgemaakt; uw keuze kan niet meer veranderen."))
    if edition.status == EditionStatus.ARCHIVED:
        raise DomainError(_("Deze editie is gearchiveerd; uw keuze kan niet meer veranderen."))
    consent = NamingConsent.objects.filter(participation=participation).first()
    if consent is not None and consent.named == named:
        return consent, False
    first_choice = consent is None
    if consent is None:
        # No row already means "not named"; an explicit "no" is recorded all the same.
        consent = NamingConsent(participation=participation)
    consent.named = named
    consent.changed_by = actor
    consent.changed_at = timezone.now()
    consent.full_clean()
    consent.save()
    record(
        "topten.consent_given" if named else ("topten.consent_refused" if first_choice else "topten.consent_withdrawn"),
        actor=actor,
        obj=participation,
        organisation=participation.organisation,
        programme=edition.programme,
        details={"edition": edition.pk, "named": named},
    )
    return consent, True


def publish_refusal(edition: Edition, *, on: dt.date | None = None) -> str | None:
    """Why the Top 10 of `edition` cannot be published (yet), in Dutch, or None."""
    on = on or today()
    if edition.status in (EditionStatus.DRAFT, EditionStatus.OPEN):
        return _("De editie staat nog open voor invullen; sluit eerst de editie voordat u de Top 10 bekendmaakt.")
    if edition.closing_meeting_date is None:
        return _("Er is nog geen datum voor de slotbijeenkomst vastgelegd; de Top 10 blijft tot die dag geheim.")
    if on < edition.closing_meeting_date:
        return _("De Top 10 blijft geheim tot de slotbijeenkomst; u kunt hem bekendmaken vanaf %(date)s.") % {
            "date": formats.date_format(edition.closing_meeting_date, "j F Y")
        }
    return None


@transaction.atomic
def top_ten_publish(*, actor: Any, edition: Edition, checksum: str, on: dt.date | None = None) -> PublishedTopTen:
    """Freeze and publish the edition's Top 10 as the service desk reviewed it.

    `checksum` is the one shown on the review page: when the ranking or a consent changed since,
    nothing is published. A second publication is refused; so is one before the closing meeting.
    """
    if not actor_of(actor).can_in_programme(Perm.MANAGE_PROGRAMME, edition.programme_id):
        raise DomainError(_("Alleen de servicedesk van het programma kan de Top 10 bekendmaken."))
    edition = _lock_edition(edition.pk)
    existing = PublishedTopTen.objects.filter(edition=edition).first()
    if existing is not None:
        raise DomainError(
            _("De Top 10 van deze editie is al bekendgemaakt op %(date)s; er is niets veranderd.")
            % {"date": formats.date_format(timezone.localtime(existing.published_at), "j F Y H:i")}
        )
    refusal = publish_refusal(edition, on=on)
    if refusal:
        raise DomainError(refusal)
    review = computed_ranking(edition)
    if not review.lines:
        raise DomainError(_("Geen enkele deelnemer voldoet aan de voorwaarden; er is geen Top 10 om bekend te maken."))
    if not isinstance(checksum, str) or checksum != review.checksum:
        raise DomainError(
            _(
                "De ranglijst of een toestemming is veranderd sinds u de ranglijst bekeek. "
                "Bekijk de ranglijst opnieuw en maak hem dan bekend."
            )
        )
    top_ten = PublishedTopTen(
        edition=edition,
        published_at=timezone.now(),
        published_by=actor,
        minimum_level_score=review.minimum,
        size=review.size,
        eligible_count=review.eligible_count,
        checksum=review.checksum,
    )
    top_ten.full_clean()
    try:
        with transaction.atomic():
            top_ten.save()
    except IntegrityError as exc:  # a parallel publication won
        raise DomainError(_("De Top 10 van deze editie is al bekendgemaakt; er is niets veranderd.")) from exc
    PublishedRank.objects.bulk_create(
        [
            PublishedRank(
                top_ten=top_ten,
                position=line.rank,
                order=index,
                organisation_id=line.organisation_id,
                named=line.named,
                name=line.name if line.named else "",
                overall=line.overall,
                strategic=line.strategic,
                operational=line.operational,
            )
            for index, line in enumerate(review.lines, start=1)
        ]
    )
    record(
        "topten.published",
        actor=actor,
        obj=edition,
        programme=edition.programme,
        details={
            "ranks": [
                {"position": line.rank, "organisation": line.organisation_id, "named": line.named}
                for line in review.lines
            ],
            "minimum_level_score": str(review.minimum),
            "eligible": review.eligible_count,
            "checksum": review.checksum,
        },
    )
    return top_ten
