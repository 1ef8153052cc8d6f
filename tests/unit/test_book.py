"""The briefing book's sources (no Qt): numbered endnotes per chapter in short form, one bibliography that
lists every work the notes name, the build provenance in its own optional appendix, and no marking on request."""

from __future__ import annotations

import re
from html import unescape

from briefing_app.reports.book import briefing_book
from briefing_app.reports.sheet import Cover, Heading, Table, Text, printed_marking
from briefing_app.reports.sources import BookNotes, short_form, split_citation


def test_short_forms_are_publisher_and_date_or_abbreviation_and_year() -> None:
    assert short_form("World Bank, World Development Indicators, SP.POP.TOTL, 2023") == "World Bank WDI 2023"
    assert short_form("Astana Times, “SCO summit kicks off in Astana”, 4 July 2024") == "Astana Times, 4 July 2024"
    assert short_form("Wikipedia, “New Eurasian Land Bridge”") == "Wikipedia"


def test_a_citation_splits_into_works_and_provenance_remarks() -> None:
    works, remarks = split_citation(
        "World Bank, World Development Indicators, SP.POP.TOTL (population, total), 2023; via the datahub.io core "
        "mirror github.com/datasets/population, commit 10de5a5 (2024-12-04 vintage)")
    assert works == ["World Bank, World Development Indicators, SP.POP.TOTL, 2023"]
    assert remarks == ["via the datahub.io core mirror github.com/datasets/population, commit 10de5a5 "
                       "(2024-12-04 vintage)"]
    works, remarks = split_citation("Wikipedia, “Shanghai Cooperation Organisation” (mirror wikien4.appspot.com): "
                                    "India and Pakistan joined on 9 June 2017 in Astana")
    assert works == ["Wikipedia, “Shanghai Cooperation Organisation”"] and remarks == ["mirror wikien4.appspot.com"]
    # a semicolon inside brackets does not split the citation
    works, _ = split_citation("avapress.com (2024 = SCO Year of Environment; 2025 = Year of Development)")
    assert works == ["avapress.com"]


def test_notes_are_numbered_afresh_per_chapter_and_the_same_note_keeps_its_number() -> None:
    from briefing_app.domain.items import Source

    notes = BookNotes()
    first = notes.ref([Source(paragraph=8, quote="q")])
    second = notes.ref([Source(citation="World Bank, World Development Indicators, NY.GDP.MKTP.CD, 2023")])
    again = notes.ref([Source(paragraph=8, quote="q")])
    assert (first, second, again) == ('<sup class="ref">1</sup>', '<sup class="ref">2</sup>',
                                      '<sup class="ref">1</sup>')
    blocks = notes.end_chapter()
    assert isinstance(blocks[0], Heading) and blocks[0].text == "Notes"
    assert isinstance(blocks[1], Text) and "<b>1</b>&nbsp;Address ¶8." in blocks[1].html
    assert "<b>2</b>&nbsp;World Bank WDI 2023." in blocks[1].html
    assert notes.ref([Source(citation="TASS, 2 July 2024")]) == '<sup class="ref">1</sup>'


def _chapters(book) -> list[list]:  # type: ignore[no-untyped-def]
    chapters: list[list] = []
    for block in book.blocks:
        if isinstance(block, Heading) and block.level == 1:
            chapters.append([])
        if chapters:
            chapters[-1].append(block)
    return chapters


def test_every_note_number_in_a_chapter_has_its_note_at_the_chapter_end(services) -> None:
    book = briefing_book(services.briefing)
    chapters = _chapters(book)[:5]
    assert len(chapters) == 5
    for chapter in chapters:
        notes_at = next(i for i, b in enumerate(chapter) if isinstance(b, Heading) and b.text == "Notes")
        body = "".join(
            b.html if isinstance(b, Text) else "".join("".join(r) for r in b.rows) if isinstance(b, Table) else ""
            for b in chapter[:notes_at])
        used = {int(n) for n in re.findall(r'class="ref">(?:&#8201;\[)?(\d+)', body)}
        listed = [int(n) for n in re.findall(r"<b>(\d+)</b>&nbsp;", chapter[notes_at + 1].html)]
        assert used and used == set(listed) and listed == list(range(1, len(listed) + 1)), chapter[0].text
        # no bracketed references of the single sheets are left in the book
        assert "[¶" not in body


def test_the_bibliography_names_every_short_form_the_notes_use(services) -> None:
    html = briefing_book(services.briefing).html()
    body, appendix = html.split("<h1>Sources</h1>")
    appendix = appendix.split("<h1>Data provenance</h1>")[0]
    bold = {unescape(b) for b in re.findall(r"<b>([^<]+)</b>", appendix)}
    for notes in re.findall(r'<h4>Notes</h4>\s*<p class="ref">(.*?)</p>', body, re.S):
        for text in re.findall(r"&nbsp;(.*?)\.(?= <b>|$)", notes):
            for part in unescape(text).split("; "):
                if not part.startswith("Address ¶"):
                    assert part in bold, part
    # one entry per short form: the appendix is a bibliography, not a list of every use
    entries = re.findall(r'<p class="work"><b>([^<]+)</b>', appendix)
    assert len(entries) >= 20 and len(entries) == len(set(entries))


