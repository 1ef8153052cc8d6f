"""Printing to PDF headless: `briefing-app print` as a user runs it, and the same layout in-process, read back
with pypdf (text, markings, page numbers) and checked for the layout rules (whole table rows, repeated table
headers, headings kept with what follows). A page of each PDF is saved as PNG for review when pdftoppm exists."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pypdf import PdfReader

from tests.conftest import REAL_PACK, ROOT

if TYPE_CHECKING:
    from briefing_app.reports.print_request import PrintRequest

MARKING = "UNCLASSIFIED"


def run_print(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "briefing_app", "print", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=180)


def pages_text(path: Path) -> list[str]:
    """The text of each page, white space folded (Qt's PDF words come apart as tab-separated runs) and
    ligatures undone ("ﬁ" -> "fi")."""
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
            for page in PdfReader(str(path)).pages]


# the shipped pack's version, as the running text prints it
PACK_VERSION = next(
    line.split(":", 1)[1].strip().strip('"')
    for line in (REAL_PACK / "pack.yaml").read_text(encoding="utf-8").splitlines()
    if line.startswith("version:")
)


def save_review_png(pdf: Path, name: str, page: int = 1) -> None:
    """For a person to look at: a PNG of one page, in $BRIEFING_SCREENSHOTS or beside the PDF."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return
    folder = Path(os.environ.get("BRIEFING_SCREENSHOTS") or pdf.parent)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(folder / f"print-{name}")], check=True, timeout=60)
    assert (folder / f"print-{name}.png").is_file()


def assert_every_page_is_marked_and_numbered(texts: list[str], marking: str = MARKING) -> None:
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert text.count(marking) >= 2, f"page {number} lacks the marking at top and bottom"
        assert f"Page {number} of {total}" in text, f"page {number} has no page number"
        assert f"astana-2024 {PACK_VERSION}" in text and "Printed " in text


