"""The feedback report page: who sees it and when, what it shows, and that every comparison passes
the disclosure rules (tested with small groups)."""

from __future__ import annotations

import re
import statistics
from decimal import Decimal

import pytest
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.core.formatting import format_number
from cim.editions.models import FeedbackMoment, Participation
from cim.scan.services.submission import response_reopen
from cim.scoring.models import Score
from cim.scoring.tests.factories import participants, sample_for, submit

from .conftest import GELDERLAND, UTRECHT, release

pytestmark = pytest.mark.django_db


def url(participation) -> str:  # type: ignore[no-untyped-def]
    return reverse("reports:report", args=[participation.pk])


def section(html: str, start: str, end: str) -> str:
    return html[html.index(f'id="{start}"') : html.index(f'id="{end}"')]


def test_before_release_the_penvoerder_sees_when_the_report_comes(world, client_for) -> None:  # type: ignore[no-untyped-def]
    submit(world.participation)
    FeedbackMoment.objects.create(
        edition=world.edition, date="2031-03-05", description="Resultaten naar de penvoerders"
    )
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    assert "Uw rapport is er nog niet" in html
    assert "5 maart 2031" in html
    assert "Resultaten naar de penvoerders" in html
    assert 'id="scores"' not in html
    # Programme staff may look ahead (support), with a banner; the read is audited.
    staff = client_for("servicedesk").get(url(world.participation)).content.decode()
    assert "De resultaten zijn nog niet vrijgegeven" in staff
    assert 'id="scores"' in staff
    assert AuditEntry.objects.filter(action="confidential.read", details__what="report").exists()


def test_the_released_report_shows_scores_themes_shares_and_recommendations(released, client_for) -> None:  # type: ignore[no-untyped-def]
    score = Score.objects.get(participation=released.participation)
    for role in ("penvoerder", "contributor"):
        response = client_for(role).get(url(released.participation))
        assert response.status_code == 200
    html = response.content.decode()
    assert "Terugkoppeling 2030: Arnhem" in html
    assert f"<strong>{format_number(score.overall, 1)}</strong> van de 100" in html
    for heading in (
        "Scores per thema",
        "Circulair aandeel per inkoopcategorie",
        "Uw positie tussen de anderen",
        "Aanbevelingen",
        "Sterke punten",
        "Verbeterpunten",
    ):
        assert heading in html
    assert "Grond-, weg- en waterbouw (GWW)" in html
    assert html.count('<img class="cim-chart" src="data:image/svg+xml;base64,') >= 6  # themes, shares, 4 positions
    assert 'style="' not in html  # the page itself keeps the strict CSP
    assert reverse("scoring:method_edition", args=[released.edition.pk]) in html
    # Members read their own report without an audit entry; nothing was denied.
    assert not AuditEntry.objects.filter(action__in=["confidential.read", "access.denied"]).exists()


