"""Back and Forward walk the history like a browser: links, tab switches, row selections and "Show in source"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing_app.ui.main_window import distinct_shortcuts
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.tabs import TAB_KEYS


def where(window) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    """The current tab and the item selected in it."""
    return TAB_KEYS[window.tabs.currentIndex()], window.current_panel().current_item_id()


def press_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)


def press_forward(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)


def test_back_and_forward_shortcuts_are_unambiguous() -> None:
    for keys in (distinct_shortcuts("Alt+Left", *[]), distinct_shortcuts("Alt+Left", "Alt+Left")):
        assert [k.toString() for k in keys] == ["Alt+Left"]


def test_alt_left_and_alt_right_walk_across_tabs(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    # Given three items opened in three tabs
    window.navigator.open("achievement:youth-council")
    window.navigator.open("proposal:aifc-financing-mechanism")
    window.navigator.open("paragraph:26")
    assert where(window) == ("source", "paragraph:26")
    # When the reader presses Alt+Left twice
    press_back(window, qtbot)
    assert where(window) == ("priorities", "proposal:aifc-financing-mechanism")
    press_back(window, qtbot)
    assert where(window) == ("achievements", "achievement:youth-council")
    assert window.panel("achievements").tree.currentIndex().data(ITEM_ID_ROLE) == "achievement:youth-council"
    # Then Alt+Right goes forward again, to the same selections
    press_forward(window, qtbot)
    assert where(window) == ("priorities", "proposal:aifc-financing-mechanism")
    press_forward(window, qtbot)
    assert where(window) == ("source", "paragraph:26")
    assert not window.forward_action.isEnabled()


def test_toolbar_buttons_go_back_and_forward(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    back = window.toolbar.widgetForAction(window.back_action)
    forward = window.toolbar.widgetForAction(window.forward_action)
    assert back.isVisible() and forward.isVisible()
    assert not forward.isEnabled()
    window.navigator.open("priority:trade")
    window.navigator.open("document:anti-drug-strategy")
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert where(window) == ("priorities", "priority:trade")
    assert forward.isEnabled()
    qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert where(window) == ("achievements", "document:anti-drug-strategy")


def test_tab_switches_and_row_clicks_are_in_the_history(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    # Given the reader switches to Priorities with Ctrl+4 and clicks a proposal row
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    panel = window.panel("priorities")
    index = panel.proxy.mapFromSource(panel.model.index_of("proposal:special-regimes"))
    panel.tree.scrollTo(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualRect(index).center())
    assert where(window) == ("priorities", "proposal:special-regimes")
    # And then switches to Source with Ctrl+7
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert where(window)[0] == "source"
    # When they go back, they come back to the proposal, then Overview: the switch to Priorities and the click in
    # it are one place (a Back step to "the tab" would show the same proposal again: a step that changes nothing)
    press_back(window, qtbot)
    assert where(window) == ("priorities", "proposal:special-regimes")
    press_back(window, qtbot)
    assert where(window)[0] == "overview"
    assert not window.back_action.isEnabled()


def test_show_in_source_is_a_step_of_the_history(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("achievement:almaty-cultural-capital")
    detail = window.current_panel().detail
    qtbot.mouseClick(detail.source_button, Qt.MouseButton.LeftButton)
    source = window.panel("source")
    assert source.highlighted_paragraphs() == [12]
    window.back_action.trigger()
    assert where(window) == ("achievements", "achievement:almaty-cultural-capital")
    window.forward_action.trigger()
    assert where(window) == ("source", "paragraph:12")
    assert source.highlighted_paragraphs() == [12]


def test_a_new_link_after_going_back_drops_the_forward_history(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("priority:security")
    window.navigator.open("priority:trade")
    window.back_action.trigger()
    assert window.forward_action.isEnabled()
    window.navigator.open("priority:reform")
    assert not window.forward_action.isEnabled()
    window.back_action.trigger()
    assert where(window) == ("priorities", "priority:security")


def test_opening_an_unknown_item_keeps_the_window_and_says_so(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("proposal:no-such-proposal")
    assert "not in the current briefing" in window.statusBar().currentMessage()


def test_back_and_forward_are_in_the_go_menu_with_their_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    assert "Alt+Left" in [k.toString() for k in window.back_action.shortcuts()]
    assert "Alt+Right" in [k.toString() for k in window.forward_action.shortcuts()]
    assert "Backspace" not in [k.toString() for k in window.back_action.shortcuts()]


def test_opening_an_item_in_another_tab_is_one_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given a priority, then a member state opened by links
    window.navigator.open("priority:security")
    window.navigator.open("member:chn")
    window.navigator.open("paragraph:9")
    # Then Back goes straight to each of them, with no stray row the tabs picked while being shown
    window.back_action.trigger()
    assert where(window) == ("members", "member:chn")
    window.back_action.trigger()
    assert where(window) == ("priorities", "priority:security")


def test_switching_to_the_source_tab_selects_no_paragraph(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    panel = window.panel("source")
    panel.view.setFocus()
    assert panel.selected_paragraph() is None
    assert window.navigator.current == "tab:source"
    assert "Select a paragraph" in panel.drawn.toPlainText()
    # Arrow keys then move through the paragraphs, each a step of the history
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.selected_paragraph() is not None
    assert window.navigator.current == f"paragraph:{panel.selected_paragraph()}"
