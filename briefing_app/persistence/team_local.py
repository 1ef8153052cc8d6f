"""The team's side of the local user database: shared flags, the outbox, the folded team marks, sync state.

Every method is one SQLite transaction on the bookmark repository's engine, so a change and the outbox entry that
carries it to the server are written together, and a pull's marks and its new ``last_seq`` land together: a sync
cut off at any point resumes from a consistent state. Private bookmarks are never read into the outbox.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, text

from briefing_app.persistence.bookmark_repository import now_iso
from briefing_app.persistence.team_server import Change, new_id

T = TypeVar("T")


@dataclass
class Mark:
    """One shared mark as the team's log folds it."""

    mark_id: str
    item_id: str
    item_kind: str
    title: str
    note: str
    tags: tuple[str, ...]
    owner: str
    last_author: str
    deleted: bool
    head_seq: int
    history: list[list[Any]] = field(default_factory=list)  # [seq, client_id, op]
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # {"author", "note", "seq"}
    mark_kind: str = "bookmark"  # or "highlight" (then title is the quoted passage), or "book" (title: its name)
    body: str = ""  # a book's parts, JSON ({"parts": [...]}); "" for bookmarks and highlights


def _mark(row: Any) -> Mark:
    return Mark(mark_id=row.mark_id, item_id=row.item_id, item_kind=row.item_kind, title=row.title, note=row.note,
                tags=tuple(json.loads(row.tags)), owner=row.owner, last_author=row.last_author,
                deleted=bool(row.deleted), head_seq=row.head_seq, history=json.loads(row.history),
                conflicts=json.loads(row.conflicts), mark_kind=row.mark_kind, body=row.body)


def snapshot(kind: str, title: str, note: str, tags: Iterable[str]) -> str:
    return json.dumps({"item_kind": kind, "title": title, "note": note, "tags": sorted(tags)}, sort_keys=True)


#: the shared-flag key of a highlight (bookmarks use their item id)
HIGHLIGHT_KEY = "highlight:"
#: the shared-flag key of a composed book: ``book:`` and its row id (stable through renames)
BOOK_KEY = "book:"


class TeamStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.followed = 0  # local bookmarks and highlights whose note a pull changed (the window reloads them)

    def run(self, work: Callable[[Connection], T]) -> T:
        with self._engine.begin() as conn:
            return work(conn)

    # --- state ---------------------------------------------------------------------------------------------------

    def state(self) -> dict[str, str]:
        with self._engine.connect() as conn:
            return {k: v for k, v in conn.execute(text("SELECT key, value FROM team_state"))}

    def set_state(self, **values: str | None) -> None:
        with self._engine.begin() as conn:
            set_state(conn, **values)

    # --- the shared flag -----------------------------------------------------------------------------------------

    def shared_items(self) -> dict[str, str]:
        """item_id -> mark_id of the bookmarks the user shares."""
        with self._engine.connect() as conn:
            return {r.item_id: r.mark_id for r in conn.execute(text("SELECT item_id, mark_id FROM team_shared"))}

    def share(self, item_id: str) -> str | None:
        """Flag the bookmark of ``item_id`` as shared and queue it; None if it is not bookmarked."""

        def work(conn: Connection) -> str | None:
            if item_id.startswith(HIGHLIGHT_KEY):
                row = conn.execute(text("SELECT created_at FROM highlights WHERE highlight_id = :h"),
                                   {"h": item_id[len(HIGHLIGHT_KEY):]}).first()
            elif item_id.startswith(BOOK_KEY):
                row = conn.execute(text("SELECT created_at FROM books WHERE row_id = :r"),
                                   {"r": item_id[len(BOOK_KEY):]}).first()
            else:
                row = conn.execute(text("SELECT created_at FROM bookmarks WHERE item_id = :i"),
                                   {"i": item_id}).first()
            if row is None:
                return None
            known = conn.execute(text("SELECT mark_id FROM team_shared WHERE item_id = :i"), {"i": item_id}).first()
            if known:
                return str(known.mark_id)
            mark_id = new_id()
            conn.execute(text("INSERT INTO team_shared (item_id, mark_id, created_at, sent) VALUES (:i, :m, :c, '')"),
                         {"i": item_id, "m": mark_id, "c": row.created_at})
            stage(conn, [item_id])
            return mark_id

        return self.run(work)

    def unshare(self, item_id: str) -> bool:
        """Stop sharing: the team gets a tombstone; the bookmark stays, private."""

        def work(conn: Connection) -> bool:
            row = conn.execute(text("SELECT mark_id, sent FROM team_shared WHERE item_id = :i"), {"i": item_id}).first()
            if row is None:
                return False
            _queue(conn, row.mark_id, "delete", item_id, json.loads(row.sent) if row.sent else {})
            conn.execute(text("DELETE FROM team_shared WHERE item_id = :i"), {"i": item_id})
            return True

        return self.run(work)

    def stage(self) -> int:
        return self.run(stage)

    # --- outbox --------------------------------------------------------------------------------------------------

    def outbox(self, limit: int = 1000) -> list[tuple[int, Change]]:
        with self._engine.connect() as conn:
            client_id = _get(conn, "client_id") or ""
            rows = conn.execute(text("SELECT ordinal, change_id, mark_id, op, base_seq, payload FROM team_outbox "
                                     "ORDER BY ordinal LIMIT :n"), {"n": limit}).all()
        out = []
        for r in rows:
            p = json.loads(r.payload)
            out.append((r.ordinal, Change(change_id=r.change_id, mark_id=r.mark_id, op=r.op, base_seq=r.base_seq,
                                          item_id=p.get("item_id", ""), item_kind=p.get("item_kind", ""),
                                          title=p.get("title", ""), note=p.get("note", ""),
                                          tags=tuple(p.get("tags", ())), client_id=client_id,
                                          mark_kind=p.get("mark_kind", "bookmark"),
                                          body=json.dumps(p["body"]) if "body" in p else "{}")))
        return out

    def waiting(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM team_outbox")).scalar_one())

    def drop_sent(self, up_to_ordinal: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(text("DELETE FROM team_outbox WHERE ordinal <= :o"), {"o": up_to_ordinal})

    def queue_edit(self, mark_id: str, note: str) -> bool:
        """Queue an edit of a team mark's note (anyone's shared mark; a resolution of a conflict)."""

        def work(conn: Connection) -> bool:
            mark = _load(conn, mark_id)
            if mark is None or mark.mark_kind == "book":  # a book changes only in its owner's composer
                return False
            payload = {"item_id": mark.item_id, "item_kind": mark.item_kind, "title": mark.title, "note": note,
                       "tags": list(mark.tags), "mark_kind": mark.mark_kind}
            _queue(conn, mark_id, "put", mark.item_id, payload)
            shared = conn.execute(text("SELECT item_id FROM team_shared WHERE mark_id = :m"), {"m": mark_id}).first()
            if shared:  # the author's own mark takes the chosen text, without queueing it a second time
                _set_local_note(conn, shared.item_id, note)
                _refresh_sent(conn, shared.item_id)
            return True

        return self.run(work)

    # --- the team's marks ----------------------------------------------------------------------------------------

    def marks(self, include_deleted: bool = False) -> list[Mark]:
        with self._engine.connect() as conn:
            sql = "SELECT * FROM team_marks" + ("" if include_deleted else " WHERE NOT deleted") + " ORDER BY head_seq"
            return [_mark(r) for r in conn.execute(text(sql))]

    def conflicts(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(text(
                "SELECT count(*) FROM team_marks WHERE NOT deleted AND conflicts <> '[]'")).scalar_one())

    def mark(self, mark_id: str) -> Mark | None:
        with self._engine.connect() as conn:
            return _load(conn, mark_id)

    def apply_pulled(self, changes: list[Change], fold: Callable[[Mark | None, Change], Mark]) -> int:
        """Fold ``changes`` into the marks and move ``last_seq`` past them, in one transaction."""

        def work(conn: Connection) -> int:
            ids = sorted({c.mark_id for c in changes})
            marks: dict[str, Mark | None] = dict.fromkeys(ids)
            known = text("SELECT * FROM team_marks WHERE mark_id IN (SELECT value FROM json_each(:ids))")
            for row in conn.execute(known, {"ids": json.dumps(ids)}):
                marks[row.mark_id] = _mark(row)
            for change in changes:
                marks[change.mark_id] = fold(marks[change.mark_id], change)
            folded = [m for m in marks.values() if m is not None]
            _save_many(conn, folded)
            mine = {r.mark_id: r.sent for r in conn.execute(text("SELECT mark_id, sent FROM team_shared"))}
            for mark in folded:
                sent = mine.get(mark.mark_id)
                if sent is not None and (mark.deleted or not sent or json.loads(sent)["note"] != mark.note):
                    # only a mark whose text moved away from what this copy sent
                    self.followed += _follow_mark(conn, mark)
            if changes:
                set_state(conn, last_seq=str(changes[-1].seq))
            return len(folded)

        return self.run(work)

    def forget(self) -> None:
        """Leave the team: the team's marks, the outbox and the state go; bookmarks stay, private."""
        with self._engine.begin() as conn:
            for table in ("team_marks", "team_outbox", "team_shared", "team_state"):
                conn.execute(text(f"DELETE FROM {table}"))


def _get(conn: Connection, key: str) -> str | None:
    row = conn.execute(text("SELECT value FROM team_state WHERE key = :k"), {"k": key}).first()
    return None if row is None else str(row.value)


def set_state(conn: Connection, **values: str | None) -> None:
    for key, value in values.items():
        if value is None:
            conn.execute(text("DELETE FROM team_state WHERE key = :k"), {"k": key})
        else:
            conn.execute(text("INSERT INTO team_state (key, value) VALUES (:k, :v) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value"), {"k": key, "v": value})


def _load(conn: Connection, mark_id: str) -> Mark | None:
    row = conn.execute(text("SELECT * FROM team_marks WHERE mark_id = :m"), {"m": mark_id}).first()
    return _mark(row) if row else None


def _json_list(value: Any) -> str:
    return json.dumps(value) if value else "[]"


def _history_json(history: list[list[Any]]) -> str:
    """``json.dumps(history)``, written directly: its entries are [int seq, uuid text, "put" | "delete"], which
    need no escaping (about five times faster, and a pull writes one per mark)."""
    return "[" + ", ".join(f'[{int(s)}, "{c}", "{o}"]' for s, c, o in history) + "]"


def _save_many(conn: Connection, marks: list[Mark]) -> None:
    """Write ``marks`` with one ``executemany`` of plain tuples (no per-row statement compilation)."""
    if not marks:
        return
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO team_marks (mark_id, mark_kind, item_id, item_kind, title, note, tags, owner, "
        "last_author, deleted, head_seq, history, conflicts, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(m.mark_id, m.mark_kind, m.item_id, m.item_kind, m.title, m.note, _json_list(list(m.tags)), m.owner,
          m.last_author, m.deleted, m.head_seq, _history_json(m.history), _json_list(m.conflicts), m.body)
         for m in marks])


