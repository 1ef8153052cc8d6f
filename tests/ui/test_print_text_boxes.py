"""Text boxes of a printed sheet are cloned from one document set up once (the style sheet parsed once per
sheet, not once per table cell): each is set up and laid out exactly as a document made for it alone."""

from __future__ import annotations

import re

from PySide6.QtGui import QPdfWriter, QTextDocument, QTextOption

from briefing_app.reports.sheet import SHEET_CSS
from briefing_app.ui.printing.flow import Metrics, TableFlow

HTML = ("<h3>Trade</h3><p>The members agreed to <b>raise the share of national currencies</b> in trade, "
        "<a href='item:x'>a link</a>, and an identifier_too_long_to_fit_on_any_line_" + "x" * 120 + "</p>")


def alone(metrics: Metrics, html: str, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(metrics.device)
    doc.setDefaultFont(metrics.font)
    doc.setDefaultStyleSheet(SHEET_CSS)
    doc.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def test_a_text_box_is_laid_out_as_a_document_made_for_it_alone(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(300)
    metrics = Metrics(writer, 2000.0, 3000.0)
    for width in (1800.0, 600.0, 90.0):
        box = metrics.text_box(HTML, width)
        reference = alone(metrics, HTML, width)
        assert box.doc.documentMargin() == 0
        assert box.doc.defaultStyleSheet() == SHEET_CSS
        assert box.doc.defaultTextOption().wrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        assert box.doc.defaultFont() == metrics.font
        assert box.height == reference.size().height()
        assert box.doc.blockCount() == reference.blockCount()
        assert [box.doc.findBlockByNumber(i).layout().lineCount() for i in range(box.doc.blockCount())] == [
            reference.findBlockByNumber(i).layout().lineCount() for i in range(reference.blockCount())]


def test_table_cells_share_the_sheets_set_up(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    metrics = Metrics(writer, 2000.0, 3000.0)
    table = TableFlow(["A", "B"], [1.0, 2.0], ["left", "right"], [["<i>one</i>", "2"], ["three", HTML]], metrics)
    for row in table.rows:
        for cell in row:
            assert cell.doc.documentMargin() == 0 and cell.doc.defaultStyleSheet() == SHEET_CSS
    cell = table.rows[1][1]
    assert cell.height == alone(metrics, cell.doc.toHtml(), cell.width).size().height()


def test_a_sheet_with_contents_lays_its_text_out_once(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The contents are laid out again until their page numbers are right; the rest of the sheet is not."""
    from briefing_app.reports.sheet import BriefingSheet, Contents, Heading, Text
    from briefing_app.ui.printing import flow
    from briefing_app.ui.printing.paginate import layout_sheet

    made: list[str] = []
    real_init = flow.TextBox.__init__

    def counting_init(self, html, width, metrics):  # type: ignore[no-untyped-def]
        made.append(html)
        real_init(self, html, width, metrics)

    monkeypatch.setattr(flow.TextBox, "__init__", counting_init)
    blocks: list = [Contents()]
    for n in range(1, 9):
        blocks += [Heading(f"Chapter {n}", 1, toc=True), Text("<p>" + f"Words of chapter {n}. " * 120 + "</p>")]
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(300)
    layout = layout_sheet(BriefingSheet("Book", blocks), Metrics(writer, 2000.0, 3000.0), lambda *a: None)
    assert len(layout.pages) > 3 and set(layout.toc_pages) == set(range(8))
    rest = [html for html in made if "<h1>Chapter" in html or "Words of" in html]
    assert len(rest) == len(set(rest)) == 16, "a heading or text of the sheet was laid out more than once"
    # the contents were laid out again, with their page numbers
    assert [html for html in made if re.fullmatch(r'<div align="right" style="[^"]*">\d+</div>', html)]


def test_the_same_text_at_the_same_width_is_laid_out_once(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A table repeats many cells (a note number, "city", "signed"): each distinct cell is laid out once and shared."""
    from briefing_app.ui.printing import flow

    laid_out: list[str] = []
    real_init = flow.TextBox.__init__

    def counting_init(self, html, width, metrics):  # type: ignore[no-untyped-def]
        laid_out.append(html)
        real_init(self, html, width, metrics)

    monkeypatch.setattr(flow.TextBox, "__init__", counting_init)
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    metrics = Metrics(writer, 2000.0, 3000.0)
    rows = [[f"Place {n}", "city" if n % 2 else "port", "7"] for n in range(12)]
    table = TableFlow(["Place", "Type", "Note"], [2.0, 1.0, 0.5], ["left", "left", "right"], rows, metrics)
    assert len(laid_out) == 3 + 12 + 2 + 1  # the header, each place, "city" and "port", "7"
    assert table.rows[0][1] is table.rows[2][1] and table.rows[0][2] is table.rows[5][2]
    assert table.rows[0][1] is not table.rows[1][1]
    # the same text in another column width is laid out for that width
    other = TableFlow(["Type"], [1.0], ["left"], [["city"]], metrics)
    assert other.rows[0][0] is not table.rows[1][1] and other.rows[0][0].width > table.rows[1][1].width
    assert metrics.text_box("<p>Same</p>") is metrics.text_box("<p>Same</p>")
