"""The briefing book as a minister gets it, read back from the PDF: at most 20 A4 pages, a table of contents whose
page numbers are where the headings are, the map on a landscape page naming every corridor node, no page less
than half full except a cover and a chapter's last page, and no marking at all with ``--marking none``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.e2e.test_print_cli import pages_text, run_print, save_review_png

MAX_PAGES = 20


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory: pytest.TempPathFactory, built_content: Path) -> Path:
    home = tmp_path_factory.mktemp("book-home")
    shutil.copy(built_content, home / "content.sqlite3")
    out = home / "book.pdf"
    # One whole-book print serves every test here, printed with ``--marking none`` so that the unmarked case is read
    # from it too (test_print_cli prints the book with a marking, on Letter landscape).
    result = run_print(home, "--section", "book", "--marking", "none", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_the_book_is_at_most_twenty_pages(book_pdf: Path) -> None:
    pages = len(PdfReader(str(book_pdf)).pages)
    assert 12 <= pages <= MAX_PAGES
    for page in range(1, pages + 1):
        save_review_png(book_pdf, f"book-{page:02d}", page)


def test_contents_page_numbers_are_where_the_headings_are(book_pdf: Path, services) -> None:
    from briefing_app.reports.book import briefing_book

    texts = pages_text(book_pdf)
    contents = texts[1].split("Contents", 1)[1]
    titles = [h.text for h in briefing_book(services.briefing).headings() if h.toc]
    assert len(titles) >= 20
    for title in titles:
        found = re.search(re.escape(title) + r" (\d{1,2})\b", contents)
        assert found, f"{title!r} has no page number in the contents"
        page = int(found.group(1))
        assert 2 < page <= len(texts), (title, page)
        assert title in texts[page - 1], f"{title!r} is not on page {page}"
        contents = contents[found.end():]


def test_the_map_has_a_landscape_page_naming_every_node(book_pdf: Path, services) -> None:
    from briefing_app.views.map_data import load_map

    reader = PdfReader(str(book_pdf))
    landscape = [i for i, p in enumerate(reader.pages) if float(p.mediabox.width) > float(p.mediabox.height)]
    assert len(landscape) == 1
    text = pages_text(book_pdf)[landscape[0]]
    # an approximate position is marked "≈" before the name
    names = [node.label.lstrip("≈ ") for node in load_map(services.briefing).data.nodes.values()]
    assert len(names) >= 30
    missing = [name for name in names if name not in text]
    assert not missing, missing
    assert "Key" in text and "Figure" in text


def test_no_page_is_less_than_half_full_but_covers_and_chapter_ends(qapp, services) -> None:
    from briefing_app.reports.book import briefing_book
    from briefing_app.ui.printing.page_setup import PageSetup
    from tests.e2e.test_print_cli import _layout

    sheet = briefing_book(services.briefing)
    layout = _layout(sheet, PageSetup(), services)
    chapters = {f"heading:{h.text}" for h in sheet.headings() if h.level == 1}
    pages = layout.pages
    for number, page in enumerate(pages, start=1):
        following = pages[number] if number < len(pages) else None
        chapter_end = following is None or bool(following.marks and following.marks[0] in chapters)
        if page.cover or chapter_end or page.landscape:
            continue
        assert page.fill >= 0.5, f"page {number} is {page.fill:.0%} full: {page.marks[:3]}"


def test_marking_none_prints_no_marking(book_pdf: Path) -> None:
    texts = pages_text(book_pdf)
    assert all("UNCLASSIFIED" not in t and "none" not in t.split()[:3] for t in texts)
    assert "Page 3 of" in texts[2]


def test_no_table_leaves_a_single_row_alone_on_a_page(qapp, services) -> None:
    from collections import Counter

    from briefing_app.reports.book import briefing_book
    from briefing_app.ui.printing.page_setup import PageSetup
    from tests.e2e.test_print_cli import _layout

    layout = _layout(briefing_book(services.briefing), PageSetup(), services)
    totals: Counter[str] = Counter()
    per_page = []
    for page in layout.pages:
        rows = Counter(m.split(":")[1] for m in page.marks if m.startswith("row:"))
        per_page.append(rows)
        totals.update(rows)
    for number, rows in enumerate(per_page, start=1):
        for serial, count in rows.items():
            if totals[serial] >= 4:
                assert count >= 2, f"page {number}: table {serial} has a single row here"
