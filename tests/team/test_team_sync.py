"""Two and three analysts with separate data folders share, edit, conflict, delete and converge."""

from __future__ import annotations

from briefing_app.persistence.team_server import Change
from briefing_app.services.team_sync import fold


def _sync_all(clients, rounds: int = 2) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        for c in clients.values():
            c.team.sync()


def _states(clients):  # type: ignore[no-untyped-def]
    return {who: sorted((m.mark_id, m.note, m.deleted, tuple(m.tags), len(m.conflicts))
                        for m in c.team.marks(include_deleted=True)) for who, c in clients.items()}


def test_shared_marks_reach_the_team_and_private_ones_never_leave(clients, team_db) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    alice.add("member:china", "Chair 2025")
    alice.add("member:india", "my private thought", share=False)
    alice.team.sync()
    bob.team.sync()
    marks = bob.team.marks()
    assert [(m.item_id, m.note, m.owner) for m in marks] == [("member:china", "Chair 2025", team_db.members["alice"])]
    rows = team_db.cluster.admin_sql("SELECT item_id, note FROM briefing_team.changes", team_db.dbname)
    assert rows == [("member:china", "Chair 2025")]  # the private bookmark is nowhere on the server


def test_an_edit_reaches_the_others_and_the_author_follows_an_edit(clients) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    mark = alice.add("member:china", "v1")
    _sync_all(clients)
    alice.bookmarks.set_note("member:china", "v2 by alice")
    alice.team.sync()
    bob.team.sync()
    assert bob.notes() == {"member:china": "v2 by alice"}
    assert bob.team.edit(mark, "v3 by bob")
    bob.team.sync()
    alice.team.sync()
    assert alice.bookmarks.get("member:china").note == "v3 by bob"  # no conflict: alice had seen v2
    alice.team.sync()
    assert alice.team.status().waiting == 0  # following bob's edit queued nothing


def test_two_offline_edits_both_keep_their_text_until_the_author_resolves(clients) -> None:  # type: ignore[no-untyped-def]
    alice, bob, carol = clients["alice"], clients["bob"], clients["carol"]
    mark = alice.add("member:china", "v1")
    _sync_all(clients)
    alice.bookmarks.set_note("member:china", "alice offline")
    alice.team.stage()
    bob.team.edit(mark, "bob offline")
    alice.team.sync()
    bob.team.sync()
    _sync_all(clients)
    states = _states(clients)
    assert states["alice"] == states["bob"] == states["carol"]
    shared = alice.team.store.mark(mark)
    assert shared.note == "alice offline"
    assert [c["note"] for c in shared.conflicts] == ["bob offline"]
    assert alice.bookmarks.get("member:china").note == "alice offline"
    assert alice.team.status().conflicts == 1
    alice.team.resolve(mark, text="alice offline / bob offline")
    _sync_all(clients)
    for c in (alice, bob, carol):
        settled = c.team.store.mark(mark)
        assert (settled.note, settled.conflicts) == ("alice offline / bob offline", [])
    assert alice.bookmarks.get("member:china").note == "alice offline / bob offline"


def test_an_edit_and_a_delete_keep_the_edit(clients) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    mark = alice.add("member:china", "v1")
    _sync_all(clients)
    alice.bookmarks.remove("member:china")  # alice deletes while bob edits, both offline
    bob.team.edit(mark, "bob keeps it")
    bob.team.sync()
    alice.team.sync()
    _sync_all(clients)
    for c in clients.values():
        kept = c.team.store.mark(mark)
        assert (kept.deleted, kept.note) == (False, "bob keeps it")
    # the other order: the delete reaches the server first, the edit still wins
    mark2 = bob.add("member:india", "i1")
    _sync_all(clients)
    bob.team.unshare("member:india")
    alice.team.edit(mark2, "alice keeps it")
    bob.team.sync()
    alice.team.sync()
    _sync_all(clients)
    assert {c.team.store.mark(mark2).deleted for c in clients.values()} == {False}


