"""The issue's user story, from the command line: six passages highlighted across the address and three items,
two noted; the content rebuilt from an edited pack; all six found again (moved, text changed, gone-but-kept);
and printed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REAL_PACK
from tests.e2e.test_cli import run_cli

PASSAGES = [
    ("paragraph:5", "the heads of the delegations signed a decision", "Quote this <first>"),
    ("paragraph:6", "emphasized that the SCO has evolved into an effective mechanism", ""),
    ("paragraph:12", "Ten tourist destinations have also been identified", "ask which ten"),
    ("member:kaz", "host of the Astana summit", ""),
    ("achievement:almaty-cultural-capital", "the SCO's cultural and tourism capital for 2023–2024", ""),
    ("corridor:trans-caspian", "by ferry to Azerbaijan", ""),
]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_six_highlights_survive_an_edited_pack_and_print(briefing_home: Path, tmp_path: Path) -> None:
    home = briefing_home
    pack = tmp_path / "pack"
    shutil.copytree(REAL_PACK, pack)
    assert run_cli(home, "db", "build", "--pack", str(pack)).returncode == 0
    made = []
    for item_id, quote, note in PASSAGES:
        args = ["highlights", "add", item_id, "--quote", quote, "--json"] + (["--note", note] if note else [])
        result = run_cli(home, *args)
        assert result.returncode == 0, result.stderr
        made.append(json.loads(result.stdout)["id"])
    # When a new pack moves one passage, changes one slightly and drops one
    _edit(pack / "sources" / "address.txt", "Addressing the summit participants, the President",
          "Addressing the summit participants in the Palace of Independence, the President")
    _edit(pack / "items" / "members.yaml", "host of the Astana summit", "host of the summit in Astana")
    _edit(pack / "items" / "corridors.yaml", "by ferry to Azerbaijan,", "then on to the Caucasus,")
    rebuilt = run_cli(home, "db", "build", "--pack", str(pack))
    assert rebuilt.returncode == 0, rebuilt.stderr
    # Then all six are found again, in the order made, with their notes
    listed = json.loads(run_cli(home, "highlights", "list", "--json").stdout)
    assert [h["id"] for h in listed] == made
    states = {h["item_id"]: h["state"] for h in listed}
    assert states == {
        "paragraph:5": "exact", "paragraph:6": "moved", "paragraph:12": "exact", "member:kaz": "changed",
        "achievement:almaty-cultural-capital": "exact", "corridor:trans-caspian": "missing",
    }
    assert [h["note"] for h in listed if h["note"]] == ["Quote this <first>", "ask which ten"]
    gone = next(h for h in listed if h["item_id"] == "corridor:trans-caspian")
    assert gone["quote"] == "by ferry to Azerbaijan" and gone["in_briefing"] is True
    # And they print (the bookmarks sheet takes the highlights)
    out = tmp_path / "highlights.pdf"
    printed = run_cli(home, "print", "--bookmarks", "--out", str(out))
    assert printed.returncode == 0, printed.stderr
    assert out.read_bytes().startswith(b"%PDF")
