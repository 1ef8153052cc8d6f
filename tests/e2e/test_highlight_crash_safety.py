"""A highlight whose write has returned survives the process being killed (SIGKILL) in the middle of a burst."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from tests.e2e.sigkill_burst import survivors_of_sigkill

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Highlights the first words of every paragraph, then keeps re-noting them, printing each highlight's id and round
# only after the service call returned (after the commit). The parent kills it while it is writing.
WRITER = textwrap.dedent(
    """
    import sys
    from briefing_app.services.app import open_services

    services = open_services()
    hl = services.highlights
    targets = [(p.id, " ".join(hl.text_of(p.id).split()[:3])) for p in services.briefing.items("paragraph")]
    made = []
    for n, (item_id, quote) in enumerate(targets):
        h = hl.add(item_id, quote, note=f"note 1 of {item_id} <b>x</b> — заметка", colour="green", tags=[f"t{n % 5}"])
        made.append(h.highlight_id)
        sys.stdout.write(f"1 {h.highlight_id}\\n")
        sys.stdout.flush()
    round_ = 1
    while True:
        round_ += 1
        for hid in made:
            hl.update(hid, note=f"note {round_} of {hid} <b>x</b> — заметка", tags=[f"r{round_}"])
            sys.stdout.write(f"{round_} {hid}\\n")
            sys.stdout.flush()
    """
)


@pytest.mark.parametrize("kill_after", [5, 80, 300])
def test_acknowledged_highlights_survive_sigkill_mid_burst(home_with_content: Path, kill_after: int) -> None:
    # When the writer is killed mid-burst, then the database is whole and holds every acknowledged highlight
    stored, tags, exact = survivors_of_sigkill(
        home_with_content, WRITER, kill_after, "highlight", "SELECT highlight_id, note FROM highlights",
        "SELECT h.highlight_id, t.tag FROM highlight_tags t JOIN highlights h ON h.row_id = t.highlight_row",
    )
    for hid, round_ in exact.items():  # at its latest acknowledged state
        if round_ > 1:
            assert stored[hid] == f"note {round_} of {hid} <b>x</b> — заметка"  # markup kept as text
            assert tags[hid] == {f"r{round_}"}
