"""The Priorities tab: the four areas in order, their proposals with status and states engaged, the detail pane."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtWidgets import QApplication

from briefing_app.domain.items import ItemKind
from briefing_app.ui.models.item_tree_model import STATUS_ROLE
from briefing_app.ui.models.priority_tree_model import PriorityTreeModel
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.tabs import TAB_KEYS
from briefing_app.views.summit import priorities_heading_for
from tests.conftest import save_screenshot
from tests.ui.palettes import dark_palette


def priorities_model(services) -> PriorityTreeModel:  # type: ignore[no-untyped-def]
    briefing = services.briefing
    states = {i.id: i.title for k in (ItemKind.MEMBER, ItemKind.PARTNER) for i in briefing.items(k)}
    return PriorityTreeModel(briefing.items("priority"), briefing.items("proposal"), states)


def children_ids(model, parent: QModelIndex) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, 0, parent).data(ITEM_ID_ROLE) for r in range(model.rowCount(parent))]


def test_priority_model_passes_the_model_tester(services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(priorities_model(services), force_py=True)


def test_the_four_priorities_come_in_the_order_of_the_address(services) -> None:  # type: ignore[no-untyped-def]
    # Given the priorities of the briefing
    priorities = services.briefing.items("priority")
    # When they are put in the tree
    model = priorities_model(services)
    # Then every priority is a top row, ordered by attrs.order
    top = children_ids(model, QModelIndex())
    assert len(top) == len(priorities) == 4
    expected = [p.id for p in sorted(priorities, key=lambda p: p.attrs["order"])]
    assert top == expected
    assert model.index(0, 0).data().startswith("1.")


def test_every_proposal_sits_under_the_priority_it_is_part_of(services) -> None:  # type: ignore[no-untyped-def]
    model = priorities_model(services)
    proposals = {p.id: p for p in services.briefing.items("proposal")}
    placed: list[str] = []
    for row in range(model.rowCount()):
        priority = model.index(row, 0)
        for proposal_id in children_ids(model, priority):
            assert priority.data(ITEM_ID_ROLE) in proposals[proposal_id].links_by_rel("part_of")
            placed.append(proposal_id)
    # The row count equals the database count: nothing lost, nothing twice.
    assert sorted(placed) == sorted(proposals)
    assert len(placed) == services.briefing.counts()["proposal"]


def test_status_and_states_engaged_are_columns(services) -> None:  # type: ignore[no-untyped-def]
    model = priorities_model(services)
    aifc = model.index_of("proposal:aifc-financing-mechanism")
    assert aifc.siblingAtColumn(1).data() == "proposed"
    assert aifc.siblingAtColumn(1).data(STATUS_ROLE) == "proposed"
    assert aifc.siblingAtColumn(2).data() == "China, Russia, India, Uzbekistan, Kyrgyzstan"
    assert aifc.siblingAtColumn(3).data() == "¶26"
    adopted = model.index_of("proposal:information-security-plan")
    assert adopted.siblingAtColumn(1).data() == "adopted"
    security = model.index_of("priority:security")
    assert security.siblingAtColumn(1).data() == "4 proposals"
    assert security.siblingAtColumn(3).data() == "¶15, ¶16, ¶17"


def test_opening_a_proposal_selects_it_in_the_priorities_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # When another part of the app opens a proposal
    window.navigator.open("proposal:aifc-financing-mechanism")
    # Then the Priorities tab shows it selected, with its detail and quote
    assert window.tabs.currentIndex() == TAB_KEYS.index("priorities")
    panel = window.panel("priorities")
    assert panel.tree.currentIndex().data(ITEM_ID_ROLE) == "proposal:aifc-financing-mechanism"
    assert panel.current_item_id() == "proposal:aifc-financing-mechanism"
    html = panel.detail.browser.toHtml()
    assert "item:member:chn" in html and "item:member:kgz" in html
    assert "already actively engaged" in panel.quote.text()
    assert panel.quote.isVisible()


def test_a_state_in_the_detail_pane_opens_in_its_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("proposal:aifc-financing-mechanism")
    panel = window.panel("priorities")
    # When the reader clicks "China" among the states engaged
    panel.detail.browser.anchorClicked.emit(QUrl("item:member:chn"))
    # Then the Members tab opens on China, and Back returns to the proposal
    assert window.tabs.currentIndex() == TAB_KEYS.index("members")
    assert window.panel("members").current_item_id() == "member:chn"
    window.back_action.trigger()
    assert window.tabs.currentIndex() == TAB_KEYS.index("priorities")
    assert panel.current_item_id() == "proposal:aifc-financing-mechanism"


def test_filtering_keeps_the_priority_of_each_matching_proposal(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("tab:priorities")
    panel = window.panel("priorities")
    # When the reader types "cyber"
    qtbot.keyClicks(panel.filter, "cyber")
    # Then only the security priority remains, with the cyber proposals under it
    proxy = panel.proxy
    assert proxy.rowCount() == 1
    security = proxy.index(0, 0)
    assert security.data(ITEM_ID_ROLE) == "priority:security"
    shown = children_ids(proxy, security)
    assert "proposal:cybersecurity-exchange-mechanism" in shown
    assert "proposal:world-unity-initiative" not in shown
    # And opening a proposal the filter hides clears the filter
    panel.open_item("proposal:corridor-synergy")
    assert panel.filter.text() == ""
    assert panel.current_item_id() == "proposal:corridor-synergy"


def test_screenshots_of_the_priorities_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("proposal:aifc-financing-mechanism")
    qtbot.wait(50)
    assert window.panel("priorities").isVisible()
    save_screenshot(window, "priorities-light")
    app = QApplication.instance()
    previous = app.palette()
    app.setPalette(dark_palette())
    try:
        qtbot.wait(50)
        save_screenshot(window, "priorities-dark")
    finally:
        app.setPalette(previous)


def test_widgets_are_named_for_screen_readers(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel("priorities")
    for widget in (panel.tree, panel.filter, panel.quote, panel.detail.browser):
        assert widget.accessibleName(), widget
    assert panel.tree.accessibleDescription()
    row = panel.model.index_of("proposal:aifc-financing-mechanism")
    assert "proposed" in row.data(Qt.ItemDataRole.AccessibleTextRole)


def test_the_priorities_are_read_once_for_the_tree_and_its_heading(window, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    kinds: list[str] = []
    read = services.briefing.items

    def items(kind=None, **options):  # type: ignore[no-untyped-def]
        kinds.append(str(kind))
        return read(kind, **options)

    monkeypatch.setattr(services.briefing, "items", items)
    window.navigator.open("tab:priorities")
    panel = window.panel("priorities")
    assert sum("priority" in kind for kind in kinds) == 1
    assert panel.heading.accessibleName() == priorities_heading_for(read("priority")).title
