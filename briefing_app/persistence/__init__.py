"""SQLite through typed SQLAlchemy 2.x: the content database, the user database, their repositories."""
