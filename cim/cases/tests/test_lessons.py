"""Lessons under the Chatham House Rule: written by a municipality, de-identified by staff with
the system's flags, approved by the author in exactly the shared form, then readable by the
programme's participants without any trace of who wrote them."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.cases.models import Lesson
from cim.cases.selectors import related_content, top10_lessons
from cim.cases.services import lessons as lesson_services
from cim.cases.sharing import LessonStatus
from cim.cases.tests import objects as o
from cim.core.errors import DomainError
from cim.testing import factories as f
from cim.testing.world import (
    ANALYST,
    CONTRIBUTOR,
    FOREIGN_PENVOERDER,
    FOREIGN_STAFF,
    FUNDER,
    PENVOERDER,
    SERVICE_DESK,
)

pytestmark = pytest.mark.django_db


def test_the_whole_road_to_sharing(world, client_for, django_capture_on_commit_callbacks) -> None:
    author, desk = client_for(PENVOERDER), client_for(SERVICE_DESK)
    response = author.post(
        reverse("cases:lesson_create"),
        {
            "title": "Aanbesteding straatstenen Arnhem",
            "tried": "Arnhem vroeg Coen Collega (collega@arnhem.nl, 026-1234567) de markt te raadplegen.",
            "worked": "Aannemers kwamen met hergebruik.",
            "categories": [o.tag("gww").pk],
            "phase": "market_consultation",
        },
    )
    lesson = Lesson.objects.get()
    assert response["Location"] == reverse("cases:lesson", args=[lesson.pk])
    assert lesson.status == LessonStatus.DRAFT
    author.post(reverse("cases:lesson_submit", args=[lesson.pk]))
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.SUBMITTED
    assert lesson.shared_tried == lesson.tried  # staff start from the author's text

    page = desk.get(reverse("cases:review", args=[lesson.pk])).content.decode()
    marks = re.findall(r'<mark class="cim-flag cim-flag--(\w+)">([^<]*)<', page)
    assert ("organisation", "Arnhem") in marks
    assert ("person", "Coen Collega") in marks
    assert ("email", "collega@arnhem.nl") in marks
    assert ("phone", "026-1234567") in marks

    # "Check" re-runs the flags on the edited text without saving it.
    clean = {
        "title": "Aanbesteding straatstenen",
        "tried": "Een gemeente vroeg een collega de markt te raadplegen.",
        "worked": "Aannemers kwamen met hergebruik.",
        "phase": "market_consultation",
        "categories": [o.tag("gww").pk],
    }
    page = desk.post(reverse("cases:review", args=[lesson.pk]), {**clean, "action": "check"}).content.decode()
    assert "Geen herleidbare gegevens gevonden" in page
    lesson.refresh_from_db()
    assert lesson.shared_tried == lesson.tried

    with django_capture_on_commit_callbacks(execute=True):
        desk.post(reverse("cases:review", args=[lesson.pk]), {**clean, "action": "send"})
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.AWAITING_APPROVAL
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Petra Penvoerder <penvoerder@arnhem.nl>"]
    assert reverse("cases:lesson", args=[lesson.pk]) in mail.outbox[0].body

    # Not shared yet: others cannot find it.
    reader = client_for(FOREIGN_PENVOERDER)
    assert "Aanbesteding straatstenen" not in reader.get(reverse("cases:shared_lessons")).content.decode()

    page = author.get(reverse("cases:lesson", args=[lesson.pk])).content.decode()
    assert "Uw goedkeuring gevraagd" in page
    version = re.search(r'name="version" value="([0-9a-f]{64})"', page).group(1)  # type: ignore[union-attr]
    author.post(reverse("cases:lesson_approve", args=[lesson.pk]), {"version": version})
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.SHARED
    assert lesson.approved_by == world.user(PENVOERDER)
    assert AuditEntry.objects.filter(action="cases.lesson_approved", object_id=str(lesson.pk)).exists()

    listing = reader.get(reverse("cases:shared_lessons"), {"category": "gww"}).content.decode()
    assert "Aanbesteding straatstenen" in listing
    detail = reader.get(reverse("cases:shared_lesson", args=[lesson.public_id])).content.decode()
    assert "Een gemeente vroeg een collega de markt te raadplegen." in detail


def no_trace(html: str, world, lesson: Lesson) -> None:  # type: ignore[no-untyped-def]
    """Nothing on the page points to the author, the organisation or the lesson's own record."""
    author = world.user(PENVOERDER)
    for needle in (
        world.participation.organisation.name,
        author.name,
        author.email,
        lesson.title,  # the author's own title
        f"/lessen/eigen/{lesson.pk}/",
        f"/projecten/{lesson.project_id}/",
        lesson.project.title if lesson.project else lesson.title,
    ):
        assert needle not in html, needle
    # The random public id may hold the row number between dashes ("-1-"); it is no trace.
    without_public_id = html.replace(lesson.public_id, "")
    assert not re.search(rf'(?:id|data-[\w-]+|value)="[^"]*\b{lesson.pk}\b', without_public_id)


