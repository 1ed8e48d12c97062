"""Property-based fuzzing (hypothesis) of the three parsers that take outside input: the answer
validator, the questionnaire definition loader and the workbook importer. Whatever comes in, the
result is an accepted value or a clear refusal; never an unexpected exception."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cim.questionnaires import values
from cim.questionnaires.loader import definition_from_source, load_definition
from cim.questionnaires.problems import DefinitionInvalid
from cim.scan.workbook import WorkbookRejected, build_workbook, open_upload, parse_workbook

SOURCE = (Path(__file__).resolve().parents[2] / "cim/questionnaires/definitions/monitor-2026.yaml").read_text()
DEFINITION = definition_from_source(SOURCE)
QUESTIONS = [q for q in DEFINITION.questions if q.type != "evidence"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.sampled_from(["1.234.567,89", "1e400", "NaN", "-0", "100.001", "2026-02-30", "<script>", "=1+1", "ja", "yes"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(index=st.integers(0, len(QUESTIONS) - 1), wire=json_values)
def test_answer_validator_accepts_or_refuses_cleanly(index: int, wire: Any) -> None:
    question = QUESTIONS[index]
    try:
        checked = values.check_question(question, wire)
    except values.InvalidValue as exc:
        assert str(exc)  # noqa: PT017 - hypothesis explores both outcomes
        return
    # What is accepted is stable, storable as JSON and can be shown.
    assert values.check_question(question, checked) == checked
    json.dumps(checked)
    values.display_question(question, checked)
    if question.type == "euro" and checked is not None:
        from decimal import Decimal

        assert Decimal("0") <= Decimal(checked) <= Decimal(10**12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_definition_loader_reports_problems_and_never_crashes(data: st.DataObject) -> None:
    lines = SOURCE.splitlines()
    start = data.draw(st.integers(0, len(lines) - 1))
    length = data.draw(st.integers(1, 8))
    replacement = data.draw(
        st.lists(
            st.sampled_from(
                [
                    "",
                    "  - key: x",
                    "type: grid",
                    "  foo: bar",
                    ": :",
                    "- [",
                    "*ref",
                    "!!python/object:os.system ls",
                    "required: maybe",
                    "max: -1",
                    "show_if: {question: nope, equals: 1}",
                ]
            ),
            max_size=3,
        )
    )
    text = "\n".join(lines[:start] + replacement + lines[start + length :])
    try:
        loaded = load_definition(text, expected_year=2026)
    except DefinitionInvalid as exc:
        assert exc.problems  # noqa: PT017 - hypothesis explores both outcomes
        for problem in exc.problems:
            assert str(problem.message)
        return
    assert loaded.definition.sections


def _blank_workbook() -> bytes:
    return build_workbook(
        definition=DEFINITION, answers={}, versions={}, participation_id=1, organisation="Arnhem", year=2026
    )


BLANK = _blank_workbook()
cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**13), 10**13),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
    st.sampled_from(
        ["=1+1", '=HYPERLINK("http://evil")', "1.234,56", "ja", "nee", "  ", "<script>alert(1)</script>", "2026-01-01"]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_workbook_importer_refuses_or_reports_and_never_crashes(data: st.DataObject) -> None:
    workbook = load_workbook(io.BytesIO(BLANK))
    sheets = [ws for ws in workbook.worksheets if ws.max_row > 1]
    for _ in range(data.draw(st.integers(1, 12))):
        sheet = data.draw(st.sampled_from(sheets))
        row = data.draw(st.integers(1, max(sheet.max_row + 2, 2)))
        column = data.draw(st.integers(1, 6))
        sheet.cell(row=row, column=column, value=data.draw(cells))
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    try:
        parsed = parse_workbook(open_upload(upload, len(buffer.getvalue())), DEFINITION)
    except WorkbookRejected as exc:
        assert exc.message  # noqa: PT017 - hypothesis explores both outcomes
        return
    # Every value the importer takes is one the validator accepts; formulas are never taken.
    for key, wire in parsed.values.items():
        question = DEFINITION.question(key)
        assert question is not None
        if wire is not None:
            assert values.check_question(question, wire) == wire
            assert not (isinstance(wire, str) and wire.startswith("="))


@pytest.mark.parametrize("junk", [b"", b"PK\x03\x04junk", b"%PDF-1.4", b"\x00" * 100])
def test_workbook_importer_refuses_junk(junk: bytes) -> None:
    with pytest.raises(WorkbookRejected):
        open_upload(io.BytesIO(junk), len(junk))
