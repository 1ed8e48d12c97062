"""`make bench`: 200 registrations racing for the last seats of a session (PostgreSQL only).

A session with 60 seats of which 50 are taken; 200 people from eight of the demo edition's
municipalities (at most 3 per municipality per masterclass) register at once from a pool of
concurrent connections, joining the waiting list when the seats are gone. Reported: the latency
distribution, and the invariants: no overbooking, no municipality above its quota. On SQLite, which serialises all writers, the benchmark says so and
is skipped.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench.runner import Result

REGISTRATIONS = 200
WORKERS = 40  # concurrent database connections; PostgreSQL's default limit is 100
CAPACITY, TAKEN = 60, 50
MUNICIPALITIES = 8  # 8 × 3 = 24 places by quota, for 10 free seats: both limits are contested


def last_seats_race() -> list[Result]:
    from django.db import connection

    if connection.vendor != "postgresql":
        print("events: the last-seats race needs PostgreSQL row locks; skipped on", connection.vendor)
        return []
    from django.test.utils import override_settings

    with override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}},
    ):
        return _race()


def _race() -> list[Result]:
    from django.db import connection
    from django.utils import timezone

    from cim.core.errors import DomainError
    from cim.editions.models import Edition, Participation
    from cim.events.models import Event, Registration, Session
    from cim.events.services.registrations import Person, registration_create

    edition = Edition.objects.filter(programme__slug="gelderland").order_by("-year").first()
    event = Event.objects.get(edition=edition, kind="mc2")
    start = timezone.now() + dt.timedelta(days=30)
    session = Session.objects.create(
        event=event, starts_at=start, ends_at=start + dt.timedelta(hours=3), location="Bench", capacity=CAPACITY
    )
    participations = list(
        Participation.objects.filter(edition=edition, takes_masterclasses=True).select_related("organisation")[
            :MUNICIPALITIES
        ]
    )
    Registration.objects.filter(event=event).delete()  # a clean quota for every municipality
    for i in range(TAKEN):
        Registration.objects.create(
            event=event,
            session=session,
            organisation_name="Bench",
            organisation_kind="overig",
            name=f"Zit al {i}",
            email=f"taken{i}@bench.invalid",
            chatham_accepted_at=timezone.now(),
            source="staff",
            status="confirmed",
        )

    barrier = threading.Barrier(WORKERS)
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def register(i: int) -> None:
        participation = participations[i % len(participations)]
        if i < WORKERS:
            barrier.wait()  # the first wave starts at the same moment
        began = time.perf_counter()
        try:
            registration = registration_create(
                actor=None,
                session_id=session.pk,
                participation=participation,
                person=Person(name=f"Persoon {i}", email=f"p{i}@bench.invalid", accepts_chatham=True),
                source="link",
                join_waitlist=True,
            )
            outcome = "seat" if registration.status == "confirmed" else "waiting"
        except DomainError as exc:
            outcome = exc.code
        finally:
            elapsed = (time.perf_counter() - began) * 1000
            connection.close()
        with lock:
            latencies.append(elapsed)
            outcomes[outcome] += 1

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(register, range(REGISTRATIONS)))

    seated = Registration.objects.filter(session=session, status__in=["confirmed", "offered"]).count()
    per_org = Counter(
        Registration.objects.filter(event=event, status__in=["confirmed", "waitlisted", "offered"])
        .exclude(participation=None)
        .values_list("participation_id", flat=True)
    )
    over_quota = sum(1 for n in per_org.values() if n > (event.quota_per_organisation or 10**9))
    overbooked = max(seated - CAPACITY, 0)
    if outcomes["seat"] != CAPACITY - TAKEN:
        raise AssertionError(f"expected {CAPACITY - TAKEN} new seats, got {outcomes['seat']}")
    if overbooked or over_quota:
        raise AssertionError(f"overbooking: {overbooked} seats, {over_quota} municipalities over quota")
    ordered = sorted(latencies)
    notes = (
        f"{REGISTRATIONS} registrations over {WORKERS} connections for {CAPACITY - TAKEN} last seats: "
        f"{outcomes['seat']} seated, {outcomes['waiting']} waiting, {outcomes['quota']} refused (quota); "
        f"overbooked 0; p99 {ordered[int(0.99 * (len(ordered) - 1))]:.1f} ms, max {ordered[-1]:.1f} ms"
    )
    return [
        Result(
            "events: 200 racing for the last seats",
            latencies,
            notes=notes,
            extra={
                "seated": outcomes["seat"],
                "waiting": outcomes["waiting"],
                "refused_quota": outcomes["quota"],
                "overbooked": overbooked,
                "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 3),
                "max_ms": round(ordered[-1], 3),
            },
        )
    ]


SUITES = [last_seats_race]
