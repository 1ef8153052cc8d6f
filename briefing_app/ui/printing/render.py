"""Painting a laid-out sheet on a printer or PDF writer, with the running header and footer on every page.

Header: the handling marking, then the briefing's title and the sheet's title over a rule. Footer: a rule,
the print date and the pack's id and version, "Page N of M", then the marking again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPageLayout, QPainter, QPen

from briefing_app.reports.sheet import BriefingSheet, printed_marking
from briefing_app.ui.printing.flow import RULE_COLOR, Metrics, sheet_font
from briefing_app.ui.printing.page_setup import PageSetup
from briefing_app.ui.printing.paginate import FigureRenderer, Layout, layout_sheet

HEADER_MM = 13.0
FOOTER_MM = 13.0
TEXT_COLOR = QColor("#333333")


class PrintDeviceError(OSError):
    """The printer or PDF writer refused to start or finish the job."""


@dataclass(frozen=True, slots=True)
class RunningText:
    """What the header and footer say besides the page numbers."""

    briefing_title: str
    pack_label: str  # "astana-2024 1.0.0"


def print_sheet(sheet: BriefingSheet, device: QPagedPaintDevice, setup: PageSetup, running: RunningText,
                render_figure: FigureRenderer) -> int:
    """Lay the sheet out on the device and paint every page; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintDeviceError("the printer or PDF file could not be opened for printing")
    try:
        dpi = float(device.logicalDpiY())
        mm = dpi / 25.4
        page = QRectF(0, 0, float(device.width()), float(device.height()))
        header = HEADER_MM * mm
        metrics = _metrics(device)
        layout = layout_sheet(sheet, metrics, render_figure)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        total = len(layout.pages)
        portrait = device.pageLayout().orientation()
        turned = _turned(portrait)
        for number, content in enumerate(layout.pages, start=1):
            wanted = turned if content.landscape else portrait
            if number > 1:
                if device.pageLayout().orientation() != wanted:
                    device.setPageOrientation(wanted)
                if not device.newPage():
                    raise PrintDeviceError("the printer or PDF file refused a new page")
            page = QRectF(0, 0, float(device.width()), float(device.height()))
            _paint_running_text(painter, page, mm, sheet, setup, running, number, total)
            for step in content.steps:
                step(painter, page.left(), page.top() + header)
        if device.pageLayout().orientation() != portrait:
            device.setPageOrientation(portrait)
    finally:
        if painter.isActive() and not painter.end():
            raise PrintDeviceError("the printer or PDF file could not be finished")
    return total


def layout_only(sheet: BriefingSheet, device: QPagedPaintDevice, render_figure: FigureRenderer) -> Layout:
    """The pagination the device would get, without painting (tests and the preview's page count)."""
    return layout_sheet(sheet, _metrics(device), render_figure)


def _turned(orientation: QPageLayout.Orientation) -> QPageLayout.Orientation:
    landscape = QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait if orientation == landscape else landscape


def _metrics(device: QPagedPaintDevice) -> Metrics:
    """The text column of the device's pages, and the body of a page of the other orientation (for the map)."""
    dpi = float(device.logicalDpiY())
    mm = dpi / 25.4
    chrome = (HEADER_MM + FOOTER_MM) * mm
    layout = QPageLayout(device.pageLayout())
    layout.setOrientation(_turned(layout.orientation()))
    other = layout.paintRectPixels(round(dpi))
    landscape = None
    if layout.orientation() == QPageLayout.Orientation.Landscape:
        landscape = (float(other.width()), float(other.height()) - chrome)
    return Metrics(device, float(device.width()), device.height() - chrome, sheet_font(), landscape)


def _paint_running_text(painter: QPainter, page: QRectF, mm: float, sheet: BriefingSheet, setup: PageSetup,
                        running: RunningText, number: int, total: int) -> None:
    painter.save()
    marking = printed_marking(setup.marking)
    marking_font = _font(painter, 9.5, bold=True)
    small = _font(painter, 8.0)
    line = QFontMetricsF(small, painter.device()).height()
    marking_height = QFontMetricsF(marking_font, painter.device()).height()

    # Top: the marking, then the briefing's title (left) and the sheet's title (right), then a rule.
    painter.setPen(QColor("#000000"))
    painter.setFont(marking_font)
    painter.drawText(QRectF(page.left(), page.top(), page.width(), marking_height),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, marking)
    painter.setFont(small)
    painter.setPen(TEXT_COLOR)
    row = QRectF(page.left(), page.top() + marking_height + 1.2 * mm, page.width(), line)
    half = page.width() * 0.5 - 2 * mm
    metrics = QFontMetricsF(small, painter.device())
    painter.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     metrics.elidedText(running.briefing_title, Qt.TextElideMode.ElideRight, half))
    painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     metrics.elidedText(sheet.title, Qt.TextElideMode.ElideMiddle, half))
    rule_y = row.bottom() + 1.0 * mm
    _rule(painter, page, rule_y, mm)

    # Bottom: a rule, the print date and pack (left) and the page number (right), then the marking.
    bottom = page.bottom()
    marking_row = QRectF(page.left(), bottom - marking_height, page.width(), marking_height)
    info_row = QRectF(page.left(), marking_row.top() - 1.2 * mm - line, page.width(), line)
    _rule(painter, page, info_row.top() - 1.0 * mm, mm)
    painter.setFont(small)
    painter.setPen(TEXT_COLOR)
    printed = f"Printed {setup.printed_on.day} {setup.printed_on:%B %Y} · Pack {running.pack_label}"
    painter.drawText(info_row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     metrics.elidedText(printed, Qt.TextElideMode.ElideRight, page.width() * 0.7))
    painter.drawText(info_row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     f"Page {number} of {total}")
    painter.setPen(QColor("#000000"))
    painter.setFont(marking_font)
    painter.drawText(marking_row, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, marking)
    painter.restore()


def _font(painter: QPainter, size: float, bold: bool = False) -> QFont:
    font = QFont(sheet_font(size), painter.device())
    font.setBold(bold)
    return font


def _rule(painter: QPainter, page: QRectF, y: float, mm: float) -> None:
    pen = QPen(RULE_COLOR)
    pen.setWidthF(0.25 * mm)
    painter.setPen(pen)
    painter.drawLine(QPointF(page.left(), y), QPointF(page.right(), y))
