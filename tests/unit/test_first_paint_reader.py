"""The first paint's plain-sqlite3 reads answer as the ORM repository does (issue 22)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_app.persistence.content_repository import ContentRepository
from briefing_app.persistence.first_paint_reader import (
    FirstPaintContent,
    FirstPaintUnavailable,
    bookmarked_ids,
)


@pytest.fixture
def both(built_content: Path) -> Iterator[tuple[ContentRepository, FirstPaintContent]]:
    repo, lean = ContentRepository(built_content), FirstPaintContent(built_content)
    yield repo, lean
    repo.close()
    lean.close()


def test_reads_equal_the_repository(both: tuple[ContentRepository, FirstPaintContent]) -> None:
    repo, lean = both
    assert lean.pack_info() == repo.pack_info()
    assert lean.counts() == repo.counts()
    for kind in (None, "event", "figure", "priority", "member", "paragraph"):
        assert lean.items(kind) == repo.items(kind)
        assert lean.items(kind, with_sources=False) == repo.items(kind, with_sources=False)
    for limit in (0, 1, 8, 1000):
        assert lean.items_stated_first("figure", limit) == repo.items_stated_first("figure", limit)
    ids = [item.id for item in repo.items()]
    assert lean.ref_map(ids) == repo.ref_map(ids)
    assert lean.refs([*ids[:5], "nope"]) == repo.refs([*ids[:5], "nope"])
    assert lean.get_many(ids[::-7]) == repo.get_many(ids[::-7])
    for item_id in ids[::5]:
        assert lean.get(item_id) == repo.get(item_id)
        assert lean.backlinks(item_id) == repo.backlinks(item_id)
        assert lean.exists(item_id)
    assert lean.get("nope") is None and not lean.exists("nope")


def test_a_file_that_is_not_content_is_refused(tmp_path: Path) -> None:
    missing, junk = tmp_path / "none.sqlite3", tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 200)
    for path in (missing, junk):
        with pytest.raises(FirstPaintUnavailable):
            FirstPaintContent(path)
    assert bookmarked_ids(missing) == set()
    with pytest.raises(FirstPaintUnavailable):
        bookmarked_ids(junk)
