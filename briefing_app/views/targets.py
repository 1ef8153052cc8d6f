"""Where a link or a history step goes: one :class:`Target` type, parsed and written in one place.

Three places exist: an item (``item:ID`` in a link, the bare id in the history), a whole tab (``tab:KEY``) and the
sources of an item on the Source tab (``source-for:ID``). A paragraph is an item (``paragraph:N``); its link is
``source:N``. Which tab shows which kinds of item is declared here once (:data:`TAB_KINDS`), for the tabs and the
panels alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from briefing_app.domain.items import ItemKind

#: each tab's key and the kinds of item it shows, in the order of the tabs
TAB_KINDS: dict[str, tuple[ItemKind, ...]] = {
    "overview": (ItemKind.EVENT, ItemKind.FIGURE, ItemKind.CONCEPT),
    "members": (ItemKind.MEMBER, ItemKind.PARTNER, ItemKind.PERSON, ItemKind.ORGANISATION),
    "achievements": (ItemKind.ACHIEVEMENT, ItemKind.DOCUMENT, ItemKind.PROJECT),
    "priorities": (ItemKind.PRIORITY, ItemKind.PROPOSAL),
    "corridors": (ItemKind.CORRIDOR, ItemKind.NODE),
    "bookmarks": (),
    "source": (ItemKind.PARAGRAPH,),
}
DEFAULT_TAB = "overview"
_ITEM_ID = re.compile(r"^[a-z]+:[A-Za-z0-9][A-Za-z0-9._-]*$")
_KINDS = frozenset(kind.value for kind in ItemKind)


def _is_item_id(text: str) -> bool:
    return bool(_ITEM_ID.match(text)) and text.partition(":")[0] in _KINDS


def tab_of_kind(kind: str) -> str:
    """The key of the tab that shows items of ``kind`` (the overview for a kind no tab claims)."""
    for key, kinds in TAB_KINDS.items():
        if kind in kinds:
            return key
    return DEFAULT_TAB


class TargetKind(StrEnum):
    ITEM = "item"
    TAB = "tab"
    SOURCES_OF = "source-for"


class TargetError(ValueError):
    """A link or command-line argument that names no place in the app."""


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    value: str  # the item id or the tab key

    @classmethod
    def item(cls, item_id: str) -> Target:
        return cls(TargetKind.ITEM, item_id)

    @classmethod
    def paragraph(cls, number: int) -> Target:
        return cls(TargetKind.ITEM, f"paragraph:{number}")

    @classmethod
    def tab(cls, key: str) -> Target:
        if key not in TAB_KINDS:
            raise TargetError(f"no tab {key!r}; tabs: {', '.join(TAB_KINDS)}")
        return cls(TargetKind.TAB, key)

    @classmethod
    def sources_of(cls, item_id: str) -> Target:
        return cls(TargetKind.SOURCES_OF, item_id)

    @classmethod
    def parse(cls, text: str | Target) -> Target:
        """A link (``item:ID``, ``source:N``, ``tab:KEY``, ``source-for:ID``) or a bare item id, as a target."""
        if isinstance(text, Target):
            return text
        scheme, _, rest = text.partition(":")
        if scheme == "tab":
            return cls.tab(rest)
        if scheme == TargetKind.SOURCES_OF and _is_item_id(rest):
            return cls.sources_of(rest)
        if scheme == "item" and _is_item_id(rest):
            return cls.item(rest)
        if scheme == "source" and rest.isdigit():
            return cls.paragraph(int(rest))
        if _is_item_id(text):
            return cls.item(text)
        raise TargetError(f"{text!r} is not a link to an item, a tab or the sources of an item")

    def href(self) -> str:
        """The link form, as written in rich text."""
        if self.kind is TargetKind.ITEM:
            kind, _, rest = self.value.partition(":")
            if kind == ItemKind.PARAGRAPH and rest.isdigit():
                return f"source:{rest}"
            return f"item:{self.value}"
        return f"{self.kind.value}:{self.value}"

    @property
    def tab_key(self) -> str:
        """The tab that shows this target."""
        if self.kind is TargetKind.TAB:
            return self.value
        if self.kind is TargetKind.SOURCES_OF:
            return "source"
        return tab_of_kind(self.value.partition(":")[0])

    def __str__(self) -> str:
        """The history form: the bare id of an item, the link form of anything else."""
        return self.value if self.kind is TargetKind.ITEM else self.href()
