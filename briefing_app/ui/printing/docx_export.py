"""A briefing sheet (the book) as a Word document a ministry can edit: real headings (Heading 1-4, so Word's
navigation pane and table of contents work), a table of contents populated from the start (see
:mod:`briefing_app.ui.printing.docx_fields`), real tables with a repeated header row, the charts as pictures with
numbered captions, the map on a landscape section of its own with its key beside it, the sources and the user's
highlight notes as real Word footnotes, highlighted quotes shaded in their colours, and the marking in the page
header and footer. Written whole or not at all (:func:`briefing_app.services.files.write_atomically`)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from briefing_app.reports.book import NOTE_COLUMN
from briefing_app.reports.sheet import (
    Block,
    BriefingSheet,
    Contents,
    Cover,
    Figure,
    Heading,
    PageBreak,
    Table,
    Text,
    printed_marking,
)
from briefing_app.services.files import write_atomically
from briefing_app.ui.printing.docx_fields import TableOfContents, WordFootnotes, update_fields_on_open
from briefing_app.ui.printing.docx_text import ChapterNotes, add_html, fill, html_runs, plain
from briefing_app.ui.printing.paginate import FigureRenderer

FIGURE_DPI = 300  # the charts are laid out for print at this resolution (see figures.PRINT_DPI)
PAGE_MM = (210.0, 297.0)  # A4, portrait width and height
MARGIN_MM = (20.0, 18.0)  # left and right, top and bottom
TEXT_WIDTH_MM = PAGE_MM[0] - 2 * MARGIN_MM[0]
COVER_DROP_MM = 70.0  # the cover's marking and title stand this far below the top margin
OWN_PAGE_CAPTION_MM = 16.0  # below a figure that has a landscape page of its own
MIN_COLUMN_MM = 11.0  # a 'Note' column holds its heading on one line


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.append(cant_split)


def _full_width(table) -> None:  # type: ignore[no-untyped-def]
    """The table spans the text column (LibreOffice otherwise shrinks it to its narrowest)."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")


def _keep_rows_whole(row) -> None:  # type: ignore[no-untyped-def]
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant_split)


