"""The tabs of the main window, in order: where each panel lives and which kinds of item it shows."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from briefing_app.domain.items import ItemKind
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.views.targets import TAB_KINDS, tab_of_kind


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    module: str
    cls: str
    description: str

    @property
    def kinds(self) -> tuple[ItemKind, ...]:
        return TAB_KINDS[self.key]

    def build(self, context: PanelContext) -> Panel:
        panel_class = getattr(importlib.import_module(self.module), self.cls)
        panel: Panel = panel_class(context)
        return panel


TABS: tuple[TabSpec, ...] = (
    TabSpec("overview", "&Overview", "briefing_app.ui.panels.overview", "OverviewPanel",
            "The summit at a glance: event, headline figures, priorities"),
    TabSpec("members", "&Members", "briefing_app.ui.panels.members", "MembersPanel",
            "Member states, observers and dialogue partners"),
    TabSpec("achievements", "&Achievements", "briefing_app.ui.panels.achievements", "AchievementsPanel",
            "Results of the chairmanship"),
    TabSpec("priorities", "&Priorities", "briefing_app.ui.panels.priorities", "PrioritiesPanel",
            "The priority areas and their proposals"),
    TabSpec("corridors", "&Corridors", "briefing_app.ui.panels.corridors", "CorridorsPanel",
            "Map of the transport corridors named in the address"),
    TabSpec("bookmarks", "&Bookmarks", "briefing_app.ui.panels.bookmarks", "BookmarksPanel",
            "Your starred items with notes and tags"),
    TabSpec("source", "&Source", "briefing_app.ui.panels.source", "SourcePanel",
            "The full address with numbered paragraphs"),
)

TAB_KEYS = tuple(tab.key for tab in TABS)


def tab_for_kind(kind: str) -> int:
    """The index of the tab that shows items of ``kind``."""
    return TAB_KEYS.index(tab_of_kind(kind))
