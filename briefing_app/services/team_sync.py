"""Working together through a team server, offline first (issue 21).

The local user database stays the working copy. A shared bookmark's changes go to an outbox (staged in the same
transaction as they are read); :meth:`TeamSync.sync` pushes the outbox and pulls the team's log since the last
server sequence number, folding it into the team's marks with :func:`fold`. Every client folds the same log in the
same order, so all converge. Rules of the fold:

* an edit made without having seen another client's later change to the same mark is *concurrent*: if its text
  differs, the text already in place stays and the newcomer's text is kept beside it as a conflict, which the
  mark's author resolves by choosing or merging (an edit made after seeing them all, which clears the conflict);
* an edit and a delete of the same mark keep the edit, whichever came first;
* deletes are tombstones (the mark is kept, flagged deleted).

This module and psycopg are imported only when a team is configured; without one nothing changes.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing_app.persistence.team_local import BOOK_KEY, HIGHLIGHT_KEY, Mark, TeamStore
from briefing_app.persistence.team_server import (
    Change,
    NotAMemberError,
    TeamServer,
    TeamServerError,
    needs_password,
    new_id,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

PUSH_BATCH = 5000  # one statement, one round trip, one server transaction per batch
# one SQLite transaction per batch (WAL: the window's reads never wait on it; a write waits ~0.1 s at most)
PULL_BATCH = 2500

__all__ = ["Mark", "NotAMemberError", "TeamServerError", "TeamStatus", "TeamSync", "fold", "needs_password"]


def fold(mark: Mark | None, c: Change) -> Mark:
    """``mark`` after the log entry ``c`` (entries come in server order)."""
    if mark is None:
        return Mark(mark_id=c.mark_id, item_id=c.item_id, item_kind=c.item_kind, title=c.title, note=c.note,
                    tags=c.tags, owner=c.author, last_author=c.author, deleted=c.op == "delete", head_seq=c.seq,
                    history=[[c.seq, c.client_id, c.op]], conflicts=[], mark_kind=c.mark_kind,
                    body=c.body if c.mark_kind == "book" else "")
    unseen = [h for h in mark.history if h[0] > c.base_seq and h[1] != c.client_id]
    m = replace(mark, history=[*mark.history, [c.seq, c.client_id, c.op]], head_seq=c.seq, last_author=c.author,
                conflicts=list(mark.conflicts))
    if c.op == "put":
        if unseen and not mark.deleted and c.note != mark.note:
            m.conflicts.append({"author": c.author, "note": c.note, "seq": c.seq})
            m.tags = tuple(sorted(set(mark.tags) | set(c.tags)))
        else:
            m.note, m.tags, m.title, m.deleted = c.note, c.tags, c.title or mark.title, False
            if c.mark_kind == "book":  # a book's name and parts: only its owner changes them (the server says so)
                m.body, m.item_id = c.body, c.item_id
            if not unseen:
                m.conflicts = []
    elif not any(h[2] == "put" for h in unseen):  # a delete that saw every edit; otherwise the edit wins
        m.deleted = True
    return m


@dataclass(frozen=True)
class TeamStatus:
    configured: bool
    url: str = ""
    me: str = ""
    waiting: int = 0
    last_seq: int = 0
    synced_at: str = ""  # ISO time of the last complete sync
    error: str = ""  # why the last sync did not complete ("" when it did)
    conflicts: int = 0

    def line(self) -> str:
        """The status bar's words: "Team: synced 14:02" or "Team: offline, 3 changes waiting"."""
        if not self.configured:
            return ""
        if self.error:
            n = self.waiting
            return f"Team: offline, {n} change{'s' if n != 1 else ''} waiting" if n else "Team: offline"
        if not self.synced_at:
            return "Team: not synced yet"
        local = datetime.fromisoformat(self.synced_at).astimezone()
        n = self.waiting
        extra = f", {n} change{'s' if n != 1 else ''} waiting" if n else ""
        return f"Team: synced {local:%H:%M}{extra}"

    def to_json(self) -> dict[str, Any]:
        return {"configured": self.configured, "url": self.url, "me": self.me, "waiting": self.waiting,
                "last_seq": self.last_seq, "synced_at": self.synced_at, "error": self.error,
                "conflicts": self.conflicts}


