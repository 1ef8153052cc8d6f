"""Help: an offline user guide (F1), the list of keyboard shortcuts (Ctrl+/) and an About box that fits the screen.

Everything is in the app: nothing is fetched. The shortcuts list is read from the window's own actions, so it
never disagrees with what the keys do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing_app import APP_TITLE, __version__
from briefing_app.reports.formatting import esc
from briefing_app.ui.tabs import TABS

if TYPE_CHECKING:
    from briefing_app.ui.window_frame import WindowFrame

#: keys that work inside one list or field, not through a menu action: (keys, what they do, where)
WIDGET_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Enter", "Open the selected item, bookmark or search result", "Lists, search"),
    ("Up / Down", "Move through search results and lists", "Lists, search"),
    ("Escape", "Close the search results or a dialog", "Search, dialogs"),
    ("Tab / Shift+Tab", "Move to the next / previous field, list or button", "Everywhere"),
    ("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous tab", "Everywhere"),
    ("Menu key / Shift+F10", "The item's menu (open, bookmark, print, copy)", "Lists, map"),
    ("Delete", "Remove the selected bookmarks (Undo brings them back)", "Bookmarks"),
    ("Ctrl+Shift+Up / Down", "Move the selected bookmarks up or down the print order", "Bookmarks"),
    ("+ / - / 0", "Zoom the map in, out, to the whole map", "Corridors map"),
)


def guide_html() -> str:
    """The user guide: what each tab is for, how to search, bookmark, print and make a briefing book."""
    tabs = "".join(f"<li><b>{esc(t.title.replace('&', ''))}</b> (Ctrl+{n}): {esc(t.description)}.</li>"
                   for n, t in enumerate(TABS, start=1))
    return f"""
<h2>{APP_TITLE}: user guide</h2>
<p>{APP_TITLE} is an offline briefing on the SCO summit in Astana, 4 July 2024. Every fact shows where it comes
from: a paragraph of President Tokayev's address (¶<i>N</i>) or a numbered source. Nothing needs the network.</p>
<h3>The tabs</h3>
<ul>{tabs}</ul>
<p>Click a line, a card, a bar of a chart or a place on the map to open it; Back (Alt+Left) and Forward
(Alt+Right) go through what you opened, like a web browser.</p>
<h3>Search</h3>
<p>Press <b>Ctrl+F</b> (or Ctrl+K) and type: names, places, topics, words of the address. Results show as you
type; <b>Up</b>/<b>Down</b> choose one and <b>Enter</b> opens it in its tab (a corridor is framed and selected on
the map, a paragraph is shown in the address).</p>
<h3>Bookmarks, notes and tags</h3>
<p>Press <b>Ctrl+D</b> (or ☆ Bookmark in a detail pane, or the right-click menu) to star the item you are
reading. On the <b>Bookmarks</b> tab, select a bookmark to write its note and tags: they are saved as you type.
Filter with words or <i>#tag</i>, group by tag or kind, and remove with <b>Delete</b>; <b>Ctrl+Z</b> brings a
removed bookmark back with its note. <b>Export</b> writes a JSON file (to move bookmarks to another computer,
where <b>Import</b> reads it) or Markdown (to paste into mail; it cannot be imported back).</p>
<h3>Print and PDF</h3>
<p><b>File › Print…</b> (Ctrl+P) prints the tab on screen as a briefing sheet, with a preview first;
<b>Print Selection…</b> prints the selected items, and the Bookmarks tab prints your bookmarks with their notes.
<b>Export PDF…</b> (Ctrl+Shift+E) saves the same sheet as a PDF. <b>Page Setup…</b> sets the paper and the
handling marking.</p>
<h3>Compose a briefing book</h3>
<p><b>File › Print Briefing Book…</b> (or <b>Export Briefing Book as PDF…</b>) makes the whole briefing in one
document: a cover, contents, every section, the cited paragraphs of the address and the sources. To make a
shorter book of your own, bookmark the items you need, put them in order on the Bookmarks tab (Ctrl+Shift+Up and
Down), add notes, and print the bookmarks.</p>
<h3>Display</h3>
<p><b>View › Theme</b> chooses System, Light or Dark; the choice is remembered. The window works from 1024×600
up, and at any scaling; the map's key and disclaimer fold away to leave room for the map.</p>
<h3>Keyboard</h3>
<p>Everything can be done with the keyboard: <b>Help › Keyboard Shortcuts</b> (Ctrl+/) lists the keys.</p>
"""


def shortcut_rows(window: WindowFrame) -> list[tuple[str, str, str]]:
    """(keys, action, where) for every window action with a shortcut, then the keys of lists and fields."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for action in window.findChildren(QAction):
        keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()]
        name = action.text().replace("&", "").rstrip("…").strip()
        if not keys or not name or action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            continue
        text = " or ".join(keys)
        if text in seen:
            continue
        seen.add(text)
        rows.append((text, name, "Everywhere"))
    rows.sort(key=lambda row: (row[1].casefold()))
    return rows + list(WIDGET_KEYS)


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Size a dialog to (width, height), or to 90% of the screen it is on if that is smaller."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() * 9 // 10)
        height = min(height, area.height() * 9 // 10)
    dialog.resize(width, height)


class _TextDialog(QDialog):
    def __init__(self, title: str, html: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(name)
        self.html = html
        self.browser = QTextBrowser()
        self.browser.setObjectName(f"{name}-text")
        self.browser.setAccessibleName(title)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


class UserGuideDialog(_TextDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(f"{APP_TITLE}: user guide", guide_html(), "user-guide", parent)
        fit_to_screen(self, 720, 760)


class ShortcutsDialog(QDialog):
    def __init__(self, window: WindowFrame) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("keyboard-shortcuts")
        rows = shortcut_rows(window)
        table = QTableWidget(len(rows), 3)
        table.setObjectName("shortcuts-table")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Keys", "Action", "Where"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Every action of the menus, and the keys of lists and fields:"))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 640)


