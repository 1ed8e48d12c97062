"""The attacker's linear model of everything published, solved with HiGHS.

Every published cell is a linear equation over unknown confidential numbers. Organisations that
no published or suppressed cell tells apart are merged into one *atom* (one unknown: their sum),
which is exact for sums of non-negative values and keeps the problem small. Frequency answers
become integer unknowns "how many members of this atom chose option o" with the atom's size as
their sum (we assume the attacker knows who takes part and in which group: the conservative
choice). An insider (an organisation) additionally knows its own numbers: they become bounds.

For a suppressed cell the attacker's *feasible interval* is [min, max] of the cell over all
solutions (Hundepool et al. 2012, 4.2.3; Fischetti and Salazar 2000).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from cim.disclosure.tables import Cell, Item, Kind, Microdata

INF = math.inf


class InconsistentModel(Exception):
    """The published figures contradict the microdata (a corrected value after publication)."""


@dataclass
class _Component:
    variables: list[int]  # global variable ids
    local: dict[int, int]  # global -> local
    matrix: csr_array
    rhs: np.ndarray
    integer: bool
    lower: np.ndarray
    upper: np.ndarray
    # objective -> (argmin, argmax, min, max) from the outsider's view, reused for insiders
    outsider: dict[tuple[tuple[int, float], ...], tuple[np.ndarray | None, np.ndarray | None, float, float]] = field(
        default_factory=dict
    )


@dataclass(frozen=True)
class Bound:
    variable: int
    lower: float
    upper: float


class AttackerModel:
    """Built once for a set of cells (published and suppressed) and microdata."""

    def __init__(self, cells: Sequence[Cell], published: Iterable[tuple[str, str, str]], data: Microdata) -> None:
        self.cells = {c.ref: c for c in cells}
        self.data = data
        self.published = set(published)
        self.lp_count = 0
        self._var_kind: list[Kind] = []
        self._lower: list[float] = []
        self._upper: list[float] = []
        self._cell_terms: dict[tuple[str, str, str], dict[int, float]] = {}
        self._insider_bounds: dict[int, list[Bound]] = defaultdict(list)
        self._constraints: list[tuple[dict[int, float], float]] = []
        self.scale = 1.0
        self._build_magnitude([c for c in cells if c.kind == Kind.MAGNITUDE])
        self._build_frequency([c for c in cells if c.kind == Kind.FREQUENCY])
        for ref in self.published:
            cell = self.cells[ref]
            value = float(cell.value) / (self.scale if cell.kind == Kind.MAGNITUDE else 1.0)
            self._constraints.append((self._cell_terms[ref], value))
        self._components = self._split_components()

    # --- building -------------------------------------------------------------------------
    def _new_var(self, kind: Kind, lower: float, upper: float) -> int:
        self._var_kind.append(kind)
        self._lower.append(lower)
        self._upper.append(upper)
        return len(self._var_kind) - 1

    def _build_magnitude(self, cells: list[Cell]) -> None:
        membership: dict[Item, list[int]] = defaultdict(list)
        for index, cell in enumerate(cells):
            for item in cell.items:
                membership[item].append(index)
        atoms: dict[tuple[int, ...], list[Item]] = defaultdict(list)
        for item, where in membership.items():
            atoms[tuple(where)].append(item)
        biggest = max((float(c.value) for c in cells), default=1.0)
        self.scale = max(1.0, biggest / 1000.0)
        for where, items in atoms.items():
            var = self._new_var(Kind.MAGNITUDE, 0.0, INF)
            for index in where:
                self._cell_terms.setdefault(cells[index].ref, {})[var] = 1.0
            owners: dict[int, float] = defaultdict(float)
            for item in items:
                owners[item[1]] += float(self.data.values[item]) / self.scale
            for org, own in owners.items():
                upper = own if len(owners) == 1 else INF
                self._insider_bounds[org].append(Bound(var, own, upper))
        for cell in cells:
            self._cell_terms.setdefault(cell.ref, {})

    def _build_frequency(self, cells: list[Cell]) -> None:
        membership: dict[Item, list[tuple[str, str]]] = defaultdict(list)
        options: dict[tuple[int, str], set[str]] = defaultdict(set)
        for cell in cells:
            for unit in cell.items:
                if (cell.table, cell.row) not in membership[unit]:
                    membership[unit].append((cell.table, cell.row))
                options[(unit[0], unit[2])].add(cell.option)
        atoms: dict[tuple[int, str, tuple[tuple[str, str], ...]], list[Item]] = defaultdict(list)
        for unit, rows in membership.items():
            atoms[(unit[0], unit[2], tuple(sorted(rows)))].append(unit)
        by_row: dict[tuple[str, str], list[tuple[tuple[int, str, tuple[tuple[str, str], ...]], dict[str, int]]]] = (
            defaultdict(list)
        )
        for key, units in atoms.items():
            edition, question, rows = key
            size = len(units)
            # Options nobody in the tables can see still exist (an answer outside the table's columns).
            answered = {self.data.answers[u] for u in units}
            all_options = sorted(options[(edition, question)] | answered)
            variables = {o: self._new_var(Kind.FREQUENCY, 0.0, float(size)) for o in all_options}
            self._constraints.append(({v: 1.0 for v in variables.values()}, float(size)))
            for row in rows:
                by_row[row].append((key, variables))
            for unit in units:
                own = self.data.answers[unit]
                for option, var in variables.items():
                    if size == 1:
                        fixed = 1.0 if option == own else 0.0
                        self._insider_bounds[unit[1]].append(Bound(var, fixed, fixed))
                    elif option == own:
                        self._insider_bounds[unit[1]].append(Bound(var, 1.0, float(size)))
                    else:
                        self._insider_bounds[unit[1]].append(Bound(var, 0.0, float(size - 1)))
        for cell in cells:
            terms = {}
            for _key, variables in by_row[(cell.table, cell.row)]:
                terms[variables[cell.option]] = 1.0
            self._cell_terms[cell.ref] = terms

    def _split_components(self) -> dict[int, _Component]:
        parent = list(range(len(self._var_kind)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for terms, _value in self._constraints:
            ids = list(terms)
            for other in ids[1:]:
                ra, rb = find(ids[0]), find(other)
                if ra != rb:
                    parent[ra] = rb
        self._root = [find(v) for v in range(len(parent))]
        members: dict[int, list[int]] = defaultdict(list)
        for var, root in enumerate(self._root):
            members[root].append(var)
        rows_of: dict[int, list[tuple[dict[int, float], float]]] = defaultdict(list)
        for terms, value in self._constraints:
            if terms:
                rows_of[self._root[next(iter(terms))]].append((terms, value))
        components = {}
        for root, variables in members.items():
            local = {v: i for i, v in enumerate(variables)}
            rows = rows_of.get(root, [])
            data, indices, pointers = [], [], [0]
            for terms, _ in rows:
                for var, coef in terms.items():
                    indices.append(local[var])
                    data.append(coef)
                pointers.append(len(indices))
            matrix = csr_array((data, indices, pointers), shape=(len(rows), len(variables)))
            components[root] = _Component(
                variables=variables,
                local=local,
                matrix=matrix,
                rhs=np.array([value for _, value in rows], dtype=float),
                integer=self._var_kind[variables[0]] == Kind.FREQUENCY,
                lower=np.array([self._lower[v] for v in variables], dtype=float),
                upper=np.array([self._upper[v] for v in variables], dtype=float),
            )
        return components

    # --- solving --------------------------------------------------------------------------
    def insiders_near(self, ref: tuple[str, str, str]) -> list[int]:
        """Organisations whose own numbers take part in the equations around this cell."""
        roots = {self._root[v] for v in self._cell_terms[ref]}
        return sorted(
            org for org, bounds in self._insider_bounds.items() if any(self._root[b.variable] in roots for b in bounds)
        )

    def interval(self, ref: tuple[str, str, str], insider: int | None = None) -> tuple[float, float]:
        """The feasible interval of a cell (in the cell's unit) from an outsider's view, or from the
        view of `insider`, who knows its own numbers."""
        terms = self._cell_terms[ref]
        factor = self.scale if self.cells[ref].kind == Kind.MAGNITUDE else 1.0
        per_component: dict[int, dict[int, float]] = defaultdict(dict)
        for var, coef in terms.items():
            per_component[self._root[var]][var] = coef
        lo = hi = 0.0
        for root, objective in per_component.items():
            component = self._components[root]
            c = np.zeros(len(component.variables))
            for var, coef in objective.items():
                c[component.local[var]] = coef
            bounds = self._bounds(component, insider)
            low, high = self._solve_both(component, c, objective, bounds, insider)
            lo += low
            hi += high
        return lo * factor, hi * factor

    def _bounds(self, component: _Component, insider: int | None) -> tuple[np.ndarray, np.ndarray] | None:
        if insider is None:
            return None
        own = [b for b in self._insider_bounds.get(insider, ()) if b.variable in component.local]
        if not own:
            return None
        lower, upper = component.lower.copy(), component.upper.copy()
        for b in own:
            i = component.local[b.variable]
            lower[i] = max(lower[i], b.lower)
            upper[i] = min(upper[i], b.upper)
        return lower, upper

    def _solve_both(
        self,
        component: _Component,
        c: np.ndarray,
        objective: dict[int, float],
        bounds: tuple[np.ndarray, np.ndarray] | None,
        insider: int | None,
    ) -> tuple[float, float]:
        key = tuple(sorted(objective.items()))
        if key not in component.outsider:
            low_x, low = self._solve(component, c, None)
            high_x, negative_high = self._solve(component, -c, None)
            component.outsider[key] = (low_x, high_x, low, -negative_high)
        low_x, high_x, low, high = component.outsider[key]
        if bounds is None:
            return low, high
        # An insider only adds bounds: when the outsider's optimum respects them it stays optimal.
        lower, upper = bounds
        if not self._fits(low_x, lower, upper):
            _, low = self._solve(component, c, bounds)
        if not self._fits(high_x, lower, upper):
            _, negative_high = self._solve(component, -c, bounds)
            high = -negative_high
        return low, high

    @staticmethod
    def _fits(x: np.ndarray | None, lower: np.ndarray, upper: np.ndarray) -> bool:
        if x is None:  # the optimum was unbounded: no point to reuse
            return False
        slack = 1e-9 * (1.0 + np.abs(x))
        return bool(np.all(x >= lower - slack) and np.all(x <= upper + slack))

    def _solve(
        self, component: _Component, c: np.ndarray, bounds: tuple[np.ndarray, np.ndarray] | None
    ) -> tuple[np.ndarray | None, float]:
        lower, upper = bounds if bounds is not None else (component.lower, component.upper)
        self.lp_count += 1
        result = linprog(
            c,
            A_eq=component.matrix if component.matrix.shape[0] else None,
            b_eq=component.rhs if component.matrix.shape[0] else None,
            bounds=np.column_stack([lower, upper]),
            method="highs",
            integrality=np.ones(len(c)) if component.integer else None,
        )
        if result.status == 3:
            return None, -INF
        if result.status != 0:
            raise InconsistentModel(result.message)
        return result.x, float(result.fun)


def decimal_interval(interval: tuple[float, float]) -> tuple[Decimal, Decimal | None]:
    lo, hi = interval
    return Decimal(str(round(lo, 2))), (None if math.isinf(hi) else Decimal(str(round(hi, 2))))
