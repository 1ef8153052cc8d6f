"""The Bookmarks tab shows a paragraph bookmark whose text changed as changed, under the title it was made with."""

from __future__ import annotations

from briefing_app.domain.bookmarks import Bookmark, BookmarkEntry


def test_a_changed_paragraph_reads_as_changed_with_its_own_title() -> None:
    from briefing_app.reports.formatting import isolate
    from briefing_app.ui.models.bookmark_text import TITLE, display_text, tooltip_html

    bookmark = Bookmark("paragraph:6", "paragraph", "¶6 The old words", anchor_text="The old words of the address")
    entry = BookmarkEntry(bookmark, True, "¶6 Quite other words", text_changed=True)
    assert display_text(entry, TITLE) == f"{isolate('¶6 The old words')} (the paragraph's text changed)"
    assert "other text than the one bookmarked" in tooltip_html(entry, TITLE)
    same = BookmarkEntry(bookmark, True, "¶6 The old words")
    assert display_text(same, TITLE) == "¶6 The old words"