def test_a_source_from_one_of_the_packs_documents_is_cited_by_publisher_and_date() -> None:
    from briefing_app.domain.items import Source
    from briefing_app.domain.pack import SourceDocument

    documents = [
        SourceDocument("a", "SCO summit kicks off", "The Astana Times", "https://a.example/1", "2024-07-04"),
        SourceDocument("b", "Belarus joins", "The Astana Times", "https://a.example/2", "2024-07-04"),
        SourceDocument("c", "WDI: GDP", "World Bank", "https://data.example/gdp", "2024-10"),
    ]
    notes = BookNotes.for_documents(documents)
    notes.ref([Source(citation="The Astana Times, “Belarus joins”, 4 July 2024 (the tenth member)",
                      url="https://a.example/2")])
    notes.ref([Source(citation="World Bank, GDP", url="https://data.example/gdp")])
    html = notes.end_chapter()[1].html  # type: ignore[union-attr]
    assert "<b>1</b>&nbsp;Astana Times, 4 July 2024b." in html and "<b>2</b>&nbsp;World Bank, October 2024." in html
    assert [w.text for w in notes.bibliography()] == ["“Belarus joins”", "“WDI: GDP”"]


def test_provenance_goes_to_its_own_appendix_only_when_asked_for(services) -> None:
    with_it = briefing_book(services.briefing, provenance=True).html()
    provenance = with_it.split("<h1>Data provenance</h1>")[1]
    assert "commit 10de5a5" in provenance and "commit 10de5a5" not in with_it.split("<h1>Data provenance</h1>")[0]
    without = briefing_book(services.briefing).html()
    assert "Data provenance" not in without and "<h1>Sources</h1>" in without


def test_marking_none_prints_no_marking_on_the_cover() -> None:
    assert printed_marking("none") == printed_marking(" NONE ") == ""
    assert printed_marking("RESTRICTED") == "RESTRICTED"


def test_book_cover_without_marking(services) -> None:
    book = briefing_book(services.briefing, marking="none")
    cover = book.blocks[0]
    assert isinstance(cover, Cover) and cover.marking == ""


def test_crowded_labels_move_out_on_leader_lines_and_never_overlap() -> None:
    from briefing_app.domain.label_placement import LabelRequest, place_labels, place_labels_with_leaders

    # Six nodes ten pixels apart (a crowded port area) on a 400 x 300 map
    requests = [LabelRequest(f"n{i}", 200 + (i % 2) * 10, 150 + (i // 2) * 10, 50, 10, 10 - i) for i in range(6)]
    near_only = place_labels(requests, viewport=(0, 0, 400, 300))
    placed, missing = place_labels_with_leaders(requests, viewport=(0, 0, 400, 300))
    assert len(near_only) < 6 and not missing and len(placed) == 6
    assert any(p.leader for p in placed) and not all(p.leader for p in placed)
    rects = [p.label.rect for p in placed]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_the_places_table_names_the_corridors_through_each_place_without_reading_each_place(services) -> None:
    """The corridors column comes from the corridors' routes (read once), not from every place's detail; it says
    what each place's detail says."""
    from briefing_app.domain.items import ItemKind
    from briefing_app.reports.section_sheets import corridors_blocks
    from briefing_app.reports.sources import BookNotes

    briefing = services.briefing
    nodes = {n.id: n for n in briefing.items(ItemKind.NODE)}
    numbers = {c.id: n for n, c in enumerate(briefing.items(ItemKind.CORRIDOR), start=1)}
    expected = {}
    for node in nodes.values():
        through = briefing.detail(node.id).related("passes_through", "in")
        expected[node.title] = ", ".join(str(n) for n in sorted(numbers[r.id] for r in through if r.id in numbers))
    read: list[str] = []
    real_detail = type(briefing).detail

    class Counting(type(briefing)):  # type: ignore[misc]
        def detail(self, item_id: str):  # type: ignore[no-untyped-def]
            read.append(item_id)
            return real_detail(self, item_id)

    counting = Counting.__new__(Counting)
    counting.__dict__.update(briefing.__dict__)
    blocks = corridors_blocks(counting, BookNotes())
    assert not [i for i in read if i in nodes], "a place's detail was read for the places table"
    table = next(b for b in blocks if isinstance(b, Table) and b.columns[0].title == "Place")
    got = {unescape(re.sub(r"<[^>]+>", "", row[0])).replace(" (approx.)", ""): row[3] for row in table.rows}
    assert got == {unescape(t): c for t, c in expected.items()}
    assert any("," in c for c in got.values())  # some place lies on more than one corridor


def test_building_the_book_reads_each_kind_of_item_and_each_detail_once(services) -> None:
    """The chapters ask for the members, the figures and the events several times: the book reads them once."""
    from collections import Counter

    briefing = services.briefing
    reads: Counter[tuple[str, str]] = Counter()
    real_items, real_detail = type(briefing).items, type(briefing).detail

    class Counting(type(briefing)):  # type: ignore[misc]
        def items(self, kind=None, *, with_sources=True):  # type: ignore[no-untyped-def]
            reads[("items", f"{kind}/{with_sources}")] += 1
            return real_items(self, kind, with_sources=with_sources)

        def detail(self, item_id: str):  # type: ignore[no-untyped-def]
            reads[("detail", item_id)] += 1
            return real_detail(self, item_id)

    counting = Counting.__new__(Counting)
    counting.__dict__.update(briefing.__dict__)
    book = briefing_book(counting)
    assert reads and max(reads.values()) == 1, [k for k, n in reads.items() if n > 1]
    assert book.html() == briefing_book(briefing).html()
