"""Table definitions and the cells they contain, built from plain microdata (no database).

A table has rows from ONE fixed classification (`all`, `province`, `size_class`, `kind`; never a
filter a user chose) plus the margin row "*", and columns that are measures (euro tables), answer
options (frequency tables) or panel parts (growth tables), plus the margin column "*" where a sum
over columns means something.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

MARGIN = "*"
# The fixed, predefined classifications peer groups may come from (issue 5: never user filters).
CLASSIFICATIONS = ("all", "province", "size_class", "kind")
GROWTH_PARTS = ("panel_previous", "panel_current", "joiners", "leavers")


class Kind(StrEnum):
    MAGNITUDE = "magnitude"  # sums of euros
    FREQUENCY = "frequency"  # counts of organisations per answer option
    GROWTH = "growth"  # euros over the panel of organisations present in two editions


@dataclass
class Microdata:
    """What organisations gave, per edition: the only input the disclosure module aggregates.

    groups:  (edition, organisation) -> {"province": "PV25", "size_class": "M", "kind": "gemeente"}
    values:  (edition, organisation, measure) -> Decimal euros (>= 0); a missing key = no value
    answers: (edition, organisation, question) -> the chosen option
    """

    groups: dict[tuple[int, int], dict[str, str]] = field(default_factory=dict)
    values: dict[tuple[int, int, str], Decimal] = field(default_factory=dict)
    answers: dict[tuple[int, int, str], str] = field(default_factory=dict)

    def add(
        self,
        edition: int,
        org: int,
        *,
        groups: Mapping[str, str] | None = None,
        values: Mapping[str, Decimal | int | str] | None = None,
        answers: Mapping[str, str] | None = None,
    ) -> None:
        self.groups[(edition, org)] = {"all": "all", **(groups or {})}
        for measure, value in (values or {}).items():
            amount = Decimal(str(value))
            if amount < 0 or not amount.is_finite():
                raise ValueError(f"a contribution must be a finite amount of at least 0, not {value!r}")
            self.values[(edition, org, measure)] = amount
        for question, option in (answers or {}).items():
            self.answers[(edition, org, question)] = option

    def members(self, edition: int) -> list[int]:
        return sorted(org for (ed, org) in self.groups if ed == edition)

    def group_of(self, edition: int, org: int, classification: str) -> str:
        return self.groups[(edition, org)].get(classification, "") or "?"


@dataclass(frozen=True)
class TableSpec:
    key: str  # stable name within an edition, e.g. "euros_total_by_province"
    kind: Kind
    edition: int  # for growth: the later edition
    rows: str  # a classification from CLASSIFICATIONS
    columns: tuple[str, ...]  # measures, or answer options, or (growth) measures
    question: str = ""  # frequency tables
    previous: int | None = None  # growth tables: the earlier edition

    def __post_init__(self) -> None:
        if self.rows not in CLASSIFICATIONS:
            raise ValueError(f"peer groups come only from fixed classifications, not {self.rows!r}")
        if not self.columns or len(set(self.columns)) != len(self.columns) or MARGIN in self.columns:
            raise ValueError("columns must be distinct and non-empty")
        if (self.kind == Kind.FREQUENCY) != bool(self.question):
            raise ValueError("a frequency table needs a question, and only it")
        if (self.kind == Kind.GROWTH) != (self.previous is not None):
            raise ValueError("a growth table needs the previous edition, and only it")

    @property
    def uid(self) -> str:
        """Unique across editions (keys repeat every year)."""
        return f"{self.edition}/{self.key}"

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": str(self.kind),
            "edition": self.edition,
            "rows": self.rows,
            "columns": list(self.columns),
            "question": self.question,
            "previous": self.previous,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TableSpec:
        return cls(
            key=data["key"],
            kind=Kind(data["kind"]),
            edition=int(data["edition"]),
            rows=data["rows"],
            columns=tuple(data["columns"]),
            question=data.get("question", ""),
            previous=data.get("previous"),
        )


# An item is one confidential number: (edition, organisation, measure) for euros, or
# (edition, organisation, question) for an answer.
Item = tuple[int, int, str]


@dataclass
class Cell:
    table: str
    row: str
    column: str
    kind: Kind  # MAGNITUDE (also for growth parts) or FREQUENCY
    items: frozenset[Item]  # magnitude: the euro items summed; frequency: the answer units in the row
    option: str = ""  # frequency: the option counted
    value: Decimal = Decimal(0)
    contributions: dict[int, Decimal] = field(default_factory=dict)  # per organisation
    group_size: int = 0  # frequency: members of the row that answered

    @property
    def ref(self) -> tuple[str, str, str]:
        return (self.table, self.row, self.column)

    @property
    def contributors(self) -> int:
        return sum(1 for v in self.contributions.values() if v > 0)


def _rows_of(spec: TableSpec, data: Microdata, edition: int, orgs: Iterable[int]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = defaultdict(list)
    for org in orgs:
        if spec.rows != "all":
            rows[data.group_of(edition, org, spec.rows)].append(org)
        rows[MARGIN].append(org)
    return rows


def _magnitude_cell(spec: TableSpec, row: str, column: str, items: list[Item], data: Microdata) -> Cell:
    contributions: dict[int, Decimal] = defaultdict(Decimal)
    for item in items:
        contributions[item[1]] += data.values[item]
    return Cell(
        table=spec.uid,
        row=row,
        column=column,
        kind=Kind.MAGNITUDE,
        items=frozenset(items),
        value=sum(contributions.values(), Decimal(0)),
        contributions=dict(contributions),
    )


def build_cells(spec: TableSpec, data: Microdata) -> list[Cell]:
    if spec.kind == Kind.MAGNITUDE:
        return _magnitude_cells(spec, data)
    if spec.kind == Kind.FREQUENCY:
        return _frequency_cells(spec, data)
    return _growth_cells(spec, data)


def _magnitude_cells(spec: TableSpec, data: Microdata) -> list[Cell]:
    cells = []
    columns = [*spec.columns, MARGIN] if len(spec.columns) > 1 else list(spec.columns)
    for row, orgs in sorted(_rows_of(spec, data, spec.edition, data.members(spec.edition)).items()):
        for column in columns:
            measures = spec.columns if column == MARGIN else (column,)
            items = [(spec.edition, o, m) for o in orgs for m in measures if (spec.edition, o, m) in data.values]
            cells.append(_magnitude_cell(spec, row, column, items, data))
    return cells


def _frequency_cells(spec: TableSpec, data: Microdata) -> list[Cell]:
    cells = []
    respondents = [o for o in data.members(spec.edition) if (spec.edition, o, spec.question) in data.answers]
    for row, orgs in sorted(_rows_of(spec, data, spec.edition, respondents).items()):
        units = frozenset((spec.edition, o, spec.question) for o in orgs)
        for option in spec.columns:
            chosen = {u[1]: Decimal(1) for u in units if data.answers[u] == option}
            cells.append(
                Cell(
                    table=spec.uid,
                    row=row,
                    column=option,
                    kind=Kind.FREQUENCY,
                    items=units,
                    option=option,
                    value=Decimal(len(chosen)),
                    contributions=chosen,
                    group_size=len(units),
                )
            )
    return cells


def growth_column(measure: str, part: str) -> str:
    return f"{measure}|{part}"


def _growth_cells(spec: TableSpec, data: Microdata) -> list[Cell]:
    assert spec.previous is not None
    previous, current = spec.previous, spec.edition
    before, after = set(data.members(previous)), set(data.members(current))
    panel = sorted(before & after)
    parts: dict[str, tuple[int, list[int], int]] = {
        # part: (edition whose values count, organisations, edition whose classification groups them)
        "panel_previous": (previous, panel, current),
        "panel_current": (current, panel, current),
        "joiners": (current, sorted(after - before), current),
        "leavers": (previous, sorted(before - after), previous),
    }
    measures = [*spec.columns, MARGIN] if len(spec.columns) > 1 else list(spec.columns)
    cells = []
    for part, (value_edition, orgs, group_edition) in parts.items():
        for row, row_orgs in sorted(_rows_of(spec, data, group_edition, orgs).items()):
            for measure in measures:
                wanted = spec.columns if measure == MARGIN else (measure,)
                items = [
                    (value_edition, o, m) for o in row_orgs for m in wanted if (value_edition, o, m) in data.values
                ]
                cells.append(_magnitude_cell(spec, row, growth_column(measure, part), items, data))
    # Rows that exist for one part only still get the other parts (as empty cells) so the
    # table is rectangular and every part is subject to the rules.
    present = {(c.row, c.column) for c in cells}
    rows = sorted({c.row for c in cells})
    for row in rows:
        for part in GROWTH_PARTS:
            for measure in measures:
                column = growth_column(measure, part)
                if (row, column) not in present:
                    cells.append(_magnitude_cell(spec, row, column, [], data))
    return sorted(cells, key=lambda c: (c.row, c.column))
