"""`briefing-app book …` as a user runs it: make a book, list it, print it to PDF and export it to Word; the .docx
read back with python-docx and converted by LibreOffice to prove a word processor reads it; bad input (unknown
book, unwritable path) is one line and exit status 2 with nothing half-written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.e2e.test_print_cli import pages_text, save_review_png

BOOK = "Minister, Astana"
HIGHLIGHT_QUOTE = "Kassym-Jomart Tokayev summarized the results"
HIGHLIGHT_NOTE = "Quote this in the opening remarks"


def run_app(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, built_content: Path) -> Path:
    home = tmp_path_factory.mktemp("book-cli")
    shutil.copy(built_content, home / "content.sqlite3")
    assert run_app(home, "bookmarks", "add", "member:kaz", "--note", "Host; ask about the Middle Corridor"
                   ).returncode == 0
    highlighted = run_app(home, "highlights", "add", "paragraph:8", "--quote", HIGHLIGHT_QUOTE, "--note",
                          HIGHLIGHT_NOTE, "--colour", "green")
    assert highlighted.returncode == 0, highlighted.stderr
    highlight_id = re.search(r"\bhl-[0-9a-f]+", highlighted.stdout)
    assert highlight_id is not None, highlighted.stdout
    made = run_app(home, "book", "create", BOOK, "--cover-note", "For the minister's meeting.",
                   "--section", "overview", "--section", "corridors", "--bookmark", "member:kaz",
                   "--highlight", highlight_id.group(),
                   "--talking-points", "- Welcome Belarus\n- Support the Middle Corridor",
                   "--questions", "- When will the Trans-Afghan railway open?")
    assert made.returncode == 0, made.stderr
    return home


def test_book_list_shows_the_book(home: Path) -> None:
    listed = run_app(home, "book", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert '"name": "Minister, Astana"' in listed.stdout and '"kind": "bookmark"' in listed.stdout
    assert '"kind": "highlight"' in listed.stdout and f'"quote": "{HIGHLIGHT_QUOTE}"' in listed.stdout
    assert f'"note": "{HIGHLIGHT_NOTE}"' in listed.stdout and '"colour": "green"' in listed.stdout


def test_an_unknown_highlight_is_one_line_and_exit_2(home: Path) -> None:
    result = run_app(home, "book", "create", "Other", "--highlight", "hl-nosuch")
    assert result.returncode == 2 and "no highlight 'hl-nosuch'" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "Other" not in run_app(home, "book", "list").stdout


def test_book_print_makes_a_pdf_with_the_users_parts(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "book.pdf"
    result = run_app(home, "book", "print", BOOK, "--out", str(out), "--marking", "none")
    assert result.returncode == 0, result.stderr
    text = " ".join(pages_text(out))
    for words in ("For the minister's meeting.", "Talking points", "Welcome Belarus", "Questions to raise",
                  "Host; ask about the Middle Corridor", "Transport corridors", "Chosen items", "Highlights",
                  HIGHLIGHT_QUOTE, HIGHLIGHT_NOTE):
        assert words in text, words
    assert "UNCLASSIFIED" not in text
    pages = len(PdfReader(str(out)).pages)
    for page in range(1, pages + 1):
        save_review_png(out, f"composed-{page:02d}", page)


@pytest.fixture(scope="module")
def exported(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book exported to Word once per module; python-docx and LibreOffice read the same file."""
    out = tmp_path_factory.mktemp("book-docx") / "book.docx"
    result = run_app(home, "book", "export", BOOK, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_book_export_writes_a_word_document_with_headings_tables_notes_and_pictures(exported: Path) -> None:
    from docx import Document

    out = exported
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Overview" in headings and "Talking points" in headings and "Highlights" in headings
    assert "Notes" not in headings  # the notes are Word footnotes
    assert "Kazakhstan" in headings
    assert len(document.tables) >= 5
    first = document.tables[0].rows[0]._tr
    assert first.trPr is not None and "tblHeader" in first.trPr.xml  # the header row repeats on every page
    assert len(document.inline_shapes) >= 1  # the map
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions and captions[0].startswith("Figure 1.")
    import zipfile

    with zipfile.ZipFile(out) as archive:
        footnotes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
    count = len(re.findall(r'<w:footnote w:id="[1-9]\d*"', footnotes))
    assert count > 20 and count == body.count("<w:footnoteReference ")
    assert f"{HIGHLIGHT_NOTE}.</w:t>" in footnotes
    assert any(p.text == "UNCLASSIFIED" for p in document.sections[0].header.paragraphs)


def test_libreoffice_reads_the_word_document(exported: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    out = exported
    profile = tmp_path / "lo-profile"
    converted = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path / "lo"), str(out)], capture_output=True, text=True, timeout=240)
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "lo" / "book.pdf"
    pages = pages_text(pdf)
    text = " ".join(pages)
    assert "Talking points" in text and "Transport corridors" in text and "Kazakhstan" in text
    assert len(pages) >= 5
    # The contents page is populated at once (no field to update first)
    contents = next(page for page in pages if "Contents" in page)
    for chapter in ("Cover note", "Overview", "Transport corridors", "Chosen items", "Highlights", "Sources"):
        assert chapter in contents, chapter
    # Footnotes: the note text stands at the foot of the page that refers to it
    layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                            timeout=60).stdout.split("\f")
    feet = [[line.strip() for line in page.splitlines() if line.strip()][-12:] for page in layout if page.strip()]
    assert sum(any(re.match(r"^(\d+\s*)?Address ¶\d+", line) for line in foot) for foot in feet) >= 3
    highlight_page = next(i for i, page in enumerate(layout) if HIGHLIGHT_QUOTE in " ".join(page.split()))
    assert any(HIGHLIGHT_NOTE in line for line in feet[highlight_page])
    # The map is on a landscape page of its own
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(str(pdf)).pages]
    assert sum(1 for w, h in sizes if w > h) == 1
    for page in range(1, len(pages) + 1):
        save_review_png(pdf, f"docx-libreoffice-{page:02d}", page)


