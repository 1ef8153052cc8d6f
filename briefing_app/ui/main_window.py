"""The main window: tabs built on first show, menus, toolbar with Back, Forward and search."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing_app import APP_TITLE
from briefing_app.services.first_paint import is_first_paint
from briefing_app.ui.bookmark_shortcut import give_ctrl_d_to_bookmarks
from briefing_app.ui.bookmark_signals import BookmarkSignals
from briefing_app.ui.navigation import Navigator
from briefing_app.ui.panels.base import Panel, PanelContext, SourcesView
from briefing_app.ui.tabs import TAB_KEYS, TABS
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.ui.widgets.search_box import SearchBox
from briefing_app.ui.window_frame import WindowFrame
from briefing_app.views.targets import Target, TargetKind

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices

log = logging.getLogger(__name__)

#: after the first paint, import the chart and map library while the user reads (Corridors, Achievements)
WARM_UP_DELAY_MS = 1500


def _import_chart_library() -> None:
    try:
        importlib.import_module("pyqtgraph")
    except Exception:  # noqa: BLE001 - the tab that needs it reports the problem when it is opened
        log.warning("pyqtgraph could not be imported ahead of time", exc_info=True)


def distinct_shortcuts(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    """Key sequences without repeats: the platform's Back is Alt+Left on Linux and Windows, and an action given the
    same sequence twice is "ambiguous" to Qt and never triggers. A bare Backspace (Back on some platforms) is left
    out: it deletes text, and must never leave the page."""
    out: list[QKeySequence] = []
    for key in keys:
        sequences = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
        for sequence in sequences:
            if not sequence.isEmpty() and sequence not in out and sequence != QKeySequence("Backspace"):
                out.append(sequence)
    return out


def _first_paint_search_field() -> QLineEdit:
    """The toolbar's search field as it looks until the services are open; :meth:`MainWindow.bind` puts the
    ``SearchBox`` in its place (tests/ui/test_first_paint.py checks that the window looks the same)."""
    field = QLineEdit()
    field.setPlaceholderText("Search the briefing (Ctrl+F)")
    field.setClearButtonEnabled(True)
    field.setAccessibleName("Search the briefing")
    field.setMinimumWidth(320)
    return field


class MainWindow(WindowFrame):
    #: emitted once, after the first paint of the window with its first tab's content
    first_painted = Signal()
    #: emitted when a tab's panel has been built (its key)
    panel_built = Signal(str)
    toolbar: QToolBar
    _search_action: QAction

    def __init__(self, services: AppServices, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from briefing_app.ui.plain_tooltips import install_plain_tooltips

        install_plain_tooltips()  # a note or title that looks like markup is shown as typed, tooltips too
        self.services = services
        self.settings = settings
        self._painted = False
        self.navigator = Navigator(self)
        self.bookmark_signals = BookmarkSignals(services.bookmarks, self)
        self.context = PanelContext(services, self.navigator, self.bookmark_signals)
        self._panels: dict[int, Panel] = {}

        info = services.briefing.pack_info()
        self.setWindowTitle(f"{info.title} — {APP_TITLE}")
        self.setObjectName("MainWindow")

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Briefing sections")
        for tab in TABS:
            holder = QWidget()
            holder.setObjectName(f"tab-{tab.key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            index = self.tabs.addTab(holder, tab.title)
            self.tabs.setTabToolTip(index, tab.description)
        self.setCentralWidget(self.tabs)

        #: False while the window shows its first paint over the stand-in services (see :meth:`bind`)
        self.bound = not is_first_paint(services)
        # Before the services: a plain field that looks the same (its completer popup alone costs ~0.1 s)
        self.search = self._make_search_box() if self.bound else _first_paint_search_field()
        self._build_actions()
        self._build_menus_and_toolbar()
        from briefing_app.ui.help import install_help
        from briefing_app.ui.theme import install_theme_menu

        install_help(self)
        self.theme_menu = install_theme_menu(self)
        self._build_status_bar(info)
        if self.bound:
            self._install_service_add_ons()

        self.navigator.open_requested.connect(self._show_target)
        self.navigator.history_changed.connect(self._update_history_actions)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._restore_state()
        self._ensure_panel(self.tabs.currentIndex())

    def _make_search_box(self) -> SearchBox:
        search = SearchBox(self.services.briefing, bookmarks=self.services.bookmarks)
        self.bookmark_signals.changed.connect(search.results.bookmark_changed)
        search.item_chosen.connect(self.navigator.open)
        install_item_context_menu(search.results_popup(), self.context)
        return search

    def _install_service_add_ons(self) -> None:
        """What needs the real services: printing, Restore Bookmarks…, packs, the team, the start-up warning."""
        from briefing_app.ui.printing.actions import install_print_actions

        self.print_controller = install_print_actions(self)
        from briefing_app.ui.restore_bookmarks import install_restore_action

        self.restore_action = install_restore_action(self)
        from briefing_app.ui.accessibility import name_clear_buttons

        name_clear_buttons(self)
        self.panel_built.connect(lambda key: name_clear_buttons(self.panel(key)))
        from briefing_app.ui.pack_actions import install_pack_actions

        self.switch_pack_menu = install_pack_actions(self)
        warnings = self.services.warnings
        if warnings:
            self.statusBar().showMessage(warnings[0])
        from briefing_app.ui.team import install_team

        self.team = install_team(self)  # File > Team…; the team line and background sync only when linked

    def bind(self, services: AppServices) -> None:
        """After the first paint over the stand-in services: take the real ones, add what needs them, and build
        the shown tab again over them (the same content: it looks the same; every later change goes through them).
        Nothing the user does reaches the window in between: the services open on the GUI thread."""
        if self.bound:
            return
        stand_in = self.services
        self.setUpdatesEnabled(False)
        try:
            self.services = services
            self.bookmark_signals = BookmarkSignals(services.bookmarks, self)
            self.context = PanelContext(services, self.navigator, self.bookmark_signals)
            old_search, self.search = self.search, self._make_search_box()
            old_action, self._search_action = self._search_action, self.toolbar.insertWidget(self._search_action,
                                                                                            self.search)
            self.toolbar.removeAction(old_action)
            old_search.deleteLater()
            self._install_service_add_ons()
            shown = dict(self._panels)
            self._panels.clear()
            self.bound = True
            current = self.tabs.currentIndex()
            self._build_panel(current, before=shown.get(current))
            for stand_in_panel in shown.values():
                stand_in_panel.hide()
                stand_in_panel.setParent(None)
                stand_in_panel.deleteLater()
            self.panel_built.emit(TABS[current].key)
        finally:
            self.setUpdatesEnabled(True)
        stand_in.close()

    # --- building -----------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        style = self.style()
        self.back_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "&Back", self)
        self.back_action.setShortcuts(distinct_shortcuts("Alt+Left", QKeySequence.StandardKey.Back))
        self.back_action.setToolTip("Back (Alt+Left)")
        self.back_action.triggered.connect(self.navigator.back)
        self.forward_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), "&Forward", self)
        self.forward_action.setShortcuts(distinct_shortcuts("Alt+Right", QKeySequence.StandardKey.Forward))
        self.forward_action.setToolTip("Forward (Alt+Right)")
        self.forward_action.triggered.connect(self.navigator.forward)
        self.find_action = QAction("&Find…", self)
        self.find_action.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K")])
        self.find_action.triggered.connect(self.focus_search)
        self.bookmark_action = QAction("&Bookmark Current Item", self)
        self.bookmark_action.setShortcut(QKeySequence("Ctrl+D"))
        self.bookmark_action.triggered.connect(self.toggle_bookmark_of_current)
        self._ctrl_d_filter = give_ctrl_d_to_bookmarks(self)
        self.undo_action = QAction("&Undo Remove Bookmark", self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo_bookmark_removal)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction("&About SCO Briefing", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.tab_actions: list[QAction] = []
        for number, tab in enumerate(TABS, start=1):
            action = QAction(tab.title.replace("&", ""), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, i=number - 1: self.tabs.setCurrentIndex(i))
            self.tab_actions.append(action)
        self._update_history_actions()

    def _build_menus_and_toolbar(self) -> None:
        menu = self.menuBar()
        self.file_menu = menu.addMenu("&File")
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        edit = menu.addMenu("&Edit")
        edit.addAction(self.find_action)
        edit.addAction(self.bookmark_action)
        edit.addAction(self.undo_action)
        self.view_menu = menu.addMenu("&View")
        go = menu.addMenu("&Go")
        go.addAction(self.back_action)
        go.addAction(self.forward_action)
        go.addSeparator()
        for action in self.tab_actions:
            go.addAction(action)
        self.help_menu = menu.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigation-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.back_action)
        toolbar.addAction(self.forward_action)
        toolbar.addSeparator()
        self._search_action = toolbar.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self, info) -> None:  # type: ignore[no-untyped-def]
        counts = self.services.briefing.counts()
        facts = sum(v for k, v in counts.items() if k != "paragraph")
        label = QLabel(f"Pack {info.id} {info.version} · {facts} sourced items · offline")
        label.setAccessibleName("Briefing pack")
        self.statusBar().addPermanentWidget(label)

    # --- tabs ---------------------------------------------------------------------------------------

    def panel(self, key: str) -> Panel:
        """The panel of a tab, built now if it was not yet shown."""
        return self._ensure_panel(TAB_KEYS.index(key))

    def built_panels(self) -> dict[str, Panel]:
        return {TABS[i].key: p for i, p in self._panels.items()}

    def _ensure_panel(self, index: int) -> Panel:
        if index in self._panels:
            return self._panels[index]
        panel = self._build_panel(index)
        self.panel_built.emit(TABS[index].key)
        return panel

    def _build_panel(self, index: int, before: Panel | None = None) -> Panel:
        """Build the panel of tab ``index`` into its holder; ``before``: the first paint's panel it replaces."""
        spec = TABS[index]
        panel = spec.build(self.context)
        panel.setObjectName(f"panel-{spec.key}")
        if before is not None and hasattr(panel, "take_place_of"):
            panel.take_place_of(before)
        holder = self.tabs.widget(index)
        layout = holder.layout() if holder is not None else None
        assert layout is not None  # every tab is a holder widget with a layout, made in __init__
        layout.addWidget(panel)
        self._panels[index] = panel
        return panel

    def _tab_changed(self, index: int) -> None:
        if index < 0:
            return
        self._ensure_panel(index)
        self.navigator.record(Target.tab(TABS[index].key))

    def current_panel(self) -> Panel:
        return self._ensure_panel(self.tabs.currentIndex())

    # --- navigation ---------------------------------------------------------------------------------

    def open_item(self, item_id: str) -> None:
        self.navigator.open(item_id)

    def _show_target(self, target: Target) -> None:
        index = TAB_KEYS.index(target.tab_key)
        panel = self._switch_tab(index)
        if target.kind is TargetKind.TAB:
            return
        if target.kind is TargetKind.SOURCES_OF:
            if isinstance(panel, SourcesView):
                panel.show_sources_of(target.value)
            return
        if not panel.open_item(target.value):
            self.statusBar().showMessage(f"{target.value} is not in the current briefing", 5000)

    def _switch_tab(self, index: int) -> Panel:
        panel = self._ensure_panel(index)
        if self.tabs.currentIndex() != index:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
        return panel

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.navigator.can_go_back())
        self.forward_action.setEnabled(self.navigator.can_go_forward())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- bookmarks ----------------------------------------------------------------------------------

    def toggle_bookmark_of_current(self) -> None:
        item_id = self.current_panel().current_item_id()
        if not item_id:
            self.statusBar().showMessage("Select an item to bookmark it", 4000)
            return
        try:
            on = self.services.bookmarks.toggle(item_id)
        except Exception as exc:  # noqa: BLE001 - tell the user, keep the window
            log.exception("bookmark toggle failed")
            QMessageBox.warning(self, "Bookmark not saved", f"The bookmark could not be saved: {exc}")
            return
        self.statusBar().showMessage("Bookmarked" if on else "Bookmark removed (Ctrl+Z to undo)", 4000)

    def undo_bookmark_removal(self) -> None:
        restored = self.services.bookmarks.undo_remove()
        if restored:
            self.statusBar().showMessage(f"Restored {len(restored)} bookmark(s)", 4000)
        else:
            self.statusBar().showMessage("Nothing to undo", 3000)

    # --- about, state -------------------------------------------------------------------------------

    def show_about(self) -> None:
        """The About box: sized to the screen, its sources and licences in a scrolling view."""
        from briefing_app.ui.help import AboutDialog

        dialog = AboutDialog(self)
        self.about_dialog = dialog
        dialog.exec()

    def _restore_state(self) -> None:
        from briefing_app.ui.window_size import PREFERRED, fit_to_screen

        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            fit_to_screen(self)  # saved on a bigger screen: brought back onto this one
        else:
            fit_to_screen(self, PREFERRED)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        last = self.settings.value("window/tab", "overview")
        if isinstance(last, str) and last in TAB_KEYS:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(TAB_KEYS.index(last))
            self.tabs.blockSignals(False)
        self.navigator.record(Target.tab(TAB_KEYS[self.tabs.currentIndex()]))

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", TAB_KEYS[self.tabs.currentIndex()])
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)
            QTimer.singleShot(WARM_UP_DELAY_MS, _import_chart_library)
