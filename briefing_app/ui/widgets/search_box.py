"""The toolbar's search field: results while typing, debounced, computed off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.models.search_results_model import HTML_ROLE, SUGGESTION_ROLE, SearchResultsModel
from briefing_app.ui.tasks import run_in_background

if TYPE_CHECKING:  # the search box is made before the ORM is imported (the first paint)
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.services.briefing import BriefingService
    from briefing_app.services.search import SearchResults

DEBOUNCE_MS = 120
RESULT_LIMIT = 25
ROW_PADDING = 4


def ask(briefing: BriefingService, query: str) -> SearchResults:
    """The search the box runs on its worker thread for a keystroke (``benchmarks/bench_search.py`` times this).

    The list shows kind, title and snippet: the hits' sources are not read.
    """
    return briefing.search_results(query, limit=RESULT_LIMIT, sources=False)


class RichTextDelegate(QStyledItemDelegate):
    """Paints a hit in two lines of equal height: kind and title, then the snippet with the matched words in bold.

    Every row has the same height, so the popup (which QCompleter sizes from the first row) fits its rows.
    """

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)  # one line each; the snippet ends in … already
        doc.setDefaultTextOption(text_option)
        doc.setHtml(index.data(HTML_ROLE) or "")
        return doc

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + ROW_PADDING, option.rect.top() + ROW_PADDING)
        clip = QRectF(0, 0, option.rect.width() - 2 * ROW_PADDING, option.rect.height() - ROW_PADDING)
        painter.setClipRect(clip)
        context.clip = clip
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(400, 2 * line + 2 * ROW_PADDING + 2)


class SearchBox(QLineEdit):
    """Emits ``item_chosen`` with the id of the hit the user opens (Enter or click).

    The popup also says when a typo was searched as the nearest word, and when nothing was found, offers the
    nearest words and the address text instead of staying shut.
    """

    item_chosen = Signal(str)
    results_ready = Signal(int)

    def __init__(
        self, briefing: BriefingService, parent: QWidget | None = None, bookmarks: BookmarkService | None = None
    ) -> None:
        super().__init__(parent)
        self._briefing = briefing
        self._generation = 0
        self._answered_query: str | None = None  # the query the shown results belong to
        self._open_when_answered = False
        self.setPlaceholderText("Search the briefing (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search the briefing")
        self.setAccessibleDescription("Type to search every item; Enter opens the best hit")
        self.setMinimumWidth(320)

        self.results = SearchResultsModel(self, bookmarks)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(Qt.ItemDataRole.EditRole)
        self.completer_.setMaxVisibleItems(10)
        self.completer_.setWidget(self)
        popup = self.results_popup()
        popup.setItemDelegate(RichTextDelegate(popup))
        popup.setAccessibleName("Search results")
        popup.setAccessibleDescription("Up and Down choose a result; Enter or a click opens it")
        # Enter in the open popup is handled here, before the completer's own filter (installed earlier) would
        # report it a second time as "activated".
        popup.installEventFilter(self)
        self.completer_.activated[QModelIndex].connect(self._activated)  # type: ignore[index]

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._open_best)

    def results_popup(self) -> QAbstractItemView:
        """The completer's list of results."""
        popup = self.completer_.popup()
        assert popup is not None  # the completer makes its popup when it is created
        return popup

    def _run(self) -> None:
        from briefing_app.services.search import SearchResults

        query = self.text()
        self._generation += 1
        generation = self._generation
        if not query.strip():
            self._open_when_answered = False
            self._answer(generation, query, SearchResults(query))
            return
        briefing = self._briefing
        run_in_background(
            lambda: ask(briefing, query),
            lambda results: self._answer(generation, query, results),
            lambda exc: self._answer(generation, query, SearchResults(query)),
        )

    def _answer(self, generation: int, query: str, results: SearchResults) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self._answered_query = query
        hits = results.hits
        if self._open_when_answered:
            self._open_when_answered = False
            self.results.set_results(results)
            self.results_popup().hide()
            self.results_ready.emit(len(hits))
            if hits:
                self.item_chosen.emit(hits[0].item.id)
            return
        self._show(results)

    def _show(self, results: SearchResults) -> None:
        self.results.set_results(results)
        hits = results.hits
        if self.results.rowCount() and self.hasFocus():
            popup = self.results_popup()
            self.completer_.complete(self.rect().adjusted(0, 0, max(0, 560 - self.width()), 0))
            popup.setCurrentIndex(QModelIndex())
        else:
            self.results_popup().hide()
        self.results_ready.emit(len(hits))

    def search_now(self, query: str) -> None:
        """Set the text and search at once (used by tests and the command line's --open)."""
        self.setText(query)
        self._timer.stop()
        self._run()

    def _activated(self, index: QModelIndex) -> None:
        model = self.completer_.completionModel()
        self._choose(model.data(index, ITEM_ID_ROLE), model.data(index, SUGGESTION_ROLE))

    def _choose(self, item_id: str | None, suggestion: str | None) -> None:
        if suggestion:
            self.results_popup().hide()
            self.search_now(suggestion)
        elif item_id:
            self.item_chosen.emit(item_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.completer_.popup() and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open_best()
            return True
        return super().eventFilter(watched, event)

    def _open_best(self) -> None:
        """Open the hit chosen in the popup, else the best hit; if the results for the text are not in yet
        (Enter typed fast), open the best hit as soon as they are."""
        popup = self.results_popup()
        if self.text().strip() and (self._timer.isActive() or self._answered_query != self.text()):
            self._open_when_answered = True
            if self._timer.isActive():
                self._timer.stop()
                self._run()
            return
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        suggestion = None
        if current.isValid():
            item_id, suggestion = current.data(ITEM_ID_ROLE), current.data(SUGGESTION_ROLE)
        else:
            hits = self.results.hits()
            item_id = hits[0].item.id if hits else None
        popup.hide()
        self._choose(item_id, suggestion)
