"""The Achievements tab: its items listed beside their detail pane."""

from __future__ import annotations

from briefing_app.ui.panels.item_list_panel import ItemListPanel


class AchievementsPanel(ItemListPanel):
    kinds = ("achievement", "document", "project",)
    list_kinds = ("achievement", "document", "project",)
