"""A briefing sheet (the book) as a Word document a ministry can edit: real headings (Heading 1-4, so Word's
navigation pane and table of contents work), real tables with a repeated header row, the charts and the map as
pictures with numbered captions, the sources as numbered endnote-style notes at the end of each chapter (as in the
PDF: a superscript number in the text, the chapter's "Notes" list after it), and the marking in the page header
and footer. Written whole or not at all (:func:`briefing_app.services.files.write_atomically`).
"""

from __future__ import annotations

import io
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from briefing_app.reports.sheet import (
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
from briefing_app.ui.printing.paginate import FigureRenderer

FIGURE_DPI = 200
TEXT_WIDTH_MM = 170.0
MIN_COLUMN_MM = 11.0  # a 'Note' column holds its heading on one line
MUTED = RGBColor(0x55, 0x55, 0x55)


class _Runs(HTMLParser):
    """The sheets' small HTML (p, br, b, i, sup, span class, ul/li) as paragraphs of styled runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, list[tuple[str, dict[str, bool]]]]] = []
        self._style: list[str] = []
        self._bold = self._italic = self._sup = self._small = 0
        self._current: list[tuple[str, dict[str, bool]]] | None = None
        self._kind = "p"

    def _open(self, kind: str = "p") -> None:
        self._current = []
        self._kind = kind
        self.paragraphs.append((kind, self._current))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        klass = dict(attrs).get("class") or ""
        if tag == "p":
            self._open("p-small" if klass in ("small", "meta", "ref") else "p")
        elif tag == "li":
            self._open("li")
        elif tag == "br":
            self._text("\n")
        elif tag == "b":
            self._bold += 1
        elif tag == "i":
            self._italic += 1
        elif tag == "sup":
            self._sup += 1
        self._style.append(klass if tag in ("span", "sup") else "")
        if tag == "span" and klass in ("meta", "ref", "small"):
            self._small += 1

    def handle_endtag(self, tag: str) -> None:
        klass = self._style.pop() if self._style else ""
        if tag == "b":
            self._bold -= 1
        elif tag == "i":
            self._italic -= 1
        elif tag == "sup":
            self._sup -= 1
        elif tag in ("p", "li"):
            self._current = None
        if tag == "span" and klass in ("meta", "ref", "small"):
            self._small -= 1

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        if self._current is None:
            if not data.strip():
                return
            self._open()
        assert self._current is not None
        self._current.append((data, {"bold": self._bold > 0, "italic": self._italic > 0, "sup": self._sup > 0,
                                     "small": self._small > 0}))


def _runs(html: str) -> list[tuple[str, list[tuple[str, dict[str, bool]]]]]:
    parser = _Runs()
    parser.feed(html.replace("&nbsp;", "\u00a0"))
    parser.close()
    return parser.paragraphs


def _fill(paragraph: Paragraph, runs: list[tuple[str, dict[str, bool]]], small: bool = False) -> None:
    for text, style in runs:
        run = paragraph.add_run(text)
        run.bold = style["bold"] or None
        run.italic = style["italic"] or None
        if style["sup"]:
            run.font.superscript = True
        if small or style["small"]:
            run.font.size = Pt(8)
            if not style["sup"]:
                run.font.color.rgb = MUTED


def _add_html(container, html: str) -> None:  # type: ignore[no-untyped-def]  # a Document or a table cell
    first = True
    for kind, runs in _runs(html):
        if container.__class__.__name__ == "_Cell" and first and container.paragraphs and \
                not container.paragraphs[0].text:
            paragraph = container.paragraphs[0]
        else:
            paragraph = container.add_paragraph(style="List Bullet" if kind == "li" else None)
        first = False
        _fill(paragraph, runs, small=kind == "p-small")


def _plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).replace("\u00a0", " ").strip()


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


def _toc_field(document) -> None:  # type: ignore[no-untyped-def]
    """A real table-of-contents field; Word and LibreOffice fill in the page numbers when they update it."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "Update this field (F9 in Word, Tools > Update in LibreOffice) for the page numbers."
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)


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


def sheet_document(sheet: BriefingSheet, render_figure: FigureRenderer, *, marking: str = ""):  # type: ignore[no-untyped-def]
    """The sheet as a python-docx Document (not yet saved)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(18)
    styles = document.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(10)
    mark = printed_marking(marking)
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if mark:
            run = paragraph.add_run(mark)
            run.bold = True
    figures = 0
    for block in sheet.blocks:
        if isinstance(block, Cover):
            if block.marking:
                document.add_paragraph().add_run(block.marking).bold = True
            document.add_paragraph(block.title, style="Title")
            for line in block.lines:
                text = _plain(line)
                if text:
                    document.add_paragraph(text)
            if block.notice_html:
                paragraph = document.add_paragraph()
                _fill(paragraph, [(_plain(block.notice_html), {"bold": False, "italic": False, "sup": False,
                                                                 "small": True})])
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Contents):
            document.add_heading(block.title, 1)
            _toc_field(document)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Heading):
            heading = document.add_heading(block.text, min(max(block.level, 1), 4))
            heading.paragraph_format.keep_with_next = True
        elif isinstance(block, Text):
            _add_html(document, block.html)
        elif isinstance(block, Table):
            table = document.add_table(rows=1, cols=len(block.columns))
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
                    _add_html(cell, value)
                    if column.align == "right":
                        for paragraph in cell.paragraphs:
                            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            document.add_paragraph()
        elif isinstance(block, Figure):
            width = TEXT_WIDTH_MM if block.own_page else TEXT_WIDTH_MM * block.width
            aspect = 0.62 if block.own_page else block.aspect
            png = _image_png(block, render_figure, width, aspect)
            if png is None:
                continue
            figures += 1
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(io.BytesIO(png), width=Mm(width))
            caption = document.add_paragraph(style="Caption")
            for kind, runs in _runs(block.caption_html):
                del kind
                _fill(caption, runs)
    document.core_properties.title = sheet.title
    document.core_properties.subject = sheet.subject
    return document


def write_docx(sheet: BriefingSheet, path: Path, render_figure: FigureRenderer, *, marking: str = "") -> None:
    document = sheet_document(sheet, render_figure, marking=marking)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(path, buffer.getvalue())
