"""The demo is built around the day it is seeded (or `seed_demo --today`): on any date the current
edition is open with its deadline weeks ahead, its masterclasses lie ahead with a full one and a
waiting list, the two editions before it are released with statistics and Top 10 published, and
the current Top 10 is embargoed. Seeding twice adds nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cim.disclosure.models import PublishedTable
from cim.editions.models import Edition
from cim.events.models import Registration, Session
from cim.scan.models import Answer
from cim.testing.clock import add_months
from cim.topten.models import PublishedTopTen

pytestmark = pytest.mark.django_db


def next_leap_day(after: dt.date) -> dt.date:
    year = after.year
    while True:
        try:
            day = dt.date(year, 2, 29)
        except ValueError:
            year += 1
            continue
        if day > after:
            return day
        year += 1


def days() -> list[dt.date]:
    today = dt.date.today()
    return [today, add_months(today, 6), add_months(today, 14), next_leap_day(today)]


@pytest.mark.parametrize("day", days(), ids=lambda d: d.isoformat())
def test_the_demo_is_alive_on_any_date(day: dt.date) -> None:
    out = io.StringIO()
    call_command("seed_demo", today=day.isoformat(), stdout=out)
    assert f"built around {day.isoformat()}" in out.getvalue()
    oldest, previous, current = Edition.objects.order_by("year")
    assert [e.status for e in (oldest, previous, current)] == ["released", "released", "open"]
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())
    assert current.opens_at < noon
    assert current.submission_deadline - noon > dt.timedelta(weeks=4)
    assert current.feedback_moments.filter(kind="results", date__gt=current.submission_deadline.date()).exists()
    ahead = Session.objects.filter(event__edition=current, starts_at__gt=noon)
    assert ahead.count() >= 4
    assert Registration.objects.filter(session__in=ahead, status="waitlisted").exists()
    assert set(PublishedTopTen.objects.values_list("edition_id", flat=True)) == {oldest.pk, previous.pk}
    assert set(PublishedTable.objects.values_list("edition_id", flat=True).distinct()) == {oldest.pk, previous.pk}
    counts = (Edition.objects.count(), Answer.objects.count(), Registration.objects.count())
    call_command("seed_demo", today=day.isoformat(), stdout=io.StringIO())
    assert (Edition.objects.count(), Answer.objects.count(), Registration.objects.count()) == counts


def test_a_bad_today_is_refused() -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", today="31-02-2027", stdout=io.StringIO())
    assert not Edition.objects.exists()
