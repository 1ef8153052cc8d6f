"""The Source tab: the address with numbered paragraphs, "Show in source", and the items drawn from a paragraph."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from briefing_app.ui.models.paragraph_model import (
    HEADING_ROLE,
    HIGHLIGHTED_ROLE,
    PARAGRAPH_HTML_ROLE,
    PARAGRAPH_NUMBER_ROLE,
    ParagraphModel,
    quote_spans,
)
from briefing_app.ui.tabs import TAB_KEYS
from tests.conftest import save_screenshot
from tests.ui.palettes import dark_palette

SOURCE_TAB = TAB_KEYS.index("source")
ALMATY = "achievement:almaty-cultural-capital"
ALMATY_QUOTE = "The city of Almaty has been designated as the cultural and tourist capital of the SCO"


def show_in_source(window, qtbot, item_id: str):  # type: ignore[no-untyped-def]
    """Open an item in its tab and click its detail pane's "Show in source"; return the Source panel."""
    window.navigator.open(item_id)
    detail = window.current_panel().detail
    assert detail.source_button.isEnabled()
    qtbot.mouseClick(detail.source_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == SOURCE_TAB
    return window.panel("source")


def is_scrolled_into_view(panel, number: int) -> bool:  # type: ignore[no-untyped-def]
    rect = panel.view.visualRect(panel.model.index(panel.model.row_of(number)))
    return panel.view.viewport().rect().intersects(rect)


def test_paragraph_model_passes_the_model_tester(services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ParagraphModel(services.briefing.items("paragraph"))
    qtmodeltester.check(model, force_py=True)
    model.highlight_sources(services.briefing.item(ALMATY))
    qtmodeltester.check(model, force_py=True)


def test_every_paragraph_of_the_address_is_a_numbered_row(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel("source")
    paragraphs = window.services.briefing.paragraphs()
    assert panel.model.rowCount() == len(paragraphs) == window.services.briefing.counts()["paragraph"]
    numbers = [panel.model.index(r).data(PARAGRAPH_NUMBER_ROLE) for r in range(panel.model.rowCount())]
    assert numbers == [n for n, _text in paragraphs]
    # The first three paragraphs are the headings of the page
    assert [panel.model.index(r).data(HEADING_ROLE) for r in range(4)] == [True, True, True, False]


def test_the_pages_furniture_lines_show_as_headings_without_a_paragraph_number(services) -> None:  # type: ignore[no-untyped-def]
    model = ParagraphModel(services.briefing.items("paragraph"))
    shown = [model.index(r).data(Qt.ItemDataRole.DisplayRole) for r in range(5)]
    assert shown[0] == "Breaking News" and shown[1] == "Council of Heads of State"
    assert not any(text.startswith("¶") for text in shown[:3])
    # numbering is unchanged: ids and numbers stay, the first body paragraph is still ¶4
    assert shown[3].startswith("¶4  ") and model.index(0).data(PARAGRAPH_NUMBER_ROLE) == 1


def test_show_in_source_marks_the_paragraph_and_the_quote(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given the Almaty achievement open in its tab, when the reader clicks "Show in source"
    panel = show_in_source(window, qtbot, ALMATY)
    # Then paragraph 12 is marked, selected and scrolled into view
    assert panel.highlighted_item_id() == ALMATY
    assert panel.highlighted_paragraphs() == [12]
    assert panel.selected_paragraph() == 12
    assert is_scrolled_into_view(panel, 12)
    row = panel.model.index(panel.model.row_of(12))
    assert row.data(HIGHLIGHTED_ROLE) is True
    assert not panel.model.index(panel.model.row_of(11)).data(HIGHLIGHTED_ROLE)
    # And the quoted words themselves are marked inside the paragraph
    html = row.data(PARAGRAPH_HTML_ROLE)
    assert f"{panel.model.highlight_open}{ALMATY_QUOTE}</span>" in html


def test_an_item_resting_on_two_paragraphs_marks_both(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = show_in_source(window, qtbot, "achievement:dynamic-trade-cooperation")
    assert panel.highlighted_paragraphs() == [11, 24]
    assert panel.selected_paragraph() == 11
    assert "¶24" in panel.drawn.toPlainText()
    # Following the second mark keeps the marks
    panel.drawn.anchorClicked.emit(QUrl("source:24"))
    assert panel.selected_paragraph() == 24
    assert panel.highlighted_paragraphs() == [11, 24]
    assert is_scrolled_into_view(panel, 24)


def test_opening_a_paragraph_selects_it_and_lists_the_items_drawn_from_it(window) -> None:  # type: ignore[no-untyped-def]
    # When a link opens paragraph 26
    window.navigator.open("paragraph:26")
    panel = window.panel("source")
    assert window.tabs.currentIndex() == SOURCE_TAB
    assert panel.selected_paragraph() == 26
    assert panel.current_item_id() == "paragraph:26"
    # Then every item drawn from it is listed as a link
    html = panel.drawn.toHtml()
    drawn = window.services.briefing.items_from_paragraph(26)
    assert len(drawn) >= 5
    for ref in drawn:
        assert f'href="item:{ref.id}"' in html
    assert "proposal:aifc-financing-mechanism" in [ref.id for ref in drawn]


def test_clicking_a_paragraph_lists_its_items_and_a_link_opens_one(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("tab:source")
    panel = window.panel("source")
    index = panel.model.index(panel.model.row_of(9))
    panel.view.scrollTo(index)
    # When the reader clicks paragraph 9
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center())
    assert panel.selected_paragraph() == 9
    assert window.navigator.current == "paragraph:9"
    assert 'href="item:achievement:youth-council"' in panel.drawn.toHtml()
    # And clicks the Youth Council among the items drawn from it
    panel.drawn.anchorClicked.emit(QUrl("item:achievement:youth-council"))
    assert window.tabs.currentIndex() == TAB_KEYS.index("achievements")
    assert window.current_panel().current_item_id() == "achievement:youth-council"
    # Back returns to paragraph 9
    window.back_action.trigger()
    assert window.tabs.currentIndex() == SOURCE_TAB
    assert panel.selected_paragraph() == 9


def test_opening_another_paragraph_takes_the_marks_away(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = show_in_source(window, qtbot, ALMATY)
    window.navigator.open("paragraph:4")
    assert panel.highlighted_paragraphs() == []
    assert panel.highlighted_item_id() is None
    assert not panel.clear_button.isEnabled()


def test_clear_marks(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = show_in_source(window, qtbot, ALMATY)
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.highlighted_paragraphs() == []
    assert panel.selected_paragraph() == 12
    assert "Sources of" not in panel.drawn.toPlainText()


def test_an_item_without_a_paragraph_shows_its_outside_sources(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("source-for:document:development-strategy-2035")
    panel = window.panel("source")
    assert panel.highlighted_paragraphs() == []
    text = panel.drawn.toPlainText()
    assert "does not rest on the address" in text
    assert "President of Russia (Kremlin)" in text and "draft Development Strategy" in text


def test_show_in_source_of_an_unknown_item_says_so(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("source-for:achievement:no-such-thing")
    panel = window.panel("source")
    assert "not in the current briefing" in panel.drawn.toPlainText()
    assert panel.highlighted_paragraphs() == []


def test_quotes_are_found_despite_typographic_quotes_and_spacing() -> None:
    text = "He said: “trade is   growing” and ‘more’ is to come."
    start = text.index("trade")
    assert quote_spans(text, ['"trade is growing"']) == [(start, text.index("”"))]
    start = text.index("‘more’")
    assert quote_spans(text, ["'more' is"]) == [(start, start + len("‘more’ is"))]
    assert quote_spans(text, ["not in the text"]) == []


def test_every_quote_of_the_pack_is_found_in_its_paragraph(services) -> None:  # type: ignore[no-untyped-def]
    texts = dict(services.briefing.paragraphs())
    missing = [(item_id, s.paragraph) for item_id, s in services.briefing.all_sources()
               if s.paragraph is not None and s.quote and not quote_spans(texts[s.paragraph], [s.quote])]
    assert missing == []


def test_screenshots_of_the_source_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    show_in_source(window, qtbot, "priority:security")
    qtbot.wait(50)
    save_screenshot(window, "source-light")
    app = QApplication.instance()
    previous = app.palette()
    app.setPalette(dark_palette())
    try:
        qtbot.wait(50)
        save_screenshot(window, "source-dark")
    finally:
        app.setPalette(previous)


def test_widgets_are_named_for_screen_readers(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel("source")
    for widget in (panel.view, panel.drawn, panel.clear_button, panel.heading):
        assert widget.accessibleName(), widget
    assert panel.view.accessibleDescription() and panel.drawn.accessibleDescription()
    assert "Paragraph 12" in panel.model.index(panel.model.row_of(12)).data(Qt.ItemDataRole.AccessibleTextRole)


def test_the_source_tab_reads_the_paragraphs_without_their_own_sources(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A paragraph's source is itself (its quote is its whole text): the tab does not hold the address twice."""
    briefing = window.services.briefing
    asked: list[tuple[object, bool]] = []
    items = briefing.items

    def spy(kind=None, *, with_sources: bool = True):  # type: ignore[no-untyped-def]
        asked.append((kind, with_sources))
        return items(kind, with_sources=with_sources)

    monkeypatch.setattr(briefing, "items", spy)
    panel = window.panel("source")
    assert ("paragraph", False) in [(str(kind), flag) for kind, flag in asked]
    assert ("paragraph", True) not in [(str(kind), flag) for kind, flag in asked]
    assert panel.model.rowCount() == briefing.counts()["paragraph"]
    assert briefing.heading_paragraphs() == frozenset({1, 2, 3})
