"""The synthetic programme of `make bench` (bench/synthetic.py) fits the real schema on every
database: SQLite does not enforce column lengths, PostgreSQL does, and the bench runs on both."""

from __future__ import annotations

import pytest

from bench.synthetic import build_programme
from cim.editions.models import Participation
from cim.scan.models import Answer, Submission

pytestmark = pytest.mark.django_db


def test_two_programmes_with_long_names_build_complete_submitted_scans() -> None:
    first = build_programme(organisations=12, editions=2, slug="growth-with-a-long-name-10000")
    second = build_programme(organisations=12, editions=2, slug="growth-with-a-long-name-10000-2", seed=2)

    for editions in (first, second):
        assert [e.status for e in editions] == ["closed", "closed"]
        for edition in editions:
            submitted = Participation.objects.filter(edition=edition, scan_status="submitted")
            assert submitted.count() == 12
            assert Submission.objects.filter(response__participation__edition=edition).count() == 12
        latest = editions[-1]
        assert (
            Answer.objects.filter(response__participation__edition=latest).values("response").distinct().count() == 12
        )
        assert not Answer.objects.filter(response__participation__edition=editions[0]).exists()
    codes = list(Submission.objects.values_list("receipt_code", flat=True))
    field = Submission._meta.get_field("receipt_code")
    assert len(codes) == len(set(codes)) == 48
    assert max(len(code) for code in codes) <= field.max_length
    assert all(Submission.objects.get(receipt_code=code).answers for code in codes[:3])
