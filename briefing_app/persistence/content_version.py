"""The content database's schema version, in a module of its own: the window's first paint checks it without
importing the ORM tables."""

from __future__ import annotations

CONTENT_SCHEMA_VERSION = "4"
