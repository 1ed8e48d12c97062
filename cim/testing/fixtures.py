from __future__ import annotations

import pytest
from django.test import Client

from cim.testing.world import World, build_world


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": "/nowhere/"},
        },
    }
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}


@pytest.fixture(autouse=True)
def _clear_cache(_test_settings):  # type: ignore[no-untyped-def]
    """Rate-limit counters live in the cache; every test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _dutch_first():  # type: ignore[no-untyped-def]
    """Every test starts in Dutch; a request in English must not leak into the next test."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def client_for(world: World):  # type: ignore[no-untyped-def]
    """client_for(role) -> a test client logged in as that role of the world."""

    def make(role: str) -> Client:
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):  # type: ignore[no-untyped-def]
    """Transactional tests (browser, concurrency) flush the database afterwards, which also removes
    the reference data a migration loaded (municipalities, provinces). Put it back before each one."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("transactional_db")
    from cim.organisations.services import reference_data_ensure

    reference_data_ensure()
