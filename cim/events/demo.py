"""Demo: the programme of every demo edition, with sessions, registrations, a full session with a
waiting list, MC4 projects, public registrations for the closing meeting, and attendance for the
sessions that have taken place. Idempotent; writes no e-mail."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from django.utils import timezone

from cim.core.demo import DEMO_DOMAIN, DemoContext
from cim.editions.models import Edition, Participation, ParticipationMember
from cim.events.defaults import CLOSING, MC1, MC2, MC3, MC4
from cim.events.models import Event, EventProject, Registration, Session
from cim.events.services.programme import programme_create_defaults

AMS = ZoneInfo("Europe/Amsterdam")
FIRST = ("Anouk", "Bas", "Carmen", "Daan", "Eline", "Fatima", "Gert", "Hanna", "Imran", "Joris", "Kim", "Lotte")
LAST = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters")
FUNCTIONS = ("Inkoopadviseur", "Strategisch inkoper", "Beleidsmedewerker duurzaamheid", "Projectleider GWW")
DIETS = ("", "", "", "vegetarisch", "glutenvrij", "veganistisch", "geen noten")
PROJECTS = (
    (
        "Circulaire herinrichting van het stadspark",
        "Hergebruik van bestrating en straatmeubilair bij de herinrichting.",
    ),
    ("Kantoormeubilair via een circulair contract", "Meubilair als dienst, met terugname en hergebruik."),
    ("Renovatie gemeentehuis", "Materialenpaspoort en hoogwaardig hergebruik van vrijkomende materialen."),
)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", ".", ascii_text.lower()).strip(".")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


def _session_plan(edition: Edition) -> dict[str, list[tuple[dt.datetime, dt.datetime, str, int]]]:
    """Sessions around the week the edition's scan has been open eight weeks (the demo's 'now' for
    the current edition): the first masterclass 1 has taken place, the second and masterclasses
    2 and 3 lie ahead (3 is small and full), masterclass 4 follows the deadline."""
    opened = edition.opens_at.astimezone(AMS).date()
    anchor = opened - dt.timedelta(days=opened.weekday()) + dt.timedelta(weeks=8)
    closing = edition.closing_meeting_date or anchor + dt.timedelta(weeks=14, days=3)

    def day(weeks: int, days: int) -> dt.date:
        return anchor + dt.timedelta(weeks=weeks, days=days)

    mc1a, mc1b, mc2, mc3, mc4 = day(-3, 1), day(1, 3), day(2, 1), day(3, 3), day(8, 1)
    return {
        MC1: [
            (_at(mc1a, 9, 30), _at(mc1a, 16, 30), "Huis der Provincie, Arnhem", 45),
            (_at(mc1b, 9, 30), _at(mc1b, 16, 30), "Stadhuis Nijmegen", 30),
        ],
        MC2: [(_at(mc2, 14), _at(mc2, 17), "Stadhuis Apeldoorn", 30)],
        MC3: [(_at(mc3, 14), _at(mc3, 17), "Gemeentehuis Ede", 12)],
        MC4: [(_at(mc4, 14), _at(mc4, 17), "Huis der Provincie, Arnhem", 40)],
        CLOSING: [(_at(closing, 13, 30), _at(closing, 17), "Huis der Provincie, Arnhem", 150)],
    }


def seed(ctx: DemoContext) -> None:
    desk = ctx.data["service_desk"]
    for edition in ctx.data["editions"].values():
        if not Event.objects.filter(edition=edition).exists():
            programme_create_defaults(actor=desk, edition=edition)
        events = {e.kind: e for e in Event.objects.filter(edition=edition)}
        plan = _session_plan(edition)
        for kind, sessions in plan.items():
            event = events[kind]
            if event.sessions.exists():
                continue
            for starts_at, ends_at, location, capacity in sessions:
                Session.objects.create(
                    event=event, starts_at=starts_at, ends_at=ends_at, location=location, capacity=capacity
                )
        if not Registration.objects.filter(event__edition=edition).exists():
            _seed_registrations(ctx, edition, events)
    ctx.notes.append(
        "Masterclasses: the open edition has a full masterclass 3 with a waiting list; Nijmegen's penvoerder is "
        "not registered for masterclass 1 (see the warnings)."
    )


class _People:
    def __init__(self, ctx: DemoContext) -> None:
        self.rng = ctx.rng
        self.n = 0

    def invent(self, org_name: str) -> tuple[str, str]:
        self.n += 1
        first, last = FIRST[self.n % len(FIRST)], LAST[(self.n * 7) % len(LAST)]
        name = f"{first} {last}"
        return name, f"{_slug(first)}.{_slug(last)}.{_slug(org_name)}@{DEMO_DOMAIN}"


def _register(
    *,
    session: Session,
    participation: Participation | None,
    name: str,
    email: str,
    ctx: DemoContext,
    status: str = Registration.Status.CONFIRMED,
    org_name: str = "",
    org_kind: str = "",
    is_companion: bool = False,
) -> Registration:
    now = timezone.now()
    when = min(session.starts_at - dt.timedelta(days=20), now)
    organisation = participation.organisation if participation else None
    past = session.ends_at < now
    attendance = ""
    if past and status == Registration.Status.CONFIRMED:
        attendance = "present" if ctx.rng.random() < 0.85 else "absent"
    return Registration.objects.create(
        event=session.event,
        session=session,
        participation=participation,
        organisation=organisation,
        organisation_name=organisation.name if organisation else org_name,
        organisation_kind=organisation.kind if organisation else org_kind,
        name=name,
        email=email.lower(),
        function=ctx.rng.choice(FUNCTIONS),
        dietary=ctx.rng.choice(DIETS) if session.event.lunch else "",
        listed_consent=ctx.rng.random() < 0.7,
        chatham_accepted_at=when,
        is_companion=is_companion,
        source=Registration.Source.PENVOERDER if participation else Registration.Source.PUBLIC,
        status=status,
        confirmed_at=when if status == Registration.Status.CONFIRMED else None,
        waitlisted_at=when if status == Registration.Status.WAITLISTED else None,
        attendance=attendance,
        attendance_marked_at=session.starts_at if attendance else None,
    )


def _seed_registrations(ctx: DemoContext, edition: Edition, events: dict[str, Event]) -> None:
    rng = ctx.rng
    people = _People(ctx)
    participations = list(
        Participation.objects.filter(edition=edition, takes_masterclasses=True).select_related("organisation")
    )
    members: dict[int, list[tuple[str, str, str]]] = {}
    for m in ParticipationMember.objects.filter(participation__edition=edition, is_active=True).select_related("user"):
        members.setdefault(m.participation_id, []).append((m.role, m.user.display_name, m.user.email))
    sessions = {kind: list(event.sessions.order_by("starts_at")) for kind, event in events.items()}
    is_current = edition.status == "open"
    for index, participation in enumerate(participations):
        org = participation.organisation
        people_here = sorted(members.get(participation.pk, []))
        penvoerder = next(((n, e) for r, n, e in people_here if r == "penvoerder"), None)
        colleague = next(((n, e) for r, n, e in people_here if r == "contributor"), None)
        skip_penvoerder = is_current and (org.cbs_code == "GM0268" or index % 5 == 2)  # Nijmegen and some others
        mc1 = sessions[MC1][index % 2] if org.cbs_code not in ("GM0202",) else sessions[MC1][0]
        attendees: list[tuple[str, str]] = []
        if penvoerder and not skip_penvoerder:
            attendees.append(penvoerder)
        if colleague:
            attendees.append(colleague)
        if org.cbs_code == "GM0202" or rng.random() < 0.4:
            attendees.append(people.invent(org.name))
        for name, email in attendees[:3]:
            _register(session=mc1, participation=participation, name=name, email=email, ctx=ctx)
        if rng.random() < 0.6 or org.cbs_code == "GM0202":
            name, email = people.invent(org.name)
            _register(session=sessions[MC2][0], participation=participation, name=name, email=email, ctx=ctx)
        if (rng.random() < 0.5 or org.cbs_code == "GM0202") and attendees:
            # An MC1 participant accompanies a colleague to MC2 (does not count towards the quota).
            name, email = attendees[0]
            _register(
                session=sessions[MC2][0],
                participation=participation,
                name=name,
                email=email,
                ctx=ctx,
                is_companion=True,
            )
        if rng.random() < 0.5 or org.cbs_code == "GM0202":
            title, description = PROJECTS[index % len(PROJECTS)]
            EventProject.objects.get_or_create(
                event=events[MC4], participation=participation, defaults={"title": title, "description": description}
            )
            name, email = attendees[0] if attendees else people.invent(org.name)
            _register(session=sessions[MC4][0], participation=participation, name=name, email=email, ctx=ctx)
        if rng.random() < 0.7 and attendees:
            name, email = attendees[-1]
            _register(session=sessions[CLOSING][0], participation=participation, name=name, email=email, ctx=ctx)
    _fill_mc3(ctx, sessions[MC3][0], participations, people)
    for i in range(4):
        name, _email = people.invent("Waterschap Rijn en IJssel")
        _register(
            session=sessions[CLOSING][0],
            participation=None,
            name=name,
            email=f"{_slug(name)}.{i}.{edition.year}@wrij.{DEMO_DOMAIN}",
            ctx=ctx,
            org_name="Waterschap Rijn en IJssel" if i % 2 == 0 else "Omgevingsdienst Regio Arnhem",
            org_kind="waterschap" if i % 2 == 0 else "overig",
        )


def _fill_mc3(ctx: DemoContext, session: Session, participations: list[Participation], people: _People) -> None:
    """Masterclass 3 is small and full; while it is still ahead, three people wait for a seat."""
    waiting = 3 if session.starts_at > timezone.now() else 0
    wanted = [(p, n) for p in participations for n in range(2)][: session.capacity + waiting]
    for index, (participation, _n) in enumerate(wanted):
        name, email = people.invent(participation.organisation.name)
        status = Registration.Status.CONFIRMED if index < session.capacity else Registration.Status.WAITLISTED
        _register(session=session, participation=participation, name=name, email=email, ctx=ctx, status=status)
