"""A small, complete world for permission tests: two programmes, one open edition, two
participating municipalities (ours: Arnhem, foreign: Nijmegen) and one person per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from cim.accounts.models import User
from cim.accounts.totp import totp_activate
from cim.editions.codes import generate_token, hash_secret
from cim.editions.models import (
    Edition,
    FeedbackMoment,
    Invitation,
    LoginCode,
    Participation,
    ParticipationApplication,
    ProgrammeStaff,
)
from cim.testing import factories as f

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# The roles every permission case is checked with.
ANONYMOUS = "anonymous"
PENVOERDER = "penvoerder"
CONTRIBUTOR = "contributor"
FOREIGN_PENVOERDER = "foreign_penvoerder"  # penvoerder of another municipality, same edition
SERVICE_DESK = "servicedesk"
ANALYST = "analyst"
FUNDER = "funder"
FOREIGN_STAFF = "foreign_staff"  # service desk of another programme
ROLES = (
    ANONYMOUS,
    PENVOERDER,
    CONTRIBUTOR,
    FOREIGN_PENVOERDER,
    SERVICE_DESK,
    ANALYST,
    FUNDER,
    FOREIGN_STAFF,
)


@dataclass
class World:
    programme: Any
    other_programme: Any
    edition: Edition
    participation: Participation
    foreign_participation: Participation
    users: dict[str, User | None]
    login_code: LoginCode
    invitation: Invitation
    invitation_token: str
    feedback_moment: FeedbackMoment
    application: ParticipationApplication
    extras: dict[str, Any] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return self.users[role]


def build_world() -> World:
    programme = f.ProgrammeFactory(name="Circulair Inkopen Gelderland", slug="gld")
    other = f.ProgrammeFactory(name="Ander programma", slug="ander")
    edition = f.EditionFactory(programme=programme, year=2030)
    ours = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0202"))
    foreign = f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0268"))
    penvoerder = f.MemberFactory(
        participation=ours, user__email="penvoerder@arnhem.nl", user__name="Petra Penvoerder"
    ).user
    contributor = f.MemberFactory(
        participation=ours,
        role="contributor",
        user__email="collega@arnhem.nl",
        user__name="Coen Collega",
    ).user
    foreign_penvoerder = f.MemberFactory(participation=foreign, user__email="penvoerder@nijmegen.nl").user
    desk = f.StaffFactory(programme=programme, user__email="desk@programma.nl").user
    analyst = f.StaffFactory(
        programme=programme, role=ProgrammeStaff.Role.ANALYST, user__email="analist@programma.nl"
    ).user
    funder = f.FunderFactory(programme=programme, user__email="provincie@gelderland.nl").user
    foreign_staff = f.StaffFactory(programme=other, user__email="desk@ander.nl").user
    for staff_user in (desk, analyst, foreign_staff):
        totp_activate(staff_user, TOTP_SECRET)
    login_code = LoginCode.objects.create(
        participation=ours,
        code_hash=hash_secret("X" * 20),
        expires_at=timezone.now() + dt.timedelta(days=5),
    )
    token = generate_token()
    invitation = Invitation.objects.create(
        participation=ours,
        email="nieuw@arnhem.nl",
        name="Nieuwe Collega",
        token_hash=hash_secret(token),
        invited_by=penvoerder,
        expires_at=timezone.now() + dt.timedelta(days=5),
    )
    moment = FeedbackMoment.objects.create(
        edition=edition,
        date=timezone.localtime(edition.submission_deadline).date() + dt.timedelta(days=14),
        kind=FeedbackMoment.Kind.RESULTS,
        description="Terugkoppeling",
    )
    application = ParticipationApplication.objects.create(
        edition=edition,
        organisation=f.organisation("GM0228"),
        contact_name="Eva Ede",
        contact_email="eva@ede.nl",
    )
    return World(
        programme=programme,
        other_programme=other,
        edition=edition,
        participation=ours,
        foreign_participation=foreign,
        users={
            ANONYMOUS: None,
            PENVOERDER: penvoerder,
            CONTRIBUTOR: contributor,
            FOREIGN_PENVOERDER: foreign_penvoerder,
            SERVICE_DESK: desk,
            ANALYST: analyst,
            FUNDER: funder,
            FOREIGN_STAFF: foreign_staff,
        },
        login_code=login_code,
        invitation=invitation,
        invitation_token=token,
        feedback_moment=moment,
        application=application,
    )