def strip_password(url: str) -> str:
    """The URL without a password, as it may be stored (libpq then asks ~/.pgpass)."""
    from urllib.parse import urlsplit, urlunsplit

    if "://" not in url:
        return " ".join(p for p in url.split() if not p.startswith("password="))
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))


class TeamSync:
    """One user's link to a team, over the local store. ``password`` is held in memory only."""

    def __init__(self, engine: Any, password: str | None = None,
                 prompt: Callable[[str], str] | None = None) -> None:
        self.store = TeamStore(engine)
        self.password = password
        self._prompt = prompt
        self.last_pulled = 0  # changes the last sync brought in

    # --- link ----------------------------------------------------------------------------------------------------

    def configured(self) -> bool:
        return "url" in self.store.state()

    def connect(self, url: str, sync: bool = True) -> TeamStatus:
        """Check that the server takes us as a member, then remember the URL (never a password); then sync, unless
        ``sync`` is False (the window leaves the first pull to its background sync)."""
        with self._open(url) as server:
            me = server.me
        state = self.store.state()
        if state.get("url") not in (None, strip_password(url)) or state.get("me") not in (None, me):
            self.store.forget()  # another team or another person: start the link afresh
        self.store.set_state(url=strip_password(url), me=me, client_id=self.store.state().get("client_id") or new_id())
        if url != strip_password(url) and self.password is None:
            from urllib.parse import unquote, urlsplit

            self.password = unquote(urlsplit(url).password or "") or None
        return self.sync() if sync else self.status(stage=False)

    def disconnect(self) -> None:
        self.store.forget()

    def _open(self, url: str | None = None) -> TeamServer:
        target = url or self.store.state().get("url")
        if not target:
            raise TeamServerError("no team is configured (briefing-app team connect URL)")
        try:
            return TeamServer(target, self.password)
        except NotAMemberError:
            raise
        except TeamServerError as exc:
            if self._prompt is None or not needs_password(exc):
                raise
            self.password = self._prompt(f"Password for the team server ({strip_password(target)}): ")
            return TeamServer(target, self.password)

    # --- sharing -------------------------------------------------------------------------------------------------

    def share(self, item_id: str) -> str | None:
        return self.store.share(item_id)

    def unshare(self, item_id: str) -> bool:
        return self.store.unshare(item_id)

    def share_highlight(self, highlight_id: str) -> str | None:
        """Share a highlight (its passage, note and tags); None if there is no such highlight."""
        return self.store.share(HIGHLIGHT_KEY + highlight_id)

    def unshare_highlight(self, highlight_id: str) -> bool:
        return self.store.unshare(HIGHLIGHT_KEY + highlight_id)

    def _book_key(self, name: str) -> str | None:
        from sqlalchemy import text

        with self.store._engine.connect() as conn:
            row = conn.execute(text("SELECT row_id FROM books WHERE name = :n"), {"n": name}).first()
        return None if row is None else BOOK_KEY + str(row.row_id)

    def share_book(self, name: str) -> str | None:
        """Share a composed book (its name and parts; later changes follow); None if there is no such book."""
        key = self._book_key(name)
        return None if key is None else self.store.share(key)

    def unshare_book(self, name: str) -> bool:
        key = self._book_key(name)
        return key is not None and self.store.unshare(key)

    def shared_books(self) -> set[str]:
        """The names of this user's books the team sees."""
        from sqlalchemy import text

        with self.store._engine.connect() as conn:
            return {r.name for r in conn.execute(text(
                "SELECT b.name FROM books b JOIN team_shared s ON s.item_id = 'book:' || b.row_id"))}

    def team_books(self) -> list[Mark]:
        """The books the team shares (this user's too), with who made them."""
        return [m for m in self.store.marks() if m.mark_kind == "book"]

    def shared_items(self) -> dict[str, str]:
        return self.store.shared_items()

    def edit(self, mark_id: str, note: str) -> bool:
        """Edit a team mark's note (anyone's); also how the author resolves a conflict."""
        return self.store.queue_edit(mark_id, note)

    def resolve(self, mark_id: str, choice: int | None = None, text: str | None = None) -> bool:
        """Settle a mark's conflict: keep the text in place (choice 0), a conflicting text (1, 2, ...), or ``text``."""
        mark = self.store.mark(mark_id)
        if mark is None:
            return False
        if text is None:
            options = [mark.note, *(c["note"] for c in mark.conflicts)]
            text = options[choice or 0]
        return self.store.queue_edit(mark_id, text)

    def stage(self) -> int:
        """Queue the shared bookmarks' changes (the sync does it too; a window does it after each edit)."""
        return self.store.stage()

    def marks(self, include_deleted: bool = False) -> list[Mark]:
        return self.store.marks(include_deleted)

    # --- sync ----------------------------------------------------------------------------------------------------

    def status(self, stage: bool = True) -> TeamStatus:
        """The link's state; ``stage`` first queues the bookmarks' unstaged changes so "waiting" counts them."""
        state = self.store.state()
        if "url" not in state:
            return TeamStatus(configured=False)
        if stage:
            self.store.stage()
        conflicts = self.store.conflicts()
        return TeamStatus(configured=True, url=state["url"], me=state.get("me", ""), waiting=self.store.waiting(),
                          last_seq=int(state.get("last_seq", "0")), synced_at=state.get("synced_at", ""),
                          error=state.get("error", ""), conflicts=conflicts)

    def push(self, server: TeamServer) -> int:
        sent = 0
        while batch := self.store.outbox(PUSH_BATCH):
            server.push([c for _o, c in batch])
            self.store.drop_sent(batch[-1][0])  # a cut before this line: the next push repeats them, harmlessly
            sent += len(batch)
        return sent

    def pull(self, server: TeamServer) -> int:
        pulled = 0
        while True:
            since = int(self.store.state().get("last_seq", "0"))
            changes = server.pull(since, PULL_BATCH)
            if not changes:
                return pulled
            self.store.apply_pulled(changes, fold)
            pulled += len(changes)
            if len(changes) < PULL_BATCH:
                return pulled

    def sync(self) -> TeamStatus:
        """Stage, push, pull. On failure the error is recorded for the status line and raised."""
        self.store.stage()
        try:
            with self._open() as server:
                self.push(server)
                self.last_pulled = self.pull(server)
        except TeamServerError as exc:
            self.store.set_state(error=str(exc))
            raise
        self.store.set_state(error=None, synced_at=datetime.now(UTC).isoformat(timespec="seconds"))
        return self.status(stage=False)  # staged at the start; the pull's follow-ups queue nothing


