"""The priority and achievement trees every reader shares: the Priorities and Achievements tabs draw them, and
their groups name the printed sections' headings.

Priorities: each priority in the order of the address with the proposals it includes (or that are part of it);
proposals no priority claims go under *Other proposals*. Achievements: category -> achievement -> the documents and
projects it names; documents and projects no achievement names sit under *Documents* and *Flagship projects*.
Each item appears once, so opening it selects exactly one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.summit import ordered_priorities

UNASSIGNED_GROUP = "unassigned"
UNASSIGNED_LABEL = "Other proposals"


@dataclass(eq=False)
class TreeNode:
    """One row: a group (``item`` is None) or an item; children in reading order."""

    label: str
    item: Item | None = None
    group_key: str = ""
    parent: TreeNode | None = None
    children: list[TreeNode] = field(default_factory=list)
    row: int = 0

    def add(self, child: TreeNode) -> TreeNode:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child

    def walk(self) -> list[TreeNode]:
        out: list[TreeNode] = []
        for child in self.children:
            out.append(child)
            out.extend(child.walk())
        return out

    def items_below(self) -> list[Item]:
        return [node.item for node in self.walk() if node.item is not None]


def build_priority_tree(priorities: Sequence[Item], proposals: Sequence[Item]) -> TreeNode:
    root = TreeNode("")
    nodes = [root.add(TreeNode(p.title, p)) for p in ordered_priorities(priorities)]
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


def group_count(node: TreeNode) -> GroupCount:
    """How many achievements, documents and projects a group of the achievement tree holds."""
    items = node.items_below()
    return GroupCount(
        node.group_key,
        node.label,
        sum(1 for i in items if i.kind is ItemKind.ACHIEVEMENT),
        sum(1 for i in items if i.kind is ItemKind.DOCUMENT),
        sum(1 for i in items if i.kind is ItemKind.PROJECT),
    )
