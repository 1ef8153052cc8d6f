"""Issue 17: editing never eats text, the undo bar, help, theme, and the window at every size (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_bookmarks_panel import bookmarks_panel, select


@pytest.fixture
def tagged(services):  # type: ignore[no-untyped-def]
    b = services.bookmarks
    b.add("member:kaz", note="Host of the summit.", tags=["meeting", "hosts"])
    b.add("node:aktau", tags=["transport"])
    return b


# --- editing never eats text -------------------------------------------------------------------------


def test_a_click_into_the_note_while_the_tag_popup_is_open_types_into_the_note(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    tags = panel.pane.tags_edit
    tags.setFocus()
    qtbot.waitUntil(tags.hasFocus, timeout=2000)
    tags.selectAll()
    qtbot.keyClicks(tags, "mee")
    popup = tags.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    # When the user clicks into the Note field and types
    # (the open list holds the pointer, as on X11: the press is delivered to it, at the note's place)
    note = panel.pane.note_edit
    at = popup.mapFromGlobal(note.viewport().mapToGlobal(note.viewport().rect().center()))
    assert not popup.rect().contains(at)
    qtbot.mouseClick(popup, Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)
    qtbot.waitUntil(note.hasFocus, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "Ask about the port")
    # Then the text is in the note, and the tags field keeps what was typed there
    assert note.toPlainText() == "Ask about the port"
    assert tags.text() == "mee"
    qtbot.waitUntil(lambda: tagged.get("node:aktau").note == "Ask about the port", timeout=3000)
    assert tagged.get("node:aktau").tags == ("mee",)


def test_a_tag_that_fails_validation_stays_in_the_field_with_the_reason(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    panel.pane.note_edit.setPlainText("A note typed first")
    qtbot.waitUntil(lambda: tagged.get("node:aktau").note == "A note typed first", timeout=3000)
    too_long = "transport, " + "x" * 70
    tags = panel.pane.tags_edit
    tags.setFocus()
    tags.setText(too_long)
    tags.editingFinished.emit()
    # Then nothing typed is lost: the field keeps the text, is marked, and says why beside it
    assert tags.text() == too_long
    assert panel.pane.note_edit.toPlainText() == "A note typed first"
    assert tagged.get("node:aktau").tags == ("transport",)
    assert panel.pane.tags_error.isVisible()
    assert "longer than" in panel.pane.tags_error.text()
    assert tags.property("invalid") is True
    # And selecting another bookmark and coming back does not throw it away either
    panel.pane.note_edit.setFocus()
    assert tags.text() == too_long
    # Correcting it saves it and clears the mark
    tags.setText("transport, ports")
    tags.editingFinished.emit()
    assert tagged.get("node:aktau").tags == ("ports", "transport")
    assert not panel.pane.tags_error.isVisible()
    assert tags.property("invalid") is False


# --- the undo bar ------------------------------------------------------------------------------------


def test_the_undo_bar_goes_when_ctrl_z_has_restored_the_bookmark(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "member:kaz")
    qtbot.mouseClick(panel.buttons.remove_button, Qt.MouseButton.LeftButton)
    assert panel.banner.undo_button.isVisible()
    window.undo_action.trigger()
    assert tagged.is_bookmarked("member:kaz")
    # Then the bar no longer offers an Undo that would do nothing
    assert not panel.banner.undo_button.isVisible()
    assert "Restored" in panel.banner.text.text()
