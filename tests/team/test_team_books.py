"""Composed books shared through the team: the owner shares, renames and changes one; the team sees it with its
author; only the owner may change it (Row-Level Security, proved by pushing as another member); unshared, it goes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.domain.books import Book, BookPart, PartKind
from briefing_app.persistence.book_repository import BookRepository
from briefing_app.persistence.team_server import Change, TeamServer, TeamServerError, new_id
from briefing_app.services.team_sync import book_parts
from tests.conftest import ROOT


def _parts(mark):  # type: ignore[no-untyped-def]
    return [(p["kind"], p["ref"], p["title"], p["text"]) for p in book_parts(mark)]


def test_a_shared_book_reaches_the_team_with_its_author_and_follows_its_changes(clients, team_db) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    books = BookRepository(alice.bookmarks.engine)
    books.create(Book("Summit brief", (BookPart(PartKind.SECTION, "members", "Members"),
                                       BookPart(PartKind.TEXT, "", "Cover note", "For the minister"))))
    books.create(Book("My drafts"))
    assert alice.team.share_book("No such book") is None
    assert alice.team.share_book("Summit brief")
    alice.team.sync()
    bob.team.sync()
    (mark,) = bob.team.team_books()
    assert (mark.title, mark.owner) == ("Summit brief", team_db.members["alice"])
    assert _parts(mark) == [("section", "members", "Members", ""), ("text", "", "Cover note", "For the minister")]
    rows = team_db.cluster.admin_sql("SELECT DISTINCT item_id FROM briefing_team.changes", team_db.dbname)
    assert rows == [("Summit brief",)]  # the private book never left alice's machine
    # the owner changes the parts and renames the book: the team follows
    books.set_parts("Summit brief", (BookPart(PartKind.TEXT, "", "Talking points", "Corridors first"),))
    books.rename("Summit brief", "Astana brief")
    assert alice.team.shared_books() == {"Astana brief"}
    alice.team.sync()
    bob.team.sync()
    (mark,) = bob.team.team_books()
    assert mark.title == "Astana brief" and _parts(mark) == [("text", "", "Talking points", "Corridors first")]
    assert not bob.team.edit(mark.mark_id, "bob's words")  # a book is changed in its owner's composer only
    # unshared: a tombstone, the book stays alice's
    assert alice.team.unshare_book("Astana brief")
    alice.team.sync()
    bob.team.sync()
    assert bob.team.team_books() == []
    assert books.get("Astana brief").parts


def test_only_the_owner_may_change_a_shared_book(clients, team_db) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    BookRepository(alice.bookmarks.engine).create(Book("Summit brief"))
    alice.team.share_book("Summit brief")
    alice.team.sync()
    bob.team.sync()
    (mark,) = bob.team.team_books()
    forged = Change(change_id=new_id(), mark_id=mark.mark_id, op="put", base_seq=mark.head_seq,
                    item_id="Summit brief", item_kind="book", title="Summit brief", client_id=new_id(),
                    mark_kind="book", body=json.dumps({"parts": [{"kind": "text", "ref": "", "title": "bob",
                                                                  "text": "bob rewrote it"}]}))
    with TeamServer(team_db.url("bob")) as server:
        with pytest.raises(TeamServerError, match="row-level security"):
            server.push([forged])
        with pytest.raises(TeamServerError, match="row-level security"):  # nor as a bookmark of that mark id
            server.push([Change(change_id=new_id(), mark_id=mark.mark_id, op="delete", base_seq=0,
                                item_id="member:chn", client_id=new_id())])
        with pytest.raises(TeamServerError, match="mark_kind"):
            server.push([Change(change_id=new_id(), mark_id=new_id(), op="put", base_seq=0, item_id="x",
                                client_id=new_id(), mark_kind="spreadsheet")])
    # bob's own book is his to change
    BookRepository(bob.bookmarks.engine).create(Book("Bob's annex"))
    bob.team.share_book("Bob's annex")
    bob.team.sync()
    alice.team.sync()
    assert sorted((m.title, m.owner) for m in alice.team.team_books()) == [
        ("Bob's annex", team_db.members["bob"]), ("Summit brief", team_db.members["alice"])]


def test_book_share_and_unshare_on_the_command_line(clients, team_db, built_content: Path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "carol-home"
    home.mkdir()
    shutil.copy(built_content, home / "content.sqlite3")
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True,
                              env=env, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)

    assert cli("book", "create", "Carol's brief", "--section", "overview").returncode == 0
    refused = cli("book", "share", "Carol's brief")
    assert refused.returncode == 2 and "no team is configured" in refused.stderr
    assert cli("team", "connect", team_db.url("carol", password=False)).returncode == 0
    missing = cli("book", "share", "Nobody's book")
    assert missing.returncode == 2 and "no book named" in missing.stderr
    shared = cli("book", "share", "Carol's brief")
    assert shared.returncode == 0, shared.stderr
    assert cli("team", "sync").returncode == 0
    clients["bob"].team.sync()
    (mark,) = clients["bob"].team.team_books()
    assert (mark.title, mark.owner, _parts(mark)) == ("Carol's brief", team_db.members["carol"],
                                                      [("section", "overview", "Overview", "")])
    marks = json.loads(cli("team", "marks", "--json").stdout)
    assert [(m["kind"], m["parts"][0]["ref"]) for m in marks] == [("book", "overview")]
    assert cli("book", "unshare", "Carol's brief").returncode == 0
    assert cli("team", "sync").returncode == 0
    clients["bob"].team.sync()
    assert clients["bob"].team.team_books() == []
