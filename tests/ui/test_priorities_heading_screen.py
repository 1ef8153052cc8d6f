"""On screen, the Overview and the Priorities tab say over the priority areas that the address numbers three and that
the fourth, reform, is the briefing's reading (the views are tested in tests/unit/test_priorities_heading.py)."""

from __future__ import annotations


def test_the_overview_heading_and_note_say_the_fourth_area_is_the_briefings_reading(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel("overview")
    heading = panel.priorities_heading.text()
    assert "three numbered in the address" in heading and "four priority areas" not in heading.lower()
    assert panel.priorities_note.isVisibleTo(panel)
    assert "The address numbers three areas" in panel.priorities_note.text()


def test_the_priorities_tab_heading_says_which_areas_the_address_numbers(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel("priorities")
    shown = panel.heading.text()
    assert "three numbered in the address" in shown and "editorial reading" in shown
    assert "four priority areas" not in panel.tree.accessibleDescription().lower()
