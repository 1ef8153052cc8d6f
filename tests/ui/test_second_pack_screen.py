"""Screen and print agree on a second pack: the window over Testville 2030 shows that pack's main event, its
priorities in the order of the address, and its members with the same short figures the printed sheet uses."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing_app.views.members import member_rows
from tests.conftest import open_window


def test_the_window_over_a_second_pack_shows_its_own_summit(qtbot, second_services) -> None:  # type: ignore[no-untyped-def]
    # Given the window over the Testville pack, whose first event is the previous summit
    window = open_window(qtbot, second_services)
    overview = window.current_panel()
    # Then the Overview shows the summit on the pack's date, with its facts and priorities in address order
    assert overview.summit_event.id == "event:testville-2030"
    assert "Testville Summit 2030" in overview.title_label.text()
    assert overview.when_label.text() == "Wednesday, 2 January 2030 · Town Hall, Testville"
    lines = {(line.label, line.text) for line in overview.summit_model.lines()}
    assert {("Host", "Ruritania"), ("Handover", "Graustark"), ("Previous summit", "Zenda Summit 2029")} <= lines
    priorities = [overview.priority_model.index(row).data(Qt.ItemDataRole.DisplayRole)
                  for row in range(overview.priority_model.rowCount())]
    assert priorities == ["Free trade across the Zenda plain", "Clean water for the valleys"]
    # And the Members tab shows the figures as print does
    window.navigator.open("tab:members")
    members = window.current_panel().member_model
    shown = {members.index(row, 0).data(Qt.ItemDataRole.DisplayRole): members.index(row, 4).data(
        Qt.ItemDataRole.DisplayRole) for row in range(members.rowCount())}
    printed = {row.item.title: row.population.short() for row in member_rows(second_services.briefing)}
    assert shown == printed and sorted(printed.values()) == ["1.2 m", "2 m"]
    # And a link to the previous summit opens it where the kinds say it lives
    window.navigator.open("item:event:zenda-2029")
    assert window.tabs.currentIndex() == 0 and window.navigator.current == "event:zenda-2029"
