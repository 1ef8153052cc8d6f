"""The Overview tab: its items listed beside their detail pane."""

from __future__ import annotations

from briefing_app.ui.panels.item_list_panel import ItemListPanel


class OverviewPanel(ItemListPanel):
    kinds = ("event", "figure", "concept",)
    list_kinds = ("event", "figure", "concept",)
