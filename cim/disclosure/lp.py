"""The linear programs of one attacker-model component, solved with HiGHS and hot-started.

A component's equations never change while it exists; only the objective (which cell) and the
variable bounds (which viewer) do. One HiGHS instance per component keeps its last basis, so each
further solve starts from an optimal vertex of a neighbouring problem: about ten times faster than
solving from scratch (docs/performance.md). Every solve is still exact; the basis is only where
the simplex starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np
from scipy.sparse import csc_array, csr_array

INF = math.inf
_Status = highspy.HighsModelStatus


class InconsistentModel(Exception):
    """The published figures contradict the microdata (a corrected value after publication)."""


@dataclass(frozen=True)
class Solution:
    value: float  # the optimum of c.x (minimised); -INF when unbounded below
    x: np.ndarray | None
    duals: np.ndarray | None  # one per equation, None for integer problems


def _highs(matrix: csr_array, rhs: np.ndarray, lower: np.ndarray, upper: np.ndarray, integer: np.ndarray | None):
    """A silent HiGHS instance holding A.x = rhs within the bounds (costs zero)."""
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    # Presolve would rebuild the problem on every solve and hide the basis; the problems are small.
    solver.setOptionValue("presolve", "on" if integer is not None else "off")
    solver.setOptionValue("threads", 1)
    lp = highspy.HighsLp()
    rows, cols = matrix.shape
    columns = csc_array(matrix)
    lp.num_col_, lp.num_row_ = cols, rows
    lp.col_cost_ = np.zeros(cols)
    lp.col_lower_ = lower
    lp.col_upper_ = np.minimum(upper, highspy.kHighsInf)
    lp.row_lower_ = rhs
    lp.row_upper_ = rhs
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = cols, rows
    lp.a_matrix_.start_ = columns.indptr
    lp.a_matrix_.index_ = columns.indices
    lp.a_matrix_.value_ = columns.data
    if integer is not None:
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous for flag in integer
        ]
    solver.passModel(lp)
    return solver


class ComponentLp:
    """min c.x subject to the component's equations and the given bounds, hot-started."""

    def __init__(self, matrix: csr_array, rhs: np.ndarray, lower: np.ndarray, upper: np.ndarray, *, integer: bool):
        self.size = matrix.shape[1]
        self.integer = integer
        self._columns = np.arange(self.size, dtype=np.int32)
        self._solver = _highs(matrix, rhs, lower, upper, np.ones(self.size, dtype=bool) if integer else None)

    def minimise(self, c: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> Solution:
        solver = self._solver
        solver.changeColsCost(self.size, self._columns, np.asarray(c, dtype=float))
        solver.changeColsBounds(self.size, self._columns, lower, np.minimum(upper, highspy.kHighsInf))
        solver.run()
        status = solver.getModelStatus()
        if status == _Status.kUnboundedOrInfeasible:  # tell the two apart without presolve
            solver.setOptionValue("presolve", "off")
            solver.run()
            status = solver.getModelStatus()
            solver.setOptionValue("presolve", "on" if self.integer else "off")
        if status == _Status.kUnbounded:
            return Solution(-INF, None, None)
        if status != _Status.kOptimal:
            raise InconsistentModel(solver.modelStatusToString(status))
        solution = solver.getSolution()
        x = np.array(solution.col_value)
        duals = None if self.integer else np.array(solution.row_dual)
        return Solution(float(np.asarray(c, dtype=float) @ x), x, duals)


class ClosestPoint:
    """Among the points where c.x stays within `tolerance` of its optimum, the one closest (L1) to
    the truth: variables [x, p, q] with x - p + q = truth, minimise sum(p + q). The objective row
    is the last row and is replaced for every question."""

    def __init__(
        self,
        matrix: csr_array,
        rhs: np.ndarray,
        lower: np.ndarray,
        upper: np.ndarray,
        truth: np.ndarray,
        *,
        integer: bool,
    ):
        from scipy.sparse import hstack, identity, vstack

        n = matrix.shape[1]
        self.size = n
        eye = identity(n, format="csr")
        link = hstack([eye, -eye, eye], format="csr")
        full = vstack([hstack([matrix, csr_array((matrix.shape[0], 2 * n))]), link], format="csr")
        self._solver = _highs(
            full,
            np.concatenate([rhs, truth]),
            np.concatenate([lower, np.zeros(2 * n)]),
            np.concatenate([upper, np.full(2 * n, INF)]),
            np.concatenate([np.ones(n, dtype=bool), np.zeros(2 * n, dtype=bool)]) if integer else None,
        )
        self._solver.changeColsCost(2 * n, np.arange(n, 3 * n, dtype=np.int32), np.ones(2 * n))
        self._limit_row: int | None = None
        self._rows = full.shape[0]

    def point(self, c: np.ndarray, target: float, tolerance: float, *, upward: bool) -> np.ndarray | None:
        solver = self._solver
        if self._limit_row is not None:
            solver.deleteRows(1, np.array([self._limit_row], dtype=np.int32))
        indices = np.flatnonzero(c).astype(np.int32)
        lower, upper = (target - tolerance, highspy.kHighsInf) if upward else (-highspy.kHighsInf, target + tolerance)
        solver.addRow(lower, upper, len(indices), indices, np.asarray(c, dtype=float)[indices])
        self._limit_row = self._rows
        solver.run()
        if solver.getModelStatus() != _Status.kOptimal:
            return None
        return np.array(solver.getSolution().col_value)[: self.size]
