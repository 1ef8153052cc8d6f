"""File > Team…, the share toggle, the status bar's team line and the background sync (issue 21).

Nothing of the team code (nor psycopg) is imported until the user opens the dialog or the user database says a team
is linked. A sync runs in a child process (:class:`SyncProcess`: this program's own ``team sync --json``, with the
window's data folder): the network, the staging of the outbox and the folding of a pull into the user database never
run in the window's process, so they never hold its interpreter lock (a worker thread would: under load, a thread
holding the GIL and then preempted by the OS froze the event loop for 100 ms and more). The window only reads the
resulting status (a few strings) when the child ends. Should the child fail to start, the same sync runs in a worker
thread (:class:`SyncRunner`) with an engine of its own. The password (when ~/.pgpass has none) is asked once, kept
in memory only, and handed to the child in its environment (``PGPASSWORD``, readable by this user only).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.ui import collector
from briefing_app.ui.tasks import run_in_background

log = logging.getLogger(__name__)

SYNC_INTERVAL_MS = 60_000
SYNC_AFTER_CHANGE_MS = 2_000
KIND_WORDS = {"bookmark": "Bookmark", "highlight": "Highlight", "book": "Book"}


@dataclass(frozen=True)
class SyncOutcome:
    """What a background sync hands the GUI thread: the status and whether local marks took a teammate's edit."""

    status: Any  # services.team_sync.TeamStatus
    pulled: int
    followed: int


class SyncRunner:
    """The background sync of one user database: its own engine and TeamSync, touched only by the worker thread.

    While it runs, the objects that existed before it are frozen out of the cyclic garbage collector (``gc.freeze``):
    a full collection set off by the sync's allocations would otherwise walk the whole window's heap while holding
    the GIL (100 ms and more, a visible stall); they go back to the collector when the sync ends.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.password: str | None = None
        self._team: Any = None

    def run(self) -> SyncOutcome:
        from briefing_app.services.team_sync import TeamSync, worker_engine

        collector.hold()
        try:
            if self._team is None:
                self._team = TeamSync(worker_engine(self.db_path))
            team = self._team
            team.password = self.password
            team.store.followed = 0
            status = team.sync()
            return SyncOutcome(status, team.last_pulled, team.store.followed)
        finally:
            collector.release()

    def close(self) -> None:
        if self._team is not None:
            self._team.store._engine.dispose()
            self._team = None


def sync_command() -> list[str]:
    """How this program runs ``team sync --json`` as a child: the bundle's own executable, or ``python -m``."""
    import sys

    if getattr(sys, "frozen", False):
        return [sys.executable, "team", "sync", "--json"]
    return [sys.executable, "-m", "briefing_app", "team", "sync", "--json"]


