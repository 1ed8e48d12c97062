"""Result types. The public rendering gets `PublicTable` only: it holds values and a suppression
marker, nothing else, so templates for the public and funders cannot reach parameters, reasons,
contributor counts or unsuppressed values. Those live in `StaffTable`, for staff pages only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cim.disclosure.rules import Reason
from cim.disclosure.tables import MARGIN, TableSpec

SUPPRESSED_MARK = "x"  # the marker in exports, as in CBS tables ("geheim")


@dataclass(frozen=True)
class PublicCell:
    row: str
    column: str
    value: Decimal | None  # None: not shown

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class PublicTable:
    key: str
    edition: int
    kind: str
    rows: tuple[str, ...]  # group codes, the margin "*" last
    columns: tuple[str, ...]
    cells: tuple[PublicCell, ...]

    def get(self, row: str, column: str) -> PublicCell:
        for cell in self.cells:
            if cell.row == row and cell.column == column:
                return cell
        raise KeyError((row, column))

    def value(self, row: str, column: str) -> Decimal | None:
        return self.get(row, column).value


@dataclass(frozen=True)
class StaffCell:
    row: str
    column: str
    value: Decimal  # the true value, also when suppressed
    contributors: int
    status: str  # "published", "primary", "secondary", "earlier_release"
    reasons: tuple[Reason, ...]
    protection: Decimal  # the required protection level (0 when published)
    feasible: tuple[float, float] | None  # the outsider's interval for a suppressed cell


@dataclass(frozen=True)
class StaffTable:
    spec: TableSpec
    cells: tuple[StaffCell, ...]

    def get(self, row: str, column: str) -> StaffCell:
        for cell in self.cells:
            if cell.row == row and cell.column == column:
                return cell
        raise KeyError((row, column))


@dataclass(frozen=True)
class ProtectedTable:
    spec: TableSpec
    public: PublicTable
    staff: StaffTable


def ordered(keys: set[str]) -> tuple[str, ...]:
    return (*sorted(k for k in keys if k != MARGIN), *([MARGIN] if MARGIN in keys else []))
