"""The content database's CREATE statements, written out: ``db build`` creates its tables without importing
SQLAlchemy (about a tenth of a second of a build). They are what SQLAlchemy compiles from the ORM tables in
:mod:`content_schema` for SQLite, character for character (SQLite keeps the text; a test compares them); the
indexes are made after the rows are in, one sort each."""

from __future__ import annotations


def _table(name: str, *lines: str) -> str:
    """``CREATE TABLE`` as SQLAlchemy's SQLite compiler lays it out."""
    return f"\nCREATE TABLE {name} (\n\t" + ", \n\t".join(lines) + "\n)\n\n"


TABLES = (
    _table('items',
           'row_id INTEGER NOT NULL',
           'id VARCHAR NOT NULL',
           'kind VARCHAR NOT NULL',
           'title TEXT NOT NULL',
           'summary TEXT NOT NULL',
           'body TEXT NOT NULL',
           'attrs TEXT NOT NULL',
           'keywords TEXT NOT NULL',
           'aliases TEXT NOT NULL',
           'position INTEGER NOT NULL',
           'boost DOUBLE NOT NULL',
           'PRIMARY KEY (row_id)',
           'UNIQUE (id)'),
    _table('meta',
           '"key" VARCHAR NOT NULL',
           'value TEXT NOT NULL',
           'PRIMARY KEY ("key")'),
    _table('search_terms',
           'term TEXT NOT NULL',
           'form TEXT NOT NULL',
           'count INTEGER NOT NULL',
           'is_name BOOLEAN NOT NULL',
           'PRIMARY KEY (term)'),
    _table('links',
           'row_id INTEGER NOT NULL',
           'item_row INTEGER NOT NULL',
           'seq INTEGER NOT NULL',
           'rel VARCHAR NOT NULL',
           'target_id VARCHAR NOT NULL',
           'label TEXT',
           'PRIMARY KEY (row_id)',
           'FOREIGN KEY(item_row) REFERENCES items (row_id) ON DELETE CASCADE'),
    _table('search_names',
           'row_id INTEGER NOT NULL',
           '"key" TEXT NOT NULL',
           'item_row INTEGER NOT NULL',
           'is_title BOOLEAN NOT NULL',
           'PRIMARY KEY (row_id)',
           'FOREIGN KEY(item_row) REFERENCES items (row_id) ON DELETE CASCADE'),
    _table('sources',
           'row_id INTEGER NOT NULL',
           'item_row INTEGER NOT NULL',
           'seq INTEGER NOT NULL',
           'paragraph INTEGER',
           'quote TEXT',
           'citation TEXT',
           'url TEXT',
           'note TEXT',
           'PRIMARY KEY (row_id)',
           'FOREIGN KEY(item_row) REFERENCES items (row_id) ON DELETE CASCADE'),
)
INDEXES = (
    'CREATE INDEX ix_items_kind ON items (kind)',
    'CREATE INDEX ix_items_kind_position ON items (kind, position)',
    'CREATE INDEX ix_links_item_row ON links (item_row)',
    'CREATE INDEX ix_links_target_id ON links (target_id)',
    'CREATE INDEX ix_search_names_item_row ON search_names (item_row)',
    'CREATE INDEX ix_search_names_key ON search_names ("key")',
    'CREATE INDEX ix_sources_item_row ON sources (item_row)',
    'CREATE INDEX ix_sources_paragraph ON sources (paragraph)',
)
FTS_DDL = (
    "CREATE VIRTUAL TABLE items_fts USING fts5("
    "title, aliases, keywords, summary, body, quotes, related, "
    "tokenize=\"unicode61 remove_diacritics 2\", prefix='1 2 3')"
)
