"""The guide and FAQ: edited by staff in Dutch and English, read by penvoerders."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cim.servicedesk.models import GuidanceItem

pytestmark = pytest.mark.django_db


def test_staff_fill_in_defaults_and_penvoerders_read_them(world, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    desk.post(reverse("servicedesk:staff_guidance_defaults"), {"programma": world.programme.pk})
    assert GuidanceItem.objects.filter(programme=world.programme, kind="guide").count() == 5
    guide = client_for("penvoerder").get(reverse("servicedesk:guide")).content.decode()
    for title in (
        "Zo werkt de scan",
        "Wie weet welke antwoorden",
        "Begrippen",
        "Zo worden de scores berekend",
        "Wat wij met uw antwoorden doen",
    ):
        assert title in guide
    assert reverse("portal:confidentiality") in guide
    # The scoring topic links to the scoring room's method page.
    assert "Lees hoe de scores precies worden berekend" in guide
    assert f'href="{reverse("scoring:method")}"' in guide
    faq = client_for("contributor").get(reverse("servicedesk:faq")).content.decode()
    assert "Wie ziet onze antwoorden?" in faq
    # A second time changes nothing.
    response = desk.post(reverse("servicedesk:staff_guidance_defaults"), {"programma": world.programme.pk}, follow=True)
    assert "al inhoud klaar" in response.content.decode()
    assert GuidanceItem.objects.filter(programme=world.programme).count() == 9
    # Other programmes' people see none of it.
    assert "Zo werkt de scan" not in client_for("foreign_staff").get(reverse("servicedesk:guide")).content.decode()


def test_bilingual_editing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    response = desk.post(
        reverse("servicedesk:staff_guidance_new"),
        {
            "programme": world.programme.pk,
            "kind": "faq",
            "topic": "other",
            "title": "Mag ik later indienen?",
            "title_en": "May I submit later?",
            "body": "Ja, in overleg.",
            "body_en": "Yes, by agreement.",
            "position": 5,
        },
    )
    assert response.status_code == 302
    item = GuidanceItem.objects.get()
    dutch = client_for("penvoerder").get(reverse("servicedesk:faq")).content.decode()
    assert "Mag ik later indienen?" in dutch
    assert "Ja, in overleg." in dutch
    english = client_for("penvoerder")
    english.cookies["cim_language"] = "en"
    page = english.get(reverse("servicedesk:faq")).content.decode()
    assert "May I submit later?" in page
    assert "Yes, by agreement." in page
    desk.post(
        reverse("servicedesk:staff_guidance_edit", args=[item.pk]),
        {
            "programme": world.programme.pk,
            "kind": "faq",
            "topic": "other",
            "title": "Nieuw",
            "body": "<b>vet</b>",
            "position": 1,
        },
    )
    item.refresh_from_db()
    assert item.title == "Nieuw"
    assert item.title_en == ""
    assert "&lt;b&gt;vet&lt;/b&gt;" in client_for("penvoerder").get(reverse("servicedesk:faq")).content.decode()
    # Without an English text, English readers see the Dutch one.
    assert "Nieuw" in english.get(reverse("servicedesk:faq")).content.decode()
    desk.post(reverse("servicedesk:staff_guidance_delete", args=[item.pk]))
    assert not GuidanceItem.objects.exists()


def test_scoring_method_link_appears_when_the_page_exists(world, client_for, settings) -> None:  # type: ignore[no-untyped-def]
    from django.urls import clear_url_caches

    from cim.servicedesk.services.guidance import guidance_install_defaults

    guidance_install_defaults(actor=world.user("servicedesk"), programme=world.programme)
    settings.ROOT_URLCONF = "cim.servicedesk.tests.urls_with_scoring"
    clear_url_caches()
    try:
        guide = client_for("penvoerder").get(reverse("servicedesk:guide")).content.decode()
        assert 'href="/methode/"' in guide
        assert "Lees hoe de scores precies worden berekend" in guide
    finally:
        clear_url_caches()
