"""The chairmanship's results as a tree: category -> achievement -> the documents and projects it names.

Every achievement sits under its ``attrs.category``. A document or flagship project that an achievement names
(``includes`` from the achievement or ``part_of`` from the document) sits under that achievement; the other
documents of the summit sit directly under *Documents*, and projects no achievement names under *Flagship
projects*. Each item appears once, so opening it selects exactly one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from briefing_app.domain.items import Item, ItemKind
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.item_tree_model import ItemTreeModel, TreeNode, source_references, status_label

#: the categories in the order the address reports them, with the labels a reader sees
CATEGORY_LABELS: dict[str, str] = {
    "events": "Events",
    "documents": "Documents",
    "partnerships": "Partnerships",
    "economy_finance": "Economy and finance",
    "culture_humanitarian": "Culture and humanitarian ties",
}
PROJECTS_GROUP = "projects"
PROJECTS_LABEL = "Flagship projects"


def category_label(key: str) -> str:
    return CATEGORY_LABELS.get(key) or (PROJECTS_LABEL if key == PROJECTS_GROUP else key.replace("_", " ").capitalize())


@dataclass(frozen=True, slots=True)
class GroupCount:
    """How many results a group holds: achievements, and the documents or projects filed with them."""

    key: str
    label: str
    achievements: int
    documents: int
    projects: int

    @property
    def total(self) -> int:
        return self.achievements + self.documents + self.projects


def _namers(achievements: Sequence[Item]) -> dict[str, list[int]]:
    """For each item an achievement names by ``includes``, the positions (in ``achievements``) naming it."""
    named: dict[str, list[int]] = {}
    for number, achievement in enumerate(achievements):
        for target in achievement.links_by_rel("includes"):
            named.setdefault(target, []).append(number)
    return named


def build_achievement_tree(
    achievements: Sequence[Item], documents: Sequence[Item], projects: Sequence[Item]
) -> TreeNode:
    root = TreeNode("")
    groups: dict[str, TreeNode] = {}

    def group(key: str) -> TreeNode:
        if key not in groups:
            groups[key] = TreeNode(category_label(key), group_key=key)
        return groups[key]

    for key in CATEGORY_LABELS:
        group(key)
    placed: set[str] = set()
    under: dict[str, TreeNode] = {}
    for achievement in sorted(achievements, key=lambda i: i.position):
        key = str(achievement.attrs.get("category") or "partnerships")
        under[achievement.id] = group(key).add(TreeNode(achievement.title, achievement))
    # The links are indexed once (a large pack holds thousands of achievements and documents); a child goes
    # under the first achievement, in the order given, that names it or that it is part of.
    named = _namers(achievements)
    number_of = {achievement.id: number for number, achievement in enumerate(achievements)}
    for child in [*sorted(documents, key=lambda i: i.position), *sorted(projects, key=lambda i: i.position)]:
        if child.id in placed:
            continue
        namers = named.get(child.id, []) + [number_of[t] for t in child.links_by_rel("part_of") if t in number_of]
        if namers:
            under[achievements[min(namers)].id].add(TreeNode(child.title, child))
            placed.add(child.id)
    for document in sorted(documents, key=lambda i: i.position):
        if document.id not in placed:
            group("documents").add(TreeNode(document.title, document))
    for project in sorted(projects, key=lambda i: i.position):
        if project.id not in placed:
            group(PROJECTS_GROUP).add(TreeNode(project.title, project))
    for node in groups.values():
        if node.children:
            root.add(node)
    return root


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
        items = node.items_below()
        return GroupCount(
            node.group_key,
            node.label,
            sum(1 for i in items if i.kind is ItemKind.ACHIEVEMENT),
            sum(1 for i in items if i.kind is ItemKind.DOCUMENT),
            sum(1 for i in items if i.kind is ItemKind.PROJECT),
        )

    def group_counts(self) -> list[GroupCount]:
        """The counts per group, in the order of the tree (what the chart draws)."""
        return [self._count(node) for node in self.groups()]
