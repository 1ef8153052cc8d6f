"""Failures a user can cause and fix, shared by the command line and printing, and the exit statuses they map to.

Nothing here imports anything: the CLI, the headless printer and the bookmarks commands all raise
:class:`UserError`, and :func:`briefing_app.cli.run` turns it into one line on stderr and :data:`EXIT_USAGE`.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; its message is the one line printed."""
