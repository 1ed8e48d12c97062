"""Pages of the Top 10: public list and page (embargo, anonymous ranks, the Top 3's lessons),
the consent page, the service desk's review and publication. Bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.cases.services import lessons as lesson_services
from cim.cases.tests import objects as o
from cim.testing.world import ANONYMOUS, CONTRIBUTOR, FOREIGN_PENVOERDER, PENVOERDER, SERVICE_DESK
from cim.topten.models import NamingConsent, PublishedTopTen
from cim.topten.selectors import computed_ranking, published_index, published_top_ten
from cim.topten.tests.helpers import CODES, closed_edition, published_directly, scored

pytestmark = pytest.mark.django_db


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def detail_url(edition) -> str:  # type: ignore[no-untyped-def]
    return reverse("topten:detail", args=[edition.programme.slug, edition.year])


def shared_lesson_of(w, *, foreign: bool, title: str, text: str):  # type: ignore[no-untyped-def]
    """A shared (de-identified, approved) lesson of our or the foreign organisation."""
    author = w.user(FOREIGN_PENVOERDER if foreign else PENVOERDER)
    lesson = lesson_services.lesson_create(
        actor=author, owner=o.owner(w, foreign=foreign), title=f"{title} (origineel)", tried=f"Origineel: {text}"
    )
    lesson = lesson_services.lesson_submit(actor=author, lesson=lesson)
    lesson = lesson_services.lesson_save_shared(
        actor=w.user(SERVICE_DESK), lesson=lesson, title=title, tried=text, tags=[o.tag("gww")], send=True
    )
    return lesson_services.lesson_approve(actor=author, lesson=lesson, version=lesson.shared_version().digest())


@pytest.fixture
def ranked(world):  # type: ignore[no-untyped-def]
    """The world's edition, closed with the closing meeting yesterday: Arnhem first (named),
    Nijmegen second (did not consent), ten others after it."""
    edition = world.edition
    edition.status = "closed"
    edition.opens_at = timezone.now() - dt.timedelta(days=120)
    edition.submission_deadline = timezone.now() - dt.timedelta(days=60)
    edition.closing_meeting_date = timezone.localdate() - dt.timedelta(days=1)
    edition.save()
    scored(edition, "GM0202", "95.0", named=True)
    scored(edition, "GM0268", "94.0", named=False)
    for index, code in enumerate(CODES[2:12]):
        scored(edition, code, str(90 - index), named=index != 3)
    return edition


def publish(world, client) -> object:  # type: ignore[no-untyped-def]
    edition = world.edition
    return client.post(
        reverse("topten:publish", args=[edition.pk]), {"checksum": computed_ranking(edition).checksum}, follow=True
    )


# --- Embargo: nothing before publication -----------------------------------------------------------


@pytest.mark.parametrize("role", [ANONYMOUS, PENVOERDER, SERVICE_DESK])
def test_before_publication_the_public_page_is_404_and_leaks_nothing(world, ranked, client_for, role) -> None:  # type: ignore[no-untyped-def]
    response = client_for(role).get(detail_url(ranked))
    assert response.status_code == 404
    page = text_of(response)
    for name in ("Nijmegen", "Zutphen", "Ede", "Apeldoorn", "anonieme gemeente", "95,0", "95.0"):
        assert name not in page
    index = text_of(client_for(role).get(reverse("topten:index")))
    assert "Zutphen" not in index
    assert f"Top 10 van {ranked.year}" not in index
    assert published_top_ten(ranked.pk) is None
    assert published_index() == []
    # An unpublished edition looks exactly like one that does not exist.
    unknown = client_for(role).get(reverse("topten:detail", args=[ranked.programme.slug, 2099]))
    assert unknown.status_code == 404
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert csrf.sub("", text_of(unknown).replace("2099", "YEAR")) == csrf.sub(
        "", page.replace(str(ranked.year), "YEAR")
    )


def test_the_consent_page_and_dashboard_say_nothing_about_the_rank(world, ranked, client_for) -> None:
    client = client_for(PENVOERDER)
    for url in (reverse("topten:consent", args=[world.participation.pk]), reverse("portal:dashboard")):
        page = text_of(client.get(url))
        assert "Plaats 1" not in page
        assert "95,0" not in page
        assert "Zutphen" not in page


# --- Publication by the service desk --------------------------------------------------------------


def test_the_review_shows_names_scores_and_consent_and_is_audited(world, ranked, client_for) -> None:
    response = client_for(SERVICE_DESK).get(reverse("topten:review", args=[ranked.pk]))
    page = text_of(response)
    assert "Arnhem" in page
    assert "Nijmegen" in page
    assert "95,0" in page
    assert "nee: anonieme gemeente" in page
    assert "Top 10 bekendmaken" in page
    entry = AuditEntry.objects.get(action="topten.ranking_viewed")
    assert world.foreign_participation.organisation_id in entry.details["organisations"]


def test_the_review_before_the_closing_meeting_explains_and_offers_no_button(world, ranked, client_for) -> None:
    ranked.closing_meeting_date = timezone.localdate() + dt.timedelta(days=3)
    ranked.save()
    page = text_of(client_for(SERVICE_DESK).get(reverse("topten:review", args=[ranked.pk])))
    assert "De Top 10 blijft geheim tot de slotbijeenkomst" in page
    assert "Top 10 bekendmaken" not in page
    response = publish(world, client_for(SERVICE_DESK))
    assert "De Top 10 blijft geheim tot de slotbijeenkomst" in text_of(response)
    assert not PublishedTopTen.objects.exists()


def test_publish_then_the_public_page_shows_the_top_three_and_anonymous_ranks(world, ranked, client_for) -> None:
    response = publish(world, client_for(SERVICE_DESK))
    assert "De Top 10 is bekendgemaakt" in text_of(response)
    page = text_of(client_for(ANONYMOUS).get(detail_url(ranked)))
    top3 = page[page.index("De Top 3") : page.index("Plaats 4 tot en met 10")]
    assert "Plaats 1</span> Arnhem" in top3
    assert "Plaats 2</span> anonieme gemeente" in top3
    assert "Plaats 3</span> Zutphen" in top3
    assert "Nijmegen" not in page  # did not consent
    assert "Barneveld" not in page  # the sixth did not consent either
    assert page.count("anonieme gemeente") == 2
    assert "95,0" not in page
    assert "95.0" not in page
    index = text_of(client_for(ANONYMOUS).get(reverse("topten:index")))
    assert f"Top 10 van {ranked.year}" in index
    assert "Arnhem" in index
    assert "Nijmegen" not in index


def test_a_second_publish_submit_changes_nothing(world, ranked, client_for) -> None:
    client = client_for(SERVICE_DESK)
    publish(world, client)
    rows = list(PublishedTopTen.objects.values_list("pk", "published_at"))
    response = client.post(reverse("topten:publish", args=[ranked.pk]), {"checksum": "a" * 64}, follow=True)
    assert "al bekendgemaakt" in text_of(response)
    assert list(PublishedTopTen.objects.values_list("pk", "published_at")) == rows


@pytest.mark.parametrize(
    "data",
    [{}, {"checksum": ""}, {"checksum": "<script>alert(1)</script>"}, {"checksum": "=1+1"}, {"checksum": "9" * 10_000}],
)
def test_bad_publish_input_gets_a_dutch_message_and_changes_nothing(world, ranked, client_for, data) -> None:  # type: ignore[no-untyped-def]
    response = client_for(SERVICE_DESK).post(reverse("topten:publish", args=[ranked.pk]), data, follow=True)
    assert "Bekijk de ranglijst opnieuw" in text_of(response)
    assert "<script>alert(1)" not in response.content.decode()
    assert not PublishedTopTen.objects.exists()


def test_a_foreign_edition_id_is_404(world, ranked, client_for) -> None:
    other = closed_edition(year=2040)
    scored(other, "GM0202", "80")
    client = client_for(SERVICE_DESK)
    assert client.get(reverse("topten:review", args=[other.pk])).status_code == 404
    assert client.post(reverse("topten:publish", args=[other.pk]), {"checksum": "0" * 64}).status_code == 404
    assert client_for("foreign_staff").get(reverse("topten:review", args=[ranked.pk])).status_code == 404


# --- The Top 3's lessons -----------------------------------------------------------------------------


def test_named_top_three_show_their_shared_lessons_and_anonymous_never(world, ranked, client_for) -> None:
    ours = shared_lesson_of(world, foreign=False, title="Bouwteam werkt", text="Een gemeente koos een bouwteam.")
    theirs = shared_lesson_of(world, foreign=True, title="Paspoort helpt", text="Een gemeente vroeg paspoorten.")
    lesson_services.lesson_set_top10(actor=world.user(PENVOERDER), lesson=ours, edition=ranked)
    lesson_services.lesson_set_top10(actor=world.user(FOREIGN_PENVOERDER), lesson=theirs, edition=ranked)
    not_for_top10 = shared_lesson_of(world, foreign=False, title="Niet gekozen", text="Niet voor de Top 10.")
    publish(world, client_for(SERVICE_DESK))
    page = text_of(client_for(ANONYMOUS).get(detail_url(ranked)))
    assert "Bouwteam werkt" in page
    assert "Een gemeente koos een bouwteam." in page
    assert "(origineel)" not in page
    assert "Origineel:" not in page
    assert "Paspoort helpt" not in page  # its municipality is an anonymous rank
    assert not_for_top10.shared_title not in page
    # The organisation stops sharing after publication: the lesson leaves the page.
    lesson_services.lesson_withdraw(actor=world.user(PENVOERDER), lesson=ours)
    assert "Bouwteam werkt" not in text_of(client_for(ANONYMOUS).get(detail_url(ranked)))


def test_a_lesson_shared_for_another_editions_page_does_not_show(world, ranked, client_for) -> None:
    ours = shared_lesson_of(world, foreign=False, title="Vorig jaar", text="Een les van vorig jaar.")
    publish(world, client_for(SERVICE_DESK))
    assert ours.top10_edition_id is None
    assert "Vorig jaar" not in text_of(client_for(ANONYMOUS).get(detail_url(ranked)))


def test_the_public_page_escapes_names_and_needs_few_queries(world, client_for, django_assert_max_num_queries) -> None:
    top_ten = published_directly(
        world.edition, [(i + 1, o, True) for i, o in enumerate([world.participation.organisation])]
    )
    top_ten.ranks.update(name="<script>alert(1)</script>")
    client = client_for(ANONYMOUS)
    with django_assert_max_num_queries(8):
        response = client.get(detail_url(world.edition))
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()
    with django_assert_max_num_queries(6):
        client.get(reverse("topten:index"))


def test_index_query_count_does_not_grow_with_editions(world, client_for, django_assert_max_num_queries) -> None:
    for year in range(2031, 2036):
        edition = closed_edition(programme=world.programme, year=year)
        published_directly(edition, [(1, world.participation.organisation, True)])
    with django_assert_max_num_queries(6):
        page = text_of(client_for(ANONYMOUS).get(reverse("topten:index")))
    assert all(f"Top 10 van {year}" in page for year in range(2031, 2036))


def test_the_public_page_in_english(world, ranked, client_for) -> None:
    publish(world, client_for(SERVICE_DESK))
    client = client_for(ANONYMOUS)
    client.cookies["cim_language"] = "en"
    page = text_of(client.get(detail_url(ranked)))
    assert "anonymous municipality" in page
    assert "anonieme gemeente" not in page
    assert "The Top 3" in page


# --- Consent page -----------------------------------------------------------------------------------


def consent_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("topten:consent", args=[world.participation.pk])


def test_the_penvoerder_consents_and_changes_the_choice(world, client_for) -> None:
    client = client_for(PENVOERDER)
    page = text_of(client.get(consent_url(world)))
    assert "U heeft nog geen keuze gemaakt" in page
    response = client.post(consent_url(world), {"named": "1"}, follow=True)
    assert "Vastgelegd: de Top 10 mag uw organisatie noemen." in text_of(response)
    assert NamingConsent.objects.get().named is True
    response = client.post(consent_url(world), {"named": "1"}, follow=True)
    assert "er is niets veranderd" in text_of(response)
    response = client.post(consent_url(world), {"named": "0"}, follow=True)
    assert "de Top 10 noemt uw organisatie niet" in text_of(response)
    assert NamingConsent.objects.get().named is False


@pytest.mark.parametrize("data", [{}, {"named": "2"}, {"named": "<script>"}, {"named": "=1+1"}, {"named": "1" * 5000}])
def test_bad_consent_input_gets_a_dutch_message_and_changes_nothing(world, client_for, data) -> None:  # type: ignore[no-untyped-def]
    response = client_for(PENVOERDER).post(consent_url(world), data)
    assert response.status_code == 400
    assert "Kies" in text_of(response)
    assert not NamingConsent.objects.exists()


def test_a_contributor_reads_the_choice_but_cannot_make_it(world, client_for) -> None:
    client = client_for(CONTRIBUTOR)
    page = text_of(client.get(consent_url(world)))
    assert "Alleen de penvoerder van uw organisatie kan deze keuze maken." in page
    assert 'name="named"' not in page
    assert client.post(consent_url(world), {"named": "1"}).status_code == 404
    assert not NamingConsent.objects.exists()


def test_after_publication_the_choice_is_frozen_and_a_stale_submit_changes_nothing(world, client_for) -> None:
    NamingConsent.objects.create(participation=world.participation, named=False, changed_at=timezone.now())
    published_directly(world.edition, [(1, world.foreign_participation.organisation, True)])
    client = client_for(PENVOERDER)
    page = text_of(client.get(consent_url(world)))
    assert "uw keuze kan niet meer veranderen" in page
    assert 'name="named"' not in page
    response = client.post(consent_url(world), {"named": "1"})
    assert response.status_code == 400
    assert "al bekendgemaakt" in text_of(response)
    assert NamingConsent.objects.get().named is False


def test_the_dashboard_links_the_penvoerder_to_the_consent(world, client_for) -> None:
    page = text_of(client_for(PENVOERDER).get(reverse("portal:dashboard")))
    assert consent_url(world) in page
    assert "nog geen keuze (niet genoemd)" in page


def test_the_service_desk_finds_the_edition_ready_to_publish(world, ranked, client_for) -> None:
    client = client_for(SERVICE_DESK)
    assert reverse("topten:manage") in text_of(client.get(reverse("portal:dashboard")))  # navigation
    page = text_of(client.get(reverse("topten:manage")))
    assert reverse("topten:review", args=[ranked.pk]) in page
    assert "klaar om bekend te maken" in page
    assert reverse("topten:manage") not in text_of(client_for(PENVOERDER).get(reverse("portal:dashboard")))


@pytest.mark.parametrize(
    "path",
    [
        "/top-10/gelderland/99999999999999999999999/",
        "/top-10/%3Cscript%3E/2030/",
        "/top-10/gld/0/",
        "/top-10/toestemming/99999999999999999999999/",
        "/beheer/top-10/99999999999999999999999/",
    ],
)
def test_huge_or_odd_ids_are_404(world, client_for, path) -> None:  # type: ignore[no-untyped-def]
    published_directly(world.edition, [(1, world.participation.organisation, True)])
    for role in (ANONYMOUS, PENVOERDER, SERVICE_DESK):
        response = client_for(role).get(path)
        assert response.status_code in (302, 404), (role, path, response.status_code)
