"""The chairmanship's results as a tree: category -> achievement -> the documents and projects it names.

Every achievement sits under its ``attrs.category``. A document or flagship project that an achievement names
(``includes`` from the achievement or ``part_of`` from the document) sits under that achievement; the other
documents of the summit sit directly under *Documents*, and projects no achievement names under *Flagship
projects*. Each item appears once, so opening it selects exactly one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from briefing_app.domain.items import Item
from briefing_app.ui.models.item_tree_model import ItemTreeModel, source_references, status_label
from briefing_app.views.trees import (
    CATEGORY_LABELS,
    PROJECTS_GROUP,
    PROJECTS_LABEL,
    GroupCount,
    TreeNode,
    build_achievement_tree,
    category_label,
    group_count,
)

if TYPE_CHECKING:
    from briefing_app.services.bookmarks import BookmarkService

__all__ = [
    "CATEGORY_LABELS", "PROJECTS_GROUP", "PROJECTS_LABEL", "AchievementTreeModel", "GroupCount",
    "build_achievement_tree", "category_label",
]



class AchievementTreeModel(ItemTreeModel):
    headers = ("Result", "Status", "Source")

    def __init__(
        self,
        achievements: Sequence[Item],
        documents: Sequence[Item],
        projects: Sequence[Item],
        bookmarks: BookmarkService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(build_achievement_tree(achievements, documents, projects), bookmarks, parent)

    def cell_text(self, node: TreeNode, column: int) -> str:
        item = node.item
        if item is None:
            return ""
        if column == 1:
            return status_label(item)
        if column == 2:
            return source_references(item)
        return ""

    def tooltip(self, node: TreeNode, column: int) -> str | None:
        if node.item is None:
            counts = self._count(node)
            return (f"{node.label}: {counts.achievements} achievements, {counts.documents} documents, "
                    f"{counts.projects} flagship projects")
        return super().tooltip(node, column)

    def _count(self, node: TreeNode) -> GroupCount:
        return group_count(node)

    def group_counts(self) -> list[GroupCount]:
        """The counts per group, in the order of the tree (what the chart draws)."""
        return [self._count(node) for node in self.groups()]
