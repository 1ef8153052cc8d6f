"""A heading's note that names every priority area the briefing adds is cut after a few lines at a library of a
hundred summits (a hundred names: forty lines, which left the Priorities tree two rows), with a "Show all" button
reached by keyboard; the full note stays the accessible description. At the real pack nothing is cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.domain.items import Item, ItemKind
from briefing_app.ui.tabs import TAB_KEYS
from briefing_app.views.summit import PrioritiesHeading, priorities_heading_for
from tests.conftest import save_screenshot


def library_heading(copies: int = 100) -> PrioritiesHeading:
    """The heading of a library of ``copies`` summits, each with three numbered areas and one the briefing adds."""
    areas = []
    for copy in range(copies):
        for order in range(1, 5):
            areas.append(Item(id=f"priority:p{copy}-{order}", kind=ItemKind.PRIORITY,
                              title="Reforming and modernising the SCO (the address's particular focus)" if order == 4
                              else f"Area {order}", attrs={"order": order, "numbered": order != 4},
                              position=copy * 4 + order))
    return priorities_heading_for(areas)


@pytest.fixture
def library_window(window, monkeypatch):  # type: ignore[no-untyped-def]
    """The window whose Priorities tab (not built yet) gets the 100-summit heading."""
    import briefing_app.ui.panels.priorities as priorities

    monkeypatch.setattr(priorities, "priorities_heading_for", lambda _areas: library_heading())
    return window


def test_a_large_librarys_priorities_note_is_cut_and_the_tree_keeps_most_of_the_tab(library_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = library_window
    panel = window.panel("priorities")
    window.tabs.setCurrentIndex(TAB_KEYS.index("priorities"))
    qtbot.waitUntil(lambda: panel.heading.is_cut)
    qtbot.wait(20)
    note = library_heading().note
    assert panel.heading.height() <= 0.2 * panel.height()
    assert panel.tree.height() >= 0.5 * panel.height()
    shown = panel.heading.text()
    assert shown.endswith("…</i>") and len(shown) < len(note) / 4
    assert panel.heading.accessibleDescription() == note  # a screen reader reads all of it


def test_show_all_is_reached_by_keyboard_and_shows_the_whole_note_then_less(library_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = library_window
    panel = window.panel("priorities")
    window.tabs.setCurrentIndex(TAB_KEYS.index("priorities"))
    qtbot.waitUntil(lambda: panel.heading.is_cut)
    toggle = panel.heading.toggle
    assert toggle.focusPolicy() & Qt.FocusPolicy.TabFocus and toggle.accessibleName() == "Show all of the note"
    toggle.setFocus()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert panel.heading.text().endswith("numbering.</i>") and not panel.heading.is_cut
    assert toggle.text() == "Show less"
    qtbot.wait(20)  # laid out again: the whole note scrolls in a box, the tree keeps half the tab
    assert panel.heading.scroll_area is not None and panel.heading.scroll_area.isVisibleTo(panel)
    assert panel.heading.height() <= 0.45 * panel.height() and panel.tree.height() >= 0.4 * panel.height()
    save_screenshot(window, "priorities-note-expanded")
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert panel.heading.is_cut and panel.heading.text().endswith("…</i>")
    assert panel.heading.label.parent() is panel.heading and not panel.heading.scroll_area.isVisibleTo(panel)


def test_at_the_real_pack_the_notes_are_whole_with_no_button(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    overview = window.panel("overview")
    panel = window.panel("priorities")
    window.tabs.setCurrentIndex(TAB_KEYS.index("priorities"))
    qtbot.waitUntil(lambda: panel.heading.width() > 0)
    for label in (overview.priorities_note, panel.heading):
        assert not label.is_cut and not label.toggle.isVisibleTo(label)
        assert label.text().endswith("numbering.</i>")


def test_the_overview_note_of_a_large_library_is_cut_the_same_way(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.panels.overview import NOTE_LINES, _note

    note = _note(library_heading().note)
    qtbot.addWidget(note)
    note.resize(700, 2000)
    note.show()
    qtbot.waitUntil(lambda: note.is_cut)
    assert note.label.heightForWidth(700) <= note.label.fontMetrics().lineSpacing() * (NOTE_LINES + 1)
    assert note.accessibleDescription() == library_heading().note
