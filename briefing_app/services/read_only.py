"""The refusal of a change to a database opened read-only, importable without the ORM (the window's first paint
names it before the databases are opened through SQLAlchemy)."""

from __future__ import annotations

from briefing_app.persistence.read_only import ReadOnlyDatabaseError as ReadOnlyDatabaseError
