"""The toolbar's search: results while typing (debounced, off the GUI thread), Enter or click opens the item."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.models.search_results_model import HTML_ROLE, SUGGESTION_ROLE
from briefing_app.ui.tabs import TAB_KEYS
from briefing_app.ui.widgets import search_box
from tests.conftest import save_screenshot

ALMATY = "achievement:almaty-cultural-capital"


def type_query(window, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Focus the search field with Ctrl+F and type ``text``; wait until the results for it are shown."""
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    with qtbot.waitSignal(window.search.results_ready, timeout=5000):
        qtbot.keyClicks(window.search, text)


def key_target(window):  # type: ignore[no-untyped-def]
    """Where the keyboard goes: the result popup while it is open (as for a real user), else the field."""
    popup = window.search.completer_.popup()
    return popup if popup.isVisible() else window.search


def test_typing_almaty_then_enter_opens_the_achievement(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    chosen: list[str] = []
    window.search.item_chosen.connect(chosen.append)
    # Given the reader types "Almaty capital" into the search field
    type_query(window, qtbot, "Almaty capital")
    # Then the results are listed with kind, title and the matched word highlighted
    results = window.search.results
    assert results.rowCount() >= 2
    first = results.index(0)
    assert first.data(ITEM_ID_ROLE) == ALMATY
    html = first.data(HTML_ROLE)
    assert "Achievement" in html and "<b>Almaty</b>" in html
    assert window.search.completer_.popup().isVisible()
    save_screenshot(window.search.completer_.popup(), "search-results")
    # When they press Enter
    qtbot.keyClick(key_target(window), Qt.Key.Key_Return)
    # Then the Achievements tab shows the Almaty achievement selected, opened once
    assert chosen == [ALMATY]
    assert window.tabs.currentIndex() == TAB_KEYS.index("achievements")
    panel = window.panel("achievements")
    assert panel.tree.currentIndex().data(ITEM_ID_ROLE) == ALMATY
    assert panel.current_item_id() == ALMATY
    assert not window.search.completer_.popup().isVisible()


def test_arrow_down_and_enter_opens_the_chosen_hit_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    chosen: list[str] = []
    window.search.item_chosen.connect(chosen.append)
    type_query(window, qtbot, "Almaty capital")
    second = window.search.results.index(1).data(ITEM_ID_ROLE)
    assert second != ALMATY
    popup = window.search.completer_.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert popup.currentIndex().row() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert chosen == [second]
    assert window.navigator.current == second


def test_clicking_a_hit_opens_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    type_query(window, qtbot, "Aktau")
    popup = window.search.completer_.popup()
    index = popup.model().index(0, 0)
    hit = index.data(ITEM_ID_ROLE)
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center())
    assert window.navigator.current == hit
    assert window.current_panel().current_item_id() == hit


def test_enter_before_the_results_arrive_opens_the_best_hit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given a fast typist who presses Enter before the debounce has even fired
    window.activateWindow()
    window.search.setFocus()
    qtbot.keyClicks(window.search, "Almaty capital")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    # Then the best hit for the whole word opens as soon as it is known
    qtbot.waitUntil(lambda: window.navigator.current == ALMATY, timeout=5000)
    assert window.tabs.currentIndex() == TAB_KEYS.index("achievements")


def test_search_runs_off_the_gui_thread_once_typing_pauses(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, bool]] = []
    real_search = window.services.briefing.search_results

    def recording_search(query: str, **kwargs):  # type: ignore[no-untyped-def]
        calls.append((query, threading.current_thread() is threading.main_thread()))
        return real_search(query, **kwargs)

    monkeypatch.setattr(window.services.briefing, "search_results", recording_search)
    type_query(window, qtbot, "Belarus")
    # One search for the whole word (debounced), not one per key, and never on the GUI thread
    assert calls == [("Belarus", False)]


def test_a_query_with_no_hits_says_so_and_opens_nothing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    for query in ("zzqqxx", '"(* zzqq ^^', "'; DROP zzq; --"):
        window.search.clear()
        type_query(window, qtbot, query)
        # Then the popup shows a "No results" row (not a hit, not selectable) and the way to the address text
        results = window.search.results
        assert results.hits() == []
        first = results.index(0)
        assert first.data().startswith("No results for")
        assert not first.flags() & Qt.ItemFlag.ItemIsSelectable
        assert results.index(results.rowCount() - 1).data(ITEM_ID_ROLE) == "paragraph:1"
        assert window.search.completer_.popup().isVisible()
        # And Enter opens nothing
        qtbot.keyClick(key_target(window), Qt.Key.Key_Return)
        assert window.tabs.currentIndex() == TAB_KEYS.index("overview")


def test_a_question_being_typed_shows_nothing_until_it_has_a_subject(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    type_query(window, qtbot, "what are")
    assert window.search.results.rowCount() == 0
    assert not window.search.completer_.popup().isVisible()
    with qtbot.waitSignal(window.search.results_ready, timeout=5000):
        qtbot.keyClicks(window.search, " the priorities")
    assert window.search.results.hits()


def test_a_typo_shows_what_was_searched_and_no_results_offers_near_words(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    type_query(window, qtbot, "Pakistn")
    results = window.search.results
    assert results.index(0).data() == "Showing results for Pakistan"
    assert results.hits()[0].item.id == "member:pak"
    window.search.clear()
    type_query(window, qtbot, "Kazakhztannn zzqq")
    rows = [results.index(r).data() for r in range(results.rowCount())]
    assert rows[0].startswith("No results for")
    suggestion = next(r for r in range(results.rowCount()) if results.index(r).data(SUGGESTION_ROLE))
    # When a suggested word is clicked, it is searched
    popup = window.search.completer_.popup()
    index = popup.model().index(suggestion, 0)
    word = index.data(SUGGESTION_ROLE)
    with qtbot.waitSignal(window.search.results_ready, timeout=5000):
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center())
    assert window.search.text() == word
    assert results.hits()


def test_a_stale_answer_never_replaces_a_newer_one(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    box = window.search
    box.search_now("Almaty")
    box.search_now("Belarus")
    qtbot.waitUntil(lambda: box.results.rowCount() > 0, timeout=5000)
    qtbot.wait(100)  # let the first answer arrive too
    assert box.results.index(0).data(ITEM_ID_ROLE) == "member:blr"


def test_search_field_is_described_for_screen_readers(window) -> None:  # type: ignore[no-untyped-def]
    assert window.search.accessibleName() == "Search the briefing"
    assert window.search.accessibleDescription()
    assert window.search.completer_.popup().accessibleName() == "Search results"
    assert search_box.DEBOUNCE_MS <= 200


def test_the_box_asks_for_the_same_hits_without_their_sources(window) -> None:  # type: ignore[no-untyped-def]
    briefing = window.services.briefing
    # Given the hits with their sources (as the command line's --json gets them) and the box's own request
    full = briefing.search_results("Almaty", limit=search_box.RESULT_LIMIT)
    listed = search_box.ask(briefing, "Almaty")
    # Then the box gets the same hits, snippets and scores, and reads no source it would not show
    assert [(h.item, h.snippet, h.score) for h in listed.hits] == [(h.item, h.snippet, h.score) for h in full.hits]
    assert any(h.sources for h in full.hits)
    assert not any(h.sources for h in listed.hits)
