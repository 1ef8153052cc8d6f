"""What the window's first paint reads, before the services are open: the Overview's content and the stars.

Opening the services imports SQLAlchemy and Alembic and checks the user database's migrations: more than half
of the start-up. The first paint does not wait for them: when the content database is current by the cheap
check (schema version, pack folder and its stat signature, as ``services.content.open_current`` checks first)
and the bookmarks can be read as they are, the window paints the Overview from these plain-``sqlite3`` reads, then
opens the real services (which check everything again, and own every write) and binds to them.

Whenever anything is not as expected (a changed pack, a damaged or locked file, a database from another version,
content in WAL mode), :func:`open_first_paint` answers None and the window starts the full way, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_app import paths
from briefing_app.content.fingerprint import stat_signature
from briefing_app.persistence.first_paint_reader import FirstPaintContent, FirstPaintUnavailable, bookmarked_ids
from briefing_app.services.briefing import BriefingService
from briefing_app.services.pack_choice import active_pack_dir, chosen_pack_dir

log = logging.getLogger(__name__)


class FirstPaintBookmarks:
    """Which items are bookmarked, as read at start: the stars of the first paint. Changes wait for the service."""

    def __init__(self, ids: set[str]) -> None:
        self._ids = frozenset(ids)

    def is_bookmarked(self, item_id: str) -> bool:
        return item_id in self._ids

    def subscribe(self, _listener: Callable[[Any], None]) -> Callable[[], None]:
        return lambda: None  # nothing changes before the real service is bound


@dataclass
class FirstPaintUserStatus:
    """The user data's state as far as the first paint knows it: nothing to warn about, nothing to be written."""

    path: Path
    warnings: list[str] = field(default_factory=list)
    set_aside: Path | None = None
    read_only: bool = True  # nothing is written through the first paint's reads
    upgraded: bool = False


@dataclass
class FirstPaintServices:
    """The part of ``AppServices`` the first paint uses, over :class:`FirstPaintContent`."""

    briefing: BriefingService
    bookmarks: FirstPaintBookmarks
    user_status: FirstPaintUserStatus
    content: FirstPaintContent
    highlights: None = None
    #: the window tells the stand-in from the real services by this
    first_paint: bool = True

    @property
    def warnings(self) -> list[str]:
        return []

    def close(self) -> None:
        self.content.close()


def _content_current(meta: dict[str, str], content_db: Path) -> bool:
    """The cheap half of ``open_current``'s check: true only when it would open the file as it is."""
    chosen = chosen_pack_dir()
    if chosen is not None and not chosen.is_dir():
        return False  # the shipped pack stands in for a missing chosen one: the full path words the warning
    pack_dir = active_pack_dir()
    if not (pack_dir / "pack.yaml").is_file() or meta.get("pack_root") != str(pack_dir.resolve()):
        return False
    signature = stat_signature(pack_dir)
    if signature is None or meta.get("pack_stat") != signature:
        return False  # touched since it was built: the full path hashes the pack (and rebuilds if it changed)
    try:
        with content_db.open("rb") as raw:
            header = raw.read(20)
    except OSError:
        return False
    return header[18:20] != b"\x02\x02"  # not left in WAL mode (the full path takes it out)


def open_first_paint() -> FirstPaintServices | None:
    """The first paint's reads when the content is current and the bookmarks readable as they are; else None."""
    content_db = paths.content_db_path()
    try:
        content = FirstPaintContent(content_db)
    except FirstPaintUnavailable as exc:
        log.info("first paint through the full start-up: %s", exc)
        return None
    try:
        if not _content_current(content.meta(), content_db):
            log.info("first paint through the full start-up: the content is to be checked or rebuilt")
            content.close()
            return None
        user_db = paths.user_db_path()
        bookmarks = FirstPaintBookmarks(bookmarked_ids(user_db))
    except (FirstPaintUnavailable, OSError) as exc:
        log.info("first paint through the full start-up: %s", exc)
        content.close()
        return None
    briefing = BriefingService(content)  # type: ignore[arg-type]  # the read methods of ContentRepository
    return FirstPaintServices(briefing, bookmarks, FirstPaintUserStatus(user_db), content)


def is_first_paint(services: object) -> bool:
    """Whether ``services`` are the first paint's stand-in (not yet the real, writable services)."""
    return bool(getattr(services, "first_paint", False))

