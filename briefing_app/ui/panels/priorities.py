"""The Priorities tab: its items listed beside their detail pane."""

from __future__ import annotations

from briefing_app.ui.panels.item_list_panel import ItemListPanel


class PrioritiesPanel(ItemListPanel):
    kinds = ("priority", "proposal",)
    list_kinds = ("priority", "proposal",)
