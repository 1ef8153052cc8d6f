"""A bookmark whose write has returned survives the process being killed (SIGKILL) in the middle of a burst."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from pathlib import Path

import pytest

from tests.e2e.sigkill_burst import survivors_of_sigkill

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Bookmarks every item of the briefing, again and again under new notes, printing each id only after the
# service call returned (that is: after the commit). The parent kills it while it is writing.
WRITER = textwrap.dedent(
    """
    import sys
    from briefing_app.services.app import open_services

    services = open_services()
    ids = [item.id for item in services.briefing.items()]
    round_ = 0
    while True:
        round_ += 1
        for n, item_id in enumerate(ids):
            note = f"note {round_} of {item_id} — заметка"
            if round_ == 1:
                services.bookmarks.add(item_id, note=note, tags=["burst", f"t{n % 7}"])
            else:
                services.bookmarks.annotate(item_id, note, ["burst", f"r{round_}"])
            sys.stdout.write(f"{round_} {item_id}\\n")
            sys.stdout.flush()
    """
)


def _expected_tags(round_: int, item_id: str, ids: list[str]) -> tuple[str, ...]:
    if round_ == 1:
        return tuple(sorted(["burst", f"t{ids.index(item_id) % 7}"], key=str.casefold))
    return ("burst", f"r{round_}")


@pytest.mark.parametrize("kill_after", [7, 60, 260])
def test_acknowledged_bookmarks_survive_sigkill_mid_burst(home_with_content: Path, kill_after: int) -> None:
    # When the writer is killed mid-burst, then the database is whole and holds every acknowledged bookmark
    stored, tags, exact = survivors_of_sigkill(
        home_with_content, WRITER, kill_after, "bookmark", "SELECT item_id, note FROM bookmarks",
        "SELECT b.item_id, t.tag FROM bookmark_tags t JOIN bookmarks b ON b.row_id = t.bookmark_row",
    )
    ids = [row[0] for row in sqlite3.connect(home_with_content / "content.sqlite3").execute(
        "SELECT id FROM items ORDER BY kind, position")]
    for item_id, round_ in exact.items():  # at its latest acknowledged state
        assert stored[item_id] == f"note {round_} of {item_id} — заметка"
        assert tags[item_id] == set(_expected_tags(round_, item_id, ids))
