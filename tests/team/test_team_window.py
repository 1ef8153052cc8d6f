"""The window's team: File > Team…, the share toggle, the status bar's line, sync off the GUI thread."""

from __future__ import annotations

import os
import threading

from tests.conftest import open_window


def test_without_a_team_the_window_shows_no_team_line(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, services)
    assert win.team.team_action in win.file_menu.actions()
    assert win.team.label.isHidden()
    assert any(win.team.share_action in m.actions() for m in win.menuBar().findChildren(type(win.file_menu))
               if m.title() == "&Edit")
    assert win.team._team is None  # the team code was never loaded for this window
    win.team.toggle_share_of_current()
    assert "Connect to a team first" in win.statusBar().currentMessage()


def test_two_windows_share_through_the_team(qtbot, services, clients, team_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.services.team_sync import TeamSync

    TeamSync(services.bookmarks.repository.engine).connect(team_db.url("alice", password=False))
    in_this_process: list[str] = []
    real_sync = TeamSync.sync

    def recording_sync(self):  # type: ignore[no-untyped-def]
        in_this_process.append(threading.current_thread().name)
        return real_sync(self)

    monkeypatch.setattr(TeamSync, "sync", recording_sync)
    win = open_window(qtbot, services)
    qtbot.waitUntil(lambda: win.team.label.text().startswith("Team: synced"), timeout=15000)
    services.bookmarks.add("member:chn", note="from the window")
    win.team.team().share("member:chn")
    win.team.sync_now()
    qtbot.waitUntil(lambda: not win.team._syncing, timeout=15000)
    qtbot.waitUntil(lambda: win.team.label.text().startswith("Team: synced"), timeout=15000)
    # the sync ran in a child process (never in the window's process, so never holding its interpreter lock)
    assert in_this_process == [] and win.team._runner.last_pid not in (0, os.getpid())
    bob = clients["bob"]
    bob.team.sync()
    assert [(m.item_id, m.note) for m in bob.team.marks()] == [("member:chn", "from the window")]
    bob.team.edit(bob.team.marks()[0].mark_id, "bob adds a line")
    bob.team.sync()
    win.team.sync_now()
    qtbot.waitUntil(lambda: services.bookmarks.get("member:chn").note == "bob adds a line", timeout=15000)
    dialog = win.team.open_dialog()
    qtbot.addWidget(dialog)
    row = dialog.marks.topLevelItem(0)
    assert (row.text(0), row.text(2), row.text(3)) == ("Bookmark", "bob adds a line", team_db.members["alice"])
    assert "you are " + team_db.members["alice"] in dialog.status.text()
    team_db.cluster.stop()
    try:
        services.bookmarks.set_note("member:chn", "on the plane")
        win.team.sync_now()
        qtbot.waitUntil(lambda: win.team.label.text() == "Team: offline, 1 change waiting", timeout=15000)
    finally:
        team_db.cluster.start()
    win.team.sync_now()
    qtbot.waitUntil(lambda: win.team.label.text().startswith("Team: synced"), timeout=15000)
    dialog.leave()
    assert win.team.label.isHidden()


def test_a_highlight_is_shared_from_the_bookmarks_tab_and_shows_who_made_it(qtbot, services, clients, team_db) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.services.team_sync import TeamSync

    TeamSync(services.bookmarks.repository.engine).connect(team_db.url("alice", password=False))
    text = services.highlights.text_of("member:kaz")
    quote = " ".join(text.split()[:4])
    made = services.highlights.add("member:kaz", quote, note="ask about the chair")
    win = open_window(qtbot, services)
    win.team.toggle_share_of_selected_highlight()
    assert "Select a highlight" in win.statusBar().currentMessage()
    panel = win.panel("bookmarks")
    services.bookmarks.add("member:chn", note="chair next")
    win.navigator.open("member:chn")
    win.team.share_action.trigger()  # Edit > Share Bookmark with Team, on the item shown
    titles = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert titles == ["China · shared"]
    win.tabs.setCurrentWidget(panel.parentWidget())
    highlights = panel.highlight_list
    assert highlights.select(made.highlight_id)
    menu = highlights.menu_for(made.highlight_id)
    share = next(a for a in menu.actions() if a.text() == "Share with Team")
    assert not share.isChecked()
    win.team.share_highlight_action.trigger()  # Edit > Share Highlight with Team, on the selected highlight
    assert win.team.share_highlight_action.isChecked()
    state = highlights.model.index_of(made.highlight_id).siblingAtColumn(2).data()
    assert state.startswith("Shared with the team")
    again = highlights.menu_for(made.highlight_id)
    assert next(a for a in again.actions() if a.text() == "Share with Team").isChecked()
    win.team.sync_now()
    qtbot.waitUntil(lambda: not win.team._syncing, timeout=15000)
    bob = clients["bob"]
    bob.team.sync()
    (mark,) = [m for m in bob.team.marks() if m.mark_kind == "highlight"]
    assert (mark.mark_kind, mark.title, mark.note, mark.owner) == ("highlight", quote, "ask about the chair",
                                                                   team_db.members["alice"])
    dialog = win.team.open_dialog()
    qtbot.addWidget(dialog)
    rows = {dialog.marks.topLevelItem(i).text(0): dialog.marks.topLevelItem(i)
            for i in range(dialog.marks.topLevelItemCount())}
    assert (rows["Highlight"].text(1), rows["Highlight"].text(3)) == (f"“{quote}”", team_db.members["alice"])
    assert (rows["Bookmark"].text(2), rows["Bookmark"].text(3)) == ("chair next", team_db.members["alice"])
    dialog.marks.setCurrentItem(rows["Bookmark"])
    assert dialog.edit_selected("chair next year, then Tianjin")  # Edit Note… in File > Team…
    assert services.bookmarks.get("member:chn").note == "chair next year, then Tianjin"
    share.trigger()  # the menu's toggle makes it private again
    assert not win.team.share_highlight_action.isChecked()
    assert "shared" not in (highlights.model.index_of(made.highlight_id).siblingAtColumn(2).data() or "")


def test_the_composer_shares_a_book_and_the_team_dialog_copies_a_teammates(qtbot, services, clients, team_db,
                                                                          monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.domain.books import Book, BookPart, PartKind
    from briefing_app.persistence.book_repository import BookRepository
    from briefing_app.services.team_sync import TeamSync
    from briefing_app.ui.dialogs.book_composer import BookComposer

    win = open_window(qtbot, services)
    composer = BookComposer(services, win)
    qtbot.addWidget(composer)
    composer.new_book("Summit brief")
    assert not composer.share_box.isEnabled()  # no team yet: books stay private
    TeamSync(services.bookmarks.repository.engine).connect(team_db.url("alice", password=False))
    composer.refresh("Summit brief")
    assert composer.share_box.isEnabled() and not composer.share_box.isChecked()
    composer.share_box.setChecked(True)
    composer.add_section()
    win.team.sync_now()
    qtbot.waitUntil(lambda: not win.team._syncing, timeout=15000)
    bob = clients["bob"]
    bob.team.sync()
    (book,) = bob.team.team_books()
    assert (book.title, book.owner) == ("Summit brief", team_db.members["alice"])
    BookRepository(bob.bookmarks.engine).create(Book("Annex", (BookPart(PartKind.TEXT, "", "Questions", "Why?"),)))
    bob.team.share_book("Annex")
    bob.team.sync()
    win.team.sync_now()
    qtbot.waitUntil(lambda: not win.team._syncing, timeout=15000)
    dialog = win.team.open_dialog()
    qtbot.addWidget(dialog)
    rows = {dialog.marks.topLevelItem(i).text(1): dialog.marks.topLevelItem(i)
            for i in range(dialog.marks.topLevelItemCount())}
    assert (rows["Annex"].text(0), rows["Annex"].text(3)) == ("Book", team_db.members["bob"])
    assert rows["Annex"].text(2) == "1 part: Questions"
    dialog.marks.setCurrentItem(rows["Annex"])
    monkeypatch.setattr("briefing_app.ui.team.QMessageBox.information", lambda *a: None)
    assert not dialog.edit_selected("alice rewrites bob's book")  # books change in their owner's composer only
    name = dialog.copy_selected_book()
    assert name == f"Annex (from {team_db.members['bob']})"
    composer.refresh(name)
    assert composer.current_book().parts == (BookPart(PartKind.TEXT, "", "Questions", "Why?"),)
    assert not composer.share_box.isChecked()  # the copy is alice's own, private until she shares it
