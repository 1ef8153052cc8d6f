"""A briefing sheet (the book) as an OpenDocument text file, written by Qt's own ODF writer
(``QTextDocumentWriter`` with the format "odf") from one QTextDocument holding the very blocks the PDF printer lays
out: the same rich text, the same style sheet, the charts and the map drawn by the same renderer as pictures.

What Qt's writer gives and what it does not is written down in ``docs/printing.md`` ("OpenDocument (.odt)"): the
contents list carries no page numbers, the chapter notes stay endnotes after each chapter, and the map is a
picture on a portrait page (Qt's text documents have one page format).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QTextDocument, QTextDocumentWriter

from briefing_app.reports.book import NOTE_COLUMN
from briefing_app.reports.formatting import esc
from briefing_app.reports.sheet import (
    SHEET_CSS,
    BriefingSheet,
    Column,
    Contents,
    Cover,
    Figure,
    PageBreak,
    Table,
    block_html,
)
from briefing_app.services.files import write_atomically
from briefing_app.ui.printing.flow import sheet_font
from briefing_app.ui.printing.paginate import FigureRenderer

FIGURE_DPI = 300
TEXT_WIDTH_MM = 170.0
ODT_NOTE_WIDTH = 0.075  # of a table whose columns add up to about 1
OWN_PAGE_ASPECT = 0.62  # the map, as wide as the text column
#: the PDF printer puts space above headings itself; one flowing document needs it in its style sheet
HEADING_SPACE_CSS = "h1 { margin-top: 14pt; } h2 { margin-top: 10pt; } h3 { margin-top: 7pt; } h4 { margin-top: 5pt; }"
#: a QTextDocument measures an image's width and height in pixels of a 96 dpi screen
POINTS_PER_MM = 96 / 25.4


def _figure_size(figure: Figure) -> tuple[float, float]:
    """Width and height in millimetres."""
    width = TEXT_WIDTH_MM * (1.0 if figure.own_page else figure.width)
    return width, width * (OWN_PAGE_ASPECT if figure.own_page else figure.aspect)


def sheet_text_document(sheet: BriefingSheet, render_figure: FigureRenderer) -> QTextDocument:
    """The sheet as one QTextDocument: its blocks' rich text in order, figures as image resources, a page break
    before each chapter that the PDF starts on a new page, and the contents as a list of the chapters."""
    document = QTextDocument()
    document.setDefaultStyleSheet(SHEET_CSS + HEADING_SPACE_CSS)
    document.setDefaultFont(sheet_font())
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, sheet.title)
    toc = [h for h in sheet.headings() if h.toc]
    parts = [f"<html><head><title>{esc(sheet.title)}</title></head><body>"]
    break_next = False
    for block in sheet.blocks:
        if isinstance(block, PageBreak):
            break_next = True
            continue
        if isinstance(block, Figure):
            width, height = _figure_size(block)
            image = render_figure(block, round(width / 25.4 * FIGURE_DPI), round(height / 25.4 * FIGURE_DPI))
            if image is None or image.isNull():
                continue
            url = f"figure:{block.key}"
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
            markup = (f'<p align="center"><img src="{esc(url)}" width="{width * POINTS_PER_MM:.0f}" '
                      f'height="{height * POINTS_PER_MM:.0f}"/></p><p class="small">{block.caption_html}</p>')
        elif isinstance(block, Contents):
            entries = "".join(f'<p style="margin-left: {12 * (h.level - 1)}pt">{esc(h.text)}</p>'
                              for h in toc if h.level <= 2)
            markup = f"<h1>{esc(block.title)}</h1>{entries}"
        elif isinstance(block, Table):
            markup = block_html(_wider_notes(block))
        else:
            markup = block_html(block)
        if break_next:
            markup = _break_before(markup)
            break_next = False
        parts.append(markup)
        break_next = isinstance(block, Cover | Contents)  # each on a page of its own
    parts.append("</body></html>")
    document.setHtml("\n".join(parts))
    return document


def _wider_notes(table: Table) -> Table:
    """LibreOffice pads cells more than the PDF printer: a "Note" column wide enough for its heading."""
    columns = tuple(Column(c.title, max(c.width, ODT_NOTE_WIDTH), c.align)
                    if (c.title, c.align) == (NOTE_COLUMN.title, NOTE_COLUMN.align) else c for c in table.columns)
    return Table(columns, table.rows) if columns != table.columns else table


def _break_before(markup: str) -> str:
    """The first paragraph or heading of ``markup`` starts a new page."""
    return re.sub(r"^<(h[1-4]|p|table)\b", r'<\1 style="page-break-before: always"', markup, count=1)


def odt_bytes(document: QTextDocument) -> bytes:
    """The document as written by Qt's ODF writer, with its table sizes repaired (:func:`repair_tables`)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, QByteArray(b"odf"))
    if not writer.write(document):
        raise OSError("Qt's OpenDocument writer could not write the book")
    buffer.close()
    return repair_tables(bytes(data.data()))


def _column_width(share: re.Match[bytes]) -> bytes:
    percent = float(share.group(1))
    return b'style:column-width="%.1fmm" style:rel-column-width="%d*"' % (TEXT_WIDTH_MM * percent / 100,
                                                                           round(percent * 100))


def repair_tables(odt: bytes) -> bytes:
    """Qt's writer (6.x) writes a table of width 100% as ``style:width="100pt"`` and each column's share as
    ``style:column-width="51%"``, which is not a length, so LibreOffice draws the tables 100 pt wide with columns
    of its own choosing. Here the tables span the text column (``table:align="margins"``) and the shares become
    column widths in millimetres with their relative weights. Only ``content.xml`` changes; the package is
    rewritten with ``mimetype`` first and stored, as ODF requires."""
    source = zipfile.ZipFile(io.BytesIO(odt))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "content.xml":
                data = re.sub(rb'(<style:table-properties [^>]*?)style:width="[\d.]+pt"',
                              rb'\1style:width="%dmm" table:align="margins"' % round(TEXT_WIDTH_MM), data)
                data = re.sub(rb'style:column-width="([\d.]+)%"', _column_width, data)
            stored = info.filename == "mimetype"
            target.writestr(info.filename, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_odt(sheet: BriefingSheet, path: Path, render_figure: FigureRenderer) -> None:
    """The sheet as an .odt file, written whole or not at all."""
    write_atomically(path, odt_bytes(sheet_text_document(sheet, render_figure)))

