"""The File menu's printing: Print… (preview of the current tab), Print Selection…, Print Briefing Book…,
Export PDF…, Page Setup…, and the Print… requests of item panes, context menus and the Bookmarks tab.

The page setup (paper, orientation, marking) is remembered in the window's settings. With no printer
installed, printing from the preview saves a PDF.
"""

from __future__ import annotations

import logging
import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefing_app.services.briefing import UnknownItemError
from briefing_app.ui.printing.dialogs import PageSetupDialog
from briefing_app.ui.printing.page_setup import PageSetup

# The sheets, their layout and Qt's print support are imported when something is first printed, not when the
# window opens: they are not needed for its first paint.
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from briefing_app.reports.sheet import BriefingSheet
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.render import RunningText
    from briefing_app.ui.window_frame import WindowFrame

log = logging.getLogger(__name__)


def install_print_actions(window: WindowFrame) -> PrintController:
    """Add the printing actions to the File menu and listen to every Print… request of the views."""
    controller = PrintController(window)
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, controller.actions())  # type: ignore[arg-type]
    if first is not None and not first.isSeparator():
        menu.insertSeparator(first)
    requests = window.context.print_requests
    requests.items_requested.connect(controller.print_items)
    requests.bookmarks_requested.connect(controller.print_bookmarks)
    return controller


def printers_installed() -> bool:
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinterNames())


