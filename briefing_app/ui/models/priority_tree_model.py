"""The four priority areas in the order of the address, each with its proposals, status and the states engaged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject

from briefing_app.domain.items import Item
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.item_tree_model import ItemTreeModel, TreeNode, source_references, status_label

UNASSIGNED_GROUP = "unassigned"
UNASSIGNED_LABEL = "Other proposals"


def priority_order(priority: Item) -> tuple[int, int]:
    order = priority.attrs.get("order")
    return (int(order) if isinstance(order, int | float | str) and str(order).isdigit() else 10_000, priority.position)


def build_priority_tree(priorities: Sequence[Item], proposals: Sequence[Item]) -> TreeNode:
    root = TreeNode("")
    nodes = [root.add(TreeNode(p.title, p)) for p in sorted(priorities, key=priority_order)]
    # The links are indexed once (a large pack holds hundreds of priorities and thousands of proposals): a
    # proposal goes under the first priority, in reading order, that includes it or that it is part of.
    number_of = {node.item.id: number for number, node in enumerate(nodes) if node.item is not None}
    included_by: dict[str, list[int]] = {}
    for number, node in enumerate(nodes):
        if node.item is not None:
            for target in node.item.links_by_rel("includes"):
                included_by.setdefault(target, []).append(number)
    unassigned: TreeNode | None = None
    for proposal in sorted(proposals, key=lambda i: i.position):
        homes = included_by.get(proposal.id, []) + [
            number_of[target] for target in proposal.links_by_rel("part_of") if target in number_of]
        home = nodes[min(homes)] if homes else None
        if home is None:
            if unassigned is None:
                unassigned = TreeNode(UNASSIGNED_LABEL, group_key=UNASSIGNED_GROUP)
            home = unassigned
        home.add(TreeNode(proposal.title, proposal))
    if unassigned is not None:
        root.add(unassigned)
    return root


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
