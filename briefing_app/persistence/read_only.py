"""The refusal of a change to a database opened read-only, in a module of its own: the window's first paint
(which imports no ORM) names it too."""

from __future__ import annotations


class ReadOnlyDatabaseError(Exception):
    """A change was asked of a database opened read-only (a read-only or locked file): nothing was changed."""