def test_a_shared_lesson_shows_no_trace_of_who_wrote_it(world, client_for) -> None:
    lesson = o.shared_lesson(world)
    lesson.project = o.project(world)
    lesson.public_id = f"Xq-{lesson.pk}-{lesson.public_id}"[:16]  # as token_urlsafe can make it
    lesson.save()
    reader = client_for(FOREIGN_PENVOERDER)
    listing = reader.get(reverse("cases:shared_lessons")).content.decode()
    detail = reader.get(reverse("cases:shared_lesson", args=[lesson.public_id])).content.decode()
    assert "Hergebruik van straatstenen" in listing
    assert "Een gemeente zocht partners voor hergebruik." in detail
    no_trace(listing, world, lesson)
    no_trace(detail, world, lesson)
    assert str(lesson.pk) != lesson.public_id
    assert len(lesson.public_id) >= 16


def test_search_looks_only_at_the_shared_text(world, client_for) -> None:
    o.shared_lesson(world)  # the author's text names Petra Penvoerder and a phone number
    reader = client_for(FOREIGN_PENVOERDER)
    for query in ("Petra", "026-1234567", "Arnhem"):
        page = reader.get(reverse("cases:shared_lessons"), {"q": query}).content.decode()
        assert "Geen lessen gevonden" in page, query
    found = reader.get(reverse("cases:shared_lessons"), {"q": "partners hergebruik"}).content.decode()
    assert "Hergebruik van straatstenen" in found


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"category": "gww"}, True),
        ({"category": "energie"}, False),
        ({"theme": "hoogwaardig-hergebruik"}, True),
        ({"perspective": "emvi"}, False),
        ({"phase": "tender"}, False),
        ({"category": "gww", "theme": "hoogwaardig-hergebruik"}, True),
        ({"category": "<script>"}, True),  # an unknown value is ignored, not an error
    ],
)
def test_filters(world, client_for, params, found) -> None:
    o.shared_lesson(world)
    response = client_for(CONTRIBUTOR).get(reverse("cases:shared_lessons"), params)
    assert response.status_code == 200
    assert ("Hergebruik van straatstenen" in response.content.decode()) is found
    assert "<script>" not in response.content.decode()


def test_who_may_read_shared_lessons(world, client_for) -> None:
    lesson = o.shared_lesson(world)
    url = reverse("cases:shared_lesson", args=[lesson.public_id])
    for role in (PENVOERDER, CONTRIBUTOR, FOREIGN_PENVOERDER, SERVICE_DESK, ANALYST):
        assert client_for(role).get(url).status_code == 200, role
    for role in (FUNDER, FOREIGN_STAFF):
        assert client_for(role).get(url).status_code == 404, role
    # A member of another programme does not see this programme's lessons.
    other = f.MemberFactory(participation__edition__programme=world.other_programme).user
    client = client_for(PENVOERDER)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert "Hergebruik van straatstenen" not in client.get(reverse("cases:shared_lessons")).content.decode()


def test_drafts_and_unapproved_lessons_stay_with_the_organisation(world, client_for) -> None:
    draft = o.draft_lesson(world)
    reader = client_for(FOREIGN_PENVOERDER)
    assert reader.get(reverse("cases:lesson", args=[draft.pk])).status_code == 404
    assert reader.get(reverse("cases:shared_lesson", args=[draft.public_id])).status_code == 404
    assert reader.get(reverse("cases:review", args=[draft.pk])).status_code == 404
    assert draft.title not in reader.get(reverse("cases:lessons_mine")).content.decode()
    assert AuditEntry.objects.filter(action="access.denied", object_id=str(draft.pk)).exists()
    assert draft.title in client_for(CONTRIBUTOR).get(reverse("cases:lessons_mine")).content.decode()


