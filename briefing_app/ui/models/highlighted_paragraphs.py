"""The paragraphs of the address with the user's highlights painted in their colours (and their notes in the
row's tooltip), over the marks of an item's sources that :class:`ParagraphModel` draws.

Repaints the paragraphs a highlight change concerns through ``dataChanged``.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from briefing_app.domain.items import Item
from briefing_app.reports.formatting import esc
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.services.highlights import HighlightService
from briefing_app.ui.highlight_signals import highlight_signals
from briefing_app.ui.models.paragraph_model import (
    HIGHLIGHTED_ROLE,
    PARAGRAPH_HTML_ROLE,
    PARAGRAPH_NUMBER_ROLE,
    Index,
    ParagraphModel,
    quote_spans,
)
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.plain_tooltips import RICH_PREFIX
from briefing_app.ui.widgets.paragraph_delegate import SOURCE_ON_DARK

#: the paragraph as rich text with only the source marks (a view that paints highlights itself uses this)
SOURCE_MARKED_HTML_ROLE = Qt.ItemDataRole.UserRole + 60
#: how many highlights the paragraph holds
HIGHLIGHT_COUNT_ROLE = Qt.ItemDataRole.UserRole + 61

Mark = tuple[int, int, str, str]  # start, end, background, text colour


def layered_html(text: str, sources: Sequence[tuple[int, int]], marks: Sequence[Mark], source_open: str) -> str:
    """``text`` escaped, the user's highlights (later ones on top) over the source marks, as spans."""
    cuts = sorted({0, len(text), *(p for s in sources for p in s), *(p for m in marks for p in m[:2])})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        piece = esc(text[a:b])
        mark = next((m for m in reversed(marks) if m[0] <= a and b <= m[1]), None)
        if mark is not None:
            out.append(f'<span style="background-color: {mark[2]}; color: {mark[3]}">{piece}</span>')
        elif any(s[0] <= a and b <= s[1] for s in sources):
            out.append(f"{source_open}{piece}</span>")
        else:
            out.append(piece)
    return "".join(out)


class HighlightedParagraphModel(ParagraphModel):
    def __init__(
        self, paragraphs: Sequence[Item], citations: Counter[int] | None = None, parent: QObject | None = None,
        bookmarks: BookmarkService | None = None, highlights: HighlightService | None = None,
    ) -> None:
        super().__init__(paragraphs, citations, parent, bookmarks)
        self._highlights = highlights
        self._dark = False
        self._marks: dict[str, tuple[list[Mark], list[str]]] = {}
        if highlights is not None:
            highlight_signals(highlights).changed.connect(self.highlights_changed)

    def _marks_of(self, item_id: str) -> tuple[list[Mark], list[str]]:
        if item_id not in self._marks:
            marks: list[Mark] = []
            notes: list[str] = []
            if self._highlights is not None:
                for entry in self._highlights.entries(item_id):
                    if entry.anchor.found:
                        colour = entry.highlight.colour
                        marks.append((entry.anchor.start, entry.anchor.end,
                                      colour.dark if self._dark else colour.light,
                                      "#ffffff" if self._dark else "#1a1a1a"))
                    if entry.highlight.note:
                        notes.append(entry.highlight.note)
            self._marks[item_id] = (marks, notes)
        return self._marks[item_id]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SOURCE_MARKED_HTML_ROLE:
            return super().data(index, PARAGRAPH_HTML_ROLE)
        if role not in (PARAGRAPH_HTML_ROLE, Qt.ItemDataRole.ToolTipRole, HIGHLIGHT_COUNT_ROLE):
            return super().data(index, role)
        base = super().data(index, role)
        item_id = super().data(index, ITEM_ID_ROLE)
        if base is None and role != HIGHLIGHT_COUNT_ROLE or not item_id:
            return base
        marks, notes = self._marks_of(item_id)
        if role == HIGHLIGHT_COUNT_ROLE:
            return len(marks)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not notes:
                return base
            shown = "".join(f"<br/>• {html.escape(n).replace(chr(10), '<br/>')}" for n in notes)
            return f"{RICH_PREFIX}<p>{html.escape(str(base))}<br/><b>Highlight notes</b>{shown}</p></qt>"
        if not marks:
            return base
        number = int(super().data(index, PARAGRAPH_NUMBER_ROLE))
        text = self.text_of(number)
        sources = quote_spans(text, self._quotes.get(number, ())) if super().data(index, HIGHLIGHTED_ROLE) else []
        return layered_html(text, sources, marks, self.highlight_open)

    def set_highlight_colours(self, background: str, foreground: str) -> None:
        self._dark = background == SOURCE_ON_DARK[2]
        self._marks.clear()
        super().set_highlight_colours(background, foreground)
        self._repaint_all()

    def highlights_changed(self, _action: str = "", _highlight_id: str = "", item_id: str = "") -> None:
        """Slot for the highlight relay: repaint the paragraph concerned, or every paragraph."""
        if item_id:
            self._marks.pop(item_id, None)
            row = self._star_row(item_id)
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index, [PARAGRAPH_HTML_ROLE, Qt.ItemDataRole.ToolTipRole,
                                                     HIGHLIGHT_COUNT_ROLE])
            return
        self._marks.clear()
        self._repaint_all()

    def _repaint_all(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1),
                                  [PARAGRAPH_HTML_ROLE, Qt.ItemDataRole.ToolTipRole, HIGHLIGHT_COUNT_ROLE])