def _image_png(figure: Figure, render_figure: FigureRenderer, width_mm: float, aspect: float) -> bytes | None:
    width = round(width_mm / 25.4 * FIGURE_DPI)
    image = render_figure(figure, width, round(width * aspect))
    if image is None or image.isNull():
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def _page_png(figure: Figure, render_figure: FigureRenderer, width_mm: float, height_mm: float) -> bytes | None:
    """A figure with a page of its own (the map with its key beside it), drawn as the PDF draws it."""
    paint_page = getattr(render_figure, "paint_page", None)
    if paint_page is None:
        return _image_png(figure, render_figure, width_mm, height_mm / width_mm)
    dots_per_metre = round(FIGURE_DPI / 0.0254)
    image = QImage(round(width_mm / 25.4 * FIGURE_DPI), round(height_mm / 25.4 * FIGURE_DPI),
                   QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        paint_page(figure, painter, QRectF(0, 0, image.width(), image.height()))
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def _set_page(section, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(PAGE_MM[1]), Mm(PAGE_MM[0])
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin = section.right_margin = Mm(MARGIN_MM[0])
    section.top_margin = section.bottom_margin = Mm(MARGIN_MM[1])


def chapter_notes(blocks: list[Block]) -> tuple[dict[int, tuple[str, ...]], set[int]]:
    """For each block, the notes of its chapter (listed by the notes block that ends it); and the blocks the Word
    document leaves out because its notes are footnotes (each chapter's "Notes" heading and list)."""
    notes: dict[int, tuple[str, ...]] = {}
    skip: set[int] = set()
    pending: list[int] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Text) and block.notes:
            for earlier in pending:
                notes[earlier] = block.notes
            pending = []
            skip.add(index)
            before = blocks[index - 1] if index else None
            if isinstance(before, Heading) and before.level == 4:
                skip.add(index - 1)
        else:
            pending.append(index)
    return notes, skip


class _WordBook:
    """Writes a sheet's blocks into a python-docx Document."""

    def __init__(self, sheet: BriefingSheet, render_figure: FigureRenderer, marking: str) -> None:
        self.sheet = sheet
        self.render_figure = render_figure
        self.document = document = Document()
        _set_page(document.sections[0], landscape=False)
        styles = document.styles
        styles["Normal"].font.name = "DejaVu Sans"
        styles["Normal"].font.size = Pt(10)
        mark = printed_marking(marking)
        for part in (document.sections[0].header, document.sections[0].footer):
            paragraph = part.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if mark:
                run = paragraph.add_run(mark)
                run.bold = True
        self.notes = ChapterNotes(WordFootnotes(document))
        self.contents = TableOfContents(document, TEXT_WIDTH_MM)
        self.has_contents = False
        self.figures = 0
        self.waiting: list[Figure] = []  # pages of their own, placed at the next page break (as in the PDF)
        self.break_paragraph: Paragraph | None = None  # a page break with nothing after it yet

    def write(self) -> None:
        blocks = list(self.sheet.blocks)
        notes, skip = chapter_notes(blocks)
        for index, block in enumerate(blocks):
            if index in skip:
                continue
            self.notes.chapter = notes.get(index, ())
            if isinstance(block, PageBreak):
                self._page_break()
                continue
            if isinstance(block, Figure) and block.own_page:
                self.waiting.append(block)
                continue
            self.break_paragraph = None
            self._block(block)
        self._own_pages()
        if self.has_contents:
            self.contents.write()
            update_fields_on_open(self.document)
        self.document.core_properties.title = self.sheet.title
        self.document.core_properties.subject = self.sheet.subject

    def _page_break(self) -> None:
        if self.waiting:
            self._own_pages()
            return  # the portrait section after the map starts on a new page
        if self.break_paragraph is None:
            self.break_paragraph = self.document.add_paragraph()
            self.break_paragraph.add_run().add_break(WD_BREAK.PAGE)

    def _own_pages(self) -> None:
        """Each waiting figure on a landscape section of its own (a section break before and after it), the
        map filling the page with its key beside it, then portrait again."""
        if not self.waiting:
            return
        if self.break_paragraph is not None:  # the section break starts the new page
            element = self.break_paragraph._p
            element.getparent().remove(element)
            self.break_paragraph = None
        for figure in self.waiting:
            _set_page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
            width = PAGE_MM[1] - 2 * MARGIN_MM[0]
            height = PAGE_MM[0] - 2 * MARGIN_MM[1] - OWN_PAGE_CAPTION_MM
            png = _page_png(figure, self.render_figure, width, height)
            if png is not None:
                self.figures += 1
                picture = self.document.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                picture.paragraph_format.keep_with_next = True
                picture.paragraph_format.space_after = Pt(0)
                picture.add_run().add_picture(io.BytesIO(png), width=Mm(width))
                self._caption(figure)
            _set_page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
        self.waiting = []

    def _caption(self, figure: Figure) -> None:
        caption = self.document.add_paragraph(style="Caption")
        for _kind, runs in html_runs(figure.caption_html):
            fill(caption, runs, notes=self.notes)

    def _block(self, block: Block) -> None:
        document = self.document
        if isinstance(block, Cover):
            self._cover(block)
        elif isinstance(block, Contents):
            document.add_heading(block.title, 1)
            self.contents.place(document.add_paragraph())
            self.has_contents = True
        elif isinstance(block, Heading):
            level = min(max(block.level, 1), 4)
            heading = document.add_heading(block.text, level)
            heading.paragraph_format.keep_with_next = True
            if self.has_contents and level <= 2:  # what Word's TOC field (\o "1-2") lists
                self.contents.mark(heading, block.text, level)
        elif isinstance(block, Text):
            add_html(document, block.html, self.notes)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            width = TEXT_WIDTH_MM * block.width
            png = _image_png(block, self.render_figure, width, block.aspect)
            if png is None:
                return
            self.figures += 1
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(io.BytesIO(png), width=Mm(width))
            self._caption(block)

    def _cover(self, block: Cover) -> None:
        """The cover: marking, title and lines centred, a third of the way down the page, the notice below."""
        document = self.document
        first = document.add_paragraph()
        first.paragraph_format.space_before = Mm(COVER_DROP_MM)
        if block.marking:
            first.add_run(block.marking).bold = True
        title = document.add_paragraph(block.title, style="Title")
        title.paragraph_format.space_before = Pt(12)
        lines = [title]
        for index, line in enumerate(block.lines):
            text = plain(line)
            if text:
                paragraph = document.add_paragraph()
                run = paragraph.add_run(text)
                if index == 0:
                    run.font.size = Pt(14)
                lines.append(paragraph)
        if block.notice_html:
            notice = document.add_paragraph()
            notice.paragraph_format.space_before = Pt(18)
            fill(notice, [(plain(block.notice_html), {"bold": False, "italic": False, "sup": False, "small": True})])
            lines.append(notice)
        for paragraph in (first, *lines):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _table(self, block: Table) -> None:
        block = _notes_into_cells(block) if self.notes.chapter else block
        table = self.document.add_table(rows=1, cols=len(block.columns))
        table.style = "Table Grid"
        table.autofit = False
        _full_width(table)
        total = sum(c.width for c in block.columns) or 1.0
        for column, spec in zip(table.columns, block.columns, strict=True):
            column.width = Mm(max(TEXT_WIDTH_MM * spec.width / total, MIN_COLUMN_MM))
        header = table.rows[0]
        _repeat_header(header)
        for cell, column in zip(header.cells, block.columns, strict=True):
            cell.width = Mm(max(TEXT_WIDTH_MM * column.width / total, MIN_COLUMN_MM))
            run = cell.paragraphs[0].add_run(column.title)
            run.bold = True
        for values in block.rows:
            row = table.add_row()
            _keep_rows_whole(row)
            for cell, column, value in zip(row.cells, block.columns, values, strict=True):
                cell.width = Mm(max(TEXT_WIDTH_MM * column.width / total, MIN_COLUMN_MM))
                add_html(cell, value, self.notes)
                if column.align == "right":
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.document.add_paragraph()


def _notes_into_cells(table: Table) -> Table:
    """The table without its narrow "Note" columns: each row's note number goes to the end of the first cell of
    its group (a footnote mark there), which gives the text the room."""
    kept: list[int] = []
    into: dict[int, int] = {}
    group_start = 0
    for index, column in enumerate(table.columns):
        if (column.title, column.align) == (NOTE_COLUMN.title, NOTE_COLUMN.align):  # not a "Note" of text
            into[index] = group_start
            group_start = index + 1
        else:
            kept.append(index)
    if not into:
        return table
    rows = []
    for row in table.rows:
        cells = list(row)
        for note, target in into.items():
            cells[target] = cells[target] + cells[note]
        rows.append(tuple(cells[i] for i in kept))
    return Table(tuple(table.columns[i] for i in kept), rows)


def sheet_document(sheet: BriefingSheet, render_figure: FigureRenderer, *, marking: str = ""):  # type: ignore[no-untyped-def]
    """The sheet as a python-docx Document (not yet saved)."""
    book = _WordBook(sheet, render_figure, marking)
    book.write()
    return book.document


def write_docx(sheet: BriefingSheet, path: Path, render_figure: FigureRenderer, *, marking: str = "") -> None:
    document = sheet_document(sheet, render_figure, marking=marking)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(path, buffer.getvalue())
