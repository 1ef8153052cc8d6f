"""The Priorities tab: the priority areas in the order of the address, under a heading that says which of them the
address numbers and which are the briefing's reading, each with its proposals, their status and the states engaged,
beside the detail pane of the selected row."""

from __future__ import annotations

from PySide6.QtWidgets import QStyledItemDelegate, QWidget

from briefing_app.domain.items import ItemKind
from briefing_app.reports.formatting import esc
from briefing_app.ui.models.item_tree_model import ItemTreeModel
from briefing_app.ui.models.priority_tree_model import PriorityTreeModel
from briefing_app.ui.panels.base import PanelContext
from briefing_app.ui.panels.item_tree_panel import ItemTreePanel
from briefing_app.ui.widgets.capped_label import CappedLabel
from briefing_app.ui.widgets.status_badge import StatusBadgeDelegate
from briefing_app.views.summit import priorities_heading_for
from briefing_app.views.targets import TAB_KINDS

STATUS_COLUMN = 1
STATES_COLUMN = 2
SOURCE_COLUMN = 3
#: the heading's lines (its title and the start of its note) shown before "Show all"
HEADING_LINES = 6


class PrioritiesPanel(ItemTreePanel):
    kinds = TAB_KINDS["priorities"]
    filter_placeholder = "Filter priorities and proposals…"
    tree_name = "Priorities and proposals"
    tree_description = (
        "The priority areas in the order of the address (the note above says which are the briefing's reading); "
        "under each, its proposals with status, the states engaged and the paragraphs they rest on"
    )
    fixed_columns = {STATES_COLUMN: 130, SOURCE_COLUMN: 72}

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        heading = priorities_heading_for(self.priorities)
        # Above the filter: what the areas are, and which of them the address does not number.
        # A note that names every area the briefing adds (forty lines at a library of a hundred summits) is cut
        # after a few lines, with a "Show all" button: the tree keeps most of the tab.
        title = f"<b>{esc(heading.title)}</b>"
        self.heading = CappedLabel(
            heading.note, lambda note: title + (f"<br/><i>{esc(note)}</i>" if note else ""), max_lines=HEADING_LINES
        )
        self.heading.setAccessibleName(heading.title)
        self.heading.setAccessibleDescription(heading.note)
        self.left_layout.insertWidget(0, self.heading)
        self.select_first_item()

    def column_delegates(self) -> dict[int, QStyledItemDelegate]:
        self.status_delegate = StatusBadgeDelegate(self.tree)
        return {STATUS_COLUMN: self.status_delegate}

    def make_model(self) -> ItemTreeModel:
        briefing = self.context.services.briefing
        states = briefing.titles(ItemKind.MEMBER, ItemKind.PARTNER)
        #: the priority areas, in the tree and in the heading above it: read once
        self.priorities = briefing.items(ItemKind.PRIORITY)
        return PriorityTreeModel(
            self.priorities, briefing.items(ItemKind.PROPOSAL), states,
            self.context.services.bookmarks, self,
        )
