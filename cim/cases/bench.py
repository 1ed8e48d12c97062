"""Benchmarks of this room (run by `make bench` on the demo data)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from bench.runner import Result, timed

FLOOR = "floor: bare view (204)"


def cases_pages() -> list[Result]:
    from cim.accounts.models import User
    from cim.cases.models import Lesson
    from cim.cases.sharing import LessonStatus

    penvoerder = Client()
    penvoerder.force_login(User.objects.get(email="penvoerder.nijmegen@demo.cim.test"))
    desk = Client()
    desk.force_login(User.objects.get(email="servicedesk@demo.cim.test"))
    anonymous = Client()
    submitted = Lesson.objects.filter(status=LessonStatus.SUBMITTED).first()
    results = [
        Result(
            "cases: shared lessons, search + category (penvoerder)",
            timed(lambda: penvoerder.get("/lessen/", {"q": "gemeente", "category": "gww"}), repeat=50),
            floor=FLOOR,
        ),
        Result("cases: public material list", timed(lambda: anonymous.get("/materiaal/"), repeat=50), floor=FLOOR),
        Result(
            "cases: projects of all organisations (service desk)",
            timed(lambda: desk.get("/projecten/"), repeat=30),
            floor=FLOOR,
        ),
    ]
    if submitted is not None:
        results.append(
            Result(
                "cases: de-identification page with flags (service desk)",
                timed(lambda: desk.get(f"/beheer/lessen/{submitted.pk}/"), repeat=30),
                floor=FLOOR,
            )
        )
    return results


def deidentify_text() -> list[Result]:
    from cim.cases.deidentify import find_flags
    from cim.cases.selectors import deidentify_vocabulary

    vocabulary = deidentify_vocabulary()
    paragraph = (
        "Een gemeente in Gelderland vroeg Penvoerder Arnhem om een marktconsultatie; bel 026-1234567 of mail "
        "inkoop@arnhem.nl, zie www.arnhem.nl. Postcode 6811 AB. De aannemers kwamen met hergebruik van stenen. "
    )
    text = (paragraph * 50)[:10_000]  # the longest text field a lesson allows
    return [
        Result("cases: build the vocabulary (all organisations and users)", timed(deidentify_vocabulary, repeat=20)),
        Result("cases: flags in a 10,000-character text", timed(lambda: find_flags(text, vocabulary), repeat=20)),
    ]


SUITES: list[Callable[[], list[Result]]] = [cases_pages, deidentify_text]
