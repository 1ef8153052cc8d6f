"""Briefing sheets as PDF files, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPdfWriter

from briefing_app import APP_TITLE, __version__
from briefing_app.reports.sheet import BriefingSheet
from briefing_app.services.files import check_replaceable, write_atomically
from briefing_app.ui.printing.page_setup import PageSetup
from briefing_app.ui.printing.paginate import FigureRenderer
from briefing_app.ui.printing.render import RunningText, print_sheet

PDF_RESOLUTION = 1200


def check_output_path(path: Path) -> Path:
    """The file a PDF may be written to; raises OSError with a clear message before any work is done."""
    path = path.expanduser()
    if path.is_dir():
        raise OSError(f"{path} is a folder; give a file name such as {path / 'briefing.pdf'}")
    check_replaceable(path)  # never a device, a FIFO or a symbolic link
    folder = path.parent
    if not folder.is_dir():
        raise OSError(f"the folder {folder} does not exist; create it first or choose another place")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OSError(f"the folder {folder} is not writable; choose another place")
    if path.exists() and not os.access(path, os.W_OK):
        raise OSError(f"{path} exists and cannot be replaced (it is read-only)")
    return path


def render_pdf(sheet: BriefingSheet, setup: PageSetup, running: RunningText,
               render_figure: FigureRenderer) -> tuple[bytes, int]:
    """The sheet as the bytes of a PDF document, and its page count."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(setup.page_layout())
    writer.setTitle(f"{sheet.title} — {running.briefing_title}")
    writer.setCreator(f"{APP_TITLE} {__version__}")
    pages = print_sheet(sheet, writer, setup, running, render_figure)
    del writer
    buffer.close()
    return bytes(data.data()), pages


def write_pdf(sheet: BriefingSheet, path: Path, setup: PageSetup, running: RunningText,
              render_figure: FigureRenderer) -> int:
    """Print the sheet to a PDF file; returns the number of pages."""
    target = check_output_path(path)
    data, pages = render_pdf(sheet, setup, running, render_figure)
    write_atomically(target, data)
    return pages