def test_staff_reading_an_organisations_lesson_is_audited(world, client_for) -> None:
    lesson = o.submitted_lesson(world)
    client_for(SERVICE_DESK).get(reverse("cases:review", args=[lesson.pk]))
    entry = AuditEntry.objects.get(action="confidential.read", object_id=str(lesson.pk))
    assert entry.details["what"] == "les (anonimiseren)"


def test_a_stale_approval_is_refused(world, client_for) -> None:
    lesson = o.awaiting_lesson(world)
    read_version = lesson.shared_version().digest()
    lesson_services.lesson_save_shared(
        actor=world.user(SERVICE_DESK),
        lesson=lesson,
        title="Hergebruik van straatstenen",
        tried="Een gemeente zocht partners voor hergebruik, en vond er drie.",
        tags=[o.tag("gww")],
        send=True,
    )
    response = client_for(PENVOERDER).post(
        reverse("cases:lesson_approve", args=[lesson.pk]), {"version": read_version}, follow=True
    )
    assert "is gewijzigd nadat u de pagina opende" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.AWAITING_APPROVAL


@pytest.mark.parametrize("role", [CONTRIBUTOR, SERVICE_DESK])
def test_nobody_but_the_author_can_approve(world, client_for, role) -> None:
    lesson = o.awaiting_lesson(world)
    response = client_for(role).post(
        reverse("cases:lesson_approve", args=[lesson.pk]),
        {"version": lesson.shared_version().digest()},
        follow=True,
    )
    assert "Alleen de auteur" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.AWAITING_APPROVAL


def test_the_penvoerder_approves_when_the_author_has_left(world) -> None:
    contributor = world.user(CONTRIBUTOR)
    lesson = lesson_services.lesson_create(
        actor=contributor, owner=o.owner(world), title="Les van een collega", tried="Wij probeerden iets."
    )
    lesson_services.lesson_submit(actor=contributor, lesson=lesson)
    lesson = lesson_services.lesson_save_shared(
        actor=world.user(SERVICE_DESK), lesson=lesson, title="Les", tried="Een gemeente probeerde iets.", send=True
    )
    with pytest.raises(DomainError):
        lesson_services.lesson_approve(
            actor=world.user(PENVOERDER), lesson=lesson, version=lesson.shared_version().digest()
        )
    world.participation.members.filter(user=contributor).update(is_active=False)
    contributor._cim_actor = None
    del contributor._cim_actor
    lesson = Lesson.objects.get(pk=lesson.pk)
    lesson_services.lesson_approve(
        actor=world.user(PENVOERDER), lesson=lesson, version=lesson.shared_version().digest()
    )
    assert Lesson.objects.get(pk=lesson.pk).status == LessonStatus.SHARED


def test_a_change_after_approval_needs_approval_again(world, client_for) -> None:
    lesson = o.shared_lesson(world)
    desk = client_for(SERVICE_DESK)
    data = {
        "title": lesson.shared_title,
        "tried": lesson.shared_tried,
        "categories": [o.tag("gww").pk],
        "themes": [o.tag("hoogwaardig-hergebruik").pk],
        "action": "save",
    }
    desk.post(reverse("cases:review", args=[lesson.pk]), data)
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.SHARED  # nothing changed: still shared
    desk.post(reverse("cases:review", args=[lesson.pk]), {**data, "tried": "Nieuwe tekst."})
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.SUBMITTED
    reader = client_for(FOREIGN_PENVOERDER)
    assert reader.get(reverse("cases:shared_lesson", args=[lesson.public_id])).status_code == 404
    # Changing only the tags is a change as well: readers would see them.
    desk.post(reverse("cases:review", args=[lesson.pk]), {**data, "themes": [], "action": "send"})
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.AWAITING_APPROVAL


