"""The demo data of this room, and what it adds to the dashboard and navigation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cim.cases.models import Lesson, Masterclass4Choice, Material, Project
from cim.cases.sharing import LessonStatus
from cim.cases.tests import objects as o
from cim.core import registry
from cim.core.demo import DemoContext
from cim.testing.world import ANALYST, FUNDER, PENVOERDER, SERVICE_DESK


@pytest.mark.django_db
def test_demo_seed_is_complete_and_idempotent() -> None:
    def counts() -> tuple[int, ...]:
        return (
            Project.objects.count(),
            Lesson.objects.filter(status=LessonStatus.SHARED).count(),
            Lesson.objects.exclude(status=LessonStatus.SHARED).count(),
            Material.objects.filter(is_published=True).count(),
            Masterclass4Choice.objects.count(),
        )

    for _ in range(2):
        ctx = DemoContext()
        for seed in registry.demo_seeders():
            seed(ctx)
        if _ == 0:
            first = counts()
    assert counts() == first
    projects, shared, in_progress, published, mc4 = first
    assert projects >= 5
    assert shared >= 5
    assert in_progress >= 2
    assert published >= 3
    assert mc4 >= 1
    # The shared demo lessons are de-identified: no organisation name in their shared text.
    for lesson in Lesson.objects.filter(status=LessonStatus.SHARED, organisation__isnull=False):
        assert lesson.organisation.name not in lesson.shared_tried + lesson.shared_title
    assert all(m.attribution for m in Material.objects.all())


@pytest.mark.django_db
def test_dashboard_asks_the_author_for_approval_and_staff_to_de_identify(world, client_for) -> None:
    lesson = o.awaiting_lesson(world)
    o.draft_lesson(world)
    author_page = client_for(PENVOERDER).get(reverse("portal:dashboard")).content.decode()
    assert "Uw goedkeuring wordt gevraagd" in author_page
    assert reverse("cases:lesson", args=[lesson.pk]) in author_page
    desk_page = client_for(SERVICE_DESK).get(reverse("portal:dashboard")).content.decode()
    assert "1 les wacht op goedkeuring van de auteur." in desk_page
    assert "0 lessen wachten op anonimiseren." in desk_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        ("anonymous", ["Programmamateriaal"], ["Projecten", "Lessen anonimiseren"]),
        (PENVOERDER, ["Projecten", "Lessen", "Programmamateriaal"], ["Lessen anonimiseren"]),
        (SERVICE_DESK, ["Projecten", "Lessen", "Lessen anonimiseren"], []),
        (ANALYST, ["Projecten", "Lessen"], ["Lessen anonimiseren"]),
        (FUNDER, ["Programmamateriaal"], ["Projecten", "Lessen anonimiseren"]),
    ],
)
def test_navigation(world, client_for, role, visible, hidden) -> None:
    html = client_for(role).get(reverse("cases:material_list")).content.decode()
    nav = html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    for label in visible:
        assert f">{label}</a>" in nav, label
    for label in hidden:
        assert f">{label}</a>" not in nav, label


@pytest.mark.django_db
def test_pages_in_english(world, client_for) -> None:
    lesson = o.shared_lesson(world)
    client = client_for(PENVOERDER)
    client.cookies["cim_language"] = "en"
    listing = client.get(reverse("cases:shared_lessons")).content.decode()
    assert "Participants' lessons" in listing
    assert "Civil engineering" in listing  # tag names have an English name
    detail = client.get(reverse("cases:shared_lesson", args=[lesson.public_id])).content.decode()
    assert "What was tried?" in detail
    assert "Shared under the Chatham House Rule" in detail
    material = client.get(reverse("cases:material_list")).content.decode()
    assert "Programme material" in material
