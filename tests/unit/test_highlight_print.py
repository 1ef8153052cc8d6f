"""Highlights on paper: shaded passages with notes as footnotes, on item sheets and the bookmarks sheet."""

from __future__ import annotations

from briefing_app.domain.highlights import Highlight
from briefing_app.reports.highlight_sheets import Footnotes, marked_text_html
from briefing_app.reports.sheets import bookmarks_sheet, item_sheet, sheet_for


def test_an_item_sheet_prints_its_highlighted_passages_with_notes_as_footnotes(services) -> None:  # type: ignore[no-untyped-def]
    hl = services.highlights
    text = hl.text_of("member:kaz")
    first = text.split(".")[0]
    hl.add("member:kaz", first, note="<b>ask</b> about this", colour="green")
    html = item_sheet(services.briefing, "member:kaz", highlights=hl).html()
    assert "Your highlights" in html
    assert f'<span style="background-color: #b9f6ca">{first}' in html.replace("&#x27;", "'")
    assert "<sup>1</sup>" in html and "&lt;b&gt;ask&lt;/b&gt; about this" in html and "<b>ask</b>" not in html
    # the command line's item print takes them too
    assert "Your highlights" in sheet_for(services.briefing, services.bookmarks, item_id="member:kaz").html()


def test_the_bookmarks_sheet_includes_highlights_grouped_by_item(services) -> None:  # type: ignore[no-untyped-def]
    hl = services.highlights
    hl.add("paragraph:5", " ".join(hl.text_of("paragraph:5").split()[2:6]), note="quote in the opening")
    hl.add("member:kaz", hl.text_of("member:kaz").split()[0])
    # even with no bookmark, the sheet prints the highlights
    html = bookmarks_sheet(services.briefing, services.bookmarks).html()
    assert "Highlights" in html and "quote in the opening" in html
    assert html.index("quote in the opening") < html.rindex("Kazakhstan")  # grouped in the order made


def test_a_passage_gone_prints_with_its_quote_and_overlaps_are_shaded_once(services) -> None:  # type: ignore[no-untyped-def]
    hl = services.highlights
    text = hl.text_of("paragraph:5")
    words = text.split()
    a = hl.add("paragraph:5", " ".join(words[0:5]), note="one")
    hl.add("paragraph:5", " ".join(words[3:8]), note="two")
    entries = hl.entries("paragraph:5")
    body, notes = marked_text_html(text, entries, Footnotes())
    assert body.count("<span") == 2 and len(notes) == 2
    # When a passage is gone (an imported highlight of words this text no longer holds), its quote is printed
    gone = Highlight("hl-gone", "paragraph:5", "words an older pack had in this paragraph", note="old")
    assert hl.import_highlights([gone]) == (1, 0, 0)
    html = bookmarks_sheet(services.briefing, services.bookmarks).html()
    assert "not in the current briefing" in html and gone.quote in html and a.quote in html