def about_html(window: WindowFrame) -> str:
    info = window.services.briefing.pack_info()
    credits = "".join(f"<li><b>{esc(c.name)}</b> ({esc(c.licence)}): {esc(c.used_for)}</li>" for c in info.credits)
    primary = [d for d in info.documents if d.primary]
    documents = "".join(f"<li>{esc(d.title)} — {esc(d.publisher)} {esc(d.date)}</li>" for d in primary)
    others = len(info.documents) - len(primary)
    if others:
        documents += f"<li>{others} other publications, listed in the briefing book's Sources appendix</li>"
    provenance = "".join(f"<li><b>{esc(p.name)}</b>: {esc(p.detail)}</li>" for p in info.provenance)
    return (
        f"<h3>{APP_TITLE} {__version__}</h3>"
        f"<p>An offline briefing: {esc(info.title)} (pack {esc(info.id)} {esc(info.version)}).</p>"
        f"<p><b>Sources</b></p><ul>{documents}</ul>"
        f"<p><b>Data and licences</b></p><ul>{credits}</ul>"
        + (f"<p><b>Data provenance</b></p><ul>{provenance}</ul>" if provenance else "")
        + "<p>Built with Qt for Python (LGPLv3), pyqtgraph (MIT), SQLAlchemy (MIT), Alembic (MIT), "
        "pydantic (MIT), PyYAML (MIT), platformdirs (MIT).</p>"
        f"<p><i>{esc(info.disclaimer)}</i></p>"
    )


class AboutDialog(_TextDialog):
    """The About box: the sources and licences scroll; the dialog and its button stay on the screen."""

    def __init__(self, window: WindowFrame) -> None:
        super().__init__(f"About {APP_TITLE}", about_html(window), "about", window)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok)
        fit_to_screen(self, 620, 560)


def install_help(window: WindowFrame) -> None:
    """Add User Guide (F1) and Keyboard Shortcuts (Ctrl+/) to the Help menu, before About."""
    guide = QAction("&User Guide", window)
    guide.setObjectName("user-guide-action")
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    if QKeySequence("F1") not in guide.shortcuts():
        guide.setShortcuts([QKeySequence("F1"), *guide.shortcuts()])
    guide.triggered.connect(lambda: _show(window, "_guide_dialog", lambda: UserGuideDialog(window)))
    keys = QAction("&Keyboard Shortcuts", window)
    keys.setObjectName("shortcuts-action")
    keys.setShortcut(QKeySequence("Ctrl+/"))
    keys.triggered.connect(lambda: _show(window, "_shortcuts_dialog", lambda: ShortcutsDialog(window)))
    window.help_menu.insertAction(window.about_action, guide)
    window.help_menu.insertAction(window.about_action, keys)
    window.help_menu.insertSeparator(window.about_action)


def _show(window: WindowFrame, attribute: str, make) -> QDialog:  # type: ignore[no-untyped-def]
    """Show a help window (one of each, kept while the main window lives), raised if already open."""
    dialog = getattr(window, attribute, None)
    if dialog is None:
        dialog = make()
        setattr(window, attribute, dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
