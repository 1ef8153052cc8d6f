"""'What changed' on the real pair astana-2024 1.0.0 -> 1.1.0, the reader's bookmarks first; bookmarks survive a
switch of packs and back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_app.cli import main
from briefing_app.services.pack_diff import diff_folders

ROOT = Path(__file__).resolve().parents[2]
PACK_11 = ROOT / "resources" / "packs" / "astana-2024"
PACK_10 = ROOT / "tests" / "fixtures" / "packs" / "astana-2024-1.0.0"
TEST_KEY = ROOT / "scripts" / "pack-keys" / "sco-briefing-test.key"
STRATEGY = "document:development-strategy-2035"


@pytest.fixture(scope="module")
def digest():  # type: ignore[no-untyped-def]
    return diff_folders(PACK_10, PACK_11, {STRATEGY: "check the status", "concept:shanghai-spirit": "",
                                           "paragraph:1": "opening"})


def test_digest_of_the_real_pair(digest) -> None:  # type: ignore[no-untyped-def]
    assert (digest.pack_id, digest.old_version, digest.new_version) == ("astana-2024", "1.0.0", "1.1.0")
    assert digest.removed == ()  # ids are a contract (CHANGELOG): nothing of 1.0.0 disappears
    added = {row.id for row in digest.added}
    assert {"event:tianjin-2025", "corridor:china-kyrgyzstan-uzbekistan-railway", "node:kashgar"} <= added
    changed = {c.id: c for c in digest.changed}
    status = next(f for f in changed[STRATEGY].fields if f.field == "attrs.status")
    assert (status.old, status.new) == ("adopted", "approved_as_draft")
    assert "concept:shanghai-spirit" in changed and "figure:gdp-one-third" in changed
    assert all(f.old != f.new for c in digest.changed for f in c.fields)
    # the world total the members' share is computed against, and the positions the waiting list moved to GeoNames
    assert "figure:world-gdp-2023" in added
    # the outcomes no stored official list names, stated as narrowly as their sources (CHANGELOG)
    assert {"document:secretary-general-report-2023-2024", "document:rats-report-announced",
            "person:sharsheyev"} <= added
    for node in ("node:alashankou", "node:dostyk", "node:khorgos", "node:chabahar", "node:altynkol"):
        assert {"attrs.lat", "attrs.lon", "sources"} <= {f.field for f in changed[node].fields}, node
    assert "attrs.numbered" in {f.field for f in changed["priority:reform"].fields}
    # the honest count of 1.1.0 against the 1.0.0 fixture (CHANGELOG): nothing removed
    assert (len(digest.added), len(digest.changed), len(digest.removed)) == (24, 140, 0)


def test_bookmarks_touched_come_first(digest) -> None:  # type: ignore[no-untyped-def]
    touched = {b.id: b for b in digest.bookmarks}
    assert set(touched) == {STRATEGY, "concept:shanghai-spirit"}  # paragraph 1 did not change
    assert touched[STRATEGY].how == "changed" and "attrs.status" in touched[STRATEGY].fields
    assert touched[STRATEGY].note == "check the status"
    text = digest.text()
    assert text.index("Your bookmarks:") < text.index("Added:") < text.index("Changed:")
    assert list(digest.to_json())[3] == "bookmarks_touched"


def test_digest_sheet(digest) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.reports.pack_digest import digest_sheet
    from briefing_app.reports.sheet import Heading, Table

    sheet = digest_sheet(digest)
    headings = [b.text for b in sheet.blocks if isinstance(b, Heading)]
    assert headings[1] == "Your bookmarks touched by the change"
    assert headings[2] == "Your highlights touched by the change"
    assert headings[3].startswith("Added (") and headings[4] == "Removed (0)"
    html = sheet.html()
    assert "approved_as_draft" in html and "1.0.0" in html and "1.1.0" in html
    bookmark_table = next(b for b in sheet.blocks if isinstance(b, Table))
    assert any("check the status" in cell for row in bookmark_table.rows for cell in row)


def test_pack_diff_cli_json_and_pdf(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["bookmarks", "add", STRATEGY, "--note", "mine"]) == 0
    capsys.readouterr()
    out = tmp_path / "digest.pdf"
    assert main(["pack", "diff", str(PACK_10), str(PACK_11), "--json", "--pdf", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["id"] for b in data["bookmarks_touched"]] == [STRATEGY]
    assert data["removed"] == [] and len(data["added"]) >= 20
    assert out.read_bytes().startswith(b"%PDF")


def test_install_of_a_newer_version_shows_the_digest(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for folder, name in ((PACK_10, "old"), (PACK_11, "new")):
        assert main(["pack", "build", str(folder), "--out", str(tmp_path / f"{name}.scopack"),
                     "--key", str(TEST_KEY)]) == 0
    assert main(["pack", "install", str(tmp_path / "old.scopack")]) == 0
    assert main(["pack", "use", "astana-2024@1.0.0"]) == 0
    assert main(["bookmarks", "add", STRATEGY]) == 0
    capsys.readouterr()
    assert main(["pack", "install", str(tmp_path / "new.scopack"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["digest"]["old_version"] == "1.0.0" and data["digest"]["new_version"] == "1.1.0"
    assert [b["id"] for b in data["digest"]["bookmarks_touched"]] == [STRATEGY]


def test_bookmarks_survive_a_switch_and_back(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["pack", "build", str(PACK_10), "--out", str(tmp_path / "old.scopack"), "--key", str(TEST_KEY)]) == 0
    assert main(["pack", "install", str(tmp_path / "old.scopack")]) == 0
    assert main(["pack", "use", "astana-2024@1.1.0"]) == 0
    assert main(["bookmarks", "add", "event:tianjin-2025", "--note", "only in 1.1.0"]) == 0
    assert main(["bookmarks", "add", STRATEGY, "--note", "in both", "--tag", "check"]) == 0
    capsys.readouterr()

    def bookmarks() -> dict[str, dict[str, object]]:
        assert main(["bookmarks", "list", "--json"]) == 0
        return {b["item_id"]: b for b in json.loads(capsys.readouterr().out)}

    assert main(["pack", "use", "astana-2024@1.0.0"]) == 0
    capsys.readouterr()
    there = bookmarks()
    tianjin = there["event:tianjin-2025"]
    assert tianjin["in_briefing"] is False and tianjin["note"] == "only in 1.1.0"
    assert there[STRATEGY]["in_briefing"] is True and there[STRATEGY]["tags"] == ["check"]
    assert main(["pack", "use", "astana-2024@1.1.0"]) == 0
    capsys.readouterr()
    back = bookmarks()
    assert back["event:tianjin-2025"]["in_briefing"] is True and back["event:tianjin-2025"]["note"] == "only in 1.1.0"
    assert back[STRATEGY]["note"] == "in both"


def test_highlights_touched_by_the_change() -> None:
    """A passage whose words 1.1.0 rewrote, a passage kept in a changed item, one in an unchanged item."""
    from briefing_app.content.loader import load_pack

    old = {i.id: i for i in load_pack(PACK_10).items}
    new = {i.id: i for i in load_pack(PACK_11).items}
    item = "concept:shanghai-spirit"
    before = f"{old[item].summary} {old[item].body}"
    after = "\n".join((new[item].title, new[item].summary, new[item].body))
    gone = next(p for p in before.split(", ") if p and p not in after)
    kept = "Shanghai spirit"
    assert kept in after
    unchanged = "achievement:flagship-projects"
    text_of_unchanged = new[unchanged].summary[:20]
    digest = diff_folders(PACK_10, PACK_11, {}, [(item, gone, "rewritten?"), (item, kept, ""),
                                                 (unchanged, text_of_unchanged, "")])
    assert unchanged not in {c.id for c in digest.changed}
    touched = [(h.item_id, h.quote, h.how) for h in digest.highlights]
    assert touched == [(item, gone, "text changed"), (item, kept, "item changed")]
    text = digest.text()
    assert text.index("Your highlights:") < text.index("Added:") and "rewritten?" in text
    assert digest.to_json()["highlights_touched"][0]["how"] == "text changed"
