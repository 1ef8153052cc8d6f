"""The Word export has what python-docx cannot write by itself (issue 18): real footnotes (a footnotes part with
one w:footnote per note reference, the FootnoteReference style on the marks), the map on a landscape section of
its own between portrait ones, a table of contents already listing the headings with w:updateFields set, and
highlighted quotes shaded in their colours (issue 19)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from briefing_app.domain.highlights import HighlightColour

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _export(services, sheet, path: Path) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.printing.docx_export import write_docx
    from briefing_app.ui.printing.figures import FigureRenderer

    write_docx(sheet, path, FigureRenderer(services), marking="none")


def _footnotes(path: Path) -> list[str]:
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    return ["".join(n.itertext()).strip() for n in root.iter(f"{W}footnote") if int(n.get(f"{W}id")) > 0]


@pytest.fixture
def highlight_book(services):  # type: ignore[no-untyped-def]
    from briefing_app.services.books import book_service

    books = book_service(services)
    words = services.highlights.text_of("paragraph:12").split()
    noted = services.highlights.add("paragraph:12", " ".join(words[:8]), colour="pink", note="Ask who pays")
    plain = services.highlights.add("member:kaz", " ".join(services.highlights.text_of("member:kaz").split()[:4]),
                                    colour="blue")
    other = services.highlights.add("paragraph:8", " ".join(services.highlights.text_of("paragraph:8").split()[:5]),
                                    note="Quote this first")
    parts = [books.highlight_part(h.highlight_id) for h in (noted, plain, other)]
    return books.create("Quotes", parts), (noted, plain, other)


def test_highlight_notes_are_real_word_footnotes_and_quotes_are_shaded(qtbot, services, highlight_book,
                                                                      tmp_path: Path) -> None:
    from docx import Document

    from briefing_app.reports.composed_book import composed_book

    book, (noted, plain, other) = highlight_book
    sheet = composed_book(book, services.briefing, services.bookmarks, highlights=services.highlights)
    out = tmp_path / "quotes.docx"
    # When the book with three highlights, two of them noted, is exported to Word
    _export(services, sheet, out)
    # Then the two notes are the document's two footnotes (and no "Notes" list is printed instead)
    assert _footnotes(out) == ["Ask who pays.", "Quote this first."]
    with zipfile.ZipFile(out) as archive:
        types = archive.read("[Content_Types].xml").decode()
        relations = archive.read("word/_rels/document.xml.rels").decode()
        body = archive.read("word/document.xml").decode()
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert re.search(r'Type="[^"]+/footnotes" Target="footnotes.xml"', relations)
    assert body.count("<w:footnoteReference ") == 2
    document = Document(str(out))
    assert "Notes" not in [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    marks = document.element.body.findall(f".//{W}footnoteReference/..")
    assert all(m.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference" for m in marks)
    # and each quote is shaded in its colour
    fills = {s.get(qn("w:fill")) for s in document.element.body.iter(qn("w:shd"))}
    assert {HighlightColour.PINK.light[1:].upper(), HighlightColour.BLUE.light[1:].upper(),
            HighlightColour.YELLOW.light[1:].upper()} <= fills


def test_the_whole_book_in_word_footnotes_landscape_map_and_a_filled_contents(qtbot, services, tmp_path: Path) -> None:
    from docx import Document

    from briefing_app.reports.book import briefing_book
    from briefing_app.reports.sheet import Text

    sheet = briefing_book(services.briefing, marking="none")
    chapter_notes = [b.notes for b in sheet.blocks if isinstance(b, Text) and b.notes]
    out = tmp_path / "book.docx"
    _export(services, sheet, out)
    document = Document(str(out))
    # Footnotes: every chapter's notes are footnotes, each note referred to at least once, nothing else
    footnotes = _footnotes(out)
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode()
    assert len(footnotes) == body.count("<w:footnoteReference ")
    every = {note for notes in chapter_notes for note in notes}
    assert set(footnotes) == every
    assert len(footnotes) >= max(len(n) for n in chapter_notes) and len(chapter_notes) >= 5
    # The map: a landscape section (page size swapped) holding one picture, portrait before and after
    sections = document.sections
    landscape = [i for i, s in enumerate(sections) if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(landscape) == 1 and 0 < landscape[0] < len(sections) - 1
    turned = sections[landscape[0]]
    assert turned.page_width > turned.page_height
    assert sections[landscape[0] - 1].orientation == sections[landscape[0] + 1].orientation == WD_ORIENT.PORTRAIT
    section_bodies: list[list[object]] = [[]]
    for element in document.element.body:
        section_bodies[-1].append(element)
        if element.find(f"{W}pPr/{W}sectPr") is not None:
            section_bodies.append([])
    pictures = [sum(len(e.findall(f".//{W}drawing")) for e in part) for part in section_bodies]  # type: ignore[attr-defined]
    assert pictures[landscape[0]] == 1
    # The contents: a TOC field whose result already lists the chapters, and Word updates fields on opening
    assert 'TOC \\o "1-2"' in body
    toc = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc ")]
    chapters = [h.text for h in sheet.headings() if h.level == 1 and h.toc]
    assert [t for t in toc if t in chapters] == chapters
    with zipfile.ZipFile(out) as archive:
        assert '<w:updateFields w:val="true"/>' in archive.read("word/settings.xml").decode()
