"""Highlighting in an item's detail text: select, Highlight, shown at once, note on hover, open flashes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from briefing_app.domain.highlights import HighlightColour
from briefing_app.ui.highlight_signals import highlight_signals
from briefing_app.ui.widgets.highlighting import note_tooltip, place_highlights
from tests.ui.test_bookmarks_panel import visible_detail


def _select(browser, words: str) -> None:  # type: ignore[no-untyped-def]
    text = browser.document().toPlainText()
    start = text.index(words)
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)


def test_selecting_words_and_highlighting_stores_and_paints_them_at_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given Kazakhstan open in the Members tab and words of its text selected
    window.navigator.open("member:kaz")
    detail = visible_detail(window.panel("members"))
    service = window.services.highlights
    words = " ".join(service.text_of("member:kaz").split()[:3])
    _select(detail.browser, words)
    # Then the floating Highlight button is offered by the selection
    assert detail.highlighter.button.isVisible()
    # When the user presses the shortcut
    detail.browser.setFocus()
    qtbot.keyClick(detail.browser, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    # Then it is stored, and painted in place over exactly those words
    (made,) = service.list("member:kaz")
    assert made.quote == words and made.colour is HighlightColour.YELLOW
    (placed,) = detail.highlighter.placed
    shown = detail.browser.document().toPlainText()[placed.start:placed.end]
    assert shown == words
    assert len(detail.browser.extraSelections()) == 1
    assert not detail.highlighter.button.isVisible()


def test_the_context_menu_offers_four_colours_and_the_actions_of_a_highlight(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("member:kaz")
    detail = visible_detail(window.panel("members"))
    service = window.services.highlights
    words = " ".join(service.text_of("member:kaz").split()[:2])
    _select(detail.browser, words)
    menu = detail.highlighter.context_menu(detail.browser.cursorRect().center())
    highlight = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith("Highlight"))
    assert [a.text() for a in highlight.actions() if a.text()][:4] == ["Yellow", "Green", "Blue", "Pink"]
    next(a for a in highlight.actions() if a.text() == "Blue").trigger()
    (made,) = service.list("member:kaz")
    assert made.colour is HighlightColour.BLUE
    # Over the highlight the menu offers to edit its note, recolour or remove it
    placed = detail.highlighter.placed[0]
    cursor = QTextCursor(detail.browser.document())
    cursor.setPosition(placed.start + 1)
    detail.browser.setTextCursor(cursor)
    menu = detail.highlighter.context_menu(detail.browser.cursorRect().center())
    texts = [a.text() for a in menu.actions()]
    assert "Edit highlight note…" in texts and "Remove highlight" in texts
    next(a for a in menu.actions() if a.text() == "Remove highlight").trigger()
    assert service.list() == [] and detail.highlighter.placed == []


def test_a_highlight_made_elsewhere_shows_at_once_and_open_scrolls_and_flashes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("member:kaz")
    detail = visible_detail(window.panel("members"))
    service = window.services.highlights
    words = service.text_of("member:kaz").split(".")[0]
    made = service.add("member:kaz", words, note="<b>ask</b>", colour="pink")
    assert [p.entry.highlight_id for p in detail.highlighter.placed] == [made.highlight_id]
    highlight_signals(service).focus_requested.emit(made.highlight_id, "member:kaz")
    assert detail.highlighter.flashing
    qtbot.waitUntil(lambda: not detail.highlighter.flashing, timeout=3000)


def test_the_note_on_hover_is_text_not_markup(services) -> None:  # type: ignore[no-untyped-def]
    hl = services.highlights
    made = hl.add("member:kaz", hl.text_of("member:kaz").split()[0], note="<img src=x> & <b>bold</b>")
    (entry,) = hl.entries("member:kaz")
    tip = note_tooltip(entry)
    assert "&lt;img src=x&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in tip and "<img" not in tip
    assert made.highlight_id == entry.highlight_id


def test_placing_finds_the_passage_in_a_document_showing_more_than_the_item(services) -> None:  # type: ignore[no-untyped-def]
    hl = services.highlights
    text = hl.text_of("member:kaz")
    word = text.split()[0]
    hl.add("member:kaz", word, start=text.index(word))
    document = f"{word}\u2029Member state · member:kaz\u2029{text}"
    (placed,) = place_highlights(document, text, hl.entries("member:kaz"))
    assert placed.start > len(word)  # the occurrence in the item's text, not the same word in the title


def test_words_of_the_address_are_highlighted_in_place_in_the_source_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.models.highlighted_paragraphs import HIGHLIGHT_COUNT_ROLE, HighlightedParagraphModel
    from briefing_app.ui.models.paragraph_model import PARAGRAPH_HTML_ROLE

    # Given paragraph 5 of the address selected in the Source tab
    window.navigator.open("paragraph:5")
    panel = window.panel("source")
    reader = panel.view.itemDelegate().reader()
    assert reader is not None and reader.item_id == "paragraph:5"
    service = window.services.highlights
    words = " ".join(service.text_of("paragraph:5").split()[2:6])
    # When words of it are selected in place and highlighted green from the menu
    _select(reader, words)
    menu = reader.controller.context_menu(reader.cursorRect().center())
    colours = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith("Highlight"))
    next(a for a in colours.actions() if a.text() == "Green").trigger()
    # Then it is stored and shown in place at once, in the reader and in the painted row
    (made,) = service.list("paragraph:5")
    assert made.quote == words and made.colour.value == "green"
    assert [p.entry.highlight_id for p in reader.controller.placed] == [made.highlight_id]
    index = panel.model.index(panel.model.row_of(5))
    assert index.data(HIGHLIGHT_COUNT_ROLE) == 1 and "#b9f6ca" in index.data(PARAGRAPH_HTML_ROLE)
    # And a note shows in the row's tooltip as text
    service.update(made.highlight_id, note="<b>cite</b> this")
    assert "&lt;b&gt;cite&lt;/b&gt; this" in index.data(Qt.ItemDataRole.ToolTipRole)
    # And another paragraph selected moves the reader there
    window.navigator.open("paragraph:6")
    assert panel.view.itemDelegate().reader().item_id == "paragraph:6"
    assert isinstance(panel.model, HighlightedParagraphModel)


def test_highlighted_paragraph_model_passes_the_model_tester(services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.domain.items import ItemKind
    from briefing_app.ui.models.highlighted_paragraphs import HighlightedParagraphModel

    hl = services.highlights
    hl.add("paragraph:2", hl.text_of("paragraph:2").split()[0], note="n")
    model = HighlightedParagraphModel(services.briefing.items(ItemKind.PARAGRAPH), None, None, services.bookmarks, hl)
    qtmodeltester.check(model)


def test_the_bookmarks_tab_lists_highlights_by_item_with_a_kind_filter_and_opens_them(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.models.highlight_model import HIGHLIGHT_ID_ROLE
    from briefing_app.ui.models.roles import ITEM_ID_ROLE
    from tests.ui.test_bookmarks_panel import bookmarks_panel

    hl = window.services.highlights
    kaz = hl.text_of("member:kaz")
    first = hl.add("member:kaz", kaz.split(".")[0], note="ask about the chair")
    para = hl.add("paragraph:5", " ".join(hl.text_of("paragraph:5").split()[2:6]), colour="green")
    second = hl.add("member:kaz", kaz.split()[-1].strip("."), colour="blue", tags=["follow up"])
    window.services.bookmarks.add("member:kaz")
    panel = bookmarks_panel(window)
    model = panel.highlight_list.model
    # Then highlights are grouped by item (in the order of their first highlight), quote and note shown
    assert [model.index(r, 0).data(ITEM_ID_ROLE) for r in range(model.rowCount())] == ["member:kaz", "paragraph:5"]
    assert model.index(0, 0).data().startswith("Kazakhstan")
    group = model.index(0, 0)
    assert [model.index(r, 0, group).data(HIGHLIGHT_ID_ROLE) for r in range(model.rowCount(group))] == [
        first.highlight_id, second.highlight_id]
    assert model.index(0, 1, group).data() == "ask about the chair"
    # And the kind filter shows highlights only, or bookmarks only
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("highlights"))
    assert panel.highlight_list.isVisible() and not panel.stack.isVisible()
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("bookmarks"))
    assert not panel.highlight_list.isVisible() and panel.stack.isVisible()
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("both"))
    # And the tab's filter field filters highlights too (#tag for a tag)
    panel.filter.setText("#follow")
    assert model.highlight_count() == 1
    panel.filter.setText("")
    assert model.highlight_count() == 3
    # When a highlight of the address is opened, Then the Source tab shows the paragraph and flashes the passage
    assert panel.highlight_list.open_highlight(para.highlight_id)
    source = window.panel("source")
    assert window.current_panel() is source
    reader = source.view.itemDelegate().reader()
    assert reader.item_id == "paragraph:5" and reader.controller.flashing


def test_highlight_model_passes_the_model_tester(services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.models.highlight_model import HighlightModel

    hl = services.highlights
    hl.add("member:kaz", hl.text_of("member:kaz").split()[0], note="<b>x</b>")
    hl.add("paragraph:2", hl.text_of("paragraph:2").split()[0])
    qtmodeltester.check(HighlightModel(hl))


def test_removing_a_highlight_in_the_list_can_be_undone_whole(window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_bookmarks_panel import bookmarks_panel

    hl = window.services.highlights
    made = hl.add("member:kaz", hl.text_of("member:kaz").split()[0], note="keep me", colour="pink", tags=["x"])
    panel = bookmarks_panel(window)
    listing = panel.highlight_list
    menu = listing.menu_for(made.highlight_id)
    next(a for a in menu.actions() if a.text() == "Remove highlight").trigger()
    assert hl.list() == []
    menu = listing.menu_for(made.highlight_id)
    undo = next(a for a in menu.actions() if a.text() == "Undo removing a highlight")
    assert undo.isEnabled()
    undo.trigger()
    assert hl.list() == [made] or [h.highlight_id for h in hl.list()] == [made.highlight_id]
    back = hl.get(made.highlight_id)
    assert (back.note, back.colour.value, back.tags) == ("keep me", "pink", ("x",))  # type: ignore[union-attr]
    assert listing.current_highlight_id() == made.highlight_id


def test_resting_the_mouse_on_a_highlight_shows_its_note_as_typed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window.navigator.open("member:kaz")
    detail = visible_detail(window.panel("members"))
    hl = window.services.highlights
    hl.add("member:kaz", hl.text_of("member:kaz").split(".")[0], note="<b>ask</b> & check")
    placed = detail.highlighter.placed[0]
    cursor = QTextCursor(detail.browser.document())
    cursor.setPosition(placed.start + 2)
    pos = detail.browser.cursorRect(cursor).center()
    viewport = detail.browser.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "&lt;b&gt;ask&lt;/b&gt; &amp; check" in QToolTip.text()
    QToolTip.hideText()


def test_a_restored_backup_shows_its_highlights_at_once(window) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    window.navigator.open("member:kaz")
    detail = visible_detail(window.panel("members"))
    hl = window.services.highlights
    hl.add("member:kaz", hl.text_of("member:kaz").split()[0])
    assert len(detail.highlighter.placed) == 1
    # When the database changes under the window (a restored backup, another process) and bookmarks reload
    with sqlite3.connect(window.services.bookmarks.repository.path) as conn:
        conn.execute("DELETE FROM highlights")
    window.services.bookmarks.reload()
    # Then the highlights shown follow
    assert detail.highlighter.placed == [] and hl.list() == []