def test_an_unknown_book_is_one_line_and_exit_2(home: Path, tmp_path: Path) -> None:
    result = run_app(home, "book", "print", "No such book", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no book named 'No such book'" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("action,suffix", [("print", "pdf"), ("export", "docx")])
def test_an_unwritable_path_is_one_line_and_leaves_the_file_as_it_was(home: Path, tmp_path: Path, action: str,
                                                                      suffix: str) -> None:
    missing = run_app(home, "book", action, BOOK, "--out", str(tmp_path / "missing" / f"b.{suffix}"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert missing.stderr.strip().count("\n") == 0
    folder = tmp_path / "is-a-folder.docx"
    folder.mkdir()
    result = run_app(home, "book", action, BOOK, "--out", str(folder))
    assert result.returncode == 2 and "is a folder" in result.stderr
    assert list(folder.iterdir()) == []


def test_the_whole_briefing_book_exports_to_word_too(home: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "whole.docx"
    result = run_app(home, "book", "export", "--whole", "--out", str(out), "--provenance")
    assert result.returncode == 0, result.stderr
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert {"Overview", "Members", "Transport corridors", "Sources", "Data provenance"} <= set(headings)
    neither = run_app(home, "book", "export", "--out", str(out))
    assert neither.returncode == 2 and "--whole" in neither.stderr


def test_the_book_exports_to_opendocument_and_libreoffice_reads_it(home: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    out = tmp_path / "book.odt"
    result = run_app(home, "book", "export", BOOK, "--out", str(out))
    assert result.returncode == 0, result.stderr
    converted = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "lo"), str(out)], capture_output=True, text=True, timeout=240)
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "lo" / "book.pdf"
    pages = pages_text(pdf)
    text = " ".join(pages)
    # text, the user's parts, tables (their header rows) and the highlight with its note
    for words in ("Talking points", "Transport corridors", "Chosen items", "Host; ask about the Middle Corridor",
                  "Place Type", HIGHLIGHT_QUOTE, HIGHLIGHT_NOTE, "Contents"):
        assert words in text, words
    # pictures: the map at least, as an image LibreOffice placed on a page
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, timeout=60)
    if listed.returncode == 0:
        assert len(listed.stdout.splitlines()) - 2 >= 1
    assert len(pages) >= 5
    for page in range(1, len(pages) + 1):
        save_review_png(pdf, f"odt-libreoffice-{page:02d}", page)