def _queue(conn: Connection, mark_id: str, op: str, item_id: str, payload: dict[str, Any]) -> None:
    head = conn.execute(text("SELECT head_seq FROM team_marks WHERE mark_id = :m"), {"m": mark_id}).first()
    conn.execute(text("INSERT INTO team_outbox (change_id, mark_id, op, base_seq, payload) "
                      "VALUES (:c, :m, :op, :b, :p)"),
                 {"c": new_id(), "m": mark_id, "op": op, "b": head.head_seq if head else 0,
                  "p": json.dumps({"item_id": item_id, **payload})})


def _bookmark_snapshots(conn: Connection, item_ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    """key -> (created_at, snapshot) of the shared bookmarks (key: the item id) and highlights (``highlight:ID``)."""
    wanted = None if item_ids is None else set(item_ids)
    found = {} if wanted is not None and all(k.startswith((HIGHLIGHT_KEY, BOOK_KEY)) for k in wanted) else \
        _only_bookmark_snapshots(conn, wanted)
    if wanted is None or any(k.startswith(HIGHLIGHT_KEY) for k in wanted):
        found.update(_highlight_snapshots(conn, wanted))
    if wanted is None or any(k.startswith(BOOK_KEY) for k in wanted):
        found.update(_book_snapshots(conn, wanted))
    return found


def _book_snapshots(conn: Connection, wanted: set[str] | None) -> dict[str, tuple[str, str]]:
    """The shared books: name and ordered parts (every column of a part, so a kind added later travels too)."""
    books = conn.execute(text(
        "SELECT s.item_id AS key, b.row_id, b.name, b.created_at FROM books b "
        "JOIN team_shared s ON s.item_id = 'book:' || b.row_id")).all()
    out = {}
    for r in books:
        if wanted is not None and r.key not in wanted:
            continue
        parts = [{k: v for k, v in p._mapping.items() if k not in ("book_row", "position")} for p in conn.execute(
            text("SELECT * FROM book_parts WHERE book_row = :b ORDER BY position"), {"b": r.row_id})]
        snap = json.loads(snapshot("book", r.name, "", ()))
        snap.update(mark_kind="book", item_id=r.name, body={"parts": parts})
        out[r.key] = (r.created_at, json.dumps(snap, sort_keys=True))
    return out


def _highlight_snapshots(conn: Connection, wanted: set[str] | None) -> dict[str, tuple[str, str]]:
    rows = conn.execute(text(
        "SELECT s.item_id AS key, h.item_id, h.item_kind, h.quote, h.note, h.created_at, "
        "group_concat(t.tag, char(31)) AS tags FROM highlights h "
        "JOIN team_shared s ON s.item_id = 'highlight:' || h.highlight_id "
        "LEFT JOIN highlight_tags t ON t.highlight_row = h.row_id GROUP BY h.row_id")).all()
    out = {}
    for r in rows:
        if wanted is None or r.key in wanted:
            snap = json.loads(snapshot(r.item_kind, r.quote, r.note, r.tags.split("\x1f") if r.tags else ()))
            snap.update(mark_kind="highlight", item_id=r.item_id)
            out[r.key] = (r.created_at, json.dumps(snap, sort_keys=True))
    return out


def _only_bookmark_snapshots(conn: Connection, item_ids: Iterable[str] | None) -> dict[str, tuple[str, str]]:
    wanted = None if item_ids is None else set(item_ids)
    where = "" if wanted is None or len(wanted) > 50 else " WHERE b.item_id IN (SELECT value FROM json_each(:ids))"
    rows = conn.execute(text(
        "SELECT b.item_id, b.kind, b.title, b.note, b.created_at, group_concat(t.tag, char(31)) AS tags "
        "FROM bookmarks b JOIN team_shared s ON s.item_id = b.item_id "
        f"LEFT JOIN bookmark_tags t ON t.bookmark_row = b.row_id{where} GROUP BY b.row_id"),
        {"ids": json.dumps(sorted(wanted or ()))}).all()
    return {r.item_id: (r.created_at, snapshot(r.kind, r.title, r.note, r.tags.split("\x1f") if r.tags else ()))
            for r in rows if wanted is None or r.item_id in wanted}


def _refresh_sent(conn: Connection, item_id: str) -> None:
    snap = _bookmark_snapshots(conn, [item_id]).get(item_id)
    if snap:
        conn.execute(text("UPDATE team_shared SET sent = :s WHERE item_id = :i"), {"s": snap[1], "i": item_id})


def stage(conn: Connection, item_ids: list[str] | None = None) -> int:
    """Put every change of a shared bookmark since it was last staged into the outbox; return how many."""
    current = _bookmark_snapshots(conn, item_ids)
    heads = {r.mark_id: r.head_seq for r in conn.execute(text(
        "SELECT m.mark_id, m.head_seq FROM team_marks m JOIN team_shared s ON s.mark_id = m.mark_id"))}
    outbox: list[dict[str, Any]] = []
    gone: list[dict[str, Any]] = []
    sent: list[dict[str, Any]] = []
    for row in conn.execute(text("SELECT item_id, mark_id, created_at, sent FROM team_shared")).all():
        if item_ids is not None and row.item_id not in item_ids:
            continue
        found = current.get(row.item_id)
        if found is None or found[0] != row.created_at:  # removed (perhaps bookmarked again since): a tombstone
            payload = {"item_id": row.item_id, **(json.loads(row.sent) if row.sent else {})}
            outbox.append({"c": new_id(), "m": row.mark_id, "op": "delete", "b": heads.get(row.mark_id, 0),
                           "p": json.dumps(payload)})
            gone.append({"i": row.item_id})
        elif found[1] != row.sent:
            payload = {"item_id": row.item_id, **json.loads(found[1])}
            outbox.append({"c": new_id(), "m": row.mark_id, "op": "put", "b": heads.get(row.mark_id, 0),
                           "p": json.dumps(payload)})
            sent.append({"s": found[1], "i": row.item_id})
    if outbox:
        conn.execute(text("INSERT INTO team_outbox (change_id, mark_id, op, base_seq, payload) "
                          "VALUES (:c, :m, :op, :b, :p)"), outbox)
    if gone:
        conn.execute(text("DELETE FROM team_shared WHERE item_id = :i"), gone)
    if sent:
        conn.execute(text("UPDATE team_shared SET sent = :s WHERE item_id = :i"), sent)
    return len(outbox)


def _follow_mark(conn: Connection, mark: Mark) -> bool:
    """The author's bookmark follows the team's settled text of its mark (not while a conflict is open, nor over
    a local edit not yet staged, nor while the outbox still holds a change of it)."""
    shared = conn.execute(text("SELECT item_id, sent FROM team_shared WHERE mark_id = :m"),
                          {"m": mark.mark_id}).first()
    if shared is None or mark.conflicts:
        return False
    if mark.deleted:  # someone removed it from the team: the bookmark stays, private
        conn.execute(text("DELETE FROM team_shared WHERE mark_id = :m"), {"m": mark.mark_id})
        return True
    pending = conn.execute(text("SELECT 1 FROM team_outbox WHERE mark_id = :m"), {"m": mark.mark_id}).first()
    snap = _bookmark_snapshots(conn, [shared.item_id]).get(shared.item_id)
    if pending or snap is None or snap[1] != shared.sent:
        return False
    if json.loads(snap[1])["note"] != mark.note:
        _set_local_note(conn, shared.item_id, mark.note)
        _refresh_sent(conn, shared.item_id)
        return True
    return False


def _set_local_note(conn: Connection, key: str, note: str) -> None:
    if key.startswith(HIGHLIGHT_KEY):
        conn.execute(text("UPDATE highlights SET note = :n, updated_at = :u WHERE highlight_id = :h"),
                     {"n": note, "u": now_iso(), "h": key[len(HIGHLIGHT_KEY):]})
    else:
        conn.execute(text("UPDATE bookmarks SET note = :n, updated_at = :u WHERE item_id = :i"),
                     {"n": note, "u": now_iso(), "i": key})
