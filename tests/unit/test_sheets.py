"""Briefing sheets as documents (no Qt): what each sheet says, that every fact carries its source, that user
text is printed as text, and that the book lists every source the briefing cites."""

from __future__ import annotations

import re

import pytest

from briefing_app.domain.items import ItemKind
from briefing_app.reports.book import briefing_book
from briefing_app.reports.sheet import Contents, Cover, Figure, Heading, PageBreak, Table, Text
from briefing_app.reports.sheets import (
    SECTIONS,
    EmptySheetError,
    bookmarks_sheet,
    item_sheet,
    items_sheet,
    section_sheet,
    sheet_for,
    source_sheet,
)
from briefing_app.reports.sources import SourceNotes, number_ranges
from briefing_app.services.briefing import UnknownItemError

REF = re.compile(r'<span class="ref">\[[^\]]+\]</span>')


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_reference_numbers_collapse_into_ranges() -> None:
    assert number_ranges([5, 1, 2, 3, 3]) == "1–3, 5"
    assert number_ranges([7, 8]) == "7, 8"
    assert number_ranges([]) == ""


def test_a_fact_resting_on_paragraphs_and_citations_gets_one_bracketed_reference(services) -> None:
    # Given an item citing the address and outside sources
    item = services.briefing.item("member:kaz")
    notes = SourceNotes()
    # When its reference is made
    ref = notes.ref(item.sources, item.title)
    # Then it names the paragraph and numbers the other sources from 1
    assert "¶8" in ref and "[¶8; 1" in ref
    assert len(notes.citations) == len([s for s in item.sources if s.paragraph is None])


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_sheet_has_its_heading_facts_and_a_source_list(services, section: str) -> None:
    sheet = section_sheet(services.briefing, section)
    headings = [h.text for h in sheet.headings()]
    assert headings[0] and headings[-1] == "Sources"
    html = sheet.html()
    assert "¶" in html and REF.search(html)


def test_members_sheet_lists_every_member_with_figures_and_sources(services) -> None:
    sheet = section_sheet(services.briefing, "members")
    members = services.briefing.items(ItemKind.MEMBER)
    member_table = next(b for b in sheet.blocks if isinstance(b, Table) and b.columns[0].title == "State and capital")
    rows = {_text(row[0]).split("\n")[0]: row for row in member_table.rows}
    for member in members:
        row = next(r for name, r in rows.items() if name.startswith(member.title))
        # population and GDP carry their own citation, the row its sources
        assert REF.search(row[2]) and REF.search(row[3]), member.id
        assert row[-1].startswith('<span class="ref">['), member.id
    assert "1.41 bn" in sheet.html()  # China's population, 2023, shortened as on screen
    assert {f.key for f in sheet.figures()} == {"chart:member-population", "chart:member-gdp"}


def test_priorities_sheet_has_each_priority_with_its_proposals(services) -> None:
    sheet = section_sheet(services.briefing, "priorities")
    html = sheet.html()
    for priority in services.briefing.items(ItemKind.PRIORITY):
        assert priority.title in [h.text for h in sheet.headings()]
    for proposal in services.briefing.items(ItemKind.PROPOSAL):
        assert f"<b>{proposal.title}</b>" in html, proposal.id


def test_corridors_sheet_carries_the_map(services) -> None:
    sheet = section_sheet(services.briefing, "corridors")
    assert [f.key for f in sheet.figures()] == ["map"]


def test_item_sheet_for_a_corridor_shows_it_on_the_map(services) -> None:
    sheet = item_sheet(services.briefing, "corridor:trans-caspian")
    assert sheet.title.startswith("Trans-Caspian")
    assert [f.key for f in sheet.figures()] == ["map:corridor:trans-caspian"]
    assert "Route:" in sheet.html() and "Aktau" in sheet.html()


def test_item_sheet_of_a_priority_lists_its_proposals(services) -> None:
    sheet = item_sheet(services.briefing, "priority:trade")
    html = sheet.html()
    assert "Unified platform to discuss and approve investment projects" in html
    assert "Proposals (5)" in [h.text for h in sheet.headings()]


def test_unknown_item_is_refused_with_its_id(services) -> None:
    with pytest.raises(UnknownItemError, match="member:atlantis"):
        item_sheet(services.briefing, "member:atlantis")
    with pytest.raises(UnknownItemError):
        sheet_for(services.briefing, services.bookmarks, item_id="nothing:here")


def test_items_sheet_keeps_the_order_given_and_drops_repeats(services) -> None:
    sheet = items_sheet(services.briefing, ["member:rus", "member:chn", "member:rus"])
    level2 = [h.text for h in sheet.headings() if h.level == 2]
    assert level2[:2] == ["Russia", "China"]
    with pytest.raises(EmptySheetError):
        items_sheet(services.briefing, [])