def assert_one_clear_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("briefing-app: warning:")]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# --- the command line ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("section", "expected", "min_pages", "max_pages"), [
    ("overview", ["Headline figures", "over 3 billion people", "Palace of Independence"], 2, 8),
    ("members", ["Kazakhstan", "Belarus", "1.41 bn", "Observers and dialogue partners", "Xi Jinping"], 3, 10),
    # pack 1.1.0 lists all 22 summit documents with their statuses: 9 full pages (each 370-650 words) for this tab
    ("achievements", ["SCO Youth Council meeting in Astana", "Astana Declaration", "Flagship projects"], 2, 10),
    ("priorities", ["Expanding trade and economic ties", "Unified platform to discuss"], 2, 8),
    ("corridors", ["Trans-Caspian International Transport Route", "Aktau", "Places on the corridors"], 3, 12),
])
def test_print_section_writes_a_marked_numbered_sourced_pdf(home_with_content: Path, tmp_path: Path, section: str,
                                                             expected: list[str], min_pages: int,
                                                             max_pages: int) -> None:
    out = tmp_path / f"{section}.pdf"
    result = run_print(home_with_content, "--section", section, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"to {out}" in result.stdout
    texts = pages_text(out)
    assert min_pages <= len(texts) <= max_pages
    assert_every_page_is_marked_and_numbered(texts)
    joined = "\n".join(texts)
    for fragment in [*expected, "¶", "Sources"]:
        assert fragment in joined, fragment
    assert not list(tmp_path.glob(".*.part"))
    save_review_png(out, section)


def test_print_book_letter_landscape_with_a_marking(home_with_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "book.pdf"
    result = run_print(home_with_content, "--section", "book", "--out", str(out), "--paper", "Letter",
                       "--landscape", "--marking", "RESTRICTED")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)  # US Letter, landscape, in points
    texts = pages_text(out)
    assert 20 <= len(texts) <= 80
    assert_every_page_is_marked_and_numbered(texts, "RESTRICTED")
    assert "Contents" in texts[1] and "Sources" in texts[1]
    save_review_png(out, "book-letter-landscape", page=2)


def test_print_item_and_bookmarks(home_with_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "item.pdf"
    assert run_print(home_with_content, "--item", "member:kaz", "--out", str(out)).returncode == 0
    text = "\n".join(pages_text(out))
    assert "Kazakhstan" in text and "Astana" in text and "¶8" in text and "Page 1 of" in text

    env = {**os.environ, "BRIEFING_HOME": str(home_with_content)}
    for args in (["member:kaz", "--note", "Raise <b>ferry</b> capacity", "--tag", "bilateral"],
                 ["priority:trade", "--note", "Second"]):
        subprocess.run([sys.executable, "-m", "briefing_app", "bookmarks", "add", *args], env=env, check=True,
                       capture_output=True, cwd=ROOT, timeout=60)
    out = tmp_path / "bookmarks.pdf"
    assert run_print(home_with_content, "--bookmarks", "--out", str(out)).returncode == 0
    text = "\n".join(pages_text(out))
    assert "Raise <b>ferry</b> capacity" in text and "Second" in text
    assert text.index("Kazakhstan") < text.index("Expanding trade")
    save_review_png(out, "bookmarks")

    tagged = tmp_path / "tagged.pdf"
    assert run_print(home_with_content, "--bookmarks", "--tag", "bilateral", "--out", str(tagged)).returncode == 0
    assert "Expanding trade" not in "\n".join(pages_text(tagged))


def test_unknown_item_exits_2_and_writes_nothing(home_with_content: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_print(home_with_content, "--item", "member:atlantis", "--out", str(folder / "x.pdf"))
    assert_one_clear_error(result, "member:atlantis")
    assert not list(folder.iterdir())


def test_missing_folder_exits_2_with_a_clear_message(home_with_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "folder" / "x.pdf"
    assert_one_clear_error(run_print(home_with_content, "--section", "members", "--out", str(out)),
                           "does not exist")


def test_folder_given_as_output_exits_2(home_with_content: Path, tmp_path: Path) -> None:
    assert_one_clear_error(run_print(home_with_content, "--section", "members", "--out", str(tmp_path)),
                           "is a folder")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write anywhere")
def test_unwritable_folder_exits_2(home_with_content: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert_one_clear_error(run_print(home_with_content, "--section", "members", "--out", str(locked / "x.pdf")),
                               "not writable")
    finally:
        locked.chmod(0o755)


def test_no_bookmarks_or_tag_without_bookmarks_exits_2(home_with_content: Path, tmp_path: Path) -> None:
    assert_one_clear_error(run_print(home_with_content, "--bookmarks", "--out", str(tmp_path / "b.pdf")),
                           "no bookmarks")
    assert_one_clear_error(run_print(home_with_content, "--section", "members", "--tag", "x", "--out",
                                     str(tmp_path / "b.pdf")), "--tag")
    assert not list(tmp_path.glob("*.pdf"))


# --- in process: the layout rules ---------------------------------------------------------------------


def _args(**kw: Any) -> PrintRequest:
    from briefing_app.reports.print_request import PrintRequest

    return PrintRequest(**kw)


def test_full_disk_leaves_the_old_file_and_no_partial_file(qapp, services, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_app.ui.printing import headless, pdf

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "members.pdf"
    out.write_bytes(b"the previous PDF")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdf.os, "fsync", full)
    with pytest.raises(OSError, match="full"):
        headless.print_to_pdf(services, _args(section="members", out=out))
    assert out.read_bytes() == b"the previous PDF"
    assert [p.name for p in folder.iterdir()] == ["members.pdf"]


@pytest.mark.parametrize(("paper", "landscape"), [("A4", False), ("Letter", True)])
def test_book_layout_keeps_rows_whole_repeats_headers_and_keeps_headings_with_text(
        qapp, services, paper: str, landscape: bool) -> None:
    from briefing_app.reports.book import briefing_book
    from briefing_app.reports.sheet import Table
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.page_setup import PageSetup
    from briefing_app.ui.printing.pdf import render_pdf
    from briefing_app.ui.printing.render import RunningText

    sheet = briefing_book(services.briefing)
    setup = PageSetup(paper, landscape)
    data, pages = render_pdf(sheet, setup, RunningText("SCO", "astana-2024 1.0.0"), FigureRenderer(services))
    assert data.startswith(b"%PDF") and pages > 10

    layout = _layout(sheet, setup, services)
    assert len(layout.pages) == pages
    with_header = {m.split(":")[1] for page in layout.pages for m in page.marks if m.startswith("header:")}
    seen_rows: dict[str, int] = {}
    for page in layout.pages:
        marks = page.marks
        assert not any(m.startswith("row-part") for m in marks), "a table row was split"
        # a heading never ends a page: something of what it introduces follows on the same page
        assert not (marks and marks[-1].startswith("heading:")), marks[-1]
        for index, mark in enumerate(marks):
            if mark.startswith("row:"):
                serial = mark.split(":")[1]
                # each row of a table with a header sits under that header on the same page
                assert serial not in with_header or f"header:{serial}" in marks[:index], mark
                seen_rows[mark] = seen_rows.get(mark, 0) + 1
    assert seen_rows and set(seen_rows.values()) == {1}, "a table row was placed twice"
    rows_in_sheet = sum(len(b.rows) for b in sheet.blocks if isinstance(b, Table))
    contents_rows = sum(1 for h in sheet.headings() if h.toc)
    assert len(seen_rows) == rows_in_sheet + contents_rows, "a table row is missing"
    # the table of contents got the page numbers where the sections really start
    assert layout.toc_pages and min(layout.toc_pages.values()) >= 3


def _layout(sheet, setup, services):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.render import layout_only

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    writer.setPageLayout(setup.page_layout())
    return layout_only(sheet, writer, FigureRenderer(services))


def test_hostile_long_and_right_to_left_notes_print_as_text(qapp, services, tmp_path: Path) -> None:
    from briefing_app.ui.printing import headless

    services.bookmarks.add("member:kaz", note="<script>alert(1)</script> " + "x" * 3000)
    services.bookmarks.add("member:irn", note="ملاحظة: منصة موحدة للاستثمار\n" + "שלום עולם " * 30)
    services.bookmarks.add("member:chn", note="\n".join(f"Line {i} of a very long note" for i in range(400)))
    out = tmp_path / "hostile.pdf"
    pages = headless.print_to_pdf(services, _args(bookmarks=True, out=out))
    texts = pages_text(out)
    assert pages == len(texts) >= 5
    joined = "\n".join(texts)
    assert "<script>alert(1)</script>" in joined
    assert "Line 399 of a very long note" in joined
    assert_every_page_is_marked_and_numbered(texts)
    save_review_png(out, "hostile-bookmarks")


def test_the_book_prints_its_data_provenance_appendix_only_when_asked(home_with_content: Path, tmp_path: Path) -> None:
    """Provenance (mirror commits, library versions) is for whoever checks the data, not for the reader: the
    book leaves it out unless ``--provenance`` asks for it; on any other sheet the option is refused."""
    plain, full = tmp_path / "book.pdf", tmp_path / "book-provenance.pdf"
    assert run_print(home_with_content, "--section", "book", "--out", str(plain)).returncode == 0
    assert run_print(home_with_content, "--section", "book", "--provenance", "--out", str(full)).returncode == 0
    assert len(PdfReader(str(plain)).pages) <= 20
    assert not any("Data provenance" in page for page in pages_text(plain))
    assert any("Data provenance" in page for page in pages_text(full))
    refused = run_print(home_with_content, "--item", "member:kaz", "--provenance", "--out", str(tmp_path / "x.pdf"))
    assert_one_clear_error(refused, "--provenance works only with --section book")
    assert not (tmp_path / "x.pdf").exists()
