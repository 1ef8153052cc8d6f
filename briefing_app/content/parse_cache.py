"""The items files of a pack, parsed and validated once: a rebuild reparses only the files that changed.

Parsing YAML is most of what a build of a large pack costs. After a build, the validated items of every items
file that had no problem are kept beside the content database (``content.sqlite3.parsed``), each under the
SHA-256 of the file's text. The next build takes a file from there when its text hashes the same, and parses
it when not. The result of a build is the same with the cache or without it:

- only files without a problem are kept, so a file with one is parsed and reported again, word for word;
- the checks across files (duplicate ids, links, quotes in the source, alias files) run on every build;
- the cache is valid only for the code that wrote it (a digest of the loader's and schema's source, pydantic's
  and PyYAML's versions): another version of the app parses everything again;
- a cache that cannot be read, is damaged (its payload carries its own SHA-256) or cannot be written is
  ignored: the build parses, as it would without one.

The cache is JSON (no code is ever loaded from it) and holds only the entries of the last build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from briefing_app.content.checked import Checked

log = logging.getLogger(__name__)

FORMAT = 1
SUFFIX = ".parsed"
_MAGIC = "sco-briefing parse cache"


def cache_path(content_db: Path) -> Path:
    """Where the cache of the content database at ``content_db`` lives: beside it."""
    return content_db.with_name(content_db.name + SUFFIX)


#: The modules whose code decides what a validated items file holds (read as files: importing the loader here
#: would make a cycle).
_CODE = ("loader.py", "schema.py", "pack_yaml.py", "plain_yaml.py", "checked.py")


def code_key() -> str:
    """What the cached results depend on besides the files: the loader's code and its libraries' versions."""
    import pydantic
    import yaml

    from briefing_app import __version__

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{pydantic.VERSION}\0{yaml.__version__}\0".encode())
    for name in _CODE:
        try:
            digest.update((Path(__file__).parent / name).read_bytes())
        except OSError:  # a frozen bundle: its modules are not files; its version names its code
            digest.update(name.encode())
    return digest.hexdigest()


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def rows_json(checked: list[Checked]) -> str:
    """The JSON text the cache keeps for the items of one file (made where the file is parsed)."""
    return _dumps([item.to_json() for item in checked])


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ParseCache:
    """The validated items of items files by the SHA-256 of their text; :meth:`save` keeps those used."""

    def __init__(self, path: Path | None, entries: dict[str, list[Any]] | None = None) -> None:
        self.path = path
        self._old = entries or {}
        # a file's rows as read, or its validated items (their JSON is made when the cache is written)
        self._used: dict[str, list[Any]] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, path: Path) -> ParseCache:
        """The cache at ``path``; an empty one when it is missing, damaged or written by other code."""
        try:
            with path.open("rb") as handle:
                header = json.loads(handle.readline())
                payload = handle.read()
        except (OSError, ValueError):
            return cls(path)
        try:
            valid = (isinstance(header, dict) and header.get("magic") == _MAGIC and header.get("code") == code_key()
                     and header.get("sha256") == hashlib.sha256(payload).hexdigest())
            entries = json.loads(payload) if valid else None
        except ValueError:
            entries = None
        if not isinstance(entries, dict):
            return cls(path)
        return cls(path, entries)

    def get(self, text: str, key: str | None = None) -> list[Checked] | None:
        """The items kept for ``text`` (``key``: its :func:`text_key`, when already made), or None."""
        key = key or text_key(text)
        rows = self._used.get(key) or self._old.get(key)
        if rows and isinstance(rows[0], Checked):  # put by this build (the same text twice)
            self.hits += 1
            return list(rows)
        if rows is None:
            self.misses += 1
            return None
        try:
            checked = [Checked.from_json(row) for row in rows]
        except (TypeError, ValueError):  # not what this code writes: parse the file
            self.misses += 1
            return None
        self._used[key] = rows
        self.hits += 1
        return checked

    def put(self, text: str, checked: list[Checked], key: str | None = None) -> None:
        """Keep the items of an items file (``key``: :func:`text_key` of ``text``, when already made); their JSON
        is made when the cache is written (for a large pack, by a process beside the build's)."""
        self._used[key or text_key(text)] = list(checked)

    def _unchanged(self) -> bool:
        return self.path is None or (self._used.keys() == self._old.keys() and not self.misses)

    def prepared_path(self) -> Path | None:
        """Where :meth:`prepare` writes the cache for :meth:`save` to put in place (one name per build)."""
        return None if self.path is None else self.path.with_name(f".{self.path.name}-{os.getpid()}.ready")

    def prepare(self, ready: Path) -> bool:
        """Write what :meth:`save` would keep to ``ready`` (complete or not at all), for :meth:`save` to rename
        into place later; in a process forked while the database is written, off the build's critical path.
        False when there is nothing to keep or it cannot be written."""
        if self._unchanged():
            return False
        try:
            self._write(ready)
        except OSError as exc:
            log.info("could not prepare the parsed pack files: %s", exc)
            return False
        return True

    def save(self, prepared: Path | None = None) -> None:
        """Keep the entries of this build (atomically); nothing is written when they are the ones read.
        ``prepared``: what :meth:`prepare` wrote of this cache, if it did: renamed into place."""
        if self.path is None:
            return
        if prepared is not None and prepared.is_file():
            try:
                os.replace(prepared, self.path)
                return
            except OSError as exc:
                log.info("could not keep the parsed pack files: %s", exc)
                with contextlib.suppress(OSError):
                    prepared.unlink()
                return
        if self._unchanged():
            return
        try:
            self._write(self.path)
        except OSError as exc:  # a read-only or full folder: the next build parses again, that is all
            log.info("could not keep the parsed pack files: %s", exc)

    def _write(self, target: Path) -> None:
        """The entries used by this build into ``target``, through a temporary file renamed over it."""
        def as_json(rows: list[Any]) -> str:
            return rows_json(rows) if rows and isinstance(rows[0], Checked) else _dumps(rows)

        payload = ("{" + ",".join(f"{json.dumps(key)}:{as_json(rows)}" for key, rows in self._used.items())
                   + "}").encode("utf-8")
        header = json.dumps({"magic": _MAGIC, "code": code_key(), "sha256": hashlib.sha256(payload).hexdigest()})
        fd, tmp = tempfile.mkstemp(prefix=".parse-cache-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(header.encode("ascii") + b"\n")
                handle.write(payload)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
