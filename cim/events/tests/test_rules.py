"""The registration rules as plain Python: fast, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from cim.events import rules

NOW = dt.datetime(2030, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "value",
    ["Jan\nJansen", "Jan\r\nBcc: evil@example.com", "Jan\x00", "Jan\u2028Jansen", "Jan\tJansen"],
)
def test_names_with_line_breaks_or_control_characters_are_refused(value: str) -> None:
    with pytest.raises(rules.RuleBroken) as exc:
        rules.clean_text_line(value, label="Naam", max_length=150)
    assert "op één regel" in exc.value.message


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "Jan <b>", "a>b"])
def test_names_with_markup_are_refused(value: str) -> None:
    with pytest.raises(rules.RuleBroken) as exc:
        rules.clean_text_line(value, label="Naam", max_length=150)
    assert "< en >" in exc.value.message


def test_a_name_is_tidied_and_limited() -> None:
    assert rules.clean_text_line("  Anna   de  Vries ", label="Naam", max_length=150) == "Anna de Vries"
    assert rules.clean_text_line("O'Brien-Müller, jr.", label="Naam", max_length=150) == "O'Brien-Müller, jr."
    with pytest.raises(rules.RuleBroken):
        rules.clean_text_line("x" * 151, label="Naam", max_length=150)
    with pytest.raises(rules.RuleBroken):
        rules.clean_text_line("   ", label="Naam", max_length=150)
    assert rules.clean_text_line("", label="Functie", max_length=150, required=False) == ""


def test_quota_refuses_the_fourth_with_a_clear_message() -> None:
    rules.check_quota(quota=3, used=2, organisation_name="Arnhem")
    with pytest.raises(rules.RuleBroken) as exc:
        rules.check_quota(quota=3, used=3, organisation_name="Arnhem")
    assert exc.value.code == "quota"
    assert "Arnhem heeft al 3 aanmeldingen" in exc.value.message
    rules.check_quota(quota=None, used=500, organisation_name="Arnhem")  # the closing meeting: no quota


def test_companions_count_only_when_configured() -> None:
    assert not rules.counts_towards_quota(is_companion=True, companions_count=False)
    assert rules.counts_towards_quota(is_companion=True, companions_count=True)
    assert rules.counts_towards_quota(is_companion=False, companions_count=False)


def test_placement_seat_waiting_list_or_refusal() -> None:
    assert rules.place(capacity=2, seats_taken=1, waiting=0, join_waitlist=False) == rules.Placement.CONFIRMED
    assert rules.place(capacity=2, seats_taken=2, waiting=0, join_waitlist=True) == rules.Placement.WAITLISTED
    with pytest.raises(rules.RuleBroken) as exc:
        rules.place(capacity=2, seats_taken=2, waiting=0, join_waitlist=False)
    assert exc.value.code == "full"
    # Nobody jumps the queue: with people waiting, a free seat is theirs first.
    assert rules.place(capacity=2, seats_taken=1, waiting=1, join_waitlist=True) == rules.Placement.WAITLISTED


def test_sessions_in_the_past_or_called_off_take_no_registrations() -> None:
    rules.check_session_open(starts_at=NOW + dt.timedelta(minutes=1), now=NOW, cancelled=False)
    with pytest.raises(rules.RuleBroken, match="voorbij"):
        rules.check_session_open(starts_at=NOW, now=NOW, cancelled=False)
    with pytest.raises(rules.RuleBroken, match="niet door"):
        rules.check_session_open(starts_at=NOW + dt.timedelta(days=1), now=NOW, cancelled=True)


def test_self_cancellation_until_the_deadline() -> None:
    start = NOW + dt.timedelta(hours=49)
    rules.check_self_cancel(starts_at=start, hours_before=48, now=NOW)
    with pytest.raises(rules.RuleBroken, match="48 uur"):
        rules.check_self_cancel(starts_at=start, hours_before=48, now=NOW + dt.timedelta(hours=1))


def test_an_offer_never_outlives_the_session() -> None:
    start = NOW + dt.timedelta(hours=10)
    assert rules.offer_expiry(now=NOW, valid_hours=48, starts_at=start) == start
    assert rules.offer_expiry(now=NOW, valid_hours=2, starts_at=start) == NOW + dt.timedelta(hours=2)
    far = NOW + dt.timedelta(days=100)
    assert rules.offer_expiry(now=NOW, valid_hours=10_000, starts_at=far) == NOW + dt.timedelta(days=14)


def test_capacity_cannot_drop_below_the_seats_taken() -> None:
    rules.CapacityChange(capacity=5, seats_taken=5).check()
    with pytest.raises(rules.RuleBroken, match="5 personen"):
        rules.CapacityChange(capacity=4, seats_taken=5).check()


def test_attendance_from_the_day_itself() -> None:
    rules.check_attendance_window(starts_at_local_date=dt.date(2030, 3, 1), today=dt.date(2030, 3, 1))
    with pytest.raises(rules.RuleBroken):
        rules.check_attendance_window(starts_at_local_date=dt.date(2030, 3, 2), today=dt.date(2030, 3, 1))


def test_dietary_summary_groups_case_insensitively() -> None:
    wishes = ["Vegetarisch", "vegetarisch", " glutenvrij ", "", "VEGETARISCH", "geen noten"]
    assert rules.summarise_dietary(wishes) == [("Vegetarisch", 3), ("geen noten", 1), ("glutenvrij", 1)]
