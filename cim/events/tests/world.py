"""Events in the permission world (cim/testing/world.py): built on demand inside each role's
transaction and cached on `world.extras`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cim.events.models import Event, Registration, Session, SignupLink
from cim.events.services.programme import programme_create_defaults
from cim.events.tokens import registration_token
from cim.testing.world import World


@dataclass
class EventsWorld:
    mc1: Event
    mc4: Event
    closing: Event
    session: Session  # MC1, in two weeks
    past_session: Session  # MC1, two days ago
    closing_session: Session
    registration: Registration  # ours, confirmed, future
    attended: Registration  # ours, attended the past session
    foreign_registration: Registration
    link: SignupLink

    @property
    def token(self) -> str:
        return registration_token(self.registration.uuid)

    @property
    def attended_token(self) -> str:
        return registration_token(self.attended.uuid)


def make_registration(session: Session, participation, *, name: str, email: str, **extra) -> Registration:  # type: ignore[no-untyped-def]
    organisation = participation.organisation if participation else None
    return Registration.objects.create(
        event=session.event,
        session=session,
        participation=participation,
        organisation=organisation,
        organisation_name=organisation.name if organisation else extra.pop("organisation_name", "Elders"),
        organisation_kind=organisation.kind if organisation else extra.pop("organisation_kind", "overig"),
        name=name,
        email=email,
        chatham_accepted_at=timezone.now(),
        source=extra.pop("source", Registration.Source.PENVOERDER),
        status=extra.pop("status", Registration.Status.CONFIRMED),
        **extra,
    )


def events_world(w: World) -> EventsWorld:
    if "events" in w.extras:
        return w.extras["events"]
    desk = w.user("servicedesk")
    events = {e.kind: e for e in programme_create_defaults(actor=desk, edition=w.edition)}
    now = timezone.now().replace(second=0, microsecond=0)
    session = Session.objects.create(
        event=events["mc1"],
        starts_at=now + dt.timedelta(days=14),
        ends_at=now + dt.timedelta(days=14, hours=7),
        location="Arnhem",
        capacity=10,
    )
    past = Session.objects.create(
        event=events["mc1"],
        starts_at=now - dt.timedelta(days=2),
        ends_at=now - dt.timedelta(days=2) + dt.timedelta(hours=7),
        location="Nijmegen",
        capacity=10,
    )
    closing = Session.objects.create(
        event=events["closing"],
        starts_at=now + dt.timedelta(days=60),
        ends_at=now + dt.timedelta(days=60, hours=3),
        location="Provinciehuis",
        capacity=100,
    )
    ours = make_registration(session, w.participation, name="Anna Arnhem", email="anna@arnhem.nl")
    attended = make_registration(
        past, w.participation, name="Bert Arnhem", email="bert@arnhem.nl", attendance="present"
    )
    foreign = make_registration(session, w.foreign_participation, name="Nina Nijmegen", email="nina@nijmegen.nl")
    link = SignupLink.objects.create(participation=w.participation, key="test-signup-link-key", created_by=desk)
    ew = EventsWorld(
        mc1=events["mc1"],
        mc4=events["mc4"],
        closing=events["closing"],
        session=session,
        past_session=past,
        closing_session=closing,
        registration=ours,
        attended=attended,
        foreign_registration=foreign,
        link=link,
    )
    w.extras["events"] = ew
    return ew
