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

import copy
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_array

from cim.disclosure.lp import ClosestPoint, ComponentLp, InconsistentModel
from cim.disclosure.tables import Cell, Item, Kind, Microdata

INF = math.inf
UNION = -1  # the viewer "all insiders at once", without what the lone ones know (see _component)
EVERYONE = -2  # the viewer "all insiders at once", lone ones included: a subset of every insider's view
CellRef = tuple[str, str, str]


__all__ = ["EVERYONE", "UNION", "AttackerModel", "InconsistentModel"]


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


@dataclass(frozen=True)
class _Own:
    """What one insider knows about one component: bounds on some of its variables."""

    index: np.ndarray  # local variable indices
    lower: np.ndarray
    upper: np.ndarray
    alone: bool  # alone in an atom here: it knows that atom exactly


Constraint = tuple[dict[int, float], float, CellRef | None]  # terms, value, the published cell (None: an atom's size)


@dataclass
class _Component:
    variables: list[int]  # global variable ids
    local: dict[int, int]  # global -> local
    constraints: list[Constraint]
    matrix: csr_array
    rhs: np.ndarray
    row_refs: list[CellRef | None]
    integer: bool
    lower: np.ndarray
    upper: np.ndarray
    truth: np.ndarray
    own: dict[int, _Own] = field(default_factory=dict)  # insider -> what it knows here
    union_lower: np.ndarray | None = None
    union_upper: np.ndarray | None = None
    everyone_upper: np.ndarray | None = None
    optima: dict[tuple[tuple[int, float], ...], tuple[_Optimum, _Optimum]] = field(default_factory=dict)
    _solvers: dict[str, ComponentLp | ClosestPoint] = field(default_factory=dict)

    def solver(self, *, relaxed: bool = False) -> ComponentLp:
        """The hot-started LP of this component (relaxed: integer variables made continuous, for
        dual values)."""
        key = "relaxed" if relaxed and self.integer else "plain"
        if key not in self._solvers:
            self._solvers[key] = ComponentLp(
                self.matrix, self.rhs, self.lower, self.upper, integer=self.integer and not relaxed
            )
        return self._solvers[key]  # type: ignore[return-value]

    def closest(self) -> ClosestPoint:
        if "closest" not in self._solvers:
            self._solvers["closest"] = ClosestPoint(
                self.matrix, self.rhs, self.lower, self.upper, self.truth, integer=self.integer
            )
        return self._solvers["closest"]  # type: ignore[return-value]


