"""A change refused by a full disk is explained as such in the window (a *Not saved* note), not as a crash."""

from __future__ import annotations

import sqlite3

import sqlalchemy.exc


def test_a_full_disk_is_a_refusal_not_a_crash() -> None:
    from briefing_app.ui.app import _read_only_refusal

    # Given the error SQLAlchemy raises when SQLite finds the disk full during a commit
    try:
        raise sqlite3.OperationalError("database or disk is full")
    except sqlite3.OperationalError as driver:
        wrapped = sqlalchemy.exc.OperationalError("COMMIT", {}, driver)
    # Then the window's exception hook treats it as a refused change, with words a user can act on
    message = _read_only_refusal(wrapped)
    assert message is not None and "disk" in message and "full" in message and "nothing was changed" in message
    assert _read_only_refusal(RuntimeError("something else")) is None