def test_a_delete_that_saw_everything_is_a_tombstone(clients) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    mark = alice.add("member:china", "v1")
    _sync_all(clients)
    alice.bookmarks.remove("member:china")
    _sync_all(clients)
    assert bob.team.marks() == []
    tomb = bob.team.store.mark(mark)
    assert tomb is not None and tomb.deleted


def test_unshare_keeps_the_bookmark_private(clients) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    alice.add("member:china", "v1")
    _sync_all(clients)
    assert alice.team.unshare("member:china")
    alice.bookmarks.set_note("member:china", "private now")
    _sync_all(clients)
    assert bob.team.marks() == []
    assert alice.bookmarks.get("member:china").note == "private now"


def test_three_clients_converge_after_a_busy_offline_day(clients) -> None:  # type: ignore[no-untyped-def]
    marks = {}
    for who, c in clients.items():
        for n in range(5):
            marks[(who, n)] = c.add(f"member:{who}{n}", f"{who} {n}")
    _sync_all(clients)
    for who, c in clients.items():  # everyone edits everyone's first mark offline, and removes a mark of their own
        for owner in clients:
            c.team.edit(marks[(owner, 0)], f"{who} edits {owner}")
        c.bookmarks.remove(f"member:{who}4")
    _sync_all(clients, rounds=3)
    states = _states(clients)
    assert states["alice"] == states["bob"] == states["carol"]
    live = {m.item_id for m in clients["alice"].team.marks()}
    assert len(live) == 12


def test_fold_is_a_pure_function_of_the_log() -> None:
    def ch(seq, op, base, client, note="") -> Change:  # type: ignore[no-untyped-def]
        return Change(change_id=str(seq), mark_id="m", op=op, base_seq=base, item_id="x", note=note,
                      client_id=client, author=client, seq=seq)

    m = fold(None, ch(1, "put", 0, "a", "v1"))
    m = fold(m, ch(2, "put", 1, "a", "v2"))  # the same client building on its own edit: no conflict
    m = fold(m, ch(3, "put", 1, "b", "b1"))  # b had not seen v2
    assert (m.note, [c["note"] for c in m.conflicts]) == ("v2", ["b1"])
    m = fold(m, ch(4, "delete", 1, "c"))  # a delete that had not seen the edits: ignored
    assert not m.deleted
    m = fold(m, ch(5, "put", 4, "a", "merged"))
    assert (m.note, m.conflicts) == ("merged", [])
    m = fold(m, ch(6, "delete", 5, "b"))
    assert m.deleted


def test_a_shared_highlight_reaches_the_team_and_follows_an_edit(clients, team_db) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.domain.highlights import Highlight
    from briefing_app.persistence.highlight_repository import HighlightRepository

    alice, bob = clients["alice"], clients["bob"]
    highlights = HighlightRepository(alice.bookmarks.engine)
    mine = highlights.add(Highlight(highlight_id="h-1", item_id="paragraph:p12", quote="the spirit of Shanghai",
                                    note="quote this", item_kind="paragraph"))
    private = highlights.add(Highlight(highlight_id="h-2", item_id="paragraph:p13", quote="only mine"))
    assert alice.team.share_highlight(mine.highlight_id)
    alice.team.sync()
    bob.team.sync()
    [mark] = bob.team.marks()
    assert (mark.mark_kind, mark.item_id, mark.title, mark.note, mark.owner) == (
        "highlight", "paragraph:p12", "the spirit of Shanghai", "quote this", team_db.members["alice"])
    bob.team.edit(mark.mark_id, "quote this, in the opening")
    bob.team.sync()
    alice.team.sync()
    assert highlights.get("h-1").note == "quote this, in the opening"
    assert private.highlight_id not in str(team_db.cluster.admin_sql(
        "SELECT title FROM briefing_team.changes", team_db.dbname)) and "only mine" not in str(
        team_db.cluster.admin_sql("SELECT title FROM briefing_team.changes", team_db.dbname))
    highlights.remove("h-1")
    alice.team.sync()
    bob.team.sync()
    assert bob.team.marks() == []