class SyncProcess(QObject):
    """One background sync at a time, as a child process; ``done`` (a SyncOutcome) or ``failed`` (an exception)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.process: QProcess | None = None
        self.last_pid = 0
        self._fallback = SyncRunner(db_path)

    def start(self, password: str | None) -> None:
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("BRIEFING_HOME", str(self.db_path.parent))
        env.insert("QT_QPA_PLATFORM", "offscreen")  # the child never opens a window
        env.insert("BRIEFING_TEAM_BACKGROUND", "1")  # ... and runs niced (cli_team.BACKGROUND_ENV)
        if password:
            env.insert("PGPASSWORD", password)
        process.setProcessEnvironment(env)
        process.finished.connect(lambda code, _status: self._finished(process, code))
        process.errorOccurred.connect(lambda error: self._error(process, error, password))
        self.process = process
        program, *args = sync_command()
        process.start(program, args)
        self.last_pid = int(process.processId())

    def _finished(self, process: QProcess, code: int) -> None:
        import json

        from shiboken6 import isValid

        from briefing_app.services.team_sync import TeamServerError, TeamStatus

        if not (isValid(self) and isValid(process)):  # the window closed and ended the child: nowhere to report
            return
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        self.process = None
        if code != 0:
            line = err.splitlines()[-1] if err else f"the sync ended with status {code}"
            self.failed.emit(TeamServerError(line.removeprefix("briefing-app: error: ")))
            return
        try:
            data = json.loads(out)
            pulled, followed = int(data.pop("pulled", 0)), int(data.pop("followed", 0))
            status = TeamStatus(**data)
        except (ValueError, TypeError) as exc:
            self.failed.emit(TeamServerError(f"the sync answered something unexpected: {exc}"))
            return
        self.done.emit(SyncOutcome(status, pulled, followed))

    def _error(self, process: QProcess, error: QProcess.ProcessError, password: str | None) -> None:
        if error != QProcess.ProcessError.FailedToStart:
            return  # a crash ends in finished() with a non-zero status
        log.warning("the sync process did not start (%s); syncing in a worker thread", process.errorString())
        process.deleteLater()
        self.process = None
        self._fallback.password = password
        run_in_background(self._fallback.run, self.done.emit, self.failed.emit)

    def close(self) -> None:
        self._fallback.close()


class TeamController(QObject):
    """Owns the window's team link: sync timer, status label, share action."""

    #: a sync ended (successfully or not): the dialog refreshes its list
    finished = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._team: Any = None  # services.team_sync.TeamSync on the window's engine, made when first needed
        self._runner: SyncProcess | None = None  # the background sync (a child process)
        self._password: str | None = None
        self._syncing = False
        self._again = False
        self._reloading = False
        self.label = QLabel("")
        self.label.setAccessibleName("Team")
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self.sync_soon)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SYNC_AFTER_CHANGE_MS)
        self._debounce.timeout.connect(self.sync_now)
        self.team_action = QAction("&Team…", window)
        self.team_action.triggered.connect(self.open_dialog)
        self.share_action = QAction("&Share Bookmark with Team", window)
        self.share_action.setCheckable(True)
        self.share_action.triggered.connect(self.toggle_share_of_current)
        self.share_highlight_action = QAction("Share &Highlight with Team", window)
        self.share_highlight_action.setCheckable(True)
        self.share_highlight_action.setToolTip("Share the highlight selected in the Bookmarks tab with the team "
                                               "(again: make it private)")
        self.share_highlight_action.triggered.connect(self.toggle_share_of_selected_highlight)
        window.bookmark_signals.changed.connect(self._bookmarks_changed)
        window.panel_built.connect(self._panel_built)
        for key in window.built_panels():
            self._panel_built(key)

    # --- state -----------------------------------------------------------------------------------------------------

    def configured(self) -> bool:
        from briefing_app.services.team_link import team_configured

        return team_configured(self.window.services.bookmarks.repository)

    def team(self) -> Any:
        if self._team is None:
            from briefing_app.services.team_sync import TeamSync

            self._team = TeamSync(self.window.services.bookmarks.repository.engine, self._password)
        return self._team

    def start(self) -> None:
        """Called at start-up: only a linked copy shows the team line and syncs."""
        if not self.configured():
            self.label.hide()
            return
        self.label.show()
        self.refresh_label()
        self.timer.start()
        QTimer.singleShot(0, self.sync_now)

    def refresh_label(self) -> None:
        if not self.configured():
            self.label.setText("")
            self.label.hide()
            return
        self.label.setText(self.team().status(stage=False).line())  # no staging here: the sync does it
        self.label.show()

    # --- sync ------------------------------------------------------------------------------------------------------

    def sync_soon(self) -> None:
        self._debounce.start()

    def sync_now(self) -> None:
        if not self.configured():
            return
        if self._syncing:
            self._again = True
            return
        self._syncing = True
        if self._runner is None:
            self._runner = SyncProcess(Path(self.window.services.bookmarks.repository.path), self)
            self._runner.done.connect(self._synced)
            self._runner.failed.connect(self._failed)
        self.label.setText(self.label.text().split(" · ")[0] + " · syncing…")
        self._runner.start(self._password)

    def _closed(self) -> bool:
        """The window went while a sync ran in the background: its result has nowhere to go."""
        from shiboken6 import isValid

        return not (isValid(self) and isValid(self.label))

    def _synced(self, outcome: SyncOutcome) -> None:
        self._syncing = False
        if self._closed():
            return
        self.label.setText(outcome.status.line())
        self.label.show()
        if outcome.followed:  # an author's bookmark or highlight took a teammate's edit: show it
            self._reloading = True
            try:
                self.window.services.bookmarks.reload()
                highlights = getattr(self.window.services, "highlights", None)
                if highlights is not None:
                    highlights.reload()
            finally:
                self._reloading = False
            self.mark_shared_highlights()
        self.finished.emit()
        if self._again:
            self._again = False
            self.sync_soon()

    def _failed(self, exc: BaseException) -> None:
        self._syncing = False
        if self._closed():
            return
        self.refresh_label()
        self.finished.emit()
        from briefing_app.services.team_sync import needs_password

        if (needs_password(exc) or "asks for a password" in str(exc)) and self._password is None:
            text, ok = QInputDialog.getText(self.window, "Team server", "Password for the team server:",
                                            QLineEdit.EchoMode.Password)
            if ok and text:
                self._password = text
                self.sync_soon()

    def _bookmarks_changed(self, *_args: object) -> None:
        if not self._reloading and self.configured():
            self.sync_soon()  # the sync stages the change into the outbox, off the GUI thread

    # --- sharing ---------------------------------------------------------------------------------------------------

    def toggle_share_of_current(self) -> None:
        item_id = self.window.current_panel().current_item_id()
        bar = self.window.statusBar()
        if not self.configured():
            self.share_action.setChecked(False)
            bar.showMessage("Connect to a team first (File > Team…); bookmarks stay private", 5000)
            return
        if not item_id or not self.window.services.bookmarks.is_bookmarked(item_id):
            self.share_action.setChecked(False)
            bar.showMessage("Bookmark the item first, then share it", 4000)
            return
        team = self.team()
        if item_id in team.shared_items():
            team.unshare(item_id)
            self.share_action.setChecked(False)
            bar.showMessage("The bookmark is private again", 4000)
        else:
            team.share(item_id)
            self.share_action.setChecked(True)
            bar.showMessage("Shared with the team", 4000)
        self.mark_shared_bookmarks()
        self.refresh_label()
        self.sync_soon()

    # --- highlights ------------------------------------------------------------------------------------------------

    def highlight_list(self) -> Any:
        """The Bookmarks tab's highlight list, if that tab is built (None otherwise)."""
        panel = self.window.built_panels().get("bookmarks")
        return getattr(panel, "highlight_list", None)

    def _panel_built(self, key: str) -> None:
        if key != "bookmarks":
            return
        highlights = self.highlight_list()
        if highlights is None:
            return
        highlights.menu_extras.append(self._highlight_menu)
        highlights.view.selectionModel().currentChanged.connect(lambda *_a: self._check_highlight_action())
        highlights.model.modelReset.connect(self._check_highlight_action)
        self.mark_shared_highlights()

    def shared_highlight_ids(self) -> set[str]:
        if not self.configured():
            return set()
        from briefing_app.services.team_sync import HIGHLIGHT_KEY

        return {k[len(HIGHLIGHT_KEY):] for k in self.team().shared_items() if k.startswith(HIGHLIGHT_KEY)}

    def mark_shared_bookmarks(self) -> None:
        """The bookmark list says which bookmarks the team sees ("China · shared")."""
        panel = self.window.built_panels().get("bookmarks")
        model = getattr(panel, "model", None)
        if model is None or not hasattr(model, "team_marks"):
            return
        shared: set[str] = set()
        if self.configured():  # an unlinked copy does not import the team's sync (about 3 MB resident)
            from briefing_app.services.team_sync import BOOK_KEY, HIGHLIGHT_KEY

            shared = {k for k in self.team().shared_items() if not k.startswith((HIGHLIGHT_KEY, BOOK_KEY))}
        marks = dict.fromkeys(shared, "shared")
        if marks != model.team_marks:
            model.team_marks = marks
            model.layoutChanged.emit()

    def mark_shared_highlights(self) -> None:
        """The highlight list's State column says which highlights the team sees."""
        self.mark_shared_bookmarks()
        highlights = self.highlight_list()
        if highlights is None:
            return
        marks = dict.fromkeys(self.shared_highlight_ids(), "Shared with the team")
        if marks != highlights.model.team_marks:
            current = highlights.current_highlight_id()
            highlights.model.team_marks = marks
            highlights.model.reload()
            if current:
                highlights.select(current)
        self._check_highlight_action()

    def _check_highlight_action(self) -> None:
        highlights = self.highlight_list()
        hid = highlights.current_highlight_id() if highlights is not None else None
        self.share_highlight_action.setChecked(bool(hid) and hid in highlights.model.team_marks)

    def _highlight_menu(self, menu: QMenu, highlight_id: str) -> None:
        menu.addSeparator()
        action = menu.addAction("Share with Team")
        action.setCheckable(True)
        action.setChecked(highlight_id in self.shared_highlight_ids())
        action.triggered.connect(lambda: self.toggle_share_of_highlight(highlight_id))

    def toggle_share_of_selected_highlight(self) -> None:
        highlights = self.highlight_list()
        hid = highlights.current_highlight_id() if highlights is not None else None
        if not hid:
            self.share_highlight_action.setChecked(False)
            self.window.statusBar().showMessage("Select a highlight in the Bookmarks tab first, then share it", 4000)
            return
        self.toggle_share_of_highlight(hid)

    def toggle_share_of_highlight(self, highlight_id: str) -> None:
        """Share the highlight with the team, or make it private again (the team gets a tombstone)."""
        bar = self.window.statusBar()
        if not self.configured():
            self.share_highlight_action.setChecked(False)
            bar.showMessage("Connect to a team first (File > Team…); highlights stay private", 5000)
            return
        team = self.team()
        if highlight_id in self.shared_highlight_ids():
            team.unshare_highlight(highlight_id)
            bar.showMessage("The highlight is private again", 4000)
        elif team.share_highlight(highlight_id) is not None:
            bar.showMessage("Highlight shared with the team", 4000)
        self.mark_shared_highlights()
        self.refresh_label()
        self.sync_soon()

    # --- dialog ----------------------------------------------------------------------------------------------------

    def open_dialog(self) -> TeamDialog:
        dialog = TeamDialog(self, self.window)
        dialog.show()
        return dialog


