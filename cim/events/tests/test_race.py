"""Concurrent registrations on PostgreSQL: real threads, each with its own database connection,
released at the same moment. Skipped on SQLite (see conftest.py)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cim.core.errors import DomainError
from cim.events.models import Registration, Session
from cim.events.services import registrations as services
from cim.events.services.registrations import Person, registration_create
from cim.events.tests.world import events_world, make_registration
from cim.testing.world import build_world

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def race(functions) -> list[object]:  # type: ignore[no-untyped-def]
    """Run the functions in parallel threads released together; return their results or errors."""
    barrier = threading.Barrier(len(functions))
    results: list[object] = [None] * len(functions)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = functions[i]()
        except Exception as exc:  # the outcome is what the test inspects
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(functions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def slow_down(monkeypatch, name: str, seconds: float = 0.3) -> None:  # type: ignore[no-untyped-def]
    """Widen the window between reading a count and writing the registration, so that without the
    row locks the racers would certainly both read the old count (and this test would fail)."""
    original = getattr(services, name)

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(seconds)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, name, slow)


def test_two_colleagues_racing_for_the_municipalitys_last_place_get_one(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    slow_down(monkeypatch, "_quota_used")
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    ew = events_world(world)
    Session.objects.filter(pk=ew.session.pk).update(capacity=50)
    # Arnhem has Anna and Bert: one place left. Two requests from the shared link arrive together, on
    # two different sessions of masterclass 1, so only the municipality's lock can keep them apart.
    later = Session.objects.create(
        event=ew.mc1,
        starts_at=ew.session.starts_at + dt.timedelta(days=7),
        ends_at=ew.session.ends_at + dt.timedelta(days=7),
        location="Ede",
        capacity=50,
    )
    url_a = reverse("events:link_register", args=[ew.link.key, ew.session.pk])
    url_b = reverse("events:link_register", args=[ew.link.key, later.pk])

    def post(url: str, name: str, email: str):  # type: ignore[no-untyped-def]
        return lambda: (
            Client(REMOTE_ADDR=f"10.0.0.{len(email)}")
            .post(url, {"name": name, "email": email, "language": "nl", "accepts_chatham": "on"})
            .status_code
        )

    # Warm up (templates, translations, URL resolver) so that both requests really run side by side.
    Client().post(url_a, {"name": ""})
    results = race([post(url_a, "Carla", "carla@arnhem.nl"), post(url_b, "Dirk", "dirk@arnhem.nl")])
    assert sorted(results) == [302, 400], results
    active = Registration.objects.filter(event=ew.mc1, participation=world.participation).exclude(status="cancelled")
    assert active.count() == 3


def test_many_people_racing_for_the_last_seats_never_overbook(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    slow_down(monkeypatch, "seats_taken", 0.1)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    ew = events_world(world)
    start = timezone.now() + dt.timedelta(days=9)
    session = Session.objects.create(
        event=ew.closing, starts_at=start, ends_at=start + dt.timedelta(hours=3), location="Arnhem", capacity=5
    )
    for i in range(3):
        make_registration(session, None, name=f"Al {i}", email=f"al{i}@x.nl")

    def register(i: int):  # type: ignore[no-untyped-def]
        def call() -> str:
            try:
                registration_create(
                    actor=None,
                    session_id=session.pk,
                    person=Person(name=f"Racer {i}", email=f"racer{i}@x.nl", accepts_chatham=True),
                    source="public",
                    organisation_name="Waterschap",
                    organisation_kind="waterschap",
                )
                return "seat"
            except DomainError as exc:
                return exc.code

        return call

    results = race([register(i) for i in range(12)])
    assert results.count("seat") == 2, results
    assert results.count("full") == 10, results
    assert Registration.objects.filter(session=session, status="confirmed").count() == 5


def test_the_same_email_twice_at_once_is_stored_once(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    ew = events_world(world)

    def register():  # type: ignore[no-untyped-def]
        try:
            registration_create(
                actor=None,
                session_id=ew.closing_session.pk,
                person=Person(name="Dubbel", email="dubbel@x.nl", accepts_chatham=True),
                source="public",
                organisation_name="Provincie",
                organisation_kind="provincie",
            )
            return "seat"
        except DomainError as exc:
            return exc.code

    results = race([register, register, register])
    assert sorted(results) == ["duplicate", "duplicate", "seat"], results
    assert Registration.objects.filter(email="dubbel@x.nl").count() == 1
