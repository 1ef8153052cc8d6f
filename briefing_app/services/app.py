"""The services one run of the app works with, opened together."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.services.bookmarks import BookmarkService
from briefing_app.services.briefing import BriefingService
from briefing_app.services.content import ContentStatus, active_pack_dir, open_current
from briefing_app.services.userdata import UserDataStatus, open_user_data


@dataclass
class AppServices:
    briefing: BriefingService
    bookmarks: BookmarkService
    content_status: ContentStatus
    user_status: UserDataStatus

    @property
    def warnings(self) -> list[str]:
        return [*self.content_status.warnings, *self.user_status.warnings]

    def close(self) -> None:
        self.briefing.content.close()
        self.bookmarks.repository.close()


def open_services() -> AppServices:
    """Open the content (rebuilding it if the pack changed) and the user database (migrating it)."""
    content_status = ContentStatus(active_pack_dir())
    content = open_current(content_status)
    briefing = BriefingService(content)
    repository, user_status = open_user_data()
    bookmarks = BookmarkService(repository, briefing)
    if (content_status.rebuilt or user_status.upgraded) and not repository.read_only:
        bookmarks.refresh_titles()  # paragraph bookmarks follow their text; titles follow their items
    return AppServices(briefing, bookmarks, content_status, user_status)
