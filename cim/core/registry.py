"""Extension points through which rooms contribute to shared pages without importing each other.

Each app registers, in its AppConfig.ready(): navigation items, dashboard panels and demo seeders.
Core renders them; it never imports an app above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Any  # a lazy translation
    url_name: str
    visible: Callable[[HttpRequest], bool]
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """One block on the dashboard: a template and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelProvider = Callable[["HttpRequest"], Iterable[Panel]]

_nav: dict[str, NavItem] = {}
_panel_providers: list[PanelProvider] = []
_demo_seeders: list[tuple[int, str]] = []


def register_nav(item: NavItem) -> None:
    _nav[item.key] = item


def nav_items(request: HttpRequest) -> list[NavItem]:
    return sorted((i for i in _nav.values() if i.visible(request)), key=lambda i: i.order)


def register_dashboard(provider: PanelProvider) -> None:
    if provider not in _panel_providers:
        _panel_providers.append(provider)


def dashboard_panels(request: HttpRequest) -> list[Panel]:
    panels = [panel for provider in _panel_providers for panel in provider(request)]
    return sorted(panels, key=lambda p: p.order)


def register_demo(dotted_path: str, order: int) -> None:
    """A demo seeder is `seed(ctx) -> None`; it must be idempotent (see core/demo.py)."""
    if (order, dotted_path) not in _demo_seeders:
        _demo_seeders.append((order, dotted_path))


def demo_seeders() -> list[Callable[..., None]]:
    return [import_string(path) for _, path in sorted(_demo_seeders)]
