"""The attacker's linear model of everything published, solved with HiGHS.

Every published cell is a linear equation over unknown confidential numbers. Organisations that
no published or suppressed cell tells apart are merged into one *atom* (one unknown: their sum),
which is exact for sums of non-negative values and keeps the problem small. Frequency answers
become integer unknowns "how many members of this atom chose option o" with the atom's size as
their sum (we assume the attacker knows who takes part and in which group: the conservative
choice). An insider (an organisation) additionally knows its own numbers: they become bounds.

For a suppressed cell the attacker's *feasible interval* is [min, max] of the cell over all
solutions (Hundepool et al. 2012, 4.2.3; Fischetti and Salazar 2000).

Speed: the equations split into independent components; for each suppressed cell we keep, for
the minimum and the maximum, the optimal point *closest to the true values*. An insider only adds
bounds that the true values satisfy, so when that point respects them the insider's optimum is
the same and no LP of its own is needed; the point moves only the few atoms that have to move.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array, hstack, identity, vstack

from cim.disclosure.tables import Cell, Item, Kind, Microdata

INF = math.inf
UNION = -1  # the viewer "all insiders at once" (see AttackerModel.interval)
CellRef = tuple[str, str, str]


class InconsistentModel(Exception):
    """The published figures contradict the microdata (a corrected value after publication)."""


@dataclass(frozen=True)
class Bound:
    variable: int
    lower: float
    upper: float
    alone: bool = False  # the insider is the only member of this atom: it knows the atom exactly


@dataclass
class _Optimum:
    value: float  # the optimum (INF when unbounded)
    point: np.ndarray | None  # an optimal point close to the truth (for unbounded: one far enough)


@dataclass
class _Component:
    variables: list[int]  # global variable ids
    local: dict[int, int]  # global -> local
    matrix: csr_array
    rhs: np.ndarray
    row_refs: list[CellRef | None]  # the published cell of each equation (None: an atom's size)
    integer: bool
    lower: np.ndarray
    upper: np.ndarray
    truth: np.ndarray
    union_lower: np.ndarray | None = None
    union_upper: np.ndarray | None = None
    optima: dict[tuple[tuple[int, float], ...], tuple[_Optimum, _Optimum]] = field(default_factory=dict)


class AttackerModel:
    """Built once for a set of cells (published and suppressed) and microdata."""

    def __init__(self, cells: Sequence[Cell], published: Iterable[CellRef], data: Microdata) -> None:
        self.cells = {c.ref: c for c in cells}
        self.data = data
        self.published = set(published)
        self.lp_count = 0
        self._kind: list[Kind] = []
        self._lower: list[float] = []
        self._upper: list[float] = []
        self._truth: list[float] = []
        self._cell_terms: dict[CellRef, dict[int, float]] = {}
        self._insider_bounds: dict[int, list[Bound]] = defaultdict(list)
        self._constraints: list[tuple[dict[int, float], float, CellRef | None]] = []
        self.scale = 1.0
        self._build_magnitude([c for c in cells if c.kind == Kind.MAGNITUDE])
        self._build_frequency([c for c in cells if c.kind == Kind.FREQUENCY])
        for ref in sorted(self.published):
            cell = self.cells[ref]
            value = float(cell.value) / (self.scale if cell.kind == Kind.MAGNITUDE else 1.0)
            self._constraints.append((self._cell_terms[ref], value, ref))
        self._components = self._split_components()
        self._add_union_bounds()
        # org -> root -> (local indices, lower, upper, alone anywhere here)
        self._own: dict[int, dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, bool]]] = {}
        self._orgs_at: dict[int, list[int]] = defaultdict(list)
        for org, bounds in self._insider_bounds.items():
            grouped: dict[int, list[Bound]] = defaultdict(list)
            for b in bounds:
                grouped[self._root[b.variable]].append(b)
            self._own[org] = {}
            for root, group in grouped.items():
                component = self._components[root]
                self._own[org][root] = (
                    np.array([component.local[b.variable] for b in group], dtype=int),
                    np.array([b.lower for b in group]),
                    np.array([b.upper for b in group]),
                    any(b.alone for b in group),
                )
                self._orgs_at[root].append(org)

    # --- building -------------------------------------------------------------------------
    def _new_var(self, kind: Kind, lower: float, upper: float, truth: float) -> int:
        self._kind.append(kind)
        self._lower.append(lower)
        self._upper.append(upper)
        self._truth.append(truth)
        return len(self._kind) - 1

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
        for cell in cells:
            self._cell_terms[cell.ref] = {}
        for signature, items in atoms.items():
            owners: dict[int, float] = defaultdict(float)
            for item in items:
                owners[item[1]] += float(self.data.values[item]) / self.scale
            var = self._new_var(Kind.MAGNITUDE, 0.0, INF, sum(owners.values()))
            for index in signature:
                self._cell_terms[cells[index].ref][var] = 1.0
            alone = len(owners) == 1
            for org, own in owners.items():
                self._insider_bounds[org].append(Bound(var, own, own if alone else INF, alone))

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
        by_row: dict[tuple[str, str], list[dict[str, int]]] = defaultdict(list)
        for (edition, question, signature), units in atoms.items():
            size = len(units)
            answers = [self.data.answers[u] for u in units]
            # Options outside the table's columns still exist as answers.
            all_options = sorted(options[(edition, question)] | set(answers))
            variables = {
                o: self._new_var(Kind.FREQUENCY, 0.0, float(size), float(answers.count(o))) for o in all_options
            }
            self._constraints.append(({v: 1.0 for v in variables.values()}, float(size), None))
            for row in signature:
                by_row[row].append(variables)
            for unit, own in zip(units, answers, strict=True):
                for option, var in variables.items():
                    if size == 1:
                        fixed = 1.0 if option == own else 0.0
                        bound = Bound(var, fixed, fixed, True)
                    elif option == own:
                        bound = Bound(var, 1.0, float(size))
                    else:
                        bound = Bound(var, 0.0, float(size - 1))
                    self._insider_bounds[unit[1]].append(bound)
        for cell in cells:
            self._cell_terms[cell.ref] = {variables[cell.option]: 1.0 for variables in by_row[(cell.table, cell.row)]}

    def _split_components(self) -> dict[int, _Component]:
        parent = list(range(len(self._kind)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for terms, _value, _ref in self._constraints:
            ids = list(terms)
            for other in ids[1:]:
                ra, rb = find(ids[0]), find(other)
                if ra != rb:
                    parent[ra] = rb
        self._root = [find(v) for v in range(len(parent))]
        members: dict[int, list[int]] = defaultdict(list)
        for var, root in enumerate(self._root):
            members[root].append(var)
        rows_of: dict[int, list[tuple[dict[int, float], float, CellRef | None]]] = defaultdict(list)
        for constraint in self._constraints:
            if constraint[0]:
                rows_of[self._root[next(iter(constraint[0]))]].append(constraint)
        components = {}
        for root, variables in members.items():
            local = {v: i for i, v in enumerate(variables)}
            rows = rows_of.get(root, [])
            data, indices, pointers = [], [], [0]
            for terms, _, _ in rows:
                for var, coef in terms.items():
                    indices.append(local[var])
                    data.append(coef)
                pointers.append(len(indices))
            components[root] = _Component(
                variables=variables,
                local=local,
                matrix=csr_array((data, indices, pointers), shape=(len(rows), len(variables))),
                rhs=np.array([value for _, value, _ in rows], dtype=float),
                row_refs=[ref for _, _, ref in rows],
                integer=self._kind[variables[0]] == Kind.FREQUENCY,
                lower=np.array([self._lower[v] for v in variables], dtype=float),
                upper=np.array([self._upper[v] for v in variables], dtype=float),
                truth=np.array([self._truth[v] for v in variables], dtype=float),
            )
        return components

    def _add_union_bounds(self) -> None:
        """Bounds that hold for every insider at once except the upper bounds of organisations
        alone in their atom: stronger than what any single insider who is not alone knows, so an
        interval that is wide enough under them is wide enough for each such insider."""
        for bounds in self._insider_bounds.values():
            for b in bounds:
                component = self._components[self._root[b.variable]]
                if component.union_lower is None or component.union_upper is None:
                    component.union_lower = component.lower.copy()
                    component.union_upper = component.upper.copy()
                i = component.local[b.variable]
                component.union_lower[i] = max(component.union_lower[i], b.lower)
                if not b.alone:
                    component.union_upper[i] = min(component.union_upper[i], b.upper)

    # --- questions --------------------------------------------------------------------------
    def _roots(self, ref: CellRef) -> set[int]:
        return {self._root[v] for v in self._cell_terms[ref]}

    def insiders_near(self, ref: CellRef) -> list[int]:
        """Organisations whose own numbers take part in the equations around this cell."""
        return sorted({org for root in self._roots(ref) for org in self._orgs_at.get(root, ())})

    def knows_an_atom(self, org: int, ref: CellRef) -> bool:
        """Whether `org` is alone in an atom near this cell (then the union view does not cover it)."""
        own = self._own.get(org, {})
        return any(own[root][3] for root in self._roots(ref) if root in own)

    def interval(self, ref: CellRef, insider: int | None = None) -> tuple[float, float]:
        """The feasible interval of a cell (in the cell's unit) from an outsider's view, from the
        view of `insider`, who knows its own numbers, or (insider=UNION) under the union bounds.
        An unbounded maximum is INF for the outsider; for an insider whose knowledge does not
        bound it, a value at least twice the cell's plus one (all any requirement asks for)."""
        cell = self.cells[ref]
        factor = self.scale if cell.kind == Kind.MAGNITUDE else 1.0
        reach = float(cell.value) / factor + 1.0
        lo = hi = 0.0
        for component, objective in self._objectives(ref):
            low, high = self._extremes(component, objective, insider, reach)
            lo += low
            hi += high
        return lo * factor, hi * factor

    def interval_exact(self, ref: CellRef, insider: int | None = None) -> tuple[float, float]:
        """The same interval solved directly for this viewer, without reusing any optimum (for
        tests that check the shortcuts). An unbounded maximum is INF."""
        cell = self.cells[ref]
        factor = self.scale if cell.kind == Kind.MAGNITUDE else 1.0
        lo = hi = 0.0
        for component, objective in self._objectives(ref):
            bounds = self._bounds(component, insider)
            lo += self._plain(component, objective, bounds, False)
            hi += self._plain(component, objective, bounds, True)
        return lo * factor, hi * factor

    def binding_cells(self, ref: CellRef, insider: int | None, *, upward: bool) -> list[CellRef]:
        """Published cells whose equations hold the cell's minimum (or maximum) where it is: the
        candidates whose suppression would widen the interval (non-zero dual values)."""
        found: list[CellRef] = []
        for component, objective in self._objectives(ref):
            if not component.matrix.shape[0]:
                continue
            sign = -1.0 if upward else 1.0
            bounds = self._bounds(component, insider) or (component.lower, component.upper)
            self.lp_count += 1
            result = linprog(
                sign * objective,
                A_eq=component.matrix,
                b_eq=component.rhs,
                bounds=np.column_stack(bounds),
                method="highs",
            )
            if result.status != 0:
                continue
            duals = result.eqlin.marginals
            for index in np.argsort(-np.abs(duals)):
                if abs(duals[index]) > 1e-9 and component.row_refs[index] is not None:
                    found.append(component.row_refs[index])  # type: ignore[arg-type]
        return found

    # --- solving ----------------------------------------------------------------------------
    def _objectives(self, ref: CellRef) -> list[tuple[_Component, np.ndarray]]:
        per_component: dict[int, dict[int, float]] = defaultdict(dict)
        for var, coef in self._cell_terms[ref].items():
            per_component[self._root[var]][var] = coef
        result = []
        for root, terms in per_component.items():
            component = self._components[root]
            c = np.zeros(len(component.variables))
            for var, coef in terms.items():
                c[component.local[var]] = coef
            result.append((component, c))
        return result

    def _bounds(self, component: _Component, insider: int | None) -> tuple[np.ndarray, np.ndarray] | None:
        if insider is None:
            return None
        if insider == UNION:
            if component.union_lower is None or component.union_upper is None:
                return None
            return component.union_lower, component.union_upper
        own = self._own.get(insider, {}).get(self._root[component.variables[0]])
        if own is None:
            return None
        index, low, high, _alone = own
        lower, upper = component.lower.copy(), component.upper.copy()
        lower[index] = np.maximum(lower[index], low)
        upper[index] = np.minimum(upper[index], high)
        return lower, upper

    def _respects(self, point: np.ndarray | None, component: _Component, insider: int) -> bool:
        """Whether an optimal point already satisfies what the viewer knows (then it stays optimal)."""
        if point is None:
            return False
        if insider == UNION:
            assert component.union_lower is not None
            assert component.union_upper is not None
            return self._fits(point, component.union_lower, component.union_upper)
        own = self._own.get(insider, {}).get(self._root[component.variables[0]])
        if own is None:
            return True
        index, low, high, _alone = own
        return self._fits(point[index], low, high)

    def _extremes(self, component: _Component, c: np.ndarray, insider: int | None, reach: float) -> tuple[float, float]:
        key = tuple((int(i), float(c[i])) for i in np.flatnonzero(c))
        if key not in component.optima:
            component.optima[key] = (
                self._optimum(component, c, reach, upward=False),
                self._optimum(component, c, reach, upward=True),
            )
        low, high = component.optima[key]
        if insider is None:
            return low.value, high.value
        bounds = self._bounds(component, insider)
        if bounds is None:
            return low.value, high.value
        if self._respects(low.point, component, insider):
            low_value = low.value
        else:
            low_value = self._plain(component, c, bounds, False)
        if self._respects(high.point, component, insider):
            high_value = high.value if not math.isinf(high.value) else float(c @ high.point)  # type: ignore[operator]
        else:
            high_value = self._plain(component, c, bounds, True)
            if math.isinf(high_value):
                high_value = float(c @ component.truth) + reach
        return low_value, high_value

    @staticmethod
    def _fits(x: np.ndarray | None, lower: np.ndarray, upper: np.ndarray) -> bool:
        if x is None:
            return False
        slack = 1e-7 * (1.0 + np.abs(x))
        return bool(np.all(x >= lower - slack) and np.all(x <= upper + slack))

    def _run(
        self,
        c: np.ndarray,
        component: _Component,
        matrix: csr_array | None,
        rhs: np.ndarray | None,
        bounds: np.ndarray,
        integrality: np.ndarray | None,
        ub: tuple[csr_array, np.ndarray] | None = None,
    ):  # type: ignore[no-untyped-def]
        self.lp_count += 1
        return linprog(
            c,
            A_ub=ub[0] if ub else None,
            b_ub=ub[1] if ub else None,
            A_eq=matrix if matrix is not None and matrix.shape[0] else None,
            b_eq=rhs if matrix is not None and matrix.shape[0] else None,
            bounds=bounds,
            method="highs",
            integrality=integrality,
        )

    def _plain(
        self, component: _Component, c: np.ndarray, bounds: tuple[np.ndarray, np.ndarray] | None, upward: bool
    ) -> float:
        lower, upper = bounds if bounds is not None else (component.lower, component.upper)
        result = self._run(
            -c if upward else c,
            component,
            component.matrix,
            component.rhs,
            np.column_stack([lower, upper]),
            np.ones(len(c)) if component.integer else None,
        )
        if result.status == 3:
            return INF if upward else -INF
        if result.status != 0:
            raise InconsistentModel(result.message)
        return -float(result.fun) if upward else float(result.fun)

    def _optimum(self, component: _Component, c: np.ndarray, reach: float, *, upward: bool) -> _Optimum:
        """The outsider's optimum and an optimal point as close as possible (L1) to the truth."""
        value = self._plain(component, c, None, upward)
        n = len(c)
        target = float(c @ component.truth) + reach if math.isinf(value) else value
        tolerance = 1e-7 * max(1.0, abs(target))
        # Variables [x, p, q] with x - p + q = truth; minimise sum(p + q) keeping c.x at its optimum.
        eye = identity(n, format="csr")
        link = hstack([eye, -eye, eye], format="csr")
        matrix = vstack([hstack([component.matrix, csr_array((component.matrix.shape[0], 2 * n))]), link], format="csr")
        rhs = np.concatenate([component.rhs, component.truth])
        objective_row = csr_array(np.concatenate([-c if upward else c, np.zeros(2 * n)]).reshape(1, -1))
        limit = np.array([-(target - tolerance) if upward else target + tolerance])
        bounds = np.vstack(
            [
                np.column_stack([component.lower, component.upper]),
                np.column_stack([np.zeros(2 * n), np.full(2 * n, INF)]),
            ]
        )
        integrality: np.ndarray | None = np.concatenate([np.ones(n), np.zeros(2 * n)]) if component.integer else None
        result = self._run(
            np.concatenate([np.zeros(n), np.ones(2 * n)]),
            component,
            matrix,
            rhs,
            bounds,
            integrality,
            ub=(objective_row, limit),
        )
        point = result.x[:n] if result.status == 0 else None
        return _Optimum(value, point)
