"""The detail pane every tab uses: the item as rich text, a star to bookmark it, Show in source."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from briefing_app.reports.formatting import esc
from briefing_app.reports.item_html import item_detail_html
from briefing_app.services.briefing import ItemDetail, UnknownItemError
from briefing_app.ui.panels.base import PanelContext
from briefing_app.ui.widgets.highlighting import HighlightController
from briefing_app.views.summit import computed_rows
from briefing_app.views.targets import Target

STAR_ON = "★ Bookmarked"
STAR_OFF = "☆ Bookmark"


class ItemDetailView(QWidget):
    """Shows one item; links inside open other items through the navigator."""

    #: the Print… button; it is also forwarded to ``context.print_requests`` (connect to that one, not this)
    print_requested = Signal(str)

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._item_id: str | None = None

        self.star = QPushButton(STAR_OFF)
        self.star.setCheckable(True)
        shortcut = QKeySequence("Ctrl+D").toString(QKeySequence.SequenceFormat.NativeText)
        self.star.setToolTip(f"Bookmark this item ({shortcut})")
        self.star.setAccessibleName("Bookmark this item")
        self.star.clicked.connect(self._toggle_bookmark)
        self.source_button = QPushButton("Show in source")
        self.source_button.setToolTip("Highlight the paragraphs of the address this item rests on")
        self.source_button.clicked.connect(self._show_in_source)
        self.print_button = QPushButton("Print…")
        self.print_button.setToolTip("Print this item as a briefing sheet")
        self.print_button.clicked.connect(lambda: self._item_id and self.print_requested.emit(self._item_id))
        buttons = QHBoxLayout()
        buttons.addWidget(self.star)
        buttons.addWidget(self.source_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Item details")
        self.browser.anchorClicked.connect(self._follow)
        # Select words of the item's text to highlight them (menu, Ctrl+Shift+H, floating button).
        self.highlighter = HighlightController(self.browser, context.services.highlights, lambda: self._item_id,
                                               reload_with=context.bookmark_signals)
        self.placeholder = QLabel("Select an item to see its facts, sources and links.")
        self.placeholder.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        self._set_enabled(False)
        context.bookmark_signals.changed.connect(self._bookmarks_changed)
        self.print_requested.connect(lambda item_id: context.print_requests.request_items([item_id]))

    @property
    def item_id(self) -> str | None:
        return self._item_id

    def show_item(self, item_id: str | None) -> None:
        self._item_id = item_id
        if item_id is None:
            self.browser.setHtml("<p>Select an item to see its facts, sources and links.</p>")
            self._set_enabled(False)
            return
        try:
            detail = self.context.services.briefing.detail(item_id)
        except UnknownItemError:
            self.browser.setHtml(f"<p>The item <code>{esc(item_id)}</code> is not in the current briefing.</p>")
            self._set_enabled(False)
            return
        computed = computed_rows(self.context.services.briefing, detail.item)
        self.browser.setHtml(self.detail_html(detail, computed))
        self._set_enabled(True)
        self.source_button.setEnabled(bool(detail.item.paragraphs))
        self._update_star()

    def detail_html(self, detail: ItemDetail, computed: Sequence[tuple[str, str, str]]) -> str:
        """The pane's text for an item; a pane that shows more for some items extends it."""
        return item_detail_html(detail, computed=computed)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._item_id:
            # Link colours are fixed when the HTML is parsed: parse it again in the new (light or dark) palette.
            self.show_item(self._item_id)

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.star, self.source_button, self.print_button):
            button.setEnabled(enabled)

    def _update_star(self) -> None:
        on = bool(self._item_id) and self.context.services.bookmarks.is_bookmarked(self._item_id or "")
        self.star.setChecked(on)
        self.star.setText(STAR_ON if on else STAR_OFF)

    def _bookmarks_changed(self, _action: str, item_id: str) -> None:
        if not item_id or item_id == self._item_id:
            self._update_star()

    def _toggle_bookmark(self) -> None:
        if self._item_id:
            self.context.services.bookmarks.toggle(self._item_id)
            self._update_star()

    def _show_in_source(self) -> None:
        if self._item_id:
            self.context.navigator.open(Target.sources_of(self._item_id))

    def _follow(self, url: QUrl) -> None:
        self.context.navigator.open(url.toString())  # an item:ID, source:N or source-for:ID link (views.targets)
