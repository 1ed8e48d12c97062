"""Shipped definitions and answer builders for the scoring tests (plain Python)."""

from __future__ import annotations

from functools import cache
from typing import Any

from cim.questionnaires import model as m
from cim.questionnaires.loader import load_definition
from cim.questionnaires.services import SHIPPED_DIR
from cim.scoring.method import Method, method_of


def shipped_text(year: int) -> str:
    return (SHIPPED_DIR / f"monitor-{year}.yaml").read_text(encoding="utf-8")


@cache
def shipped(year: int) -> tuple[m.Definition, Method]:
    definition = load_definition(shipped_text(year)).definition
    method = method_of(definition)
    assert method is not None
    return definition, method


def grid(rows: dict[str, tuple[Any, Any]], **extra: Any) -> dict[str, dict[str, Any]]:
    """category_spend values: {row: (total, circular)} plus the same extra cells in every row."""
    from decimal import Decimal

    return {key: {"total": Decimal(t), "circular": Decimal(c), **extra} for key, (t, c) in rows.items()}
