"""Highlighting in any text view of an item: select words, then Highlight (Ctrl+Shift+H, the context menu, or the
small floating button by the selection), in one of four colours, with an optional note.

:class:`HighlightController` attaches to a ``QTextBrowser`` that shows one item. It paints the item's highlights
as extra selections (the document itself is never changed, so repainting after a change is cheap), shows a
highlight's note when the mouse rests on it (as plain text, never markup), and scrolls to and flashes a highlight
when the Bookmarks tab opens it. Every change goes through ``services.highlights``: it is on disk before the
passage shows highlighted.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QHelpEvent, QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QWidget,
)

from briefing_app.domain.highlights import HighlightColour, HighlightValueError, find_quote
from briefing_app.services.read_only import ReadOnlyDatabaseError
from briefing_app.ui.highlight_signals import highlight_signals
from briefing_app.ui.plain_tooltips import RICH_PREFIX
from briefing_app.ui.widgets.paragraph_delegate import is_dark

if TYPE_CHECKING:  # the detail pane of the first paint is made before the ORM is imported
    from briefing_app.services.highlights import HighlightEntry, HighlightService

log = logging.getLogger(__name__)

HIGHLIGHT_SHORTCUT = "Ctrl+Shift+H"
FLASH_MS = 900
FLASH_COLOUR = "#ff9800"


@dataclass(frozen=True, slots=True)
class PlacedHighlight:
    """A highlight found in the view's document: its span there (document positions)."""

    entry: HighlightEntry
    start: int
    end: int


def _plain(document_text: str) -> str:
    return document_text.replace("\u2029", "\n").replace("\u2028", "\n")


def place_highlights(document_text: str, item_text: str, entries: list[HighlightEntry]) -> list[PlacedHighlight]:
    """Where each found highlight stands in a document that shows ``item_text`` (perhaps among other text)."""
    text = _plain(document_text)
    opening = item_text.strip()[:60]
    base = max(0, text.find(opening)) if opening else 0
    placed = []
    for entry in entries:
        if not entry.anchor.found or not entry.anchor.text.strip():
            continue
        span = find_quote(text, entry.anchor.text, near=base + entry.anchor.start)
        if span is not None:
            placed.append(PlacedHighlight(entry, *span))
    return placed


def note_tooltip(entry: HighlightEntry) -> str:
    """A highlight's hover text: the note (escaped: markup in a note is shown as typed) and its state."""
    parts = []
    if entry.highlight.note:
        parts.append(html.escape(entry.highlight.note).replace("\n", "<br/>"))
    if entry.status:
        parts.append(f"<i>({html.escape(entry.status)})</i>")
    parts.append(f"<small>{html.escape(entry.highlight.colour.label)} highlight</small>")
    return f"{RICH_PREFIX}<p>" + "<br/>".join(parts) + "</p></qt>"


