"""The window's team: File > Team…, the share toggle, the status bar's line, sync off the GUI thread."""

from __future__ import annotations

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
    threads: list[str] = []
    real_sync = TeamSync.sync

    def recording_sync(self):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_sync(self)

    monkeypatch.setattr(TeamSync, "sync", recording_sync)
    win = open_window(qtbot, services)
    qtbot.waitUntil(lambda: win.team.label.text().startswith("Team: synced"), timeout=15000)
    services.bookmarks.add("member:chn", note="from the window")
    win.team.team().share("member:chn")
    win.team.sync_now()
    qtbot.waitUntil(lambda: not win.team._syncing, timeout=15000)
    qtbot.waitUntil(lambda: win.team.label.text().startswith("Team: synced"), timeout=15000)
    assert threads and all(name != threading.main_thread().name for name in threads)
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
    assert (row.text(1), row.text(2)) == ("bob adds a line", team_db.members["alice"])  # who made the mark
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
