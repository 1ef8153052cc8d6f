"""Building and checking the content database from the active briefing pack."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from briefing_app import paths
from briefing_app.content.errors import PackError
from briefing_app.content.loader import load_pack, pack_hash
from briefing_app.persistence.content_builder import build_content_db
from briefing_app.persistence.content_repository import (
    ContentDatabaseError,
    ContentRepository,
    open_content,
    read_meta,
)

log = logging.getLogger(__name__)


class ContentUnavailableError(Exception):
    """No usable content: the pack cannot be loaded and no earlier content database exists."""


@dataclass
class ContentStatus:
    """What happened when the content was opened, for the status bar and ``db check``."""

    pack_dir: Path
    rebuilt: bool = False
    warnings: list[str] = field(default_factory=list)


def active_pack_dir() -> Path:
    """The pack chosen with ``db build --pack`` if it still exists, else the pack shipped with the app."""
    marker = paths.active_pack_file()
    if marker.is_file():
        try:
            chosen = Path(marker.read_text(encoding="utf-8").strip())
        except (OSError, UnicodeDecodeError):
            chosen = None
        if chosen is not None and chosen.is_dir():
            return chosen
    return paths.default_pack_dir()


def build(pack_dir: Path | None = None, target: Path | None = None) -> dict[str, int]:
    """Validate the pack and build the content database from it; on any problem nothing is changed.

    Raises :class:`PackError` with every problem found.
    """
    pack_dir = (pack_dir or active_pack_dir()).expanduser().resolve()
    loaded = load_pack(pack_dir)
    counts = build_content_db(target or paths.content_db_path(), loaded.info, loaded.items, loaded.root)
    if pack_dir != paths.default_pack_dir().resolve():
        paths.active_pack_file().write_text(str(pack_dir), encoding="utf-8")
    else:
        paths.active_pack_file().unlink(missing_ok=True)
    return counts


def open_current(status: ContentStatus | None = None) -> ContentRepository:
    """Open the content database, rebuilding it first if the pack changed or the file is missing or corrupt.

    If the pack cannot be loaded but an earlier content database works, that one is used and a warning
    recorded. Raises :class:`ContentUnavailableError` when there is nothing usable.
    """
    pack_dir = active_pack_dir()
    status = status if status is not None else ContentStatus(pack_dir)
    target = paths.content_db_path()
    stale_reason = None
    try:
        meta = read_meta(target)
        if not (pack_dir / "pack.yaml").is_file():
            stale_reason = None
            status.warnings.append(
                f"The briefing pack folder {pack_dir} is missing; showing the content built earlier."
            )
        elif meta.get("pack_hash") != pack_hash(pack_dir) or meta.get("pack_root") != str(pack_dir.resolve()):
            stale_reason = "the briefing pack changed"
    except ContentDatabaseError as exc:
        stale_reason = str(exc)
    if stale_reason:
        log.info("rebuilding content database: %s", stale_reason)
        try:
            build(pack_dir)
            status.rebuilt = True
        except PackError as exc:
            status.warnings.append(f"The briefing pack could not be loaded: {exc}")
        except OSError as exc:
            status.warnings.append(f"The content database could not be written: {exc}")
    try:
        return open_content(target)
    except ContentDatabaseError as exc:
        detail = "; ".join(status.warnings) or str(exc)
        raise ContentUnavailableError(f"No briefing content is available. {detail}") from exc
