"""The Source tab: the full address with numbered paragraphs, and what the briefing draws from each.

``show_sources_of(item_id)`` (the main window calls it for "Show in source") marks the paragraphs an item rests on,
with its exact quotes, and scrolls to the first; ``open_item("paragraph:N")`` selects paragraph N. Beside the text,
the selected paragraph lists the items drawn from it, each a link that opens it in its tab.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.items import Item, ItemKind, ItemRef
from briefing_app.reports.formatting import esc, long_date
from briefing_app.ui.models.highlighted_paragraphs import HighlightedParagraphModel
from briefing_app.ui.models.paragraph_model import PARAGRAPH_NUMBER_ROLE
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.ui.widgets.paragraph_delegate import ParagraphListView, source_colours
from briefing_app.ui.widgets.paragraph_reader import HighlightingParagraphDelegate
from briefing_app.ui.widgets.quote_card import in_quotes
from briefing_app.views.targets import TAB_KINDS, Target


def overview_html(paragraphs: int, cited: int, items: int) -> str:
    """What the pane says before a paragraph is selected."""
    return (f"<h3>The address</h3><p>{paragraphs} paragraphs; {items} items of this briefing rest on "
            f"{cited} of them.</p>"
            "<p>Select a paragraph to see the facts drawn from it, each a link to its tab.</p>"
            "<p>“Show in source” on any item marks its paragraphs here, with its exact words.</p>")


def _quotes_from(item: Item, number: int) -> list[str]:
    return [s.quote for s in item.sources if s.paragraph == number and s.quote]


def drawn_items_html(number: int, refs: list[ItemRef], items: dict[str, Item], focus: str | None) -> str:
    """The items drawn from paragraph ``number``, grouped by kind, each a link with the words it quotes."""
    count = len(refs)
    parts = [f"<h3>¶{number}</h3>"]
    if not refs:
        parts.append("<p><i>No item of this briefing is drawn from this paragraph.</i></p>")
        return "".join(parts)
    parts.append(f"<p>{count} item{'s are' if count != 1 else ' is'} drawn from this paragraph:</p>")
    by_kind: dict[ItemKind, list[ItemRef]] = {}
    for ref in refs:
        by_kind.setdefault(ref.kind, []).append(ref)
    for kind, group in by_kind.items():
        parts.append(f"<p style='margin-bottom: 2px'><b>{esc(kind.plural)}</b></p><ul style='margin-top: 0'>")
        for ref in group:
            title = esc(ref.title)
            link = f'<a href="{esc(Target.item(ref.id).href())}">{f"<b>{title}</b>" if ref.id == focus else title}</a>'
            item = items.get(ref.id)
            quotes = _quotes_from(item, number) if item else []
            quoted = "".join(f"<br/><i>{esc(in_quotes(q))}</i>" for q in quotes)
            parts.append(f"<li style='margin-bottom: 6px'>{link}{quoted}</li>")
        parts.append("</ul>")
    return "".join(parts)


def sources_of_html(item: Item) -> str:
    """Where an item comes from: its paragraphs (links) and its outside citations."""
    parts = [f'<h3>Sources of <a href="{esc(Target.item(item.id).href())}">{esc(item.title)}</a></h3>']
    if item.paragraphs:
        links = ", ".join(f'<a href="{Target.paragraph(n).href()}">¶{n}</a>' for n in item.paragraphs)
        parts.append(f"<p>Marked in the address: {links}</p>")
    else:
        parts.append("<p><i>This item does not rest on the address; it rests on the outside sources below.</i></p>")
    outside = [s for s in item.sources if s.paragraph is None and s.citation]
    if outside:
        parts.append("<p style='margin-bottom: 2px'><b>Also cited outside the address</b></p>"
                     "<ul style='margin-top: 0'>")
        parts.extend(f"<li>{esc(s.citation)}{f' — {esc(s.url)}' if s.url else ''}</li>" for s in outside)
        parts.append("</ul>")
    return "".join(parts)


class SourcePanel(Panel):
    kinds = TAB_KINDS["source"]

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        briefing = context.services.briefing
        self._opening = False
        self._focus: Item | None = None
        address_sources = briefing.paragraph_citations()
        citations = Counter(number for _id, number in address_sources)
        self._overview = overview_html(
            briefing.counts().get("paragraph", 0), len(citations), len({i for i, _n in address_sources})
        )
        # Without their sources: a paragraph's source is itself (its quote is its whole text, 1 MB at the 100x pack)
        paragraphs = briefing.items(ItemKind.PARAGRAPH, with_sources=False)
        self.model = HighlightedParagraphModel(paragraphs, citations, self,
                                               context.services.bookmarks, context.services.highlights)
        context.bookmark_signals.changed.connect(self.model.bookmark_changed)

        info = briefing.pack_info()
        primary = next((d for d in info.documents if d.primary), None)
        self.heading = QLabel(
            f"<b>{esc(primary.title)}</b><br/>{esc(primary.publisher)}, {esc(long_date(primary.date))}"
            if primary else ""
        )
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("The source document")
        self.clear_button = QPushButton("Clear marks")
        self.clear_button.setToolTip("Take away the marks of the item's sources")
        self.clear_button.setAccessibleName("Clear the marked sources")
        self.clear_button.clicked.connect(self.clear_highlight)
        self.clear_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.view = ParagraphListView()
        # Set up before the model comes: each of these would lay the list out again.
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(ParagraphListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setModel(self.model)
        # The selected paragraph opens as selectable text in place, to highlight words of it.
        self.view.setItemDelegate(HighlightingParagraphDelegate(self.view, context.services.highlights))
        self.view.setMouseTracking(True)
        self.view.setAccessibleName("Address, numbered paragraphs")
        self.view.setAccessibleDescription(
            "The full address, one paragraph per row; the items drawn from the selected paragraph are listed beside"
        )
        # The selection, not the keyboard cursor: a list taking focus puts its cursor on the first row unselected.
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        install_item_context_menu(self.view, context)

        self.drawn = QTextBrowser()
        self.drawn.setOpenLinks(False)
        self.drawn.setAccessibleName("Items drawn from the paragraph")
        self.drawn.setAccessibleDescription("Links to the items of the briefing that rest on the selected paragraph")
        self.drawn.anchorClicked.connect(self._follow)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.drawn)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._apply_palette()
        self._render()

    # --- what is shown ------------------------------------------------------------------------------

    def selected_paragraph(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(rows[0].data(PARAGRAPH_NUMBER_ROLE)) if rows else None

    def highlighted_item_id(self) -> str | None:
        return self._focus.id if self._focus else None

    def highlighted_paragraphs(self) -> list[int]:
        return self.model.highlighted_numbers()

    def _render(self) -> None:
        parts = []
        if self._focus is not None:
            parts.append(sources_of_html(self._focus))
            parts.append("<hr/>")
        number = self.selected_paragraph()
        if number is None:
            parts.append(self._overview)
        else:
            briefing = self.context.services.briefing
            refs = briefing.items_from_paragraph(number)
            items = {i.id: i for i in briefing.items_by_ids([r.id for r in refs])}
            parts.append(drawn_items_html(number, refs, items, self.highlighted_item_id()))
        self.drawn.setHtml("".join(parts))

    def _select(self, number: int) -> bool:
        row = self.model.row_of(number)
        if row < 0:
            return False
        index = self.model.index(row)
        self._opening = True
        try:
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._opening = False
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._render()
        number = self.selected_paragraph()
        if number is not None and not self._opening:
            self.context.navigator.record(f"paragraph:{number}")

    # --- Panel and the main window ------------------------------------------------------------------

    def show_sources_of(self, item_id: str) -> bool:
        """Mark the paragraphs (and exact words) ``item_id`` rests on and scroll to the first of them."""
        item = self.context.services.briefing.find(item_id)
        if item is None:
            self.clear_highlight()
            self.drawn.setHtml(f"<p>The item <code>{esc(item_id)}</code> is not in the current briefing.</p>")
            return False
        self._focus = item
        numbers = self.model.highlight_sources(item)
        self.clear_button.setEnabled(True)
        if not numbers or not self._select(numbers[0]):
            self._render()
        return True

    def clear_highlight(self) -> None:
        self._focus = None
        self.model.clear_highlight()
        self.clear_button.setEnabled(False)
        self._render()

    def open_item(self, item_id: str) -> bool:
        kind, _, number_text = item_id.partition(":")
        if kind != "paragraph" or not number_text.isdigit():
            return False
        number = int(number_text)
        if self.model.row_of(number) < 0:
            return False
        if number not in self.model.highlighted_numbers() and self._focus is not None:
            # Another paragraph than the marked ones: the marks belong to another reading.
            self._focus = None
            self.model.clear_highlight()
            self.clear_button.setEnabled(False)
        if self.selected_paragraph() == number:
            self._render()
        else:
            self._select(number)
        return True

    def current_item_id(self) -> str | None:
        number = self.selected_paragraph()
        return f"paragraph:{number}" if number is not None else None

    # --- links and palette --------------------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        self.context.navigator.open(url.toString())  # an item:ID, source:N or source-for:ID link (views.targets)

    def _apply_palette(self) -> None:
        _row, _bar, quote_background, quote_text = source_colours(self.palette())
        self.model.set_highlight_colours(quote_background, quote_text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self._render()  # link colours are fixed when the HTML is parsed
