"""The plain-Python rules: thread statuses, question keys, return paths, reminder windows."""

from __future__ import annotations

import datetime as dt

import pytest

from cim.servicedesk import conversation, reminder_rules
from cim.servicedesk.conversation import ClosedThread, Side, ThreadStatus


@pytest.mark.parametrize(
    ("current", "side", "internal", "close", "expected"),
    [
        ("new", Side.MEMBER, False, False, ThreadStatus.NEW),
        ("waiting_municipality", Side.MEMBER, False, False, ThreadStatus.WAITING_STAFF),
        ("waiting_staff", Side.MEMBER, False, False, ThreadStatus.WAITING_STAFF),
        ("new", Side.STAFF, False, False, ThreadStatus.WAITING_MUNICIPALITY),
        ("waiting_staff", Side.STAFF, False, True, ThreadStatus.CLOSED),
        ("new", Side.STAFF, True, False, ThreadStatus.NEW),
        ("closed", Side.STAFF, True, False, ThreadStatus.CLOSED),
    ],
)
def test_status_after_message(current, side, internal, close, expected) -> None:  # type: ignore[no-untyped-def]
    assert conversation.status_after_message(current, side=side, internal=internal, close=close) == expected


@pytest.mark.parametrize("side", [Side.MEMBER, Side.STAFF])
def test_no_reply_to_a_closed_thread(side) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ClosedThread):
        conversation.status_after_message("closed", side=side)


def test_members_see_their_own_status_words() -> None:
    assert ThreadStatus.WAITING_MUNICIPALITY.member_label == "beantwoord"
    assert ThreadStatus.WAITING_STAFF.member_label == "in behandeling"


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("strategisch.beleid.q1", True),
        ("Q-12_b:3", True),
        ("", False),
        (".leading-dot", False),
        ("<script>", False),
        ("x" * 101, False),
        ("a b", False),
    ],
)
def test_question_keys(key: str, ok: bool) -> None:
    assert conversation.valid_question_key(key) is ok
    assert conversation.clean_question_key(key) == (key if ok else "")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/scan/12/?sectie=2", "/scan/12/?sectie=2"),
        ("//evil.example/x", ""),
        ("https://evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("/\\evil.example", ""),
        ("/ok\r\nSet-Cookie: x", ""),
        ("relative/path", ""),
        ("/" + "a" * 600, ""),
        (None, ""),
    ],
)
def test_safe_return_path(path, expected) -> None:  # type: ignore[no-untyped-def]
    assert conversation.safe_return_path(path) == expected


def test_one_line_removes_header_injection() -> None:
    assert conversation.one_line("Vraag\r\nBcc: evil@example.com\x00") == "Vraag Bcc: evil@example.com"


@pytest.mark.parametrize(
    ("days", "fourteen", "three"),
    [
        (15, False, False),
        (14, True, False),
        (4, True, False),
        (3, False, True),
        (1, False, True),
        (0, False, False),
        (-2, False, False),
    ],
)
def test_deadline_windows(days: int, fourteen: bool, three: bool) -> None:
    today = dt.date(2031, 1, 1)
    deadline = today + dt.timedelta(days=days)
    assert reminder_rules.deadline_reminder_due("scan.deadline_14", deadline_date=deadline, today=today) is fourteen
    assert reminder_rules.deadline_reminder_due("scan.deadline_3", deadline_date=deadline, today=today) is three


def test_results_reminder_only_shortly_after_release() -> None:
    today = dt.date(2031, 3, 1)
    assert reminder_rules.results_reminder_due(released_on=today, today=today)
    assert not reminder_rules.results_reminder_due(released_on=today - dt.timedelta(days=30), today=today)
    assert not reminder_rules.results_reminder_due(released_on=None, today=today)
