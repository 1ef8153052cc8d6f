"""The storage failures the window and the command line report to the user, as the services raise them.

They are defined next to the database code (persistence); the layers above import them from here, so the UI
never imports persistence.
"""

from __future__ import annotations

from briefing_app.persistence.engine import ReadOnlyDatabaseError
from briefing_app.persistence.migrations import UserDatabaseError
from briefing_app.persistence.user_database_probe import is_disk_full_error

__all__ = ["ReadOnlyDatabaseError", "UserDatabaseError", "is_disk_full_error"]
