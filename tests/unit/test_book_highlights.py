"""Highlights in composed books (issue 19): a highlight part keeps its item, quote, colour and note in the user
database; the book prints the chosen highlights grouped by item, each quote shaded in its colour with its note
as a chapter note; a highlight removed since or whose passage is gone stays in the book, shown as "not in the
current briefing"; a database of the version before upgrades with its books intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_app.domain.books import BookError, BookPart, PartKind
from briefing_app.domain.highlights import HighlightColour


@pytest.fixture
def books(services):  # type: ignore[no-untyped-def]
    from briefing_app.services.books import book_service

    return book_service(services)


def _sentence(services, item_id: str, words: int = 6, skip: int = 0) -> str:  # type: ignore[no-untyped-def]
    return " ".join(services.highlights.text_of(item_id).split()[skip:skip + words])


def test_a_highlight_part_is_stored_with_its_quote_colour_and_note(books, services) -> None:
    # Given a highlight with a note, in blue
    quote = _sentence(services, "paragraph:8")
    made = services.highlights.add("paragraph:8", quote, colour="blue", note="Quote this to the minister")
    # When it is added to a book
    part = books.highlight_part(made.highlight_id)
    books.create("Quotes", [part])
    # Then the book keeps it whole, from the database
    stored = books.get("Quotes").parts[0]
    assert stored == part
    assert (stored.kind, stored.ref, stored.item_id, stored.quote, stored.colour, stored.text) == (
        PartKind.HIGHLIGHT, made.highlight_id, "paragraph:8", made.quote, "blue", "Quote this to the minister")
    assert stored.label() == f"Highlight, ¶8: “{made.quote}”"
    with pytest.raises(BookError, match="no highlight"):
        books.highlight_part("hl-nosuch")


def test_a_composed_book_prints_highlights_grouped_by_item_shaded_with_notes(books, services) -> None:
    from briefing_app.reports.composed_book import composed_book

    # Given highlights in two items, chosen in an interleaved order
    a1 = services.highlights.add("paragraph:8", _sentence(services, "paragraph:8"), colour="green",
                                 note="Ask <who> signs?")
    b1 = services.highlights.add("member:kaz", _sentence(services, "member:kaz", 4), colour="pink")
    a2 = services.highlights.add("paragraph:8", _sentence(services, "paragraph:8", 5, skip=8),
                                 note="Second note")
    book = books.create("Trip", [books.section_part("overview"), *(books.highlight_part(h.highlight_id)
                                                                   for h in (a1, b1, a2))])
    # When the book is made
    sheet = composed_book(book, services.briefing, services.bookmarks, highlights=services.highlights)
    html = sheet.html()
    # Then a Highlights chapter lists them by item (the address paragraph's two together), shaded in their colours
    assert "Highlights" in [h.text for h in sheet.headings() if h.level == 1 and h.toc]
    groups = [h.text for h in sheet.headings() if h.level == 3]
    assert groups[0].startswith("Address ¶8") and groups[1] == "Kazakhstan"
    chapter = html[html.index("<h1>Highlights</h1>"):]
    assert chapter.index(a1.quote) < chapter.index(a2.quote) < chapter.index(b1.quote)
    assert f"background-color: {HighlightColour.GREEN.light}" in html
    assert f"background-color: {HighlightColour.PINK.light}" in html
    # and the notes are the chapter's numbered notes, the user's markup kept as text
    chapter_notes = [b for b in sheet.blocks if getattr(b, "notes", ())][-1]
    assert chapter_notes.notes == ("Ask <who> signs?", "Second note.")
    assert "Ask &lt;who&gt; signs?" in html


def test_a_removed_highlight_and_a_gone_passage_stay_in_the_book(books, services) -> None:
    from briefing_app.reports.composed_book import composed_book

    # Given a highlight removed after it was added to a book, and a part whose passage is no longer there
    quote = _sentence(services, "paragraph:3")
    made = services.highlights.add("paragraph:3", quote, note="Kept")
    kept = books.highlight_part(made.highlight_id)
    services.highlights.remove(made.highlight_id)
    gone = BookPart(PartKind.HIGHLIGHT, "hl-gone", "¶99 A paragraph of an older pack", "Was a good line",
                    "paragraph:99", "words that no briefing has any more", "yellow")
    book = books.create("Old", [kept, gone])
    # Then the removed one still prints where its words stand, and the gone one with its quote, marked
    assert [s.in_briefing for s in books.statuses(book)] == [True, False]
    html = composed_book(book, services.briefing, services.bookmarks, highlights=services.highlights).html()
    assert quote in html and "Kept" in html
    assert "words that no briefing has any more" in html and "not in the current briefing" in html
    assert "Was a good line" in html


def test_a_database_with_books_upgrades_with_its_parts_intact(tmp_path: Path) -> None:
    from briefing_app.persistence.migrations import KNOWN_REVISIONS, upgrade, upgrade_to

    path = tmp_path / "user.sqlite3"
    upgrade_to(path, KNOWN_REVISIONS[KNOWN_REVISIONS.index("0008_book_highlights") - 1])
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO books (row_id, name, created_at, updated_at) VALUES (1, 'Minister', 'a', 'a')")
        conn.execute("INSERT INTO book_parts (book_row, position, kind, ref, title, text) "
                     "VALUES (1, 0, 'bookmark', 'member:kaz', 'Kazakhstan', 'Host')")
    upgrade(path)
    from briefing_app.persistence.book_repository import BookRepository
    from briefing_app.persistence.engine import make_engine

    engine = make_engine(path)
    book = BookRepository(engine).get("Minister")
    engine.dispose()
    assert book.parts == (BookPart(PartKind.BOOKMARK, "member:kaz", "Kazakhstan", "Host"),)
