"""Printing from the window: the File menu's actions, the print preview, Export PDF, Page Setup remembered, and
Print… requests from item panes and the Bookmarks tab. Dialogs are patched where this module looks them up."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter

from briefing_app.ui.printing import actions
from briefing_app.ui.printing.page_setup import PageSetup
from tests.conftest import save_screenshot


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _action(window, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.file_menu.actions() if a.text().replace("&", "") == text)


def test_file_menu_offers_print_and_export_with_their_shortcuts(window) -> None:
    names = [a.text().replace("&", "") for a in window.file_menu.actions() if not a.isSeparator()]
    assert names[:7] == ["Print…", "Print Selection…", "Print Briefing Book…", "Export PDF…",
                         "Export Briefing Book as PDF…", "Compose Briefing Book…", "Page Setup…"]
    assert names[-1] == "Quit"
    # the Print… of item panes and context menus is live
    assert window.context.print_requests.is_connected()
    assert _action(window, "Print…").shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert _action(window, "Export PDF…").shortcut().toString() == "Ctrl+Shift+E"


def _close(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.close()


def _print_preview_to(dialog, path: Path) -> int:  # type: ignore[no-untyped-def]
    """Print what the preview shows into a PDF file, as its Print button would."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(dialog.printer_ref.pageLayout())
    dialog.paintRequested.emit(printer)
    return len(PdfReader(str(path)).pages)


def test_ctrl_p_previews_the_current_tab(window, qtbot, tmp_path: Path) -> None:
    # Given the Members tab on screen
    window.navigator.open("tab:members")
    # When Print… is chosen
    _action(window, "Print…").trigger()
    dialog = window.print_controller.last_preview
    # Then a preview of the members sheet opens
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert "Members" in dialog.windowTitle()
    save_screenshot(dialog, "print-preview-members")
    pages = _print_preview_to(dialog, tmp_path / "members.pdf")
    assert pages >= 2
    text = _text(tmp_path / "members.pdf")
    assert "Kazakhstan" in text and "Page 1 of" in text and "UNCLASSIFIED" in text
    _close(dialog)


def test_without_a_printer_the_preview_prints_to_pdf(window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "printers_installed", lambda: False)
    window.print_controller.print_current()
    dialog = window.print_controller.last_preview
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.printer_ref.outputFormat() == QPrinter.OutputFormat.PdfFormat
    assert "no printer installed" in dialog.windowTitle()
    _close(dialog)


def test_export_pdf_writes_the_current_tab_and_remembers_the_folder(window, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window.navigator.open("tab:priorities")
    target = tmp_path / "priorities"  # no suffix: .pdf is added
    monkeypatch.setattr(actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    _action(window, "Export PDF…").trigger()
    written = tmp_path / "priorities.pdf"
    assert written.is_file()
    assert "Expanding trade and economic ties" in _text(written)
    assert window.settings.value("print/last_folder") == str(tmp_path)
    assert "Saved" in window.statusBar().currentMessage()


def test_export_to_a_missing_folder_says_why_and_writes_nothing(window, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "gone" / "x.pdf"
    monkeypatch.setattr(actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    warnings: list[str] = []
    monkeypatch.setattr(actions.QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    assert window.print_controller.export_current() is None
    assert warnings and "does not exist" in warnings[0]
    assert not target.parent.exists()


def test_cancelled_export_writes_nothing(window, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert window.print_controller.export_current() is None


def test_page_setup_is_remembered_and_used_for_export(window, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the user chooses US Letter, landscape, and a marking in Page Setup
    def accept(dialog) -> bool:  # type: ignore[no-untyped-def]
        dialog.paper.setCurrentIndex(dialog.paper.findData("Letter"))
        dialog.landscape.setChecked(True)
        dialog.marking.setText("OFFICIAL  USE ONLY")
        return True

    monkeypatch.setattr(actions.PageSetupDialog, "exec", accept)
    chosen = window.print_controller.edit_page_setup()
    assert chosen == PageSetup("Letter", True, "OFFICIAL USE ONLY", chosen.printed_on)
    # Then the settings keep it, and the next PDF uses it
    assert PageSetup.load(window.settings).paper == "Letter"
    out = tmp_path / "overview.pdf"
    monkeypatch.setattr(actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    window.navigator.open("tab:overview")
    window.print_controller.export_current()
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    assert _text(out).count("OFFICIAL USE ONLY") >= 2 * len(reader.pages)


def test_an_empty_marking_falls_back_to_the_packs(window, monkeypatch: pytest.MonkeyPatch) -> None:
    def accept(dialog) -> bool:  # type: ignore[no-untyped-def]
        dialog.marking.setText("   ")
        return True

    monkeypatch.setattr(actions.PageSetupDialog, "exec", accept)
    assert window.print_controller.edit_page_setup().marking == "UNCLASSIFIED"


def test_print_button_of_an_item_previews_that_item(window, qtbot, tmp_path: Path) -> None:
    window.context.print_requests.request_items(["corridor:trans-caspian"])
    dialog = window.print_controller.last_preview
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert "Trans-Caspian" in dialog.windowTitle()
    _print_preview_to(dialog, tmp_path / "item.pdf")
    assert "Aktau" in _text(tmp_path / "item.pdf")
    _close(dialog)


def test_print_of_chosen_bookmarks_keeps_the_users_order_and_notes(window, services, qtbot, tmp_path: Path) -> None:
    services.bookmarks.add("member:kaz", note="First note")
    services.bookmarks.add("member:chn", note="Second note")
    services.bookmarks.add("member:ind", note="Not chosen")
    services.bookmarks.reorder(["member:chn", "member:kaz", "member:ind"])
    window.context.print_requests.request_bookmarks(["member:kaz", "member:chn"])
    dialog = window.print_controller.last_preview
    qtbot.waitUntil(lambda: dialog.isVisible())
    _print_preview_to(dialog, tmp_path / "bookmarks.pdf")
    text = _text(tmp_path / "bookmarks.pdf")
    assert text.index("Second note") < text.index("First note")
    assert "Not chosen" not in text
    _close(dialog)


def test_nothing_to_print_is_said_in_the_status_bar(window) -> None:
    window.navigator.open("tab:bookmarks")
    assert window.print_controller._preview(window.print_controller.current_sheet) is None
    assert "no bookmarks" in window.statusBar().currentMessage()


def test_no_marking_in_page_setup_prints_no_marking(window, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    def accept(dialog) -> bool:  # type: ignore[no-untyped-def]
        dialog.no_marking.setChecked(True)
        assert not dialog.marking.isEnabled()
        return True

    monkeypatch.setattr(actions.PageSetupDialog, "exec", accept)
    assert window.print_controller.edit_page_setup().marking == "none"
    out = tmp_path / "overview.pdf"
    monkeypatch.setattr(actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    window.navigator.open("tab:overview")
    window.print_controller.export_current()
    text = _text(out)
    assert "UNCLASSIFIED" not in text and "none" not in text.split() and "Page 1 of" in text


def test_compose_briefing_book_opens_the_composer(window) -> None:
    _action(window, "Compose Briefing Book…").trigger()
    composer = window.print_controller.composer
    assert composer.isVisible() and composer.windowTitle() == "Compose Briefing Book"
    composer.close()