class TeamDialog(QDialog):
    """Connect, sync, leave; the team's shared marks with who made them; conflicts to resolve."""

    def __init__(self, controller: TeamController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Team")
        self.resize(720, 420)
        controller.finished.connect(self.refresh)
        layout = QVBoxLayout(self)
        intro = QLabel("Team server (a libpq URL such as postgresql://you@server/briefing?sslmode=verify-full, or a "
                       "service name). The password comes from ~/.pgpass or is asked once; it is never saved by the "
                       "app.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql://you@server/briefing")
        self.url.setAccessibleName("Team server")
        row.addWidget(self.url)
        self.connect_button = QPushButton("&Connect")
        self.connect_button.clicked.connect(self.connect_to_team)
        row.addWidget(self.connect_button)
        self.sync_button = QPushButton("&Sync Now")
        self.sync_button.clicked.connect(self.sync)
        row.addWidget(self.sync_button)
        self.leave_button = QPushButton("&Leave")
        self.leave_button.clicked.connect(self.leave)
        row.addWidget(self.leave_button)
        layout.addLayout(row)
        self.status = QLabel("")
        layout.addWidget(self.status)
        self.marks = QTreeWidget()
        self.marks.setHeaderLabels(["Kind", "Item", "Note", "By", "Conflicts"])
        self.marks.setRootIsDecorated(True)
        layout.addWidget(self.marks)
        self.resolve_button = QPushButton("&Use This Text")
        self.resolve_button.setToolTip("Settle the conflict of the selected mark with the selected text")
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.edit_button = QPushButton("&Edit Note…")
        self.edit_button.setToolTip("Change the note of the selected shared bookmark or highlight (anyone's); it "
                                    "goes to the team at the next sync")
        self.edit_button.clicked.connect(self.edit_selected)
        self.copy_book_button = QPushButton("Copy Book to &My Books")
        self.copy_book_button.setToolTip("Make a book of your own from the selected shared book (to print, export "
                                         "or add to it)")
        self.copy_book_button.clicked.connect(self.copy_selected_book)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.resolve_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_book_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        configured = self.controller.configured()
        self.sync_button.setEnabled(configured)
        self.leave_button.setEnabled(configured)
        self.marks.clear()
        if not configured:
            self.status.setText("Not connected: your bookmarks are private to this machine.")
            return
        team = self.controller.team()
        status = team.status(stage=False)
        self.url.setText(status.url)
        self.status.setText(f"{status.line()} · you are {status.me}"
                            + (f" · {status.conflicts} conflict(s) to resolve" if status.conflicts else ""))
        from briefing_app.services.team_sync import book_parts

        for mark in team.marks():
            title = f"“{mark.title}”" if mark.mark_kind == "highlight" else (mark.title or mark.item_id)
            note = mark.note
            if mark.mark_kind == "book":
                parts = book_parts(mark)
                note = f"{len(parts)} part{'s' if len(parts) != 1 else ''}: " + ", ".join(
                    p.get("title") or p.get("ref") or p.get("kind", "") for p in parts)
            item = QTreeWidgetItem([KIND_WORDS.get(mark.mark_kind, mark.mark_kind), title, note, mark.owner,
                                    str(len(mark.conflicts)) if mark.conflicts else ""])
            item.setData(0, 256, (mark.mark_id, 0))
            item.setToolTip(1, f"{mark.item_id}\n{mark.title}")
            item.setToolTip(2, mark.note)
            for n, conflict in enumerate(mark.conflicts, start=1):
                child = QTreeWidgetItem(["", "conflicting text", conflict["note"], conflict["author"], ""])
                child.setData(0, 256, (mark.mark_id, n))
                item.addChild(child)
            self.marks.addTopLevelItem(item)
        self.marks.expandAll()
        for column in range(4):
            self.marks.resizeColumnToContents(column)
            self.marks.setColumnWidth(column, min(self.marks.columnWidth(column), 380))

    def connect_to_team(self) -> None:
        url = self.url.text().strip()
        if not url:
            return
        from briefing_app.services.team_sync import TeamServerError, TeamSync, needs_password

        team = TeamSync(self.controller.window.services.bookmarks.repository.engine, self.controller._password)
        try:
            team.connect(url, sync=False)
        except TeamServerError as exc:
            if needs_password(exc):
                text, ok = QInputDialog.getText(self, "Team server", "Password:", QLineEdit.EchoMode.Password)
                if not ok:
                    return
                self.controller._password = text
                team.password = text
                try:
                    team.connect(url, sync=False)
                except TeamServerError as again:
                    QMessageBox.warning(self, "Team", f"Could not connect: {again}")
                    return
            else:
                QMessageBox.warning(self, "Team", f"Could not connect: {exc}")
                return
        self.controller._team = team
        self.controller._password = self.controller._password or team.password  # one typed in the URL, in memory
        self.controller.start()
        self.refresh()

    def sync(self) -> None:
        self.controller.sync_now()

    def leave(self) -> None:
        self.controller.team().disconnect()
        self.controller._team = None
        if self.controller._runner is not None:
            self.controller._runner.close()
            self.controller._runner = None
        self.controller.timer.stop()
        self.controller.refresh_label()
        self.refresh()

    def edit_selected(self, text: str | None = None) -> bool:
        """Edit the selected mark's note (``text``, or asked for); False if nothing was changed."""
        current = self.marks.currentItem()
        if current is None or current.data(0, 256) is None:
            return False
        team = self.controller.team()
        mark = team.store.mark(current.data(0, 256)[0])
        if mark is None or mark.mark_kind == "book":
            QMessageBox.information(self, "Team", "A shared book is changed in its owner's composer; copy it to "
                                                  "your books to work on it.")
            return False
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, "Team", f"Note of “{mark.title}” (by {mark.owner}):",
                                                     mark.note)
            if not ok:
                return False
        done = team.edit(mark.mark_id, text)
        self.controller.sync_soon()
        self.refresh()
        return bool(done)

    def copy_selected_book(self) -> str | None:
        """A book of the user's own from the selected shared book: "NAME (from AUTHOR)"; its name, or None."""
        current = self.marks.currentItem()
        if current is None or current.data(0, 256) is None:
            return None
        mark = self.controller.team().store.mark(current.data(0, 256)[0])
        if mark is None or mark.mark_kind != "book":
            QMessageBox.information(self, "Team", "Select a shared book first.")
            return None
        from briefing_app.domain.books import BookPart, PartKind, copy_name
        from briefing_app.services.books import book_service
        from briefing_app.services.team_sync import book_parts

        kinds = {k.value for k in PartKind}
        parts = [BookPart(PartKind(p["kind"]), str(p.get("ref", "")), str(p.get("title", "")), str(p.get("text", "")))
                 for p in book_parts(mark) if p.get("kind") in kinds]
        books = book_service(self.controller.window.services)
        name = f"{mark.title} (from {mark.owner})"
        taken = {b.name for b in books.list()}
        if name in taken:
            name = copy_name(name, taken)
        books.create(name, parts)
        self.controller.window.statusBar().showMessage(f"Made the book “{name}” (File > Compose Briefing Book…)",
                                                       6000)
        return name

    def resolve_selected(self) -> None:
        current = self.marks.currentItem()
        if current is None:
            return
        mark_id, choice = current.data(0, 256)
        self.controller.team().resolve(mark_id, choice)
        self.controller.sync_soon()
        self.refresh()