def worker_engine(path: Path) -> Engine:
    """An engine of the background sync's own on the user database at ``path`` (the window keeps its engine).

    Its commits use ``synchronous=NORMAL`` (WAL): a power cut may lose the last sync's writes, never corrupt them,
    and everything it writes comes back at the next sync (the outbox is pushed again, idempotently; ``last_seq``
    moves with the marks it covers), so the sync need not wait for the disk at each batch.
    """
    from sqlalchemy import event

    from briefing_app.persistence.engine import make_engine

    engine = make_engine(path, immediate=True)

    def relax(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    event.listen(engine, "connect", relax)
    return engine


def configured(engine: Any) -> bool:
    """Whether the user database has a team link (cheap; imports nothing of psycopg)."""
    from sqlalchemy import text

    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT 1 FROM team_state WHERE key = 'url'")).first() is not None
        except Exception:
            return False


def prompt_password(message: str) -> str:
    return getpass.getpass(message)


# --- administration (``briefing-app team setup``), re-exported for the command line ----------------------------------


def setup_team(admin_url: str, members: list[str], team_role: str | None = None,
               password: str | None = None) -> str:
    from briefing_app.persistence import team_server

    return team_server.setup(admin_url, members, team_role or team_server.DEFAULT_TEAM_ROLE, password)


def add_member(admin_url: str, member: str, password: str | None = None) -> None:
    from briefing_app.persistence import team_server

    team_server.add_member(admin_url, member, password)


def remove_member(admin_url: str, member: str, password: str | None = None) -> None:
    from briefing_app.persistence import team_server

    team_server.remove_member(admin_url, member, password)


def book_parts(mark: Mark) -> list[dict[str, Any]]:
    """A shared book's parts as the team sees them: [{"kind", "ref", "title", "text", ...}, ...]."""
    import json

    try:
        parts = json.loads(mark.body or "{}").get("parts", [])
    except ValueError:
        return []
    return [p for p in parts if isinstance(p, dict)]
