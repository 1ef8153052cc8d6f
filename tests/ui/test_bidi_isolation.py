"""User text (tags, titles, notes) is set apart for the bidi algorithm wherever it sits next to the app's own text:
a right-to-left override typed in a tag stays inside the tag, on screen and on paper."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefing_app.reports.formatting import FSI, PDI, isolate
from briefing_app.reports.print_request import PrintRequest
from briefing_app.ui.models.bookmark_model import BookmarkModel, Grouping
from briefing_app.ui.models.bookmark_text import TAGS, TITLE, display_text, tooltip_html
from briefing_app.ui.printing.headless import print_to_pdf

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE, left open on purpose
HOSTILE_TAG = f"{RLO}talking points"


def test_isolate_wraps_and_cannot_be_closed_from_inside() -> None:
    assert isolate("abc") == f"{FSI}abc{PDI}"
    # A stray PDI in the user's text would end the isolate early and let the override after it out: dropped
    assert isolate(f"x{PDI}{RLO}y") == f"{FSI}x{RLO}y{PDI}"
    # Isolates the user opened and closed are kept
    assert isolate(f"\u2067a{PDI}") == f"{FSI}\u2067a{PDI}{PDI}"


def test_printed_bookmarks_keep_a_tags_override_inside_the_tag(services, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF back")
    services.bookmarks.add("member:kaz", tags=[HOSTILE_TAG, "follow up"])
    pdf = tmp_path / "bookmarks.pdf"
    print_to_pdf(services, PrintRequest(out=pdf, bookmarks=True))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "id member:kaz" in text, text
    assert "zak:rebmem" not in text


def test_the_bookmarks_tab_isolates_tags_and_titles_next_to_its_own_text(services, qapp) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("member:kaz", tags=[HOSTILE_TAG, "follow up"])
    services.bookmarks.add("member:ind", tags=[HOSTILE_TAG])
    entries = {e.item_id: e for e in services.bookmarks.entries()}
    tags = display_text(entries["member:kaz"], TAGS)
    assert tags == ", ".join(isolate(t) for t in entries["member:kaz"].bookmark.tags)
    assert tags.count(FSI) == tags.count(PDI) == 2
    # An item since gone from the briefing: its last known title (the user's to rename), then the app's words
    gone = replace(entries["member:ind"], in_briefing=False, current_title=None)
    gone = replace(gone, bookmark=replace(gone.bookmark, title=f"{RLO}My India"))
    gone_title = display_text(gone, TITLE)
    assert gone_title == f"{isolate(f'{RLO}My India')} (not in the current briefing)"
    assert f"{PDI}</b><br/>" in tooltip_html(gone, TITLE)
    # The tag groups' labels carry a count after the tag
    model = BookmarkModel(services.bookmarks)
    model.set_grouping(Grouping.TAG)
    labels = [model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]
    assert f"{isolate(HOSTILE_TAG)} (2)" in labels, labels
    # What the user edits is what they typed, without the marks
    kaz_row = next(r for r in range(model.rowCount()) if labels[r].startswith(isolate("follow up")))
    child = model.index(0, TAGS, model.index(kaz_row, 0))
    assert FSI not in child.data(Qt.ItemDataRole.EditRole) and HOSTILE_TAG in child.data(Qt.ItemDataRole.EditRole)


def test_the_markdown_export_keeps_a_tags_override_inside_the_tag(services) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("member:kaz", tags=[HOSTILE_TAG])
    text, _count = services.bookmarks.markdown()
    meta = next(line for line in text.splitlines() if "member:kaz" in line)
    assert meta.endswith(f"tags: {isolate(HOSTILE_TAG)}"), meta