def add_book_sharing(composer: Any, layout: QBoxLayout) -> QCheckBox:
    """The composer's "Share with the team" toggle for the chosen book (disabled while no team is linked); a
    change to a shared book goes to the team at the window's next sync."""
    from briefing_app.services.team_link import team_configured

    box = QCheckBox("Share with the &team")
    box.setAccessibleName("Share the chosen book with the team")
    layout.addWidget(box)
    controller = getattr(composer.parent(), "team", None)

    def team() -> Any:
        if isinstance(controller, TeamController):
            return controller.team()
        from briefing_app.services.team_sync import TeamSync

        return TeamSync(composer.services.bookmarks.repository.engine)

    def update(*_args: object) -> None:
        linked = team_configured(composer.services.bookmarks.repository)
        name = composer.current_name
        box.setEnabled(linked and name is not None)
        box.setToolTip("" if linked else "Connect to a team first (File > Team…); books stay private")
        box.blockSignals(True)
        box.setChecked(bool(linked and name and name in team().shared_books()))
        box.blockSignals(False)

    def toggled(on: bool) -> None:
        name = composer.current_name
        if not name:
            return
        if on:
            team().share_book(name)
        else:
            team().unshare_book(name)
        changed()

    def changed() -> None:
        if isinstance(controller, TeamController):
            controller.sync_soon()
        update()

    box.toggled.connect(toggled)
    composer.book_list.currentTextChanged.connect(update)
    composer.books.subscribe(changed)  # a shared book's new parts or name travel at the next sync
    setattr(composer, "share_box", box)  # noqa: B010 - tests reach it by name
    update()
    return box


def install_team(window: Any) -> TeamController:
    """File > Team…, Edit > Share Bookmark / Highlight with Team and the status bar's team line."""
    controller = TeamController(window)
    actions = window.file_menu.actions()
    if window.quit_action in actions:  # after printing and backups, just above the separator before Quit
        at = actions.index(window.quit_action)
        before = actions[at - 1] if at and actions[at - 1].isSeparator() else window.quit_action
        window.file_menu.insertAction(before, controller.team_action)
    else:
        window.file_menu.addAction(controller.team_action)
    for menu in window.menuBar().findChildren(QMenu):
        if window.bookmark_action in menu.actions():
            menu.addAction(controller.share_action)
            menu.addAction(controller.share_highlight_action)
            break
    window.statusBar().addPermanentWidget(controller.label)
    controller.start()
    return controller