class HighlightController(QObject):
    """Highlights of the item shown in ``browser`` (``item_id()`` says which; None: nothing highlightable)."""

    def __init__(
        self, browser: QTextBrowser, service: HighlightService | None, item_id: Callable[[], str | None],
        parent: QObject | None = None, *, reload_with: QObject | None = None,
    ) -> None:
        """``reload_with``: the window's bookmark relay; a reset of bookmarks (restored backup) reloads highlights."""
        super().__init__(parent or browser)
        self.browser = browser
        self.service = service
        self._item_id = item_id
        self._placed: list[PlacedHighlight] = []
        self._flash: list[QTextEdit.ExtraSelection] = []
        self._pending_focus: str | None = None
        self.last_colour = HighlightColour.YELLOW
        self.button = QToolButton(browser.viewport())
        self.button.setText("Highlight")
        self.button.setToolTip(f"Highlight the selected words ({self._shortcut_text()})")
        self.button.setAccessibleName("Highlight the selected words")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.setMenu(self._colour_menu(self.button))
        self.button.clicked.connect(lambda: self.highlight_selection(self.last_colour))
        self.button.setAutoRaise(False)
        self.button.hide()
        if service is None:
            return
        self.shortcut = QShortcut(QKeySequence(HIGHLIGHT_SHORTCUT), browser)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(lambda: self.highlight_selection(self.last_colour))
        browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        browser.customContextMenuRequested.connect(self._context_menu)
        browser.selectionChanged.connect(self._selection_changed)
        browser.viewport().installEventFilter(self)
        signals = highlight_signals(service)
        if reload_with is not None:
            signals.watch(reload_with)
        browser.textChanged.connect(self.refresh)  # every setHtml: find the highlights in the new document
        signals.changed.connect(self._changed)
        signals.focus_requested.connect(self._focus_requested)

    @staticmethod
    def _shortcut_text() -> str:
        return QKeySequence(HIGHLIGHT_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)

    # --- what is shown ------------------------------------------------------------------------------

    @property
    def placed(self) -> list[PlacedHighlight]:
        return list(self._placed)

    def refresh(self) -> None:
        """Find the item's highlights in the document again and paint them (call after every setHtml)."""
        item_id = self._item_id()
        self._placed = []
        if self.service is not None and item_id:
            text = self.service.text_of(item_id)
            entries = self.service.entries(item_id) if text is not None else []
            if entries:
                self._placed = place_highlights(self.browser.document().toPlainText(), text or "", entries)
        self._paint()
        if self._pending_focus:
            hid, self._pending_focus = self._pending_focus, None
            self.focus(hid)

    def _paint(self) -> None:
        palette = self.browser.palette()
        parent = self.browser.parentWidget()
        if palette.color(QPalette.ColorRole.Base).alpha() == 0 and parent is not None:
            palette = parent.palette()  # a see-through view (the paragraph reader): the page under it decides
        dark = is_dark(palette)
        selections = []
        for placed in self._placed:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(placed.start)
            cursor.setPosition(placed.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            colour = placed.entry.highlight.colour
            fmt.setBackground(QColor(colour.dark if dark else colour.light))
            if dark:
                fmt.setForeground(QColor("#ffffff"))
            if placed.entry.highlight.note:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            selection.format = fmt
            selections.append(selection)
        self.browser.setExtraSelections(selections + self._flash)

    def at(self, position: int) -> PlacedHighlight | None:
        """The highlight covering document ``position``, if any (the last made wins where they overlap)."""
        found = [p for p in self._placed if p.start <= position < p.end]
        return found[-1] if found else None

    def focus(self, highlight_id: str) -> bool:
        """Scroll to a highlight and flash it; False if it is not in this view."""
        placed = next((p for p in self._placed if p.entry.highlight_id == highlight_id), None)
        if placed is None:
            return False
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(placed.start)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        flash = QTextEdit.ExtraSelection()
        span = QTextCursor(self.browser.document())
        span.setPosition(placed.start)
        span.setPosition(placed.end, QTextCursor.MoveMode.KeepAnchor)
        flash.cursor = span
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(FLASH_COLOUR))
        flash.format = fmt
        self._flash = [flash]
        self._paint()
        QTimer.singleShot(FLASH_MS, self._end_flash)
        return True

    def _end_flash(self) -> None:
        self._flash = []
        self._paint()

    @property
    def flashing(self) -> bool:
        return bool(self._flash)

    def _changed(self, _action: str, _highlight_id: str, item_id: str) -> None:
        if not item_id or item_id == self._item_id():
            self.refresh()

    def _focus_requested(self, highlight_id: str, item_id: str) -> None:
        if item_id == self._item_id() and not self.focus(highlight_id):
            self._pending_focus = highlight_id  # the view is about to show it (the next refresh focuses it)

    # --- making and changing highlights -------------------------------------------------------------

    def _selection(self) -> tuple[str, int] | None:
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        quote = _plain(cursor.selectedText())
        if not quote.strip():
            return None
        return quote, cursor.selectionStart()

    def highlight_selection(self, colour: HighlightColour, *, ask_note: bool = False) -> bool:
        """Highlight the selected words in ``colour`` (asking for a note first if ``ask_note``)."""
        item_id = self._item_id()
        selection = self._selection()
        if self.service is None or not item_id or selection is None:
            return False
        quote, position = selection
        note = ""
        if ask_note:
            note, accepted = QInputDialog.getMultiLineText(self.browser, "Highlight with a note", "Note:")
            if not accepted:
                return False
        text = self.service.text_of(item_id) or ""
        document = _plain(self.browser.document().toPlainText())
        opening = text.strip()[:60]
        base = max(0, document.find(opening)) if opening else 0
        self.last_colour = colour
        try:
            made = self.service.add(item_id, quote, start=max(0, position - base), colour=colour, note=note)
        except HighlightValueError:
            self._tell("Only the words of the item's own text (its summary and body, or the paragraph) can be "
                       "highlighted; nothing was changed.")
            return False
        except ReadOnlyDatabaseError as exc:
            self._tell(str(exc))
            return False
        cursor = self.browser.textCursor()
        cursor.clearSelection()
        self.browser.setTextCursor(cursor)
        self.button.hide()
        self._tell(f"Highlighted: “{' '.join(made.quote.split())[:60]}”")
        return True

    def edit_note(self, highlight_id: str) -> bool:
        if self.service is None:
            return False
        current = self.service.get(highlight_id)
        if current is None:
            return False
        note, accepted = QInputDialog.getMultiLineText(self.browser, "Highlight note", "Note:", current.note)
        if not accepted:
            return False
        return self._update(highlight_id, note=note)

    def _update(self, highlight_id: str, **changes: object) -> bool:
        assert self.service is not None
        try:
            return self.service.update(highlight_id, **changes) is not None  # type: ignore[arg-type]
        except (HighlightValueError, ReadOnlyDatabaseError) as exc:
            self._tell(str(exc))
            return False

    def remove(self, highlight_id: str) -> bool:
        if self.service is None:
            return False
        try:
            return self.service.remove(highlight_id) is not None
        except ReadOnlyDatabaseError as exc:
            self._tell(str(exc))
            return False

    def _tell(self, message: str) -> None:
        window = self.browser.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 6000)

    # --- menus, button, hover -----------------------------------------------------------------------

    def _colour_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu("Highlight", parent)
        for colour in HighlightColour:
            action = QAction(colour.label, menu)
            action.triggered.connect(lambda _=False, c=colour: self.highlight_selection(c))
            menu.addAction(action)
        menu.addSeparator()
        with_note = QAction("With a note…", menu)
        with_note.triggered.connect(lambda: self.highlight_selection(self.last_colour, ask_note=True))
        menu.addAction(with_note)
        return menu

    def context_menu(self, position: QPoint) -> QMenu:
        """The browser's own menu (Copy, Select All) with Highlight and, over a highlight, its actions."""
        menu = self.browser.createStandardContextMenu(position)
        menu.addSeparator()
        colours = self._colour_menu(menu)
        colours.setTitle(f"Highlight\t{self._shortcut_text()}")
        colours.setEnabled(self._selection() is not None and bool(self._item_id()))
        menu.addMenu(colours)
        under = self.at(self.browser.cursorForPosition(position).position())
        if under is not None:
            hid = under.entry.highlight_id
            edit = menu.addAction("Edit highlight note…")
            edit.triggered.connect(lambda: self.edit_note(hid))
            recolour = menu.addMenu("Highlight colour")
            for colour in HighlightColour:
                action = recolour.addAction(colour.label)
                action.setCheckable(True)
                action.setChecked(colour is under.entry.highlight.colour)
                action.triggered.connect(lambda _=False, c=colour: self._update(hid, colour=c))
            remove = menu.addAction("Remove highlight")
            remove.triggered.connect(lambda: self.remove(hid))
        return menu

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        menu.exec(self.browser.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _selection_changed(self) -> None:
        if self._selection() is None or not self._item_id():
            self.button.hide()
            return
        rect = self.browser.cursorRect(self.browser.textCursor())
        self.button.adjustSize()
        viewport = self.browser.viewport()
        x = min(max(0, rect.right() + 4), max(0, viewport.width() - self.button.width() - 2))
        y = rect.bottom() + 4
        if y + self.button.height() > viewport.height():
            y = max(0, rect.top() - self.button.height() - 4)
        self.button.move(x, y)
        self.button.show()
        self.button.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip and watched is self.browser.viewport():
            under = self.at(self.browser.cursorForPosition(event.pos()).position())
            if under is not None:
                QToolTip.showText(event.globalPos(), note_tooltip(under.entry), self.browser)
                return True
        return super().eventFilter(watched, event)
