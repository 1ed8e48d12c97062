"""The service desk: progress per edition, filters, XLSX export, reminders."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from cim.audit.models import AuditEntry
from cim.editions.models import Participation, ScanStatus
from cim.scan.services.submission import response_submit

pytestmark = pytest.mark.django_db


def test_progress_page_filters_and_shows_every_state(world, client_for, fill, complete_answers) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    response_submit(user=world.user("penvoerder"), participation=world.participation)
    desk = client_for("servicedesk")
    url = reverse("scan:staff_progress", args=[world.edition.pk])
    html = desk.get(url).content.decode()
    assert "Arnhem" in html
    assert "Nijmegen" in html
    assert "ingediend" in html
    assert "nog niet begonnen" in html
    filtered = desk.get(url, {"status": "not_started"}).content.decode()
    assert "Nijmegen" in filtered
    assert ">Arnhem<" not in filtered
    assert desk.get(url, {"q": "nijm"}).content.decode().count('name="participation"') == 1


def test_export_is_xlsx_with_formulas_neutralised(world, client_for) -> None:  # type: ignore[no-untyped-def]
    penvoerder = world.user("foreign_penvoerder")
    penvoerder.name = '=HYPERLINK("http://evil","klik")'
    penvoerder.save()
    response = client_for("servicedesk").get(reverse("scan:staff_export", args=[world.edition.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Organisatie"
    names = [row[2] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil","klik")' in names
    assert AuditEntry.objects.filter(action="scan.progress_exported").exists()


def test_reminders_go_to_chosen_penvoerders_that_have_not_submitted(
    world, client_for, fill, complete_answers, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fill(complete_answers)
    response_submit(user=world.user("penvoerder"), participation=world.participation)
    mail.outbox.clear()
    desk = client_for("servicedesk")
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            reverse("scan:staff_remind", args=[world.edition.pk]),
            {
                "participation": [world.participation.pk, world.foreign_participation.pk],
                "message": "Nog <b>twee</b> weken!",
            },
            follow=True,
        )
    html = response.content.decode()
    assert "1 herinneringen verstuurd" in html
    assert "al ingediend: Arnhem" in html
    [message] = mail.outbox
    assert message.to[0].endswith("<penvoerder@nijmegen.nl>")
    assert "Nog <b>twee</b> weken!" in message.body
    assert "Nog &lt;b&gt;twee&lt;/b&gt; weken!" in message.alternatives[0].content
    assert AuditEntry.objects.filter(
        action="scan.reminder_sent", organisation=world.foreign_participation.organisation
    ).exists()


def test_reminders_refuse_participations_of_another_edition(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from cim.testing import factories as f

    other = f.ParticipationFactory(organisation=f.organisation("GM0228"))
    response = client_for("servicedesk").post(
        reverse("scan:staff_remind", args=[world.edition.pk]), {"participation": [other.pk]}, follow=True
    )
    assert "horen niet bij deze editie" in response.content.decode()
    assert not mail.outbox


def test_member_dashboard_links_to_the_scan(world, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("penvoerder").get(reverse("portal:dashboard")).content.decode()
    assert reverse("scan:home", args=[world.participation.pk]) in html
    assert "Scan invullen" in html
    staff = client_for("servicedesk").get(reverse("portal:dashboard")).content.decode()
    assert reverse("scan:staff_progress", args=[world.edition.pk]) in staff


def test_overview_column_reports_scan_state(world) -> None:  # type: ignore[no-untyped-def]
    from cim.core.registry import overview_columns

    column = next(c for c in overview_columns() if c.key == "scan")
    participation = Participation.objects.get(pk=world.participation.pk)
    participation.scan_status = ScanStatus.IN_PROGRESS
    participation.scan_progress = 40
    assert column.values([participation]) == {participation.pk: "bezig (40%)"}


def test_progress_page_queries_do_not_grow_with_participants(world, client_for, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    from cim.testing import factories as f

    desk = client_for("servicedesk")
    url = reverse("scan:staff_progress", args=[world.edition.pk])
    desk.get(url)
    with django_assert_max_num_queries(30) as few:
        desk.get(url)
    for code in ("GM0228", "GM0200", "GM0203", "GM0209", "GM0213", "GM0214", "GM0216", "GM0221"):
        f.MemberFactory(participation=f.ParticipationFactory(edition=world.edition, organisation=f.organisation(code)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert desk.get(url).content.decode().count('name="participation"') == 10
