"""`send_reminders`: each due reminder once, paused kinds skipped, logged, previewed by staff."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cim.editions.lifecycle import EditionStatus
from cim.editions.models import FeedbackMoment, ScanStatus
from cim.servicedesk.models import ReminderPause, SentReminder
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def run(today: dt.date, *args: str) -> str:
    out = StringIO()
    call_command("send_reminders", f"--date={today.isoformat()}", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due_world(world):  # type: ignore[no-untyped-def]
    """Our participation's deadline is 10 days after `today`; the foreign one has submitted."""
    today = timezone.localdate()
    deadline = timezone.localtime() + dt.timedelta(days=10)
    world.edition.submission_deadline = deadline
    world.edition.save()
    world.foreign_participation.scan_status = ScanStatus.SUBMITTED
    world.foreign_participation.submitted_at = timezone.now()
    world.foreign_participation.save()
    world.extras["today"] = today
    return world


def test_sends_each_due_reminder_once(due_world, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    today = due_world.extras["today"]
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        first = run(today)
    assert "1 sent" in first
    assert [m.subject for m in mail.outbox] == ["Herinnering: de scan van Arnhem moet over 10 dagen binnen zijn"]
    assert mail.outbox[0].to == ["Petra Penvoerder <penvoerder@arnhem.nl>"]
    with django_capture_on_commit_callbacks(execute=True):
        second = run(today)
    assert "0 sent, 1 already sent earlier" in second
    assert len(mail.outbox) == 1
    sent = SentReminder.objects.get()
    assert (sent.kind, sent.email, sent.programme) == ("scan.deadline_14", "penvoerder@arnhem.nl", due_world.programme)


def test_submitted_and_withdrawn_participations_get_no_deadline_reminder(due_world) -> None:  # type: ignore[no-untyped-def]
    due_world.participation.scan_status = ScanStatus.SUBMITTED
    due_world.participation.save()
    assert "0 sent" in run(due_world.extras["today"])
    due_world.participation.scan_status = ScanStatus.REOPENED  # reopened: not submitted any more
    due_world.participation.save()
    assert "1 sent" in run(due_world.extras["today"])


def test_three_day_reminder_and_extended_deadline(due_world) -> None:  # type: ignore[no-untyped-def]
    today = due_world.extras["today"]
    run(today)
    run(today + dt.timedelta(days=8))  # 2 days left: the 3-day reminder
    assert sorted(SentReminder.objects.values_list("kind", flat=True)) == ["scan.deadline_14", "scan.deadline_3"]
    # The service desk extends the deadline by three weeks: the reminders start again for the new date.
    due_world.participation.deadline_extended_to = due_world.edition.submission_deadline + dt.timedelta(days=21)
    due_world.participation.save()
    run(today + dt.timedelta(days=20))
    assert SentReminder.objects.filter(kind="scan.deadline_14").count() == 2


def test_paused_kinds_are_skipped_until_resumed(due_world, client_for) -> None:  # type: ignore[no-untyped-def]
    desk = client_for("servicedesk")
    desk.post(reverse("servicedesk:staff_reminder_pause", args=["scan.deadline_14"]), {"pauze": "1"})
    assert ReminderPause.objects.filter(programme=due_world.programme, kind="scan.deadline_14").exists()
    assert "1 paused" in run(due_world.extras["today"])
    assert not SentReminder.objects.exists()
    page = desk.get(reverse("servicedesk:staff_reminders")).content.decode()
    assert "gepauzeerd" in page
    desk.post(reverse("servicedesk:staff_reminder_pause", args=["scan.deadline_14"]), {"pauze": "0"})
    assert "1 sent" in run(due_world.extras["today"])
    # Another programme's desk cannot pause ours: its own programme is the only one it can name.
    client_for("foreign_staff").post(
        reverse("servicedesk:staff_reminder_pause", args=["scan.deadline_14"]),
        {"pauze": "1", "programma": due_world.programme.pk},
    )
    assert not ReminderPause.objects.filter(programme=due_world.programme).exists()


def test_preview_shows_recipients_and_the_mail(due_world, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("servicedesk").get(
        reverse("servicedesk:staff_reminder_preview", args=["scan.deadline_14"])
        + f"?datum={due_world.extras['today'].isoformat()}"
    )
    text = page.content.decode()
    assert "penvoerder@arnhem.nl" in text
    assert "wordt verstuurd" in text
    assert "moet over 10 dagen binnen zijn" in text
    assert "penvoerder@nijmegen.nl" not in text  # submitted
    # Previewing sends nothing.
    assert not SentReminder.objects.exists()
    # The other programme's desk sees nobody of ours.
    other = client_for("foreign_staff").get(reverse("servicedesk:staff_reminder_preview", args=["scan.deadline_14"]))
    assert "penvoerder@arnhem.nl" not in other.content.decode()


def test_results_released_and_feedback_moment_tomorrow(world) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    FeedbackMoment.objects.create(edition=world.edition, date=today + dt.timedelta(days=1), description="Uitslag")
    run(today)
    assert SentReminder.objects.filter(kind="edition.feedback_moment").count() == 2  # both municipalities
    world.edition.status = EditionStatus.RESULTS_RELEASED
    world.edition.status_changed_at = timezone.now()
    world.edition.save()
    run(today)
    run(today)
    assert SentReminder.objects.filter(kind="results.released").count() == 2


def test_dry_run_sends_nothing(due_world) -> None:  # type: ignore[no-untyped-def]
    out = run(due_world.extras["today"], "--dry-run")
    assert "would send scan.deadline_14" in out
    assert not SentReminder.objects.exists()


def test_sent_log_page(due_world, client_for) -> None:  # type: ignore[no-untyped-def]
    run(due_world.extras["today"])
    page = client_for("servicedesk").get(reverse("servicedesk:staff_reminders_sent")).content.decode()
    assert "penvoerder@arnhem.nl" in page
    assert "Inleverdatum over 14 dagen" in page
    assert (
        "penvoerder@arnhem.nl"
        not in client_for("foreign_staff").get(reverse("servicedesk:staff_reminders_sent")).content.decode()
    )


def test_participation_without_penvoerder_is_reminded_at_its_contact_address(world) -> None:  # type: ignore[no-untyped-def]
    other = f.ParticipationFactory(
        edition=world.edition, organisation=f.organisation("GM0228"), contact_email="contact@ede.nl"
    )
    world.edition.submission_deadline = timezone.now() + dt.timedelta(days=2)
    world.edition.save()
    run(timezone.localdate())
    assert SentReminder.objects.filter(kind="scan.deadline_3", email="contact@ede.nl").exists()
    assert other.pk


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking")
    from cim.testing.world import build_world

    world = build_world()
    world.edition.submission_deadline = timezone.now() + dt.timedelta(days=10)
    world.edition.save()
    for code in ("GM0228", "GM0200", "GM0203", "GM0209"):
        p = f.ParticipationFactory(edition=world.edition, organisation=f.organisation(code))
        f.MemberFactory(participation=p)
    mail.outbox = []
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            run(timezone.localdate())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert SentReminder.objects.count() == 6
    assert len(mail.outbox) == 6
