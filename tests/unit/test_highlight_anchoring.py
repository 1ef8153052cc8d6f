"""Anchoring a highlight in the current text of its item: in place, moved, slightly changed, or gone (kept)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.domain.highlights import (
    AnchorState,
    Highlight,
    HighlightColour,
    HighlightValueError,
    anchor,
    find_quote,
    new_highlight,
)
from briefing_app.domain.items import Item, ItemKind

TEXT = ("The leaders met in Testville and admitted Ruritania as the 3rd member. The region is home to over two "
        "million people, said the chair, and the city of Testville has been designated as the cultural capital.")


def _item(text: str = TEXT, kind: ItemKind = ItemKind.PARAGRAPH) -> Item:
    return Item(id=f"{kind.value}:2", kind=kind, title="¶2", summary="", body=text)


def _made(quote: str, text: str = TEXT) -> Highlight:
    return new_highlight("hl-1", _item(text), quote)


def test_a_highlight_keeps_the_exact_quote_its_context_and_offsets() -> None:
    made = _made("admitted Ruritania as the 3rd member")
    assert TEXT[made.start:made.end] == made.quote == "admitted Ruritania as the 3rd member"
    assert TEXT.endswith(made.suffix, 0, made.end + len(made.suffix)) and made.prefix.endswith("Testville and ")
    assert anchor(made, TEXT).state is AnchorState.EXACT


def test_a_quote_not_in_the_text_is_refused_in_one_line() -> None:
    with pytest.raises(HighlightValueError, match="does not occur in the text of paragraph:2") as error:
        _made("admitted Atlantis")
    assert "\n" not in str(error.value)


def test_typographic_quotes_case_and_line_breaks_do_not_hide_a_quote() -> None:
    text = "“The region is home to\nover two million people,” said the chair."
    assert find_quote(text, '"the region is home to over two million people,"') == (0, len(text) - 16)


def test_a_moved_passage_is_found_again_at_its_new_place() -> None:
    made = _made("admitted Ruritania as the 3rd member")
    moved = "A new opening sentence was added. " + TEXT
    found = anchor(made, moved)
    assert found.state is AnchorState.MOVED
    assert moved[found.start:found.end] == made.quote


def test_a_slightly_changed_passage_is_re_anchored_and_marked_text_changed() -> None:
    made = _made("the city of Testville has been designated as the cultural capital")
    changed = TEXT.replace("designated as the cultural capital", "designated as the cultural capital of the SCO")
    changed = changed.replace("the city of Testville has been", "the city of Testville was")
    found = anchor(made, changed)
    assert found.state is AnchorState.CHANGED and found.state.label == "text changed"
    assert found.text.startswith("the city of Testville was designated")


def test_a_passage_gone_from_the_text_is_missing_but_the_highlight_keeps_its_quote() -> None:
    made = _made("admitted Ruritania as the 3rd member")
    found = anchor(made, "An entirely different paragraph about the weather in spring and nothing else at all.")
    assert found.state is AnchorState.MISSING and found.state.label == "not in the current briefing"
    assert anchor(made, None).state is AnchorState.MISSING
    assert made.quote == "admitted Ruritania as the 3rd member"


def test_of_repeated_words_the_one_with_the_same_context_is_chosen() -> None:
    text = "Testville hosted. Later, the chair said Testville hosted the summit. Testville hosted nothing else."
    made = new_highlight("hl-1", _item(text), "Testville hosted", start=text.index("said Testville") + 5)
    assert made.start == text.index("said Testville") + 5
    moved = "Intro. " + text
    found = anchor(made, moved)
    assert found.state is AnchorState.MOVED and found.start == moved.index("said Testville") + 5


def test_an_unknown_colour_is_refused_and_four_are_offered() -> None:
    assert [c.value for c in HighlightColour] == ["yellow", "green", "blue", "pink"]
    with pytest.raises(HighlightValueError, match="one of: yellow, green, blue, pink"):
        HighlightColour.parse("mauve")


@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()), st.text(max_size=60), st.text(max_size=60))
def test_an_unchanged_text_always_anchors_in_place(quote: str, before: str, after: str) -> None:
    text = before + " " + quote + " " + after
    made = new_highlight("hl-1", _item(text), quote, start=len(before) + 1)
    found = anchor(made, text)
    assert found.found and found.state in (AnchorState.EXACT, AnchorState.MOVED)
    assert anchor(made, text).start == made.start


def test_a_long_passage_in_a_long_text_changed_in_a_few_words_is_found_again() -> None:
    from tests.conftest import REAL_PACK

    address = (REAL_PACK / "sources" / "address.txt").read_text(encoding="utf-8")[:4000]
    quote_start = address.index("The SCO has proven itself")
    quote = address[quote_start:quote_start + 140].rsplit(" ", 1)[0]
    made = new_highlight("hl-1", _item(address), quote)
    edited = address.replace("The SCO has proven itself to be", "The SCO has shown itself to be", 1)
    edited = "A new first sentence. " + edited
    found = anchor(made, edited)
    assert found.state is AnchorState.CHANGED
    assert found.text.startswith("The SCO has shown itself") and found.text.endswith(quote.split()[-1])
