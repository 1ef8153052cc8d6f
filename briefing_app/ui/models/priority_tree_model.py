"""The priority areas in the order of the address (three it numbers, then reform, its particular focus, which the
briefing lists as a fourth area: see ``views.summit.priorities_heading_for``), each with its proposals, status and the
states engaged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject

from briefing_app.domain.items import Item
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.item_tree_model import ItemTreeModel, source_references, status_label
from briefing_app.views.trees import UNASSIGNED_GROUP, UNASSIGNED_LABEL, TreeNode, build_priority_tree

__all__ = ["UNASSIGNED_GROUP", "UNASSIGNED_LABEL", "PriorityTreeModel", "build_priority_tree"]



class PriorityTreeModel(ItemTreeModel):
    """``state_names`` maps the ids of states (members, partners) to their names for the *States engaged* column."""

    headers = ("Priority and proposals", "Status", "States engaged", "Source")

    def __init__(
        self,
        priorities: Sequence[Item],
        proposals: Sequence[Item],
        state_names: Mapping[str, str],
        bookmarks: BookmarkService | None = None,
        parent: QObject | None = None,
    ) -> None:
        self._state_names = dict(state_names)
        super().__init__(build_priority_tree(priorities, proposals), bookmarks, parent)

    def engaged_states(self, item: Item) -> list[str]:
        return [self._state_names.get(target, target) for target in item.links_by_rel("engaged")]

    def cell_text(self, node: TreeNode, column: int) -> str:
        item = node.item
        if item is None:
            return ""
        is_priority = item.kind.value == "priority"
        if column == 1:
            if is_priority:
                count = len(node.children)
                return f"{count} proposal" if count == 1 else f"{count} proposals"
            return status_label(item)
        if column == 2:
            return ", ".join(self.engaged_states(item))
        if column == 3:
            return source_references(item)
        return ""

    def is_heading(self, node: TreeNode) -> bool:
        return node.item is None or node.item.kind.value == "priority"

    def tooltip(self, node: TreeNode, column: int) -> str | None:
        item = node.item
        if item is not None and column == 2 and item.links_by_rel("engaged"):
            return "States already engaged: " + ", ".join(self.engaged_states(item))
        return super().tooltip(node, column)
