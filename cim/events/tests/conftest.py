from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.db import connection

from cim.events.tests.world import EventsWorld, events_world


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Tests marked postgres_only need row locks (SELECT … FOR UPDATE) and concurrent connections."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason=f"needs PostgreSQL row locking and concurrent connections; this run uses {connection.vendor} "
        "(set DATABASE_URL=postgres://… to run it)"
    )
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def ew(world) -> EventsWorld:  # type: ignore[no-untyped-def]
    return events_world(world)


@pytest.fixture
def outbox() -> list[Any]:
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def commit(django_capture_on_commit_callbacks) -> Callable[[], AbstractContextManager[Any]]:  # type: ignore[no-untyped-def]
    """`with commit(): …` runs what would happen after the commit (mail delivery) at the end of the block."""

    def make() -> AbstractContextManager[Any]:
        return django_capture_on_commit_callbacks(execute=True)

    return make
