"""The headline figures of the briefing as cards: the figure as stated ("over 3 billion people"), what it
measures, and where it comes from. Figures stated in the address come first, in pack order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import Item
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, ITEM_ROLE, KIND_ROLE, SORT_ROLE
from briefing_app.ui.models.starred import StarredRows
from briefing_app.views.attributes import figure_attrs

if TYPE_CHECKING:
    from briefing_app.services.bookmarks import BookmarkService  # the first paint runs without the ORM

Index = QModelIndex | QPersistentModelIndex
#: what the figure measures (the line under the big value; the title when the pack does not say)
CAPTION_ROLE = Qt.ItemDataRole.UserRole + 40
#: a short reference to its source: "¶7" or the first external citation, shortened
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 41


def headline_order(figures: Sequence[Item]) -> list[Item]:
    """Figures the address itself states first (pack order), then the others (pack order)."""
    stated = [f for f in figures if f.paragraphs]
    return stated + [f for f in figures if not f.paragraphs]


def source_reference(item: Item, limit: int = 48) -> str:
    if item.paragraphs:
        return "Address " + ", ".join(f"¶{n}" for n in item.paragraphs)
    for source in item.sources:
        if source.citation:
            text = source.citation
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def figure_value(item: Item) -> str:
    """The figure as the briefing states it, e.g. 'over 3 billion people'."""
    return figure_attrs(item).stated()


class FigureCardModel(QAbstractListModel, StarredRows):
    """Every figure of the briefing as a card row.

    Given only the head of the list (``figures``, already in headline order) with the ``total`` count and a
    ``load_all`` callable, it answers for every row at once but reads the remaining figures only when a row
    beyond the head is first asked for (the Overview paints eight cards; a large pack holds thousands).
    """

    def __init__(
        self,
        figures: Sequence[Item],
        parent: QObject | None = None,
        bookmarks: BookmarkService | None = None,
        *,
        total: int | None = None,
        load_all: Callable[[], Sequence[Item]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_all = load_all
        self._total = len(figures) if total is None or load_all is None else max(total, len(figures))
        self._bookmarks = bookmarks
        self._set_figures(figures if load_all is not None else headline_order(figures))
        if self._load_all is not None and len(self._figures) >= self._total:
            self._load_all = None  # the head is the whole list

    def _set_figures(self, figures: Sequence[Item]) -> None:
        self._figures = list(figures)
        self._rows = {item.id: row for row, item in enumerate(self._figures)}
        #: how many lead the list because the address states them (of those read so far)
        self.stated_count = sum(1 for f in self._figures if f.paragraphs)

    def is_complete(self) -> bool:
        """Whether every figure has been read (rows beyond the head are read on first need)."""
        return self._load_all is None

    def load_all(self) -> None:
        """Read the figures beyond the head now (no row changes: the count was right from the start)."""
        if self._load_all is None:
            return
        load, self._load_all = self._load_all, None
        # The content database is read-only while the app runs, so the head read first leads this list and
        # the count holds; a row past the end (were it not so) reads as empty rather than changing the count.
        self._set_figures(headline_order(load()))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        if index.row() >= len(self._figures):
            self.load_all()
            if index.row() >= len(self._figures):
                return None
        item = self._figures[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_value(item)
        if role == CAPTION_ROLE:
            return figure_attrs(item).measures or item.title
        if role == SOURCE_ROLE:
            return source_reference(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            measures = figure_attrs(item).measures
            lines = [item.title, measures] if measures else [item.title]
            lines += [f"Source: {s.reference()}" for s in item.sources if s.reference()]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{figure_value(item)}: {item.title}. Source: {source_reference(item)}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return "Press Enter to open the figure with its sources"
        if role == ITEM_ID_ROLE:
            return item.id
        if role == BOOKMARKED_ROLE:
            return self._starred(item.id)
        if role == KIND_ROLE:
            return item.kind.value
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return index.row()
        return None

    def _star_row(self, item_id: str) -> int:
        # Only figures read so far: a figure beyond the head reads its star when it is first painted.
        return self._rows.get(item_id, -1)

    def bookmark_changed(self, _action: str = "", item_id: str = "") -> None:
        """Repaint the bookmark star of one row, or of all rows (slot for ``BookmarkSignals.changed``)."""
        self._repaint_stars(item_id)

    def row_of(self, item_id: str) -> int:
        if item_id not in self._rows:
            self.load_all()
        return self._rows.get(item_id, -1)
