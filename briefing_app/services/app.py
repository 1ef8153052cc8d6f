"""The services one run of the app works with, opened together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing_app.services.briefing import BriefingService
from briefing_app.services.content import ContentStatus, active_pack_dir, open_current

if TYPE_CHECKING:  # the user database's modules load only when it is opened (printing a section never opens it)
    from briefing_app.persistence.bookmark_repository import BookmarkRepository
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.services.highlights import HighlightService
    from briefing_app.services.userdata import UserDataStatus


@dataclass
class AppServices:
    briefing: BriefingService
    bookmarks: BookmarkService
    content_status: ContentStatus
    user_status: UserDataStatus
    highlights: HighlightService | None = None  # None only where a caller builds AppServices by hand

    @property
    def warnings(self) -> list[str]:
        return [*self.content_status.warnings, *self.user_status.warnings]

    def close(self) -> None:
        self.briefing.content.close()
        self.bookmarks.repository.close()


@dataclass
class ContentServices:
    """Only the content, for work that reads nothing of the user's (printing a section or the whole book): the
    user database is not opened or migrated, and the bookmark and migration modules are not imported."""

    briefing: BriefingService
    content_status: ContentStatus

    @property
    def warnings(self) -> list[str]:
        return list(self.content_status.warnings)

    def close(self) -> None:
        self.briefing.content.close()


def open_content_services() -> ContentServices:
    """Open the content (rebuilding it if the pack changed) and nothing else."""
    content_status = ContentStatus(active_pack_dir())
    return ContentServices(BriefingService(open_current(content_status)), content_status)


def open_services() -> AppServices:
    """Open the content (rebuilding it if the pack changed) and the user database (migrating it)."""
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.services.userdata import open_user_data

    content_status = ContentStatus(active_pack_dir())
    content = open_current(content_status)
    briefing = BriefingService(content)
    repository, user_status = open_user_data()
    bookmarks = BookmarkService(repository, briefing)
    highlights = open_highlights(repository, briefing)
    bookmarks.highlights = highlights  # exports and imports carry the highlights of the same database
    if (content_status.rebuilt or user_status.upgraded) and not repository.read_only:
        bookmarks.refresh_titles()  # paragraph bookmarks follow their text; titles follow their items
        highlights.refresh_after_build()
    return AppServices(briefing, bookmarks, content_status, user_status, highlights)


def open_highlights(repository: BookmarkRepository, briefing: BriefingService) -> HighlightService:
    """Highlights live in the bookmarks' database file: the same engine, so the same durability and read-only state."""
    from briefing_app.persistence.highlight_repository import HighlightRepository
    from briefing_app.services.highlights import HighlightService

    return HighlightService(HighlightRepository(repository.engine), briefing)


#: what a reader of the content alone (printing, the map) accepts: the full services or the content only
ContentReader = AppServices | ContentServices