class PrintController(QObject):
    def __init__(self, window: WindowFrame) -> None:
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.last_preview: QPrintPreviewDialog | None = None
        self.default_marking = self.services.briefing.pack_info().marking

        self.print_action = QAction("&Print…", window)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setStatusTip("Print the current tab as a briefing sheet, with a preview first")
        self.print_action.triggered.connect(self.print_current)
        self.print_selection_action = QAction("Print &Selection…", window)
        self.print_selection_action.setStatusTip("Print the selected items as a briefing sheet")
        self.print_selection_action.triggered.connect(self.print_selection)
        self.print_book_action = QAction("Print Briefing &Book…", window)
        self.print_book_action.setStatusTip("Print the whole briefing: cover, contents, every section, sources")
        self.print_book_action.triggered.connect(self.print_book)
        self.export_action = QAction("&Export PDF…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setStatusTip("Save the current tab as a PDF briefing sheet")
        self.export_action.triggered.connect(self.export_current)
        self.export_book_action = QAction("Export Briefing Book as P&DF…", window)
        self.export_book_action.triggered.connect(self.export_book)
        self.page_setup_action = QAction("Page Set&up…", window)
        self.page_setup_action.setStatusTip("Paper, orientation and the handling marking of printed sheets")
        self.page_setup_action.triggered.connect(self.edit_page_setup)

    @cached_property
    def figures(self) -> FigureRenderer:
        from briefing_app.ui.printing.figures import FigureRenderer

        return FigureRenderer(self.services)

    @cached_property
    def running(self) -> RunningText:
        from briefing_app.ui.printing.render import RunningText

        info = self.services.briefing.pack_info()
        return RunningText(info.title, f"{info.id} {info.version}")

    def actions(self) -> list[QAction]:
        return [self.print_action, self.print_selection_action, self.print_book_action, self.export_action,
                self.export_book_action, self.page_setup_action]

    # --- what to print ------------------------------------------------------------------------------

    def current_tab_key(self) -> str:
        from briefing_app.ui.tabs import TAB_KEYS

        return TAB_KEYS[self.window.tabs.currentIndex()]

    def current_sheet(self) -> BriefingSheet:
        """The sheet of the tab on screen: its section, the bookmarks, or the address."""
        from briefing_app.reports.sheets import SECTIONS, bookmarks_sheet, section_sheet, source_sheet

        key = self.current_tab_key()
        briefing = self.services.briefing
        if key in SECTIONS:
            return section_sheet(briefing, key)
        if key == "bookmarks":
            return bookmarks_sheet(briefing, self.services.bookmarks)
        return source_sheet(briefing)

    def selection_sheet(self) -> BriefingSheet:
        from briefing_app.reports.sheets import bookmarks_sheet, items_sheet

        ids = self.window.current_panel().selected_item_ids()
        if self.current_tab_key() == "bookmarks":
            return bookmarks_sheet(self.services.briefing, self.services.bookmarks, item_ids=ids or [])
        return items_sheet(self.services.briefing, ids, highlights=self.services.highlights)

    def book_sheet(self) -> BriefingSheet:
        from briefing_app.reports.book import briefing_book

        setup = self.page_setup()
        return briefing_book(self.services.briefing, printed_on=f"{setup.printed_on.day} {setup.printed_on:%B %Y}",
                             marking=setup.marking)

    # --- actions ------------------------------------------------------------------------------------

    def print_current(self) -> None:
        self._preview(self.current_sheet)

    def print_selection(self) -> None:
        self._preview(self.selection_sheet)

    def print_book(self) -> None:
        self._preview(self.book_sheet)

    def print_items(self, item_ids: list[str]) -> None:
        from briefing_app.reports.sheets import items_sheet

        self._preview(lambda: items_sheet(self.services.briefing, item_ids, highlights=self.services.highlights))

    def print_bookmarks(self, item_ids: list[str]) -> None:
        from briefing_app.reports.sheets import bookmarks_sheet

        self._preview(lambda: bookmarks_sheet(self.services.briefing, self.services.bookmarks, item_ids=item_ids))

    def preview_sheet(self, build) -> QPrintPreviewDialog | None:  # type: ignore[no-untyped-def]
        """Print preview of any sheet ``build()`` makes (the pack digest)."""
        return self._preview(build)

    def export_current(self) -> Path | None:
        return self._export(self.current_sheet)

    def export_book(self) -> Path | None:
        return self._export(self.book_sheet)

    def edit_page_setup(self) -> PageSetup | None:
        dialog = PageSetupDialog(self.page_setup(), self.default_marking, self.window)
        if not dialog.exec():
            return None
        chosen = dialog.page_setup()
        chosen.save(self.window.settings, self.default_marking)
        self.window.statusBar().showMessage(
            f"Printing on {chosen.paper}{' landscape' if chosen.landscape else ''}, marked {chosen.marking}", 4000)
        return chosen

    def page_setup(self) -> PageSetup:
        return PageSetup.load(self.window.settings, self.default_marking)

    # --- preview and PDF ----------------------------------------------------------------------------

    def _build(self, build) -> BriefingSheet | None:  # type: ignore[no-untyped-def]
        from briefing_app.reports.sheets import EmptySheetError

        try:
            return build()
        except (EmptySheetError, UnknownItemError) as exc:
            self.window.statusBar().showMessage(f"Nothing to print: {exc}", 5000)
            return None

    def _preview(self, build) -> QPrintPreviewDialog | None:  # type: ignore[no-untyped-def]
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        sheet = self._build(build)
        if sheet is None:
            return None
        setup = self.page_setup()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(setup.page_layout())
        printer.setDocName(f"{sheet.title} — {self.running.briefing_title}")
        if not printers_installed():
            # No printer: the preview's Print button then asks where to save a PDF instead.
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle(f"Print Preview — {sheet.title}" + ("" if printers_installed() else
                                                                 " (no printer installed: printing saves a PDF)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.resize(1000, 800)
        dialog.paintRequested.connect(lambda device: self._paint(sheet, device, setup))
        dialog.finished.connect(lambda _result: self._remember(printer, setup))
        dialog.printer_ref = printer  # type: ignore[attr-defined]  # the dialog does not own its printer
        self.last_preview = dialog
        dialog.open()
        return dialog

    def _paint(self, sheet: BriefingSheet, printer: QPrinter, setup: PageSetup) -> None:
        from briefing_app.ui.printing.render import PrintDeviceError, print_sheet

        current = PageSetup.from_page_layout(printer.pageLayout(), setup.marking)
        try:
            print_sheet(sheet, printer, current, self.running, self.figures)
        except PrintDeviceError as exc:
            log.warning("printing failed: %s", exc)
            QMessageBox.warning(self.window, "Not printed", f"The sheet could not be printed: {exc}")

    def _remember(self, printer: QPrinter, setup: PageSetup) -> None:
        PageSetup.from_page_layout(printer.pageLayout(), setup.marking).save(self.window.settings,
                                                                            self.default_marking)

    def _export(self, build) -> Path | None:  # type: ignore[no-untyped-def]
        from briefing_app.ui.printing.pdf import check_output_path, write_pdf

        sheet = self._build(build)
        if sheet is None:
            return None
        settings = self.window.settings
        folder = settings.value("print/last_folder", "")
        if not isinstance(folder, str) or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        setup = self.page_setup()
        suggested = Path(folder) / f"{_file_stem(self.running.briefing_title, sheet.title)}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(self.window, "Export PDF", str(suggested),
                                                      "PDF documents (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = write_pdf(sheet, check_output_path(path), setup, self.running, self.figures)
        except OSError as exc:
            QGuiApplication.restoreOverrideCursor()
            message = exc.strerror and f"{exc.filename or path}: {exc.strerror}" or str(exc)
            QMessageBox.warning(self.window, "PDF not saved", f"The PDF was not saved: {message}")
            return None
        QGuiApplication.restoreOverrideCursor()
        settings.setValue("print/last_folder", str(path.parent))
        self.window.statusBar().showMessage(f"Saved {sheet.title} ({pages} pages) to {path}", 6000)
        return path


def _file_stem(briefing_title: str, sheet_title: str) -> str:
    text = f"{briefing_title} - {sheet_title}"
    return re.sub(r"[^\w\-]+", " ", text).strip().replace(" ", "-")[:120] or "briefing"
