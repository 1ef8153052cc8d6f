"""The numbered paragraphs of the address, with the sources of one item highlighted on demand.

``highlight_sources(item)`` marks the paragraphs the item rests on and, inside them, the exact words it quotes;
``clear_highlight()`` takes the marks away. Both repaint through ``dataChanged``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import Item
from briefing_app.reports.formatting import esc
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, KIND_ROLE
from briefing_app.ui.models.starred import StarredRows
from briefing_app.views.attributes import paragraph_facts

if TYPE_CHECKING:  # the first paint runs without the ORM
    from briefing_app.services.bookmarks import BookmarkService

Index = QModelIndex | QPersistentModelIndex

PARAGRAPH_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 40
HEADING_ROLE = Qt.ItemDataRole.UserRole + 41
HIGHLIGHTED_ROLE = Qt.ItemDataRole.UserRole + 42
#: the paragraph's text as escaped rich text, with ``<span class="quote">`` around the highlighted quotes
PARAGRAPH_HTML_ROLE = Qt.ItemDataRole.UserRole + 43
CITATION_COUNT_ROLE = Qt.ItemDataRole.UserRole + 44

# Quotes in the pack and the address may differ in typographic quotes and apostrophes and in spacing.
_EQUIVALENT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})


def _normalised(text: str) -> str:
    return text.translate(_EQUIVALENT)


def quote_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Where each quote occurs in ``text`` (first occurrence), merged and in order; quotes not found are skipped."""
    # translate() maps one character to one, so positions in the normalised text are positions in ``text``.
    haystack = _normalised(text)
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        words = _normalised(quote).strip().strip('"').split()
        if not words:
            continue
        # Any run of whitespace between the words, so a line break or double space does not hide a quote.
        found = re.search(r"\s+".join(re.escape(word) for word in words), haystack, re.IGNORECASE)
        if found is not None:
            spans.append((found.start(), found.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked_html(text: str, spans: Sequence[tuple[int, int]], open_tag: str, close_tag: str) -> str:
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.append(esc(text[cursor:start]))
        out.append(open_tag + esc(text[start:end]) + close_tag)
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)


class ParagraphModel(QAbstractListModel, StarredRows):
    """One row per paragraph of the address, in order. ``citations`` counts the items resting on each one."""

    def __init__(
        self, paragraphs: Sequence[Item], citations: Counter[int] | None = None, parent: QObject | None = None,
        bookmarks: BookmarkService | None = None,
    ) -> None:
        super().__init__(parent)
        self._paragraphs = sorted(paragraphs, key=lambda p: self._number(p))
        self._bookmarks = bookmarks
        self._star_rows = {p.id: row for row, p in enumerate(self._paragraphs)}
        self._rows = {self._number(p): row for row, p in enumerate(self._paragraphs)}
        self._citations = citations or Counter()
        self._quotes: dict[int, list[str]] = {}
        self.highlight_open = '<span style="background-color: #ffe08a; color: #1a1a1a">'
        self.highlight_close = "</span>"

    @staticmethod
    def _number(paragraph: Item) -> int:
        return paragraph_facts(paragraph).number

    # --- the list -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._paragraphs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._paragraphs):
            return None
        paragraph = self._paragraphs[index.row()]
        number = self._number(paragraph)
        if role == Qt.ItemDataRole.DisplayRole:
            # The page's furniture lines are headings of the page, not numbered paragraphs of the address.
            return paragraph.body if paragraph_facts(paragraph).heading else f"¶{number}  {paragraph.body}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            cited = self._citations.get(number, 0)
            marked = " Highlighted: a source of the selected item." if number in self._quotes else ""
            return f"Paragraph {number}. {cited} item(s) drawn from it.{marked}"
        if role == PARAGRAPH_NUMBER_ROLE:
            return number
        if role == HEADING_ROLE:
            return paragraph_facts(paragraph).heading
        if role == HIGHLIGHTED_ROLE:
            return number in self._quotes
        if role == PARAGRAPH_HTML_ROLE:
            spans = quote_spans(paragraph.body, self._quotes.get(number, ()))
            return marked_html(paragraph.body, spans, self.highlight_open, self.highlight_close)
        if role == CITATION_COUNT_ROLE:
            return self._citations.get(number, 0)
        if role == ITEM_ID_ROLE:
            return paragraph.id
        if role == BOOKMARKED_ROLE:
            return self._starred(paragraph.id)
        if role == KIND_ROLE:
            return paragraph.kind.value
        return None

    def _star_row(self, item_id: str) -> int:
        return self._star_rows.get(item_id, -1)

    def bookmark_changed(self, _action: str = "", item_id: str = "") -> None:
        """Repaint the bookmark star of one row, or of all rows (slot for ``BookmarkSignals.changed``)."""
        self._repaint_stars(item_id)

    # --- lookups and highlight ----------------------------------------------------------------------

    def row_of(self, number: int) -> int:
        return self._rows.get(number, -1)

    def layout_text(self, row: int) -> tuple[str, bool]:
        """The text of row ``row`` and whether it is a heading: what the height of its row depends on."""
        paragraph = self._paragraphs[row]
        return paragraph.body, paragraph_facts(paragraph).heading

    def text_of(self, number: int) -> str:
        row = self.row_of(number)
        return self._paragraphs[row].body if row >= 0 else ""

    def highlighted_numbers(self) -> list[int]:
        return sorted(self._quotes)

    def highlight_sources(self, item: Item) -> list[int]:
        """Mark the paragraphs ``item`` rests on (and its quotes in them); return their numbers in order."""
        quotes: dict[int, list[str]] = {}
        for source in item.sources:
            if source.paragraph is not None and source.paragraph in self._rows:
                quotes.setdefault(source.paragraph, []).append(source.quote or "")
        self._set_quotes(quotes)
        return [n for n in item.paragraphs if n in self._rows]

    def clear_highlight(self) -> None:
        self._set_quotes({})

    def set_highlight_colours(self, background: str, foreground: str) -> None:
        """Colours of the quote marks (the view picks them for the light or dark palette)."""
        self.highlight_open = f'<span style="background-color: {background}; color: {foreground}">'
        self._repaint(list(self._quotes))

    def _set_quotes(self, quotes: dict[int, list[str]]) -> None:
        changed = set(self._quotes) | set(quotes)
        self._quotes = quotes
        self._repaint(sorted(changed))

    def _repaint(self, numbers: Sequence[int]) -> None:
        roles = [HIGHLIGHTED_ROLE, PARAGRAPH_HTML_ROLE, Qt.ItemDataRole.ToolTipRole]
        for number in numbers:
            row = self.row_of(number)
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index, roles)