def test_bookmarks_print_in_the_users_order_with_notes(services) -> None:
    # Given three bookmarks, reordered by the user
    bookmarks = services.bookmarks
    bookmarks.add("member:kaz", note="Ask about ferries")
    bookmarks.add("priority:trade", note="")
    bookmarks.add("corridor:north-south", note="Second line\nthird line")
    bookmarks.reorder(["corridor:north-south", "member:kaz", "priority:trade"])
    # When the bookmarks sheet is built
    sheet = bookmarks_sheet(services.briefing, bookmarks)
    # Then the items come in that order, each note printed under its item
    level2 = [h.text for h in sheet.headings() if h.level == 2]
    assert level2[:3] == [services.briefing.item(i).title for i in
                          ("corridor:north-south", "member:kaz", "priority:trade")]
    html = sheet.html()
    assert "Ask about ferries" in html and "Second line<br/>third line" in html
    assert html.index("Second line") < html.index("Ask about ferries")


def test_bookmark_notes_with_markup_print_as_text(services) -> None:
    services.bookmarks.add("member:kaz", note='<b>bold?</b> <img src="x"> & <script>alert(1)</script>')
    html = bookmarks_sheet(services.briefing, services.bookmarks).html()
    assert "<script>" not in html and "<b>bold?</b>" not in html and '<img src="x">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp;" in html


def test_bookmarks_filtered_by_tag_or_ids_and_empty_is_refused(services) -> None:
    bookmarks = services.bookmarks
    with pytest.raises(EmptySheetError, match="no bookmarks"):
        bookmarks_sheet(services.briefing, bookmarks)
    bookmarks.add("member:kaz", tags=["bilateral"])
    bookmarks.add("member:chn")
    tagged = bookmarks_sheet(services.briefing, bookmarks, tag="bilateral")
    assert [h.text for h in tagged.headings() if h.level == 2][:-1] == ["Kazakhstan"]
    chosen = bookmarks_sheet(services.briefing, bookmarks, item_ids=["member:chn"])
    assert [h.text for h in chosen.headings() if h.level == 2][:-1] == ["China"]
    with pytest.raises(EmptySheetError, match="tag 'none'"):
        bookmarks_sheet(services.briefing, bookmarks, tag="none")


def test_book_has_cover_contents_every_section_and_the_sources_appendix(services) -> None:
    book = briefing_book(services.briefing, printed_on="4 July 2024", marking="RESTRICTED", provenance=True)
    assert isinstance(book.blocks[0], Cover) and book.blocks[0].marking == "RESTRICTED"
    assert isinstance(book.blocks[1], Contents)
    top = [h.text for h in book.headings() if h.level == 1]
    assert top == ["Overview", "Members", "Achievements of Kazakhstan's chairmanship",
                   "Priorities, in the order of the address", "Transport corridors", "Sources", "Data provenance"]
    # every section starts on a new page (the short provenance appendix runs on after the sources)
    for index, block in enumerate(book.blocks):
        if isinstance(block, Heading) and block.level == 1 and index > 2 and block.text != "Data provenance":
            assert isinstance(book.blocks[index - 1], PageBreak), block.text
    assert all(h.toc for h in book.headings() if h.level == 1)


def test_source_sheet_prints_every_paragraph_of_the_address(services) -> None:
    sheet = source_sheet(services.briefing)
    table = next(b for b in sheet.blocks if isinstance(b, Table))
    headings = services.briefing.heading_paragraphs()
    assert len(table.rows) == len(services.briefing.paragraphs()) - len(headings)


def test_source_sheet_shows_the_pages_furniture_lines_as_headings_not_numbered_paragraphs(services) -> None:
    paragraphs = dict(services.briefing.paragraphs())
    headings = services.briefing.heading_paragraphs()
    assert headings == {1, 2, 3}  # "Breaking News", the section name, the article's title
    sheet = source_sheet(services.briefing)
    heading_texts = [b.text for b in sheet.blocks if isinstance(b, Heading)]
    table = next(b for b in sheet.blocks if isinstance(b, Table))
    numbers = [row[0] for row in table.rows]
    for n in headings:
        assert paragraphs[n] in heading_texts
        assert f"<b>¶{n}</b>" not in numbers
    # numbering is unchanged: the first body paragraph is still ¶4
    assert numbers[0] == "<b>¶4</b>"


def test_sheet_blocks_are_all_of_known_kinds(services) -> None:
    book = briefing_book(services.briefing)
    kinds = (Heading, Text, Table, Figure, PageBreak, Contents, Cover)
    assert all(isinstance(block, kinds) for block in book.blocks)
    with pytest.raises(ValueError, match="cells"):
        Table((), (("one",),))


def test_the_same_source_keeps_one_number_with_or_without_its_address() -> None:
    from briefing_app.domain.items import Source

    notes = SourceNotes()
    first = notes.number(Source(citation="World Bank WDI 2023"))
    again = notes.number(Source(citation="World Bank WDI 2023", url="https://data.worldbank.org"))
    other = notes.number(Source(citation="World Bank WDI 2023", note="a different caveat"))
    assert first == again == 1 and other == 2
    assert ("World Bank WDI 2023", "https://data.worldbank.org", "") in notes.citations
