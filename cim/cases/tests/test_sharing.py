"""The road of a lesson to sharing, as plain rules."""

from __future__ import annotations

import pytest

from cim.cases.sharing import (
    LessonStatus,
    SharedVersion,
    check_approval,
    check_author_may_edit,
    check_staff_may_edit,
    check_submit,
    check_withdraw,
    status_after_staff_save,
)
from cim.core.errors import DomainError

S = LessonStatus


def version(**changes: object) -> SharedVersion:
    data: dict[str, object] = {
        "title": "Les",
        "tried": "Een gemeente probeerde iets.",
        "worked": "",
        "did_not_work": "",
        "obstacles": "",
        "phase": "tender",
        "tags": ("gww", "emvi"),
    }
    data.update(changes)
    return SharedVersion(**data)  # type: ignore[arg-type]


def test_digest_covers_everything_a_reader_sees() -> None:
    base = version().digest()
    assert version(tags=("emvi", "gww")).digest() == base  # order of tags does not matter
    for change in ({"title": "Les!"}, {"tried": "Anders."}, {"phase": "idea"}, {"tags": ("gww",)}):
        assert version(**change).digest() != base


def test_author_edits_only_drafts_and_submits_once() -> None:
    check_author_may_edit(S.DRAFT)
    check_submit(S.DRAFT)
    for status in (S.SUBMITTED, S.AWAITING_APPROVAL, S.SHARED):
        with pytest.raises(DomainError):
            check_author_may_edit(status)
        with pytest.raises(DomainError):
            check_submit(status)


def test_staff_cannot_touch_drafts() -> None:
    with pytest.raises(DomainError):
        check_staff_may_edit(S.DRAFT)


@pytest.mark.parametrize(
    ("current", "changed", "send", "expected"),
    [
        (S.SUBMITTED, True, False, S.SUBMITTED),
        (S.SUBMITTED, True, True, S.AWAITING_APPROVAL),
        (S.AWAITING_APPROVAL, True, False, S.SUBMITTED),
        (S.AWAITING_APPROVAL, False, True, S.AWAITING_APPROVAL),
        (S.SHARED, False, False, S.SHARED),
        (S.SHARED, False, True, S.SHARED),
        (S.SHARED, True, False, S.SUBMITTED),  # a change after approval stops sharing…
        (S.SHARED, True, True, S.AWAITING_APPROVAL),  # …until the author approves again
    ],
)
def test_status_after_staff_save(current: str, changed: bool, send: bool, expected: str) -> None:
    approved = version().digest() if current == S.SHARED else ""
    new = version(tried="Anders.").digest() if changed else version().digest()
    assert status_after_staff_save(current=current, new_digest=new, approved_digest=approved, send=send) == expected


def test_approval_needs_the_exact_version_the_author_read() -> None:
    digest = version().digest()
    check_approval(status=S.AWAITING_APPROVAL, current_digest=digest, approved_version=digest)
    with pytest.raises(DomainError, match="gewijzigd"):
        check_approval(status=S.AWAITING_APPROVAL, current_digest=digest, approved_version=version(tried="x").digest())
    with pytest.raises(DomainError):
        check_approval(status=S.SUBMITTED, current_digest=digest, approved_version=digest)
    with pytest.raises(DomainError, match="al gedeeld"):
        check_approval(status=S.SHARED, current_digest=digest, approved_version=digest)


def test_withdraw_needs_something_to_withdraw() -> None:
    with pytest.raises(DomainError):
        check_withdraw(S.DRAFT)
    check_withdraw(S.SHARED)
