"""The tabs of the main window, in order: where each panel lives and which kinds of item it shows."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from briefing_app.ui.panels.base import Panel, PanelContext


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    module: str
    cls: str
    kinds: tuple[str, ...]
    description: str

    def build(self, context: PanelContext) -> Panel:
        panel_class = getattr(importlib.import_module(self.module), self.cls)
        panel: Panel = panel_class(context)
        return panel


TABS: tuple[TabSpec, ...] = (
    TabSpec("overview", "&Overview", "briefing_app.ui.panels.overview", "OverviewPanel",
            ("event", "figure", "concept"), "The summit at a glance: event, headline figures, priorities"),
    TabSpec("members", "&Members", "briefing_app.ui.panels.members", "MembersPanel",
            ("member", "partner", "person", "organisation"), "Member states, observers and dialogue partners"),
    TabSpec("achievements", "&Achievements", "briefing_app.ui.panels.achievements", "AchievementsPanel",
            ("achievement", "document", "project"), "Results of Kazakhstan's chairmanship"),
    TabSpec("priorities", "&Priorities", "briefing_app.ui.panels.priorities", "PrioritiesPanel",
            ("priority", "proposal"), "The four priority areas and their proposals"),
    TabSpec("corridors", "&Corridors", "briefing_app.ui.panels.corridors", "CorridorsPanel",
            ("corridor", "node"), "Map of the transport corridors named in the address"),
    TabSpec("bookmarks", "&Bookmarks", "briefing_app.ui.panels.bookmarks", "BookmarksPanel",
            (), "Your starred items with notes and tags"),
    TabSpec("source", "&Source", "briefing_app.ui.panels.source", "SourcePanel",
            ("paragraph",), "The full address with numbered paragraphs"),
)

TAB_KEYS = tuple(tab.key for tab in TABS)


def tab_for_kind(kind: str) -> int:
    for index, tab in enumerate(TABS):
        if kind in tab.kinds:
            return index
    return 0
