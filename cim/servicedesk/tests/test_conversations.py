"""Conversations: asking from a scan question, answering from the queue, internal notes that never
leak, attachments, and every kind of bad input changing nothing."""

from __future__ import annotations

import uuid
from email.utils import parseaddr

import pytest
from django.core import mail
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.servicedesk.models import Message, Thread
from cim.servicedesk.services import threads as thread_services
from cim.servicedesk.tests.conftest import pdf
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def ask(client, world, **extra):  # type: ignore[no-untyped-def]
    data = {"participation": world.participation.pk, "subject": "Vraag over GWW", "body": "Hoe tel ik groen?"}
    data.update(extra)
    return client.post(reverse("servicedesk:ask") + "?vraag=strategie.q1&terug=/dashboard/", data)


def open_thread(world, **kwargs):  # type: ignore[no-untyped-def]
    defaults = {"subject": "Vraag", "body": "Hoe werkt dit?"}
    defaults.update(kwargs)
    return thread_services.thread_open(actor=world.user("penvoerder"), participation=world.participation, **defaults)


def test_penvoerder_asks_from_a_scan_question(client_for, world, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    page = client.get(reverse("servicedesk:ask") + "?vraag=strategie.q1&terug=/scan/3/?sectie=2")
    assert "strategie.q1" in page.content.decode()
    assert 'href="/scan/3/?sectie=2"' in page.content.decode()
    response = commit(
        client.post,
        reverse("servicedesk:ask"),
        {
            "participation": world.participation.pk,
            "subject": "Vraag over GWW",
            "body": "Hoe tel ik groen?",
            "question_key": "strategie.q1",
            "origin": "/scan/3/?sectie=2",
            "attachments": [pdf()],
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("servicedesk:thread", args=[thread.pk])
    assert thread.question_key == "strategie.q1"
    assert thread.origin_path == "/scan/3/?sectie=2"
    assert thread.status == "new"
    assert thread.messages.get().attachments.get().filename == "offerte.pdf"
    assert AuditEntry.objects.filter(
        action="servicedesk.thread_opened", organisation=world.participation.organisation
    ).exists()
    # The service desk hears about it, without the question's text.
    assert [parseaddr(a)[1] for a in outbox[0].recipients()] == ["servicedesk@example.nl"]
    assert "Hoe tel ik groen" not in outbox[0].body


def test_staff_answer_is_mailed_in_the_members_language_and_shown(client_for, world, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    penvoerder = world.user("penvoerder")
    penvoerder.language = "en"
    penvoerder.save()
    outbox.clear()
    desk = client_for("servicedesk")
    page = desk.get(reverse("servicedesk:staff_thread", args=[thread.pk]))
    seen = thread.messages.last().pk
    response = commit(
        desk.post,
        reverse("servicedesk:staff_reply", args=[thread.pk]),
        {"soort": "antwoord", "antwoord-body": "U telt groen bij GWW.", "antwoord-seen": seen},
    )
    assert page.status_code == 200
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == "waiting_municipality"
    assert thread.assigned_to == world.user("servicedesk")
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["Petra Penvoerder <penvoerder@arnhem.nl>"]
    assert message.subject == "Answer from the service desk: Vraag"
    assert "U telt groen bij GWW." in message.body
    member_page = client_for("penvoerder").get(reverse("servicedesk:thread", args=[thread.pk])).content.decode()
    assert "U telt groen bij GWW." in member_page
    assert "beantwoord" in member_page
    # Reading an organisation's conversation is an audited outside read.
    assert AuditEntry.objects.filter(action="confidential.read", details__what="servicedesk.thread").exists()


def test_internal_notes_never_reach_the_municipality(client_for, world, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    desk = world.user("servicedesk")
    note = commit(
        thread_services.thread_reply_staff,
        actor=desk,
        thread=thread,
        body="GEHEIM: bel de wethouder niet",
        internal=True,
        attachments=[pdf("intern.pdf")],
    )
    commit(thread_services.thread_reply_staff, actor=desk, thread=thread, body="Openbaar antwoord")
    thread.refresh_from_db()
    assert thread.status == "waiting_municipality"
    # Not in the e-mails (only the public answer is sent; the notification of the new question too)
    assert all("GEHEIM" not in m.body and "intern.pdf" not in str(m.attachments) for m in outbox)
    assert all("GEHEIM" not in alt[0] for m in outbox for alt in getattr(m, "alternatives", []))
    # Not on the pages of either member
    for role in ("penvoerder", "contributor"):
        page = client_for(role).get(reverse("servicedesk:thread", args=[thread.pk])).content.decode()
        assert "GEHEIM" not in page
        assert "intern.pdf" not in page
        assert "Openbaar antwoord" in page
        home = client_for(role).get(reverse("servicedesk:home")).content.decode()
        assert "GEHEIM" not in home
        # Not downloadable by guessing the id
        attachment = note.attachments.get()
        assert client_for(role).get(reverse("servicedesk:attachment", args=[attachment.pk])).status_code == 404
    # Not in the overview export
    export = client_for("servicedesk").get(reverse("servicedesk:staff_overview_export", args=[world.edition.pk]))
    assert b"GEHEIM" not in export.content
    # Staff do see it, marked as internal
    staff_page = client_for("servicedesk").get(reverse("servicedesk:staff_thread", args=[thread.pk])).content.decode()
    assert "GEHEIM" in staff_page
    assert "Interne notitie – niet zichtbaar voor de gemeente" in staff_page


def test_a_member_cannot_write_an_internal_note() -> None:
    from django.db import IntegrityError

    thread = Thread.objects.create(participation=f.ParticipationFactory(), subject="x")
    with pytest.raises(IntegrityError):
        Message.objects.create(thread=thread, author_name="x", body="x", from_staff=False, is_internal=True)


def test_member_reply_makes_it_wait_for_staff(client_for, world, commit) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    thread_services.thread_reply_staff(actor=world.user("servicedesk"), thread=thread, body="Antwoord")
    response = commit(
        client_for("contributor").post, reverse("servicedesk:reply", args=[thread.pk]), {"body": "Nog een vraag"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == "waiting_staff"
    assert thread.messages.last().author == world.user("contributor")


def test_reply_to_a_closed_thread_is_refused_and_changes_nothing(client_for, world) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    thread_services.thread_close(actor=world.user("servicedesk"), thread=thread)
    count = Message.objects.count()
    response = client_for("penvoerder").post(reverse("servicedesk:reply", args=[thread.pk]), {"body": "Hallo?"})
    assert response.status_code == 400
    assert "Dit gesprek is gesloten" in response.content.decode()
    assert Message.objects.count() == count
    staff = client_for("servicedesk").post(
        reverse("servicedesk:staff_reply", args=[thread.pk]), {"soort": "antwoord", "antwoord-body": "Toch nog"}
    )
    assert staff.status_code == 400
    assert "Heropen het eerst" in staff.content.decode()
    assert Message.objects.count() == count


def test_foreign_threads_are_not_found_and_unchanged(client_for, world) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    count = Message.objects.count()
    foreign = client_for("foreign_penvoerder")
    assert foreign.get(reverse("servicedesk:thread", args=[thread.pk])).status_code == 404
    assert foreign.post(reverse("servicedesk:reply", args=[thread.pk]), {"body": "x"}).status_code == 404
    assert (
        client_for("foreign_staff")
        .post(reverse("servicedesk:staff_reply", args=[thread.pk]), {"soort": "antwoord", "antwoord-body": "x"})
        .status_code
        == 404
    )
    assert Message.objects.count() == count
    assert AuditEntry.objects.filter(action="access.denied").count() >= 2
    # A foreign penvoerder cannot ask on our participation's behalf either.
    before = Thread.objects.count()
    assert ask(foreign, world).status_code in (400, 404)
    assert Thread.objects.count() == before
    # Huge ids are simply not found.
    assert client_for("penvoerder").get(f"/servicedesk/gesprekken/{10**30}/").status_code == 404


def test_crafted_and_oversized_attachments_are_refused(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    exe = pdf("factuur.pdf", b"MZ\x90\x00 this is a windows program")
    response = ask(client, world, attachments=[exe])
    assert response.status_code == 400
    assert "Bijlage &#x27;factuur" in response.content.decode() or "Bijlage 'factuur" in response.content.decode()
    assert "Dit bestandstype wordt niet geaccepteerd" in response.content.decode()
    big = pdf("groot.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    response = ask(client, world, attachments=[big])
    assert "groter dan 10 MB" in response.content.decode()
    response = ask(client, world, attachments=[pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf"), pdf("4.pdf")])
    assert "hoogstens 3 bijlagen" in response.content.decode()
    assert Thread.objects.count() == 0
    assert Message.objects.count() == 0


def test_too_long_messages_and_empty_subjects_are_refused(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    response = ask(client, world, body="x" * 10_001)
    assert response.status_code == 400
    assert "te lang" in response.content.decode()
    response = ask(client, world, subject="   ")
    assert "Vul een onderwerp in" in response.content.decode()
    assert Thread.objects.count() == 0


def test_script_payloads_are_shown_as_text(client_for, world) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world, subject="<script>alert(1)</script>", body="<img src=x onerror=alert(1)>")
    for role, name in (("penvoerder", "servicedesk:thread"), ("servicedesk", "servicedesk:staff_thread")):
        page = client_for(role).get(reverse(name, args=[thread.pk])).content.decode()
        assert "<script>alert(1)" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_header_injection_in_subject_and_name_is_neutralised(world, commit, outbox) -> None:  # type: ignore[no-untyped-def]
    penvoerder = world.user("penvoerder")
    penvoerder.name = "Petra\r\nBcc: evil@example.com"
    penvoerder.save()
    thread = open_thread(world, subject="Vraag\r\nBcc: evil@example.com")
    assert thread.subject == "Vraag Bcc: evil@example.com"
    outbox.clear()
    commit(thread_services.thread_reply_staff, actor=world.user("servicedesk"), thread=thread, body="Antwoord")
    message = outbox[0].message()
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"]
    assert "\n" not in message["To"]
    assert [parseaddr(a)[1] for a in outbox[0].recipients()] == ["penvoerder@arnhem.nl"]


def test_duplicate_submits_count_once(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("penvoerder")
    token = str(uuid.uuid4())
    first = ask(client, world, token=token)
    second = ask(client, world, token=token)
    assert first.status_code == 302
    assert second.status_code == 302
    assert Thread.objects.count() == 1
    thread = Thread.objects.get()
    reply_token = str(uuid.uuid4())
    for _ in range(2):
        client.post(reverse("servicedesk:reply", args=[thread.pk]), {"body": "Aanvulling", "token": reply_token})
    assert thread.messages.filter(body="Aanvulling").count() == 1


def test_stale_staff_answer_keeps_the_text_and_posts_nothing(client_for, world) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    seen = thread.messages.last().pk
    # A colleague answers while this page is open.
    colleague = f.StaffFactory(programme=world.programme).user
    thread_services.thread_reply_staff(actor=colleague, thread=thread, body="Al beantwoord door collega")
    response = client_for("servicedesk").post(
        reverse("servicedesk:staff_reply", args=[thread.pk]),
        {"soort": "antwoord", "antwoord-body": "Mijn antwoord", "antwoord-seen": seen},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Er is intussen een nieuw bericht" in page
    assert "Mijn antwoord" in page
    assert not thread.messages.filter(body="Mijn antwoord").exists()


def test_a_members_stale_check_ignores_internal_notes(client_for, world) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    seen = thread.messages.last().pk
    thread_services.thread_reply_staff(actor=world.user("servicedesk"), thread=thread, body="notitie", internal=True)
    response = client_for("penvoerder").post(
        reverse("servicedesk:reply", args=[thread.pk]), {"body": "Aanvulling", "seen": seen}
    )
    assert response.status_code == 302  # the note is invisible, so nothing new happened for the member


def test_assign_only_to_service_desk_colleagues(client_for, world) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world)
    desk = client_for("servicedesk")
    colleague = f.StaffFactory(programme=world.programme, user__name="Cor Collega").user
    desk.post(reverse("servicedesk:staff_assign", args=[thread.pk]), {"assignee": colleague.pk})
    thread.refresh_from_db()
    assert thread.assigned_to == colleague
    for outsider in (world.user("foreign_staff"), world.user("analyst"), world.user("penvoerder")):
        response = desk.post(
            reverse("servicedesk:staff_assign", args=[thread.pk]), {"assignee": outsider.pk}, follow=True
        )
        assert "alleen worden toegewezen aan een collega" in response.content.decode()
    thread.refresh_from_db()
    assert thread.assigned_to == colleague
    desk.post(reverse("servicedesk:staff_assign", args=[thread.pk]), {"mij": "1"})
    thread.refresh_from_db()
    assert thread.assigned_to == world.user("servicedesk")


def test_queue_filters(client_for, world) -> None:  # type: ignore[no-untyped-def]
    first = open_thread(world, subject="Eerste vraag", question_key="a.b")
    second = open_thread(world, subject="Tweede vraag")
    thread_services.thread_reply_staff(actor=world.user("servicedesk"), thread=second, body="x", close=True)
    desk = client_for("servicedesk")
    open_page = desk.get(reverse("servicedesk:staff_queue")).content.decode()
    assert "Eerste vraag" in open_page
    assert "Tweede vraag" not in open_page
    closed = desk.get(reverse("servicedesk:staff_queue") + "?status=closed").content.decode()
    assert "Tweede vraag" in closed
    assert "Eerste vraag" not in closed
    by_key = desk.get(reverse("servicedesk:staff_queue") + "?status=all&vraag=a.b").content.decode()
    assert "Eerste vraag" in by_key
    assert "Tweede vraag" not in by_key
    mine = desk.get(reverse("servicedesk:staff_queue") + "?assigned=me&status=all").content.decode()
    assert "Tweede vraag" in mine
    assert "Eerste vraag" not in mine
    searched = desk.get(reverse("servicedesk:staff_queue") + "?q=arnhem").content.decode()
    assert "Eerste vraag" in searched
    # Another programme's desk sees none of it.
    assert "Eerste vraag" not in client_for("foreign_staff").get(reverse("servicedesk:staff_queue")).content.decode()
    assert first.pk


def test_queue_and_member_pages_use_a_constant_number_of_queries(
    client_for, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for n in range(30):
        open_thread(world, subject=f"Vraag {n}")
    desk, member = client_for("servicedesk"), client_for("penvoerder")
    desk.get(reverse("servicedesk:staff_queue"))
    member.get(reverse("servicedesk:home"))
    with django_assert_max_num_queries(20):
        assert desk.get(reverse("servicedesk:staff_queue")).status_code == 200
    with django_assert_max_num_queries(20):
        assert member.get(reverse("servicedesk:home")).status_code == 200


def test_asking_is_rate_limited(client_for, world) -> None:  # type: ignore[no-untyped-def]
    from cim.servicedesk.views.member import QUESTIONS_PER_HOUR

    client = client_for("penvoerder")
    for _ in range(QUESTIONS_PER_HOUR):
        assert ask(client, world).status_code == 302
    response = ask(client, world)
    assert response.status_code == 400
    assert "al veel vragen gesteld" in response.content.decode()
    assert Thread.objects.count() == QUESTIONS_PER_HOUR


def test_attachment_download_for_the_organisation_and_staff(client_for, world) -> None:  # type: ignore[no-untyped-def]
    thread = open_thread(world, attachments=[pdf("plan.pdf")])
    attachment = thread.messages.get().attachments.get()
    for role in ("penvoerder", "contributor", "servicedesk"):
        response = client_for(role).get(reverse("servicedesk:attachment", args=[attachment.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="plan.pdf"')
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    for role in ("foreign_penvoerder", "analyst", "foreign_staff"):
        assert client_for(role).get(reverse("servicedesk:attachment", args=[attachment.pk])).status_code == 404
    assert mail.outbox is not None


def test_every_page_links_members_to_the_service_desk(client_for, world) -> None:  # type: ignore[no-untyped-def]
    page = client_for("penvoerder").get(reverse("portal:dashboard")).content.decode()
    assert "/servicedesk/vraag/?terug=/dashboard/" in page or "/servicedesk/vraag/?terug=%2Fdashboard%2F" in page
    assert "/servicedesk/vraag/" not in client_for("servicedesk").get(reverse("portal:dashboard")).content.decode()