def test_the_author_can_ask_for_changes_and_withdraw(world, client_for) -> None:
    lesson = o.awaiting_lesson(world)
    author = client_for(PENVOERDER)
    response = author.post(reverse("cases:lesson_request_changes", args=[lesson.pk]), {"note": ""}, follow=True)
    assert "Schrijf wat er anders moet" in response.content.decode()
    author.post(reverse("cases:lesson_request_changes", args=[lesson.pk]), {"note": "Laat de wijk weg."})
    lesson.refresh_from_db()
    assert (lesson.status, lesson.author_note) == (LessonStatus.SUBMITTED, "Laat de wijk weg.")
    assert (
        "Laat de wijk weg." in client_for(SERVICE_DESK).get(reverse("cases:review", args=[lesson.pk])).content.decode()
    )
    author.post(reverse("cases:lesson_withdraw", args=[lesson.pk]))
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.DRAFT
    assert client_for(SERVICE_DESK).get(reverse("cases:review", args=[lesson.pk])).status_code == 200  # "not submitted"


def test_withdrawing_a_shared_lesson_hides_it_at_once(world, client_for) -> None:
    lesson = o.shared_lesson(world)
    client_for(CONTRIBUTOR).post(reverse("cases:lesson_withdraw", args=[lesson.pk]))
    assert (
        client_for(FOREIGN_PENVOERDER).get(reverse("cases:shared_lesson", args=[lesson.public_id])).status_code == 404
    )


def test_duplicate_submits_change_nothing(world, client_for) -> None:
    lesson = o.draft_lesson(world)
    client = client_for(PENVOERDER)
    client.post(reverse("cases:lesson_submit", args=[lesson.pk]))
    response = client.post(reverse("cases:lesson_submit", args=[lesson.pk]), follow=True)
    assert "al ingediend" in response.content.decode()
    assert AuditEntry.objects.filter(action="cases.lesson_submitted").count() == 1


def test_submitted_lessons_cannot_be_edited_by_the_author_nor_shared_versions_by_members(world, client_for) -> None:
    lesson = o.submitted_lesson(world)
    client = client_for(PENVOERDER)
    response = client.post(reverse("cases:lesson_edit", args=[lesson.pk]), {"title": "Anders", "tried": "Anders"})
    assert response.status_code == 302
    assert Lesson.objects.get(pk=lesson.pk).title != "Anders"
    with pytest.raises(DomainError):
        lesson_services.lesson_save_shared(actor=world.user(PENVOERDER), lesson=lesson, title="x", tried="y")


