"""File > Open Briefing Pack… and File > Switch Pack: install a signed pack file, show what a newer version changed,
and switch the window to another installed pack without restarting the app.

Switching rebuilds the content database from the chosen pack (services/packs.py), then replaces the main window by
a new one over freshly opened services, at the same place and tab; the old window and its services are closed.
Bookmarks live in the user database by item id, so they follow the reader from pack to pack.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from briefing_app.content.errors import PackError
from briefing_app.errors import UserError
from briefing_app.services import packs
from briefing_app.services.content import ContentUnavailableError
from briefing_app.services.pack_diff import PackDiff, diff_folders
from briefing_app.services.packs import InstallResult, PackServiceError

if TYPE_CHECKING:
    from briefing_app.ui.window_frame import WindowFrame as MainWindow

log = logging.getLogger(__name__)


def install_pack_actions(window: MainWindow) -> QMenu:
    """Add Open Briefing Pack… and the Switch Pack menu to the File menu, after printing and before Restore
    Bookmarks…; returns the Switch Pack menu."""
    first = window.restore_action
    open_action = QAction("&Open Briefing Pack…", window)
    open_action.setObjectName("open-pack-action")
    open_action.setStatusTip("Install a signed briefing pack file (.scopack) after checking its signature")
    open_action.triggered.connect(lambda _checked=False: choose_and_open(window))
    window.file_menu.insertAction(first, open_action)
    switch = QMenu("S&witch Pack", window)
    switch.setObjectName("switch-pack-menu")
    switch.aboutToShow.connect(lambda: fill_switch_menu(window, switch))
    window.file_menu.insertMenu(first, switch)
    window.file_menu.insertSeparator(first)
    return switch  # filled when it opens: listing reads the packs' manifests (YAML), not wanted at start-up


def fill_switch_menu(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    group = QActionGroup(menu)
    for entry in packs.list_packs():
        where = "shipped with the app" if entry.shipped else "installed"
        action = QAction(f"{entry.id} {entry.version} ({where})", menu)
        action.setObjectName(f"switch-pack-{entry.spec}")
        action.setCheckable(True)
        action.setChecked(entry.active)
        action.setActionGroup(group)
        action.triggered.connect(lambda _checked=False, e=entry: None if e.active else switch_pack(window, e))
        menu.addAction(action)


# --- messages (tests replace these) ------------------------------------------------------------------------


def warn(window: MainWindow, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def show_digest(window: MainWindow, digest: PackDiff) -> bool:
    """Show what changed; True if the reader chose to switch to the new version now."""
    return bool(digest_dialog(window, digest).exec())


def digest_dialog(window: MainWindow, digest: PackDiff):  # type: ignore[no-untyped-def]  # a PackDigestDialog
    """The digest dialog; its Print… button previews the digest sheet with the window's printing."""
    from briefing_app.reports.pack_digest import digest_sheet
    from briefing_app.ui.dialogs.pack_digest import PackDigestDialog

    controller = getattr(window, "print_controller", None)
    on_print = None if controller is None else lambda: controller.preview_sheet(lambda: digest_sheet(digest))
    return PackDigestDialog(digest, window, on_print)


def ask_switch(window: MainWindow, result: InstallResult) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Briefing pack installed",
                      f"{result.entry.spec} is installed. Switch to it now?", parent=window)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


# --- actions -----------------------------------------------------------------------------------------------


def choose_and_open(window: MainWindow) -> None:
    shipped = packs.shipped_pack_files()
    start = shipped[0].parent if shipped else Path.home()
    path, _filter = QFileDialog.getOpenFileName(window, "Open Briefing Pack", str(start),
                                                "Briefing packs (*.scopack);;All files (*)")
    if path:
        open_pack_file(window, Path(path))


def open_pack_file(window: MainWindow, path: Path) -> MainWindow | None:
    """Install the pack file (verified first); show the digest when it is a newer version of the active pack and
    switch if the reader wants. Returns the window now showing the briefing when it was replaced, else None."""
    try:
        result = packs.install(path)
    except PackServiceError as exc:
        warn(window, "Briefing pack refused", f"{exc}\n\nNothing was installed.")
        return None
    signer = result.signer
    note = "Unsigned." if signer is None else f"Signed by {signer.key.fingerprint}" + (
        f" ({packs.TEST_KEY_NOTE})." if signer.is_test_key else ".")
    window.statusBar().showMessage(f"Installed {result.entry.spec}. {note}", 15000)
    if result.previous is not None:
        marks = {b.item_id: b.note for b in window.services.bookmarks.list()}
        service = window.services.highlights
        passages = [(h.item_id, h.quote, h.note) for h in service.list()] if service is not None else []
        digest = diff_folders(result.previous.path, result.entry.path, marks, passages)
        wanted = show_digest(window, digest)
    else:
        wanted = ask_switch(window, result)
    return switch_pack(window, result.entry.spec) if wanted else None


def switch_pack(window: MainWindow, spec: str | packs.PackEntry) -> MainWindow | None:
    """Make ``spec`` the active pack and show it in a new window in place of this one; None if refused."""
    try:
        packs.use(spec)
    except (PackServiceError, PackError, UserError, ContentUnavailableError, OSError) as exc:
        warn(window, "Pack not switched", f"{exc}\n\nThe briefing shown is unchanged.")
        return None
    return replace_window(window)


def replace_window(old: MainWindow) -> MainWindow:
    """A new main window over freshly opened services, where the old one was; the old one is closed."""
    from briefing_app.services.app import open_services

    old.save_state()
    services = open_services()
    new = type(old)(services, old.settings)  # type: ignore[arg-type]  # a MainWindow: (services, settings)
    new.setGeometry(old.geometry())
    new.show()
    info = services.briefing.pack_info()
    new.statusBar().showMessage(f"Now showing {info.id} {info.version}; your bookmarks are kept.", 15000)
    old.replaced.emit(new)
    old.close()
    old.services.close()
    old.deleteLater()
    return new
