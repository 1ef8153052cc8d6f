"""The Corridors tab: its items listed beside their detail pane."""

from __future__ import annotations

from briefing_app.ui.panels.item_list_panel import ItemListPanel


class CorridorsPanel(ItemListPanel):
    kinds = ("corridor", "node",)
    list_kinds = ("corridor", "node",)