def test_another_organisations_report_is_404_and_the_attempt_is_audited(released, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for("foreign_penvoerder").get(url(released.participation)).status_code == 404
    assert client_for("funder").get(url(released.participation)).status_code == 404
    assert client_for("foreign_staff").get(url(released.participation)).status_code == 404
    denied = AuditEntry.objects.filter(action="access.denied", object_id=str(released.participation.pk))
    assert denied.count() == 3
    assert client_for("foreign_penvoerder").get(reverse("reports:report", args=[999_999])).status_code == 404


def test_staff_reads_are_audited(released, client_for) -> None:  # type: ignore[no-untyped-def]
    for role in ("servicedesk", "analyst"):
        assert client_for(role).get(url(released.participation)).status_code == 200
    reads = AuditEntry.objects.filter(action="confidential.read", details__what="report")
    assert reads.count() == 2


def test_without_a_submitted_scan_there_is_no_report(world, client_for) -> None:  # type: ignore[no-untyped-def]
    release(world.edition)
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    assert "Er is geen rapport, omdat uw organisatie de scan van deze editie niet heeft ingediend." in html
    assert 'id="scores"' not in html


def test_a_reopened_scan_has_no_report_until_it_is_submitted_again(released, client_for) -> None:  # type: ignore[no-untyped-def]
    response_reopen(
        actor=released.user("servicedesk"), participation=released.participation, reason="Bedrag klopt niet"
    )
    html = client_for("penvoerder").get(url(released.participation)).content.decode()
    assert "De scan is heropend." in html
    assert (
        client_for("penvoerder").post(reverse("reports:pdf_make", args=[released.participation.pk])).status_code == 404
    )


def test_a_withdrawn_participation_has_no_report(released, client_for) -> None:  # type: ignore[no-untyped-def]
    Participation.objects.filter(pk=released.participation.pk).update(status=Participation.Status.WITHDRAWN)
    # Its members lost their roles with it (scoping); staff see why there is no report.
    assert client_for("penvoerder").get(url(released.participation)).status_code == 404
    html = client_for("servicedesk").get(url(released.participation)).content.decode()
    assert "heeft zich voor deze editie teruggetrokken" in html
    assert (
        client_for("servicedesk").post(reverse("reports:pdf_make", args=[released.participation.pk])).status_code == 404
    )


def _others(world, codes):  # type: ignore[no-untyped-def]
    return [
        Score.objects.get(participation=p).overall
        for p in Participation.objects.filter(edition=world.edition, organisation__cbs_code__in=codes)
    ]


def test_with_fewer_than_five_others_nothing_is_compared(world, client_for) -> None:  # type: ignore[no-untyped-def]
    submit(world.participation, maturity=0.5)
    participants(world.edition, GELDERLAND[:4])
    release(world.edition)
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    positions = section(html, "positie", "ontwikkeling")
    assert positions.count(">te weinig deelnemers in deze groep om te vergelijken</td>") == 4 * 3  # measures × groups
    assert "Mediaan van de anderen</th>" in positions  # the column is there, the numbers are not
    for value in _others(world, GELDERLAND[:4]):
        assert f">{format_number(value, 1)}<" not in positions
    # The rule and its parameters are not revealed.
    assert "5" not in re.sub(r"<[^>]+>|\d+[,.]\d", "", positions.split("</h2>", 1)[1]).replace("(0–100)", "")


def test_five_others_give_a_median_ten_give_the_middle_half_and_never_a_minimum_or_maximum(world, client_for) -> None:  # type: ignore[no-untyped-def]
    submit(world.participation, maturity=0.5)
    participants(world.edition, GELDERLAND[:5])
    release(world.edition)
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    table = section(html, "positie-overall", "positie-strategic")
    others = _others(world, GELDERLAND[:5])
    assert f">{format_number(statistics.median(others), 1)}<" in table
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", table, flags=re.S)
    everyone = next(r for r in rows if "Alle deelnemers" in r)
    assert re.search(r"cim-num\">–</td>", everyone)  # no quartiles from 5 others
    for extreme in (min(others), max(others)):
        assert f">{format_number(extreme, 1)}<" not in table

    participants(world.edition, GELDERLAND[5:10])
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    table = section(html, "positie-overall", "positie-strategic")
    others = _others(world, GELDERLAND[:10])
    lower, _, upper = statistics.quantiles([Decimal(o) for o in others], n=4, method="inclusive")
    assert f"{format_number(lower, 1)} – {format_number(upper, 1)}" in table
    for extreme in (min(others), max(others)):
        assert f">{format_number(extreme, 1)}<" not in table


def test_peer_groups_are_compared_separately(world, client_for) -> None:  # type: ignore[no-untyped-def]
    """Five others in total, but only two in Gelderland: all participants compare, the province
    does not."""
    submit(world.participation, maturity=0.5)
    participants(world.edition, GELDERLAND[:2] + UTRECHT[:3])
    release(world.edition)
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    table = section(html, "positie-overall", "positie-strategic")
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", table, flags=re.S)
    assert "te weinig deelnemers" not in next(r for r in rows if "Alle deelnemers" in r)
    assert "te weinig deelnemers in deze groep om te vergelijken" in next(
        r for r in rows if "Provincie Gelderland" in r
    )


def test_the_trend_covers_released_editions_the_organisation_took_part_in(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.testing import factories as f

    earlier = f.EditionFactory(programme=world.programme, year=world.edition.year - 1)
    old = f.ParticipationFactory(edition=earlier, organisation=world.participation.organisation)
    submit(old, maturity=0.2)
    participants(earlier, GELDERLAND[:6])
    submit(world.participation, maturity=0.6)
    participants(world.edition, GELDERLAND[:6])
    release(world.edition)
    # The earlier edition's results are not released yet: no trend.
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    assert "nog geen resultaten uit eerdere edities" in html
    release(earlier)
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    trend = section(html, "ontwikkeling", "aanbevelingen")
    old_score = Score.objects.get(participation=old).overall
    assert f"{earlier.year}</th>" in trend
    assert f"{world.edition.year}</th>" in trend
    assert f">{format_number(old_score, 1)}<" in trend
    assert "Totaalscore per editie" in trend


def test_recommendations_follow_the_answers_and_link_to_material(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.cases.models import Material
    from cim.cases.services import material as material_services
    from cim.cases.tests.objects import tag

    item = material_services.material_create(
        actor=world.user("servicedesk"),
        programme=world.programme,
        kind=Material.Kind.LINK,
        title="Marktconsultatie in de GWW",
        description="Handreiking.",
        attribution="PIANOo",
        url="https://www.pianoo.nl/",
        tags=[tag("gww")],
    )
    material_services.material_set_published(actor=world.user("servicedesk"), material=item, published=True)
    answers = sample_for(world.participation, maturity=0.7, seed=3)
    answers["category_spend"]["gww"]["market_consultation"] = False
    answers["policy_target"] = True
    answers["policy_target_pct"] = "20"
    submit(world.participation, answers)
    release(world.edition)
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    recommendations = html[html.index('id="aanbevelingen"') :]
    assert "Ga in de GWW eerder in gesprek met de markt" in recommendations
    assert "Participatief" in recommendations
    assert "Masterclass 3" in recommendations
    assert "Marktconsultatie in de GWW" in recommendations
    assert "(bron: PIANOo)" in recommendations
    assert "Maak uw ambitie meetbaar" not in recommendations

    answers["category_spend"]["gww"]["market_consultation"] = True
    submit(world.participation, answers)
    html = client_for("penvoerder").get(url(world.participation)).content.decode()
    assert "Ga in de GWW eerder in gesprek met de markt" not in html


def test_the_report_in_english(released, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    client.post(reverse("portal:set_language"), {"language": "en", "next": "/"})
    html = client.get(url(released.participation)).content.decode()
    assert "Feedback 2030: Arnhem" in html
    assert "Scores per theme" in html
    assert "Civil engineering (roads, earthworks, water)" in html
    assert "Circular share per procurement category (%)" in html
    assert "%%" not in html


QUERIES = 36  # 26 in a warm process (up to 32 seen in the full suite, when per-process caches are cold): session, roles, participation, score, answers, comparisons, trend, recommendations


def test_the_report_page_reads_a_constant_number_of_queries(
    released, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    client.get(url(released.participation))  # charts cached, definition parsed
    with django_assert_max_num_queries(QUERIES) as first:
        client.get(url(released.participation))
    participants(released.edition, GELDERLAND[10:15])
    client.get(url(released.participation))
    with django_assert_max_num_queries(QUERIES) as second:
        client.get(url(released.participation))
    assert len(second.captured_queries) == len(first.captured_queries)  # not growing with the participants
