"""Composed briefing books in the user database (no Qt): make, rename, duplicate, delete with undo; parts kept
in the user's order; an item gone from the briefing kept and marked; the composed book as a sheet."""

from __future__ import annotations

import pytest

from briefing_app.domain.books import BookError, BookPart, PartKind, clean_book_name, copy_name


@pytest.fixture
def books(services):  # type: ignore[no-untyped-def]
    from briefing_app.services.books import book_service

    return book_service(services)


def test_names_are_one_line_and_copies_get_a_free_name() -> None:
    assert clean_book_name("  Minister \n Astana ") == "Minister Astana"
    with pytest.raises(BookError):
        clean_book_name("  ")
    assert copy_name("A", {"A", "A (copy)"}) == "A (copy 2)"


def test_a_book_keeps_its_parts_in_the_users_order(books, services) -> None:
    services.bookmarks.add("member:kaz", note="Host")
    parts = [BookPart(PartKind.TEXT, title="Cover note", text="For the minister."),
             books.section_part("members"), books.bookmark_part("member:kaz")]
    books.create("Minister", parts)
    assert books.get("Minister").parts == tuple(parts)
    assert parts[2].text == "Host" and parts[2].title == "Kazakhstan"
    reordered = [parts[2], parts[0], parts[1]]
    books.set_parts("Minister", reordered)
    assert books.get("Minister").parts == tuple(reordered)


def test_rename_duplicate_delete_and_undo(books) -> None:
    books.create("One", [books.section_part("overview")])
    with pytest.raises(BookError, match="already"):
        books.create("one")
    books.rename("One", "First")
    copy = books.duplicate("First")
    assert copy.name == "First (copy)" and copy.parts == books.get("First").parts
    books.delete("First")
    assert [b.name for b in books.list()] == ["First (copy)"]
    with pytest.raises(BookError, match="no book named"):
        books.get("First")
    assert books.can_undo()
    restored = books.undo_delete()
    assert restored is not None and restored.name == "First" and restored.parts == copy.parts
    assert not books.can_undo()


def test_an_item_gone_from_the_briefing_is_kept_and_marked(books, services) -> None:
    from briefing_app.reports.composed_book import composed_book

    gone = BookPart(PartKind.BOOKMARK, "member:atlantis", "Atlantis", "A note kept with the book")
    books.create("Old", [books.section_part("overview"), gone])
    statuses = books.statuses(books.get("Old"))
    assert [s.in_briefing for s in statuses] == [True, False]
    html = composed_book(books.get("Old"), services.briefing, services.bookmarks).html()
    assert "Atlantis" in html and "not in the current briefing" in html and "A note kept with the book" in html


def test_a_composed_book_prints_its_parts_in_order_with_the_users_text(books, services) -> None:
    from briefing_app.reports.composed_book import composed_book

    services.bookmarks.add("corridor:trans-caspian", note="Raise <transit> times")
    book = books.create("Trip", [
        BookPart(PartKind.TEXT, title="Talking points", text="- Welcome Belarus\n- Support the corridor"),
        books.section_part("priorities"),
        books.bookmark_part("corridor:trans-caspian"),
        BookPart(PartKind.TEXT, title="Questions to raise", text="When does the railway open?"),
    ])
    sheet = composed_book(book, services.briefing, services.bookmarks, marking="none")
    top = [h.text for h in sheet.headings() if h.level == 1]
    assert top[:4] == ["Talking points", "Priorities, in the order of the address", "Chosen items",
                       "Questions to raise"]
    html = sheet.html()
    assert "<li>Welcome Belarus</li>" in html and "Raise &lt;transit&gt; times" in html
    assert sheet.blocks[0].marking == ""  # type: ignore[union-attr]