class AttackerModel:
    """Built once for a set of cells (published and suppressed) and microdata; `without` gives the
    model with more cells suppressed, rebuilding only the components those cells were in."""

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
        self._bounds_at: dict[int, list[tuple[int, Bound]]] = defaultdict(list)  # variable -> (insider, bound)
        self._atom_sizes: list[Constraint] = []
        self.scale = 1.0
        self._build_magnitude([c for c in cells if c.kind == Kind.MAGNITUDE])
        self._build_frequency([c for c in cells if c.kind == Kind.FREQUENCY])
        constraints = [*self._atom_sizes, *(self._equation(ref) for ref in sorted(self.published))]
        self._root = list(range(len(self._kind)))
        self._components: dict[int, _Component] = {}
        self._split(list(range(len(self._kind))), constraints)

    def without(self, refs: Iterable[CellRef]) -> AttackerModel:
        """This model with `refs` suppressed as well. Suppressing only removes equations, so the
        components those equations were not in, and the optima solved in them, stay as they are."""
        removed = set(refs) & self.published
        model = copy.copy(self)
        model.published = self.published - removed
        model.lp_count = 0
        model._root = list(self._root)
        model._components = dict(self._components)
        affected = {self._root[v] for ref in removed for v in self._cell_terms[ref]}
        variables = [v for root in affected for v in self._components[root].variables]
        constraints = [row for root in affected for row in self._components[root].constraints if row[2] not in removed]
        for root in affected:
            del model._components[root]
        model._split(variables, constraints)
        return model

    # --- building -------------------------------------------------------------------------
    def _new_var(self, kind: Kind, lower: float, upper: float, truth: float) -> int:
        self._kind.append(kind)
        self._lower.append(lower)
        self._upper.append(upper)
        self._truth.append(truth)
        return len(self._kind) - 1

    def _equation(self, ref: CellRef) -> Constraint:
        cell = self.cells[ref]
        value = float(cell.value) / (self.scale if cell.kind == Kind.MAGNITUDE else 1.0)
        return self._cell_terms[ref], value, ref

    def _build_magnitude(self, cells: list[Cell]) -> None:
        membership: dict[Item, list[int]] = defaultdict(list)
        for index, cell in enumerate(cells):
            for item in sorted(cell.items):  # sorted: the same model (and vertex) in every process
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
                self._bounds_at[var].append((org, Bound(var, own, own if alone else INF, alone)))

    def _build_frequency(self, cells: list[Cell]) -> None:
        membership: dict[Item, list[tuple[str, str]]] = defaultdict(list)
        options: dict[tuple[int, str], set[str]] = defaultdict(set)
        for cell in cells:
            for unit in sorted(cell.items):
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
            self._atom_sizes.append(({v: 1.0 for v in variables.values()}, float(size), None))
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
                    self._bounds_at[var].append((unit[1], bound))
        for cell in cells:
            self._cell_terms[cell.ref] = {variables[cell.option]: 1.0 for variables in by_row[(cell.table, cell.row)]}

    def _split(self, variables: list[int], constraints: list[Constraint]) -> None:
        """Group `variables` into independent components under `constraints` (which mention only
        these variables) and build each component."""
        parent = {v: v for v in variables}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for terms, _value, _ref in constraints:
            ids = list(terms)
            for other in ids[1:]:
                ra, rb = find(ids[0]), find(other)
                if ra != rb:
                    parent[ra] = rb
        members: dict[int, list[int]] = defaultdict(list)
        for var in variables:
            root = find(var)
            self._root[var] = root
            members[root].append(var)
        rows_of: dict[int, list[Constraint]] = defaultdict(list)
        for constraint in constraints:
            if constraint[0]:
                rows_of[self._root[next(iter(constraint[0]))]].append(constraint)
        for root, group in members.items():
            self._components[root] = self._component(sorted(group), rows_of.get(root, []))

    def _component(self, variables: list[int], rows: list[Constraint]) -> _Component:
        local = {v: i for i, v in enumerate(variables)}
        data, indices, pointers = [], [], [0]
        for terms, _, _ in rows:
            for var, coef in terms.items():
                indices.append(local[var])
                data.append(coef)
            pointers.append(len(indices))
        component = _Component(
            variables=variables,
            local=local,
            constraints=rows,
            matrix=csr_array((data, indices, pointers), shape=(len(rows), len(variables))),
            rhs=np.array([value for _, value, _ in rows], dtype=float),
            row_refs=[ref for _, _, ref in rows],
            integer=self._kind[variables[0]] == Kind.FREQUENCY,
            lower=np.array([self._lower[v] for v in variables], dtype=float),
            upper=np.array([self._upper[v] for v in variables], dtype=float),
            truth=np.array([self._truth[v] for v in variables], dtype=float),
        )
        known: dict[int, list[Bound]] = defaultdict(list)
        for var in variables:
            for org, bound in self._bounds_at.get(var, ()):
                known[org].append(bound)
        for org, group in known.items():
            component.own[org] = _Own(
                np.array([local[b.variable] for b in group], dtype=int),
                np.array([b.lower for b in group]),
                np.array([b.upper for b in group]),
                any(b.alone for b in group),
            )
        if known:
            # Bounds that hold for every insider at once except the upper bounds of organisations
            # alone in their atom: stronger than what any single insider who is not alone knows,
            # so an interval that is wide enough under them is wide enough for each such insider.
            # Adding the lone insiders' upper bounds gives what all of them know together: every
            # insider's feasible set contains it (the truth satisfies it), so an interval wide
            # enough under it is wide enough for each insider.
            union_lower, union_upper = component.lower.copy(), component.upper.copy()
            everyone_upper = component.upper.copy()
            for group in known.values():
                for b in group:
                    i = local[b.variable]
                    union_lower[i] = max(union_lower[i], b.lower)
                    everyone_upper[i] = min(everyone_upper[i], b.upper)
                    if not b.alone:
                        union_upper[i] = min(union_upper[i], b.upper)
            component.union_lower, component.union_upper = union_lower, union_upper
            component.everyone_upper = np.minimum(everyone_upper, union_upper)
        return component

    # --- questions --------------------------------------------------------------------------
    def _roots(self, ref: CellRef) -> set[int]:
        return {self._root[v] for v in self._cell_terms[ref]}

    def linked(self, refs: Iterable[CellRef], others: Iterable[CellRef]) -> set[CellRef]:
        """The cells of `others` that share a component with a cell of `refs`: only through a
        shared component can the one's equations or unknowns change what is known of the other."""
        roots = {root for ref in refs for root in self._roots(ref)}
        return {ref for ref in others if not self._roots(ref).isdisjoint(roots)}

    def insiders_near(self, ref: CellRef) -> list[int]:
        """Organisations whose own numbers take part in the equations around this cell."""
        return sorted({org for root in self._roots(ref) for org in self._components[root].own})

    def knows_an_atom(self, org: int, ref: CellRef) -> bool:
        """Whether `org` is alone in an atom near this cell (then the union view does not cover it)."""
        return any(own.alone for root in self._roots(ref) if (own := self._components[root].own.get(org)) is not None)

    def interval(self, ref: CellRef, insider: int | None = None) -> tuple[float, float]:
        """The feasible interval of a cell (in the cell's unit) from an outsider's view, from the
        view of `insider`, who knows its own numbers, or (UNION, EVERYONE) of all insiders at once.
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
            lower, upper = self._bounds(component, insider) or (component.lower, component.upper)
            self.lp_count += 1
            try:
                solution = component.solver(relaxed=True).minimise(sign * objective, lower, upper)
            except InconsistentModel:
                continue
            if solution.duals is None:
                continue
            duals = solution.duals
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
        if insider in (UNION, EVERYONE):
            if component.union_lower is None or component.union_upper is None or component.everyone_upper is None:
                return None
            return component.union_lower, component.union_upper if insider == UNION else component.everyone_upper
        own = component.own.get(insider)
        if own is None:
            return None
        lower, upper = component.lower.copy(), component.upper.copy()
        lower[own.index] = np.maximum(lower[own.index], own.lower)
        upper[own.index] = np.minimum(upper[own.index], own.upper)
        return lower, upper

    def _respects(self, point: np.ndarray | None, component: _Component, insider: int) -> bool:
        """Whether an optimal point already satisfies what the viewer knows (then it stays optimal)."""
        if point is None:
            return False
        if insider in (UNION, EVERYONE):
            bounds = self._bounds(component, insider)
            assert bounds is not None
            return self._fits(point, *bounds)
        own = component.own.get(insider)
        if own is None:
            return True
        return self._fits(point[own.index], own.lower, own.upper)

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

    def _plain(
        self, component: _Component, c: np.ndarray, bounds: tuple[np.ndarray, np.ndarray] | None, upward: bool
    ) -> float:
        lower, upper = bounds if bounds is not None else (component.lower, component.upper)
        self.lp_count += 1
        solution = component.solver().minimise(-c if upward else c, lower, upper)
        return -solution.value if upward else solution.value

    def _optimum(self, component: _Component, c: np.ndarray, reach: float, *, upward: bool) -> _Optimum:
        """The outsider's optimum and an optimal point as close as possible (L1) to the truth."""
        value = self._plain(component, c, None, upward)
        target = float(c @ component.truth) + reach if math.isinf(value) else value
        tolerance = 1e-7 * max(1.0, abs(target))
        self.lp_count += 1
        return _Optimum(value, component.closest().point(c, target, tolerance, upward=upward))
