"""Service-desk benchmarks on the demo data: the staff queue, the edition overview, a member's
conversation list, and one run of the reminders engine (nothing due twice)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from bench.runner import Result, timed


def servicedesk_pages() -> list[Result]:
    from cim.accounts.models import User
    from cim.editions.models import Edition

    desk = Client()
    desk.force_login(User.objects.get(email="servicedesk@demo.cim.test"))
    member = Client()
    member.force_login(User.objects.get(email="penvoerder.arnhem@demo.cim.test"))
    edition_pk = Edition.objects.order_by("-year").values_list("pk", flat=True).first()
    floor = "floor: bare view (204)"
    return [
        Result(
            "servicedesk: staff queue", timed(lambda: desk.get("/beheer/servicedesk/?status=all"), repeat=50), floor
        ),
        Result(
            "servicedesk: edition overview (44)",
            timed(lambda: desk.get(f"/beheer/servicedesk/edities/{edition_pk}/overzicht/"), repeat=30),
            floor,
        ),
        Result(
            "servicedesk: overview XLSX (44)",
            timed(lambda: desk.get(f"/beheer/servicedesk/edities/{edition_pk}/overzicht.xlsx"), repeat=20),
            floor,
        ),
        Result("servicedesk: member conversations", timed(lambda: member.get("/servicedesk/"), repeat=50), floor),
    ]


def reminders_run() -> list[Result]:
    from django.utils import timezone

    from cim.servicedesk.services.reminders import reminders_send

    today = timezone.localdate()
    reminders_send(today=today)  # the first run sends; the timed runs find everything sent already
    return [Result("servicedesk: send_reminders (all sent)", timed(lambda: reminders_send(today=today), repeat=10))]


SUITES: list[Callable[[], list[Result]]] = [servicedesk_pages, reminders_run]
