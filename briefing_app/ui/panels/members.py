"""The Members tab: its items listed beside their detail pane."""

from __future__ import annotations

from briefing_app.ui.panels.item_list_panel import ItemListPanel


class MembersPanel(ItemListPanel):
    kinds = ("member", "partner", "person", "organisation",)
    list_kinds = ("member", "partner", "person", "organisation",)
