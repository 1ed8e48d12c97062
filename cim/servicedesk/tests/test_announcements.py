"""Announcements: preview, one sending to every penvoerder in their language, the dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cim.servicedesk.models import Announcement
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def create(client, world):  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("servicedesk:staff_announcement_new"),
        {
            "edition": world.edition.pk,
            "title": "Masterclass verplaatst",
            "title_en": "Masterclass moved",
            "body": "De masterclass is op 3 maart.",
            "body_en": "The masterclass is on 3 March.",
        },
    )
    announcement = Announcement.objects.get()
    assert response["Location"] == reverse("servicedesk:staff_announcement", args=[announcement.pk])
    return announcement


def test_preview_then_send_once(world, client_for, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    nijmegen = world.user("foreign_penvoerder")
    nijmegen.language = "en"
    nijmegen.save()
    ede = f.ParticipationFactory(edition=world.edition, organisation=f.organisation("GM0228"), contact_email="c@ede.nl")
    desk = client_for("servicedesk")
    announcement = create(desk, world)
    preview = desk.get(reverse("servicedesk:staff_announcement", args=[announcement.pk])).content.decode()
    assert "De masterclass is op 3 maart." in preview
    assert "The masterclass is on 3 March." in preview
    assert "3 ontvangers" in preview
    assert "c@ede.nl" in preview
    assert not outbox
    commit(desk.post, reverse("servicedesk:staff_announcement_send", args=[announcement.pk]))
    by_address = {m.to[0].split("<")[-1].rstrip(">"): m for m in outbox}
    assert set(by_address) == {"penvoerder@arnhem.nl", "penvoerder@nijmegen.nl", "c@ede.nl"}
    assert by_address["penvoerder@arnhem.nl"].subject == "Masterclass verplaatst"
    assert by_address["penvoerder@nijmegen.nl"].subject == "Masterclass moved"
    assert "The masterclass is on 3 March." in by_address["penvoerder@nijmegen.nl"].body
    announcement.refresh_from_db()
    assert announcement.recipient_count == 3
    assert announcement.sent_by == world.user("servicedesk")
    # A second click sends nothing.
    response = commit(desk.post, reverse("servicedesk:staff_announcement_send", args=[announcement.pk]), follow=True)
    assert "al verstuurd" in response.content.decode()
    assert len(outbox) == 3
    # A sent announcement cannot be edited any more.
    desk.post(
        reverse("servicedesk:staff_announcement_edit", args=[announcement.pk]),
        {"edition": world.edition.pk, "title": "Anders", "body": "Anders"},
    )
    announcement.refresh_from_db()
    assert announcement.title == "Masterclass verplaatst"
    assert ede.pk


def test_members_see_it_on_their_dashboard(world, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    announcement = create(desk, world)
    assert "Masterclass verplaatst" not in client_for("penvoerder").get(reverse("portal:dashboard")).content.decode()
    desk.post(reverse("servicedesk:staff_announcement_send", args=[announcement.pk]))
    for role in ("penvoerder", "contributor", "foreign_penvoerder"):
        assert "Masterclass verplaatst" in client_for(role).get(reverse("portal:dashboard")).content.decode()
    english = client_for("penvoerder")
    english.cookies["cim_language"] = "en"
    assert "Masterclass moved" in english.get(reverse("portal:dashboard")).content.decode()


def test_other_programmes_cannot_see_or_send(world, client_for) -> None:  # type: ignore[no-untyped-def]
    announcement = create(client_for("servicedesk"), world)
    other = client_for("foreign_staff")
    assert other.get(reverse("servicedesk:staff_announcement", args=[announcement.pk])).status_code == 404
    assert other.post(reverse("servicedesk:staff_announcement_send", args=[announcement.pk])).status_code == 404
    announcement.refresh_from_db()
    assert announcement.sent_at is None


def test_title_and_body_are_required_and_bounded(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("servicedesk").post(
        reverse("servicedesk:staff_announcement_new"),
        {"edition": world.edition.pk, "title": "", "body": "x" * 5001},
    )
    assert response.status_code == 400
    assert not Announcement.objects.exists()
