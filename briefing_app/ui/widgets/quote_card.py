"""The words of the address an item rests on, set large above its detail pane, with a link to the paragraph.

The card is what a reader quotes from; the full list of sources (with the outside citations) stays in the
detail pane below it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from briefing_app.domain.items import Item
from briefing_app.reports.formatting import esc
from briefing_app.ui.navigation import Navigator
from briefing_app.views.targets import Target

MAX_QUOTES = 2
ACCENT_WIDTH = 4


def in_quotes(text: str) -> str:
    """The words between typographic quotes, unless they already open with a quotation mark."""
    text = text.strip()
    return text if text[:1] in ("“", '"', "«", "‘") else f"“{text}”"


def quote_card_html(item: Item, *, max_quotes: int = MAX_QUOTES, address: str = "The address") -> str:
    """The item's quotes from the address (or, failing those, its first outside citation) as rich text;
    ``address`` names the primary source after each quote."""
    quoted = [s for s in item.sources if s.paragraph is not None and s.quote]
    if not quoted:
        cited = next((s for s in item.sources if s.citation), None)
        if cited is None:
            return ""
        return ('<p style="margin: 0"><i>Not stated in the address.</i> Source: '
                f"{esc(cited.citation)}</p>")
    parts = []
    for source in quoted[:max_quotes]:
        parts.append(
            f'<p style="margin: 0 0 4px 0; font-size: large"><i>{esc(in_quotes(source.quote or ""))}</i></p>'
            f'<p style="margin: 0 0 8px 0">— {esc(address)}, '
            f'<a href="{esc(Target.sources_of(item.id).href())}">¶{source.paragraph}</a></p>'
        )
    more = len(quoted) - max_quotes
    if more > 0:
        parts.append(f'<p style="margin: 0"><i>and {more} more quote{"s" if more > 1 else ""} '
                     "under Sources below</i></p>")
    return "".join(parts)


class QuoteCard(QFrame):
    """Shows the quotes of one item; the paragraph link opens the Source tab with the quote highlighted."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None, *, address: str = "The address") -> None:
        super().__init__(parent)
        self._address = address
        self.setObjectName("quote-card")
        self.setAccessibleName("Quote from the address")
        self.setAccessibleDescription("The words of the address the selected item rests on")
        self._navigator = navigator
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(self._navigator.open)
        self.label.setAccessibleName("Quote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(ACCENT_WIDTH + 10, 8, 10, 6)
        layout.addWidget(self.label)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted from the palette at every paint (no style sheet), so the card follows a light/dark switch.
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        painter.fillRect(QRect(0, 0, ACCENT_WIDTH, self.height()), palette.color(QPalette.ColorRole.Highlight))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Links take the palette's link colour when the text is laid out; QLabel ignores setting the same text.
            text = self.label.text()
            self.label.clear()
            self.label.setText(text)

    def show_item(self, item: Item | None) -> None:
        html = quote_card_html(item, address=self._address) if item is not None else ""
        self.label.setText(html)
        self.setVisible(bool(html))

    def text(self) -> str:
        return self.label.text()
