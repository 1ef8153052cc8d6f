"""The Bookmarks tab: the user's starred items."""

from __future__ import annotations

from briefing_app.ui.panels.item_list_panel import ItemListPanel


class BookmarksPanel(ItemListPanel):
    """Lists the bookmarked items that are in the current briefing."""

    kinds = ()

    def __init__(self, context, parent=None):  # type: ignore[no-untyped-def]
        self.list_kinds = ()
        super().__init__(context, parent)