def test_script_in_a_lesson_is_sanitised_on_every_page(world, client_for) -> None:
    payload = "<script>alert(1)</script> **vet** <img src=x onerror=alert(1)>"
    lesson = lesson_services.lesson_create(
        actor=world.user(PENVOERDER), owner=o.owner(world), title="<b>Les</b>", tried=payload
    )
    lesson_services.lesson_submit(actor=world.user(PENVOERDER), lesson=lesson)
    for client, url in (
        (client_for(PENVOERDER), reverse("cases:lesson", args=[lesson.pk])),
        (client_for(SERVICE_DESK), reverse("cases:review", args=[lesson.pk])),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "<b>Les</b>" not in html
    assert (
        "<strong>vet</strong>" in client_for(PENVOERDER).get(reverse("cases:lesson", args=[lesson.pk])).content.decode()
    )


def test_a_lesson_links_only_to_a_project_of_the_own_organisation(world) -> None:
    foreign_project = o.project(world)
    with pytest.raises(DomainError, match="eigen organisatie"):
        lesson_services.lesson_create(
            actor=world.user(FOREIGN_PENVOERDER),
            owner=o.owner(world, foreign=True),
            title="Les",
            tried="Tekst",
            project=foreign_project,
        )


def test_a_double_submit_writes_one_lesson(world, client_for) -> None:
    client = client_for(PENVOERDER)
    data = {"title": "Een les", "tried": "Tekst."}
    client.post(reverse("cases:lesson_create"), data)
    response = client.post(reverse("cases:lesson_create"), data)
    assert "Er is al een les met deze titel" in response.content.decode()
    assert Lesson.objects.count() == 1


def test_huge_text_is_refused(world, client_for) -> None:
    response = client_for(PENVOERDER).post(reverse("cases:lesson_create"), {"title": "Les", "tried": "x" * 10_001})
    assert response.status_code == 400
    assert not Lesson.objects.exists()


def test_staff_write_up_from_a_masterclass(world, client_for) -> None:
    desk = client_for(SERVICE_DESK)
    desk.post(reverse("cases:lesson_create"), {"title": "Uit masterclass 3", "tried": "Deelnemers vertelden iets."})
    lesson = Lesson.objects.get()
    assert lesson.organisation is None
    assert lesson.programme == world.programme
    assert client_for(PENVOERDER).get(reverse("cases:lesson", args=[lesson.pk])).status_code == 404
    assert client_for(FOREIGN_STAFF).get(reverse("cases:lesson", args=[lesson.pk])).status_code == 404
    desk.post(reverse("cases:lesson_submit", args=[lesson.pk]))
    lesson = lesson_services.lesson_save_shared(
        actor=world.user(SERVICE_DESK),
        lesson=Lesson.objects.get(),
        title="Uit de masterclass",
        tried="Iets.",
        send=True,
    )
    lesson_services.lesson_approve(
        actor=world.user(SERVICE_DESK), lesson=lesson, version=lesson.shared_version().digest()
    )
    assert "Uit de masterclass" in client_for(CONTRIBUTOR).get(reverse("cases:shared_lessons")).content.decode()


def test_top10_consent_is_the_penvoerders_and_needs_a_shared_lesson(world, client_for) -> None:
    draft = o.draft_lesson(world)
    with pytest.raises(DomainError, match="gedeelde"):
        lesson_services.lesson_set_top10(actor=world.user(PENVOERDER), lesson=draft, edition=world.edition)
    lesson = o.shared_lesson(world)
    response = client_for(CONTRIBUTOR).post(
        reverse("cases:lesson_top10", args=[lesson.pk]), {"edition": world.edition.pk}, follow=True
    )
    assert "Alleen de penvoerder" in response.content.decode()
    assert top10_lessons(world.edition, world.participation.organisation) == []
    client_for(PENVOERDER).post(reverse("cases:lesson_top10", args=[lesson.pk]), {"edition": world.edition.pk})
    assert top10_lessons(world.edition, world.participation.organisation) == [lesson]
    assert top10_lessons(world.edition, world.foreign_participation.organisation) == []
    client_for(PENVOERDER).post(reverse("cases:lesson_top10", args=[lesson.pk]), {"edition": ""})
    assert top10_lessons(world.edition, world.participation.organisation) == []


def test_related_content_through_shared_tags(world) -> None:
    lesson = o.shared_lesson(world)  # gww, hoogwaardig-hergebruik
    o.draft_lesson(world)  # gww, not shared
    material = o.material(world)  # emvi
    o.material(world, published=False)  # emvi, not published
    reader = world.user(FOREIGN_PENVOERDER)
    related = related_content(tags=["gww", "emvi"], user=reader)
    assert related.lessons == [lesson]
    assert related.material == [material]
    assert not related_content(tags=["energie"], user=reader)
    assert related_content(tags=["gww"], user=world.user(FUNDER)).lessons == []  # not a participant
    assert related_content(tags=[o.tag("hoogwaardig-hergebruik")], user=reader).lessons == [lesson]


def test_shared_list_needs_few_queries(world, client_for, django_assert_max_num_queries) -> None:
    for index in range(12):
        lesson = lesson_services.lesson_create(
            actor=world.user(PENVOERDER),
            owner=o.owner(world),
            title=f"Les {index}",
            tried="Tekst.",
            tags=[o.tag("gww")],
        )
        lesson_services.lesson_submit(actor=world.user(PENVOERDER), lesson=lesson)
        lesson = lesson_services.lesson_save_shared(
            actor=world.user(SERVICE_DESK),
            lesson=lesson,
            title=f"Gedeeld {index}",
            tried="Tekst.",
            tags=[o.tag("gww")],
            send=True,
        )
        lesson_services.lesson_approve(
            actor=world.user(PENVOERDER), lesson=lesson, version=lesson.shared_version().digest()
        )
    client = client_for(FOREIGN_PENVOERDER)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("cases:shared_lessons"), {"category": "gww", "q": "tekst"})
    assert len(re.findall(r"Gedeeld \d+", response.content.decode())) == 12
