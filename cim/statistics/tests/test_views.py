"""The pages: public, funder, staff preview and publication, staff values; who sees what."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.disclosure.models import PublishedTable
from cim.statistics.services import compute_preview

pytestmark = pytest.mark.django_db

CONFIDENTIAL_WORDS = ("primair", "secundair", "onderdrukt (", "dominance", "min_contributors", "p %", "Parameters")


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_public_page_shows_published_tables_with_the_legend_and_no_reasons(published, client) -> None:  # type: ignore[no-untyped-def]
    html = text(client.get(reverse("statistics:edition", args=[published.edition.pk])))
    for heading in (
        "Deelnemers",
        "Inkoopvolume per inkoopcategorie",
        "Groei ten opzichte van de vorige editie",
        "Verdeling van de scores",
        "Beleid",
    ):
        assert heading in html
    assert "niet getoond om de vertrouwelijkheid" in html
    assert "Gelderland" in html
    assert "Totaal programma" in html
    for word in CONFIDENTIAL_WORDS:
        assert word not in html
    assert "onafgeschermde" not in html.lower()


def test_the_index_lists_published_editions_only(published, client, world) -> None:  # type: ignore[no-untyped-def]
    from cim.testing import factories as f

    unpublished = f.EditionFactory(programme=world.programme, year=2031)
    html = text(client.get(reverse("statistics:index")))
    assert reverse("statistics:edition", args=[published.edition.pk]) in html
    assert reverse("statistics:edition", args=[unpublished.pk]) not in html


def test_unpublished_editions_do_not_exist_for_the_public(two_editions, client_for) -> None:  # type: ignore[no-untyped-def]
    for role in ("anonymous", "funder", "penvoerder"):
        client = client_for(role)
        assert client.get(reverse("statistics:edition", args=[two_editions.edition.pk])).status_code == 404
        url = reverse("statistics:download", args=[two_editions.edition.pk, "total_by_province", "csv"])
        assert client.get(url).status_code == 404
    assert client_for("funder").get(reverse("statistics:funder", args=[two_editions.edition.pk])).status_code == 404
    for bad in ("/statistieken/999999/", "/statistieken/999999/download/total_by_province.csv"):
        assert client_for("anonymous").get(bad).status_code == 404


def test_unknown_tables_and_formats_are_404(published, client) -> None:  # type: ignore[no-untyped-def]
    pk = published.edition.pk
    for key, fmt in (("nope", "csv"), ("total_by_province", "exe"), ("total_by_province", "CSV")):
        assert client.get(f"/statistieken/{pk}/download/{key}.{fmt}").status_code == 404


def growth_cells(html: str) -> list[str]:
    block = html[html.index('id="groei-per-domein"') :]
    return re.findall(r'<td class="utrecht-table__cell cim-num">([^<]*)</td>', block)


def test_the_funder_sees_growth_per_domain_for_its_province_and_the_public_page_agrees(
    published, client_for, client
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("funder").get(reverse("statistics:funder", args=[published.edition.pk]))
    assert response.status_code == 200
    html = text(response)
    assert "Groei per domein" in html
    assert True
    assert "Gelderland" in html
    growth = html[html.index('id="groei-per-domein"') : html.index("</section>", html.index('id="groei-per-domein"'))]
    figures = re.findall(r"[+-]?€\xa0[\d.]+|[+-]?[\d,]+\xa0%", growth)
    assert figures, "growth figures are shown"
    public = text(client.get(reverse("statistics:edition", args=[published.edition.pk])))
    for figure in figures:
        if figure.startswith(("+", "-")):
            assert figure in public
    for word in CONFIDENTIAL_WORDS:
        assert word not in html


def test_the_funder_page_is_only_for_the_programmes_funders_and_staff(published, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("statistics:funder", args=[published.edition.pk])
    assert client_for("anonymous").get(url).status_code == 302
    for role in ("penvoerder", "contributor", "foreign_penvoerder", "foreign_staff"):
        assert client_for(role).get(url).status_code == 404, role
    for role in ("funder", "servicedesk", "analyst"):
        assert client_for(role).get(url).status_code == 200, role


def test_staff_preview_shows_suppressed_values_and_publishes(two_editions, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    earlier = two_editions.extras["earlier"]
    html = text(desk.get(reverse("statistics:preview", args=[earlier.pk])))
    assert "Controle op herleidbaarheid" in html
    assert "Geslaagd" in html
    assert "Statistieken publiceren" in html
    assert AuditEntry.objects.filter(action="statistics.previewed").exists()
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', html).group(1)  # type: ignore[union-attr]
    response = desk.post(reverse("statistics:publish", args=[earlier.pk]), {"fingerprint": fingerprint})
    assert response.status_code == 302
    assert response["Location"] == reverse("statistics:edition", args=[earlier.pk])
    count = PublishedTable.objects.count()
    assert count > 0
    again = desk.post(reverse("statistics:publish", args=[earlier.pk]), {"fingerprint": fingerprint}, follow=True)
    assert "al zo gepubliceerd" in text(again)
    assert PublishedTable.objects.count() == count
    assert desk.get(reverse("statistics:publish", args=[earlier.pk])).status_code == 405


def test_publishing_a_stale_or_forged_preview_changes_nothing(two_editions, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    url = reverse("statistics:publish", args=[two_editions.edition.pk])
    for data in ({}, {"fingerprint": "<script>alert(1)</script>"}, {"fingerprint": "=HYPERLINK(1)"}):
        response = desk.post(url, data, follow=True)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in text(response)
    assert not PublishedTable.objects.exists()


def test_staff_values_show_the_true_values_and_are_audited(published, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("analyst").get(reverse("statistics:values", args=[published.edition.pk]))
    assert response.status_code == 200
    assert "Onafgeschermde waarden" in text(response)
    assert AuditEntry.objects.filter(action="statistics.values_viewed").count() == 1
    public = text(client_for("servicedesk").get(reverse("statistics:edition", args=[published.edition.pk])))
    assert reverse("statistics:values", args=[published.edition.pk]) in public


def test_the_pages_in_english(published, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("funder")
    client.post(reverse("portal:set_language"), {"language": "en", "next": "/"})
    html = text(client.get(reverse("statistics:edition", args=[published.edition.pk])))
    assert "Statistics Monitor 2030" in html
    assert "Growth compared with the previous edition" in html
    assert "Civil engineering (roads, earthworks, water)" in html
    assert "not shown to protect the confidentiality" in html
    html = text(client.get(reverse("statistics:funder", args=[published.edition.pk])))
    assert "Growth per domain" in html
    assert "%%" not in html


def test_public_page_query_count(published, client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    url = reverse("statistics:edition", args=[published.edition.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url)


def test_preview_of_a_published_edition_says_nothing_changed(published, client_for) -> None:  # type: ignore[no-untyped-def]
    html = text(client_for("servicedesk").get(reverse("statistics:preview", args=[published.edition.pk])))
    assert "al zo gepubliceerd" in html
    assert not compute_preview(published.edition).publishable


def test_funder_dashboard_query_count(published, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for("funder")
    url = reverse("statistics:funder", args=[published.edition.pk])
    client.get(url)
    with django_assert_max_num_queries(16):
        client.get(url)


def test_a_funder_of_another_province_sees_only_its_own_and_the_programme(published) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from cim.testing import factories as f

    utrecht = f.FunderFactory(
        programme=published.programme, province=f.organisation("PV26"), user__email="provincie@utrecht.nl"
    ).user
    client = Client()
    client.force_login(utrecht)
    html = text(client.get(reverse("statistics:funder", args=[published.edition.pk])))
    growth = html[html.index('id="groei-per-domein"') : html.index("</section>", html.index('id="groei-per-domein"'))]
    assert ": Gelderland</caption>" not in growth
    assert ": Totaal programma</caption>" in growth


def test_staff_pages_refuse_foreign_and_absurd_ids(two_editions, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    for pk in (999999, 10**22):
        assert desk.get(f"/beheer/statistieken/{pk}/").status_code == 404
        assert desk.post(f"/beheer/statistieken/{pk}/publiceren/", {"fingerprint": "x"}).status_code == 404
    foreign = client_for("foreign_staff")
    assert foreign.get(reverse("statistics:preview", args=[two_editions.edition.pk])).status_code == 404
    assert not PublishedTable.objects.exists()


def test_publishing_needs_the_csrf_token(two_editions) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(two_editions.users["servicedesk"])
    earlier = two_editions.extras["earlier"]
    fingerprint = compute_preview(earlier).fingerprint
    response = client.post(reverse("statistics:publish", args=[earlier.pk]), {"fingerprint": fingerprint})
    assert response.status_code == 403
    assert not PublishedTable.objects.exists()
