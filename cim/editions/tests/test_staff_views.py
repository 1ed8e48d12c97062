"""Pages of the service desk and of members with the bad inputs of the foundation issue."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from cim.audit.models import AuditEntry
from cim.editions.models import Edition, LoginCode, Participation
from cim.testing.world import ANALYST, FOREIGN_PENVOERDER, FOREIGN_STAFF, PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db


def test_penvoerder_opening_another_organisation_by_url_gets_404_and_is_audited(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(FOREIGN_PENVOERDER)
    for path in (
        f"/deelname/{world.participation.pk}/",
        f"/deelname/{world.participation.pk}/uitnodigen/",
        f"/beheer/deelnames/{world.participation.pk}/",
    ):
        method = client.post if path.endswith("uitnodigen/") else client.get
        assert method(path).status_code == 404
    denied = AuditEntry.objects.filter(action="access.denied", organisation=world.participation.organisation)
    assert denied.count() == 2  # the staff page is refused before the participation is even looked up
    assert denied.first().actor == world.user(FOREIGN_PENVOERDER)
    # A participation that does not exist looks exactly the same.
    assert client.get("/deelname/999999/").status_code == 404


def test_staff_reading_a_participation_is_audited_members_are_not(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for(PENVOERDER).get(f"/deelname/{world.participation.pk}/")
    assert not AuditEntry.objects.filter(action="confidential.read").exists()
    client_for(ANALYST).get(f"/deelname/{world.participation.pk}/")
    entry = AuditEntry.objects.get(action="confidential.read")
    assert entry.actor == world.user(ANALYST)
    assert entry.organisation == world.participation.organisation


def test_staff_of_another_programme_sees_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(FOREIGN_STAFF)
    assert client.get(f"/beheer/edities/{world.edition.pk}/").status_code == 404
    assert client.get(f"/beheer/deelnames/{world.participation.pk}/").status_code == 404
    page = client.get("/beheer/edities/").content.decode()
    assert world.edition.title not in page


def test_status_change_that_skips_a_step_is_refused_with_a_message(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(SERVICE_DESK)
    url = f"/beheer/edities/{world.edition.pk}/status/"
    response = client.post(url, {"to_status": "archived", "from_status": "open"}, follow=True)
    assert "kan niet naar &#x27;gearchiveerd&#x27;" in response.content.decode()
    world.edition.refresh_from_db()
    assert world.edition.status == "open"
    # Closing before the deadline asks for a reason; without one nothing changes.
    page = client.get(url, {"to_status": "closed"}).content.decode()
    assert "Sluiten vóór de inleverdatum kan alleen met een reden" in page
    response = client.post(url, {"to_status": "closed", "from_status": "open"})
    assert response.status_code == 400
    assert "Geef een reden op." in response.content.decode()
    assert Edition.objects.get(pk=world.edition.pk).status == "open"
    response = client.post(
        url, {"to_status": "closed", "from_status": "open", "reason": "Alle scans zijn binnen"}, follow=True
    )
    assert "De status is nu: gesloten." in response.content.decode()
    entry = AuditEntry.objects.filter(action="edition.status_changed").latest("pk")
    assert entry.reason == "Alle scans zijn binnen"
    assert entry.details["from"] == "open"
    assert "override" in entry.details
    # A stale second click (the page still offered "close") changes nothing more.
    response = client.post(url, {"to_status": "closed", "from_status": "open", "reason": "x"}, follow=True)
    assert "is intussen gewijzigd" in response.content.decode()
    assert Edition.objects.get(pk=world.edition.pk).status == "closed"
    assert AuditEntry.objects.filter(action="edition.status_changed").count() == 1


def test_a_forged_post_that_skips_the_confirmation_changes_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(SERVICE_DESK)
    url = f"/beheer/edities/{world.edition.pk}/status/"
    for data in ({"to_status": "closed"}, {"to_status": "closed", "from_status": "gehackt"}, {}):
        response = client.post(url, data | {"reason": "x"}, follow=True)
        assert "Bevestig de stap op deze pagina; er is niets gewijzigd." in response.content.decode()
    assert Edition.objects.get(pk=world.edition.pk).status == "open"
    assert not AuditEntry.objects.filter(action="edition.status_changed").exists()


def test_a_closed_edition_is_reopened_with_a_reason_and_a_new_deadline_when_it_passed(world, client_for) -> None:  # type: ignore[no-untyped-def]
    Edition.objects.filter(pk=world.edition.pk).update(
        status="closed", submission_deadline=timezone.now() - dt.timedelta(days=2)
    )
    client = client_for(SERVICE_DESK)
    detail = client.get(f"/beheer/edities/{world.edition.pk}/").content.decode()
    assert "Editie heropenen" in detail
    assert "Resultaten vrijgeven" in detail
    url = f"/beheer/edities/{world.edition.pk}/status/"
    page = client.get(url, {"to_status": "open"}).content.decode()
    assert "Nieuwe inleverdatum" in page
    response = client.post(url, {"to_status": "open", "from_status": "closed", "reason": "Correctie Arnhem"})
    assert response.status_code == 400
    assert "Geef een nieuwe inleverdatum op." in response.content.decode()
    past = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"to_status": "open", "from_status": "closed", "reason": "Correctie Arnhem", "new_deadline": past}
    )
    assert "De nieuwe inleverdatum moet in de toekomst liggen." in response.content.decode()
    assert Edition.objects.get(pk=world.edition.pk).status == "closed"
    later = (timezone.localtime() + dt.timedelta(days=10)).replace(second=0, microsecond=0)
    response = client.post(
        url,
        {
            "to_status": "open",
            "from_status": "closed",
            "reason": "Correctie Arnhem",
            "new_deadline": later.strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )
    assert "De status is nu: open voor invullen." in response.content.decode()
    edition = Edition.objects.get(pk=world.edition.pk)
    assert (edition.status, edition.submission_deadline) == ("open", later)
    entry = AuditEntry.objects.get(action="edition.status_changed")
    assert entry.reason == "Correctie Arnhem"
    assert entry.details["deadline"][1] == later.isoformat()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "x" * 201}, "niet meer dan 200 tekens"),
        ({"title": ""}, "Dit veld is vereist."),
        ({"opens_at": "morgen"}, "Voer een geldige datum/tijd in"),
        ({"year": "2025"}, None),  # the year cannot be changed: the field is disabled and ignored
    ],
)
def test_edition_form_bad_input(world, client_for, data, message) -> None:  # type: ignore[no-untyped-def]
    client = client_for(SERVICE_DESK)
    form = {
        "title": "Monitor",
        "title_en": "",
        "opens_at": "2030-09-01T09:00",
        "submission_deadline": "2031-01-15T17:00",
        "closing_meeting_date": "",
        **data,
    }
    response = client.post(f"/beheer/edities/{world.edition.pk}/bewerken/", form)
    edition = Edition.objects.get(pk=world.edition.pk)
    if message:
        assert response.status_code == 200
        assert message in response.content.decode()
        assert edition.title == world.edition.title
    else:
        assert edition.year == 2030


def test_new_edition_with_a_deadline_before_opening_is_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(SERVICE_DESK).post(
        "/beheer/edities/nieuw/",
        {
            "programme": world.programme.pk,
            "year": 2031,
            "title": "<img src=x onerror=alert(1)>",
            "opens_at": "2031-09-01T09:00",
            "submission_deadline": "2031-01-01T09:00",
        },
    )
    assert "De inleverdatum moet na de openingsdatum liggen." in response.content.decode()
    assert not Edition.objects.filter(year=2031).exists()


def test_edition_title_with_markup_is_escaped_everywhere(world, client_for) -> None:  # type: ignore[no-untyped-def]
    payload = "<img src=x onerror=alert(1)>"
    Edition.objects.filter(pk=world.edition.pk).update(title=payload)
    for role, path in (
        (SERVICE_DESK, f"/beheer/edities/{world.edition.pk}/"),
        (SERVICE_DESK, "/beheer/edities/"),
        (SERVICE_DESK, "/dashboard/"),
        (PENVOERDER, "/dashboard/"),
        (PENVOERDER, f"/deelname/{world.participation.pk}/"),
    ):
        html = client_for(role).get(path).content.decode()
        assert payload not in html, path
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, path


def test_bulk_codes_csv_neutralises_formulas_and_shows_codes_once(world, client_for) -> None:  # type: ignore[no-untyped-def]
    Participation.objects.filter(pk=world.participation.pk).update(contact_name='=HYPERLINK("http://x")')
    # The world's participations both have a penvoerder; add one without.
    fresh = Participation.objects.create(
        edition=world.edition, organisation_id=world.application.organisation_id, contact_name="@SUM(A1)"
    )
    response = client_for(SERVICE_DESK).post(
        f"/beheer/edities/{world.edition.pk}/inlogcodes/", {"scope": "without", "delivery": "csv"}
    )
    assert response["Content-Disposition"].startswith('attachment; filename="inlogcodes-2030-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Organisatie", "CBS-code"]
    assert len(rows) == 2
    assert rows[1][0] == "Ede"
    assert rows[1][2] == "'@SUM(A1)"
    assert LoginCode.objects.filter(participation=fresh).count() == 1


def test_add_participants_with_unknown_code_changes_nothing(world, client_for) -> None:  # type: ignore[no-untyped-def]
    before = Participation.objects.count()
    response = client_for(SERVICE_DESK).post(
        f"/beheer/edities/{world.edition.pk}/deelnemers/toevoegen/",
        {"codes": "GM0228 GM9999", "takes_monitor": "on", "takes_masterclasses": "on"},
    )
    assert "Er is niemand toegevoegd" in response.content.decode()
    assert "GM9999" in response.content.decode()
    assert Participation.objects.count() == before


def test_foreign_ids_in_forms_are_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    """Handing over to someone who is not a colleague of this participation changes nothing."""
    client = client_for(SERVICE_DESK)
    foreign_user = world.user(FOREIGN_PENVOERDER)
    response = client.post(
        f"/beheer/deelnames/{world.participation.pk}/penvoerder/", {"member": str(foreign_user.pk), "reason": "x"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert world.participation.members.get(role="penvoerder", is_active=True).user == world.user(PENVOERDER)


def test_staff_list_views_use_a_constant_number_of_queries(world, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    from cim.testing import factories as f

    for code in ("GM0228", "GM0203", "GM0209", "GM0213"):
        f.MemberFactory(participation__edition=world.edition, participation__organisation=f.organisation(code))
    client = client_for(SERVICE_DESK)
    with django_assert_max_num_queries(25):
        assert client.get(f"/beheer/edities/{world.edition.pk}/").status_code == 200
