"""Plain-Python vocabulary of the briefing: items, provenance, bookmarks. No Qt, no SQLAlchemy."""
