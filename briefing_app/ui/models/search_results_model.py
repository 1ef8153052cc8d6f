"""Search hits for the toolbar's result list, with a line that says what was searched when it matters.

Rows: a notice first when there is one ("Showing results for Pakistan", "No results for …"; not selectable),
then the hits; when nothing was found, one row per suggested word (choosing it searches for it) and a row that
opens the address text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import SearchHit, mark_snippet
from briefing_app.reports.formatting import esc
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, KIND_ROLE
from briefing_app.ui.models.starred import StarredRows

if TYPE_CHECKING:  # the first paint runs without the ORM
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.services.search import SearchResults

Index = QModelIndex | QPersistentModelIndex
HTML_ROLE = Qt.ItemDataRole.UserRole + 20
#: The word a suggestion row searches for when chosen.
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 21
#: Where the "read the address" row leads: the first paragraph of the primary source.
ADDRESS_TARGET = "paragraph:1"


@dataclass(frozen=True, slots=True)
class _Line:
    """A row that is not a hit: a notice, a suggested word, or the way to the address text."""

    text: str
    suggestion: str | None = None
    target: str | None = None


class SearchResultsModel(QAbstractListModel, StarredRows):
    #: the star shows in the list text and in the rich-text line as well
    STAR_ROLES = (Qt.ItemDataRole.DisplayRole, BOOKMARKED_ROLE, HTML_ROLE)

    def __init__(self, parent: QObject | None = None, bookmarks: BookmarkService | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SearchHit | _Line] = []
        self._bookmarks = bookmarks
        self._query = ""

    def bookmark_changed(self, _action: str = "", _item_id: str = "") -> None:
        """Repaint the stars of every hit (slot for ``BookmarkSignals.changed``; the hit list is short)."""
        self._repaint_stars("")

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._rows = list(hits)
        self.endResetModel()

    def set_results(self, results: SearchResults) -> None:
        rows: list[SearchHit | _Line] = []
        notice = results.notice
        if results.hits:
            if notice:
                rows.append(_Line(notice))
            rows += results.hits
        elif notice and not results.only_stop_words:  # a question still being typed is not "no results"
            rows.append(_Line(f"No results for “{results.query.strip()[:80]}”"))
            rows += [_Line(f"Search for {word}", suggestion=word) for word in results.suggestions]
            rows.append(_Line("Read the address text (Source tab)", target=ADDRESS_TARGET))
        self.beginResetModel()
        self._rows = rows
        self._query = results.query
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        return [row for row in self._rows if isinstance(row, SearchHit)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        row = self._rows[index.row()]
        if isinstance(row, _Line) and row.suggestion is None and row.target is None:
            return Qt.ItemFlag.NoItemFlags  # a notice: read, not chosen
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, _Line):
            return self._line_data(row, role)
        hit = row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{'★ ' if self._starred(hit.item.id) else ''}{hit.item.kind.label}: {hit.item.title}"
        if role == BOOKMARKED_ROLE:
            return self._starred(hit.item.id)
        if role == Qt.ItemDataRole.EditRole:
            return hit.item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return mark_snippet(hit.snippet, "", "")
        if role == HTML_ROLE:
            snippet = mark_snippet(esc(hit.snippet), "<b>", "</b>")
            star = '<span title="Bookmarked">★</span> ' if self._starred(hit.item.id) else ""
            return (f'{star}<span style="font-size: small">{esc(hit.item.kind.label)}</span> '
                    f"<b>{esc(hit.item.title)}</b><br/>{snippet}")
        if role == ITEM_ID_ROLE:
            return hit.item.id
        if role == KIND_ROLE:
            return hit.item.kind.value
        return None

    def _line_data(self, line: _Line, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return line.text
        if role == Qt.ItemDataRole.EditRole:  # what the field shows while the row is current
            return line.suggestion or self._query
        if role == HTML_ROLE:
            return f"<i>{esc(line.text)}</i>" if line.suggestion is None and line.target is None else esc(line.text)
        if role == SUGGESTION_ROLE:
            return line.suggestion
        if role == ITEM_ID_ROLE:
            return line.target
        if role == BOOKMARKED_ROLE:
            return False
        return None
