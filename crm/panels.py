"""Sections that apps above crm add to the organisation page, without crm importing them.

An app calls `register_panel` in its AppConfig.ready(); the organisation page renders each panel's
template with the context its function returns (or skips it when the function returns None).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    code: str
    template: str
    context: Callable  # (request, organisation) -> dict | None
    order: int = 100
    column: str = "side"  # "side" (left column) or "main"


_PANELS: dict[str, Panel] = {}


def register_panel(code: str, *, template: str, context: Callable, order: int = 100, column: str = "side") -> None:
    _PANELS[code] = Panel(code, template, context, order, column)


def panels_for(request, organisation) -> dict[str, list[dict]]:
    columns: dict[str, list[dict]] = {"side": [], "main": []}
    for panel in sorted(_PANELS.values(), key=lambda p: p.order):
        context = panel.context(request, organisation)
        if context is not None:
            columns[panel.column].append({"template": panel.template, "context": context})
    return columns
