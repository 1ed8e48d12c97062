"""The service desk: default programme, editing, sessions, check-in, overviews and exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.events.models import Event, Registration, Session
from cim.events.services.programme import programme_create_defaults, session_create
from cim.events.tests.world import make_registration
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_default_programme_carries_the_programme_description(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("servicedesk")
    page = client.get(reverse("events:staff_edition", args=[world.edition.pk])).content.decode()
    assert "Standaardprogramma aanmaken" in page
    client.post(reverse("events:staff_defaults", args=[world.edition.pk]))
    events = {e.kind: e for e in Event.objects.filter(edition=world.edition)}
    assert set(events) == {"mc1", "mc2", "mc3", "mc4", "closing"}
    mc1 = events["mc1"]
    assert (mc1.half_days, mc1.lunch, mc1.quota_per_organisation) == (2, True, 3)
    assert "drie perspectieven" in mc1.description
    assert "three perspectives" in mc1.description_en
    assert events["mc2"].companions_from_mc1
    assert events["mc3"].companions_from_mc1
    assert events["mc4"].requires_project
    assert events["closing"].public_registration
    assert events["closing"].quota_per_organisation is None
    assert "college- en raadsleden" in events["mc2"].audience.lower()
    response = client.post(reverse("events:staff_defaults", args=[world.edition.pk]), follow=True)
    assert "heeft het volledige programma al" in response.content.decode()
    assert AuditEntry.objects.filter(action="events.programme_created").count() == 1


def test_english_visitors_read_the_english_content(world, ew, client) -> None:  # type: ignore[no-untyped-def]
    client.cookies["cim_language"] = "en"
    page = client.get(reverse("events:event", args=[ew.mc1.pk])).content.decode()
    assert "Circular procurement for buyers and coordinators" in page


def test_staff_edit_event_content_and_rules(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("servicedesk")
    url = reverse("events:staff_event_edit", args=[ew.mc1.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(title="Masterclass 1 (vernieuwd)", quota_per_organisation=4, lunch="on")
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(url, data)
    assert response.status_code == 302
    ew.mc1.refresh_from_db()
    assert (ew.mc1.title, ew.mc1.quota_per_organisation) == ("Masterclass 1 (vernieuwd)", 4)
    assert AuditEntry.objects.filter(action="events.event_updated").exists()
    response = client.post(url, {**data, "quota_per_organisation": "100000"})
    assert response.status_code == 200
    ew.mc1.refresh_from_db()
    assert ew.mc1.quota_per_organisation == 4


def test_staff_add_sessions_in_the_future_only(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("servicedesk")
    url = reverse("events:staff_session_create", args=[ew.mc1.pk])
    start = timezone.localtime() + dt.timedelta(days=30)
    data = {
        "starts_at": start.strftime("%Y-%m-%dT14:00"),
        "ends_at": start.strftime("%Y-%m-%dT17:00"),
        "location": "Stadhuis Zutphen",
        "capacity": "25",
    }
    assert client.post(url, data).status_code == 302
    session = Session.objects.get(location="Stadhuis Zutphen")
    assert timezone.localtime(session.starts_at).hour == 14
    # End before start, no place at all, a huge capacity, a past date: refused, nothing stored.
    for bad in (
        {**data, "ends_at": start.strftime("%Y-%m-%dT13:00"), "location": "B"},
        {**data, "location": "", "online_url": ""},
        {**data, "capacity": "99999999", "location": "C"},
        {**data, "starts_at": "2001-01-01T10:00", "ends_at": "2001-01-01T12:00", "location": "D"},
    ):
        assert client.post(url, bad).status_code == 200
    assert Session.objects.filter(event=ew.mc1).count() == 3  # the world's two plus Zutphen


def test_check_in_on_the_day_works_with_and_without_htmx(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    today = Session.objects.create(
        event=ew.mc1,
        starts_at=now + dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(hours=4),
        location="Arnhem",
        capacity=5,
    )
    if timezone.localtime(today.starts_at).date() != timezone.localdate():
        pytest.skip("too close to midnight for a same-day session")
    carla = make_registration(today, world.participation, name="Carla", email="carla@arnhem.nl")
    make_registration(today, world.foreign_participation, name="Dirk", email="dirk@nijmegen.nl")
    client = client_for("servicedesk")
    page = client.get(reverse("events:staff_checkin", args=[today.pk])).content.decode()
    assert "Carla" in page
    assert "Dirk" in page
    assert "Carla" in client.get(reverse("events:staff_checkin", args=[today.pk]), {"q": "arnhem"}).content.decode()
    assert "Dirk" not in client.get(reverse("events:staff_checkin", args=[today.pk]), {"q": "arnhem"}).content.decode()

    response = client.post(reverse("events:staff_attendance", args=[carla.pk]), {"attendance": "present"})
    assert response.status_code == 302
    carla.refresh_from_db()
    assert carla.attendance == "present"
    assert carla.attendance_marked_by == world.user("servicedesk")

    response = client.post(
        reverse("events:staff_attendance", args=[carla.pk]), {"attendance": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="registration-{carla.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()  # a fragment for htmx
    assert 'id="checkin-count" hx-swap-oob="true">0 van 2 aanwezig' in response.content.decode()
    carla.refresh_from_db()
    assert carla.attendance == ""

    response = client.post(reverse("events:staff_attendance", args=[carla.pk]), {"attendance": "bogus"}, follow=True)
    assert "Kies aanwezig of niet verschenen" in response.content.decode()


def test_no_shows_are_marked_after_the_start_and_attendance_not_before_the_day(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("servicedesk")
    response = client.post(
        reverse("events:staff_attendance", args=[ew.registration.pk]), {"attendance": "present"}, follow=True
    )
    assert "vanaf de dag van de sessie" in response.content.decode()
    ew.registration.refresh_from_db()
    assert ew.registration.attendance == ""
    late = make_registration(ew.past_session, world.participation, name="Laat", email="laat@arnhem.nl")
    client.post(reverse("events:staff_no_shows", args=[ew.past_session.pk]))
    late.refresh_from_db()
    ew.attended.refresh_from_db()
    assert late.attendance == "absent"
    assert ew.attended.attendance == "present"  # those checked in keep their state
    response = client.post(reverse("events:staff_no_shows", args=[ew.session.pk]), follow=True)
    assert "pas na het begin" in response.content.decode()


def test_session_overview_has_waiting_list_and_dietary_summary(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    Registration.objects.filter(pk=ew.registration.pk).update(dietary="Vegetarisch")
    make_registration(
        ew.session, world.foreign_participation, name="Olaf", email="olaf@nijmegen.nl", dietary="vegetarisch"
    )
    make_registration(
        ew.session, None, name="Wendy Wacht", email="wendy@x.nl", status="waitlisted", waitlisted_at=timezone.now()
    )
    response = client_for("servicedesk").get(reverse("events:staff_session", args=[ew.session.pk]))
    page = response.content.decode()
    assert "2 × Vegetarisch" in page
    assert "Wendy Wacht" in page
    assert AuditEntry.objects.filter(action="confidential.read", details__what="event attendees").exists()


def test_session_page_queries_do_not_grow_with_attendees(world, ew, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for("servicedesk")
    Session.objects.filter(pk=ew.session.pk).update(capacity=100)
    for i in range(40):
        make_registration(ew.session, None, name=f"P{i}", email=f"p{i}@x.nl", dietary="vegan" if i % 2 else "")
    client.get(reverse("events:staff_session", args=[ew.session.pk]))
    with django_assert_max_num_queries(16):
        client.get(reverse("events:staff_session", args=[ew.session.pk]))
    with django_assert_max_num_queries(16):
        client.get(reverse("events:staff_checkin", args=[ew.session.pk]))
    with django_assert_max_num_queries(22):
        client.get(reverse("events:staff_municipalities", args=[world.edition.pk]))


def test_member_page_queries_are_constant(world, ew, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    for i in range(3):
        make_registration(ew.closing_session, world.participation, name=f"S{i}", email=f"s{i}@arnhem.nl")
    client.get(reverse("events:home", args=[world.participation.pk]))
    with django_assert_max_num_queries(20):
        client.get(reverse("events:home", args=[world.participation.pk]))


def test_per_municipality_overview_and_penvoerder_warning(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    make_registration(
        ew.closing_session, None, name="Publiek Persoon", email="pp@ws.nl", organisation_name="Waterschap Vallei"
    )
    client = client_for("servicedesk")
    page = client.get(reverse("events:staff_municipalities", args=[world.edition.pk])).content.decode()
    assert "Anna Arnhem" in page
    assert "Nina Nijmegen" in page
    assert "Waterschap Vallei" in page
    assert page.count("penvoerder niet bij masterclass 1") == 2  # Arnhem and Nijmegen
    make_registration(ew.session, world.participation, name="Petra", email="penvoerder@arnhem.nl")
    page = client.get(
        reverse("events:staff_municipalities", args=[world.edition.pk]), {"penvoerder": "ontbreekt"}
    ).content.decode()
    assert "Nijmegen" in page
    assert "Anna Arnhem" not in page


def test_exports_neutralise_formulas_and_are_audited(world, ew, client_for) -> None:  # type: ignore[no-untyped-def]
    Registration.objects.filter(pk=ew.registration.pk).update(
        function='=HYPERLINK("http://evil")', dietary="+lactosevrij"
    )
    client = client_for("servicedesk")
    response = client.get(reverse("events:staff_edition_export", args=[world.edition.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Aanmeldingen", "Per organisatie", "Dieetwensen"]
    rows = list(workbook["Aanmeldingen"].values)
    anna = next(r for r in rows if r[2] == "Anna Arnhem")
    assert anna[4] == '\'=HYPERLINK("http://evil")'
    assert anna[10] == "'+lactosevrij"
    assert AuditEntry.objects.filter(action="events.exported").count() == 1
    session_export = client.get(reverse("events:staff_session_export", args=[ew.session.pk]))
    names = [r[2] for r in load_workbook(io.BytesIO(session_export.content))["Aanmeldingen"].values]
    assert "Anna Arnhem" in names
    assert "Nina Nijmegen" in names
    assert AuditEntry.objects.filter(action="events.exported").count() == 2


def test_archived_editions_are_read_only(world, ew) -> None:  # type: ignore[no-untyped-def]
    world.edition.status = "archived"
    world.edition.save()
    with pytest.raises(DomainError, match="gearchiveerd"):
        session_create(
            actor=world.user("servicedesk"),
            event=ew.mc1,
            starts_at=timezone.now() + dt.timedelta(days=3),
            ends_at=timezone.now() + dt.timedelta(days=3, hours=2),
            capacity=4,
            location="X",
        )
    other = f.EditionFactory(programme=world.programme, status="archived")
    with pytest.raises(DomainError):
        programme_create_defaults(actor=world.user("servicedesk"), edition=other)
