"""The Achievements tab: results grouped by category, documents and projects under the achievements naming them,
the chart of the counts, the detail pane with its quote."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from briefing_app.ui.models.achievement_tree_model import AchievementTreeModel
from briefing_app.ui.models.item_tree_model import GROUP_KEY_ROLE
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, KIND_ROLE
from briefing_app.ui.tabs import TAB_KEYS
from tests.conftest import save_screenshot
from tests.ui.palettes import dark_palette

ALMATY = "achievement:almaty-cultural-capital"


def achievements_model(services) -> AchievementTreeModel:  # type: ignore[no-untyped-def]
    b = services.briefing
    return AchievementTreeModel(b.items("achievement"), b.items("document"), b.items("project"), services.bookmarks)


def rows_below(model, parent: QModelIndex | None = None) -> list[QModelIndex]:  # type: ignore[no-untyped-def]
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(rows_below(model, index))
    return out


def test_achievement_model_passes_the_model_tester(services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(achievements_model(services), force_py=True)


def test_results_are_grouped_by_category_with_readable_labels(services) -> None:  # type: ignore[no-untyped-def]
    model = achievements_model(services)
    groups = [model.index(r, 0) for r in range(model.rowCount())]
    assert [g.data(GROUP_KEY_ROLE) for g in groups] == [
        "events", "documents", "partnerships", "economy_finance", "culture_humanitarian",
    ]
    assert groups[3].data() == "Economy and finance (3)"
    assert groups[4].data().startswith("Culture and humanitarian ties")
    # Every achievement sits directly under the group of its category
    for group in groups:
        for row in range(model.rowCount(group)):
            child = model.index(row, 0, group)
            if child.data(KIND_ROLE) == "achievement":
                item = services.briefing.item(child.data(ITEM_ID_ROLE))
                assert item.attrs["category"] == group.data(GROUP_KEY_ROLE)


def test_row_counts_equal_the_database_counts(services) -> None:  # type: ignore[no-untyped-def]
    model = achievements_model(services)
    ids = [i.data(ITEM_ID_ROLE) for i in rows_below(model) if i.data(ITEM_ID_ROLE)]
    assert len(ids) == len(set(ids)), "an item appears twice"
    kinds = Counter(item_id.partition(":")[0] for item_id in ids)
    counts = services.briefing.counts()
    assert kinds == Counter({k: counts[k] for k in ("achievement", "document", "project")})
    assert sum(c.total for c in model.group_counts()) == len(ids)


def test_documents_and_projects_sit_under_the_achievement_naming_them(services) -> None:  # type: ignore[no-untyped-def]
    model = achievements_model(services)
    sixty = model.index_of("achievement:sixty-new-documents")
    under_sixty = [model.index(r, 0, sixty).data(ITEM_ID_ROLE) for r in range(model.rowCount(sixty))]
    assert under_sixty == [
        # pack 1.1.0 lists the documents in the order of the official lists of the summit
        "document:anti-drug-strategy", "document:energy-cooperation-strategy",
        "document:economic-cooperation-implementation-plan", "document:environmental-protection-agreement",
    ]
    flagship = model.index_of("achievement:flagship-projects")
    assert model.rowCount(flagship) == 2
    # The summit's other documents are listed under Documents, with their status as a column
    declaration = model.index_of("document:astana-declaration")
    assert declaration.parent().data(GROUP_KEY_ROLE) == "documents"
    assert declaration.siblingAtColumn(1).data() == "signed"
    assert model.index_of("document:information-security-plan").siblingAtColumn(1).data() == "signed"
    assert model.index_of("document:development-strategy-2035").siblingAtColumn(2).data() == "External"
    assert model.index_of(ALMATY).siblingAtColumn(2).data() == "¶12"


def chart_of(panel, qtbot):  # type: ignore[no-untyped-def]
    """The panel's chart, once built after the tree's first paint."""
    qtbot.waitUntil(lambda: panel.chart is not None, timeout=5000)
    return panel.chart


def test_the_chart_is_built_after_the_tree_is_painted(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.panels.achievements import AchievementsPanel

    # Given the tab built but not yet painted (the window reopened on it), there is no chart yet
    panel = AchievementsPanel(window.context)
    qtbot.addWidget(panel)
    assert panel.chart is None
    # When it is shown and painted, the chart follows
    with qtbot.waitSignal(panel.chart_ready, timeout=5000):
        panel.resize(1200, 700)
        panel.show()
    assert panel.chart is not None and panel.chart.isVisible()


def test_chart_counts_the_documents_by_status_with_exact_values(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The chart answers what a reader asks ("how much of this is done?"), not "items in the briefing"
    window.navigator.open("tab:achievements")
    panel = window.panel("achievements")
    chart = chart_of(panel, qtbot)
    assert chart.title.startswith("Documents of the chairmanship by status")
    documents = window.services.briefing.items("document")
    assert sum(len(ids) for _status, ids in chart.rows) == len(documents)
    from briefing_app.ui.charts.document_status import STATUS_ORDER

    assert [status for status, _ids in chart.rows] == [s for s in STATUS_ORDER if s in {status for status, _ in
                                                                                        chart.rows}]
    assert chart.axis_titles()["bottom"] == "Documents (count)"
    assert chart.source().startswith("items of briefing pack astana-2024")
    # The top bar is the first status; hovering shows its count, every count is written at its bar's end
    from briefing_app.ui.charts.document_status import count_line

    top = len(chart.rows) - 1
    first, last = chart.rows[0], chart.rows[-1]
    assert chart.value_at(0.5, top) == count_line(*first)
    assert chart.value_at(0.5, 0) == count_line(*last)
    assert sorted(label.textItem.toPlainText() for label in chart.value_labels) == sorted(
        str(len(ids)) for _s, ids in chart.rows)
    assert count_line(*first) in chart.accessibleDescription()
    # A click on a bar opens the first document of that status
    with qtbot.waitSignal(chart.document_clicked) as clicked:
        chart.plot_clicked.emit(0.5, float(top))
    assert window.services.briefing.item(clicked.args[0]).attrs["status"] == first[0]


def test_opening_an_achievement_shows_its_quote_and_links(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open(ALMATY)
    panel = window.panel("achievements")
    assert window.tabs.currentIndex() == TAB_KEYS.index("achievements")
    assert panel.tree.currentIndex().data(ITEM_ID_ROLE) == ALMATY
    assert panel.quote.isVisible()
    assert "The city of Almaty has been designated" in panel.quote.text()
    assert f'href="source-for:{ALMATY}"' in panel.quote.text()
    assert 'href="item:node:almaty"' in panel.detail.browser.toHtml()
    # The paragraph link of the quote opens the Source tab with the quote marked
    panel.quote.label.linkActivated.emit(f"source-for:{ALMATY}")
    source = window.panel("source")
    assert window.tabs.currentIndex() == TAB_KEYS.index("source")
    assert source.highlighted_paragraphs() == [12]


def test_show_in_source_from_the_detail_pane(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("document:anti-drug-strategy")
    panel = window.panel("achievements")
    qtbot.mouseClick(panel.detail.source_button, Qt.MouseButton.LeftButton)
    source = window.panel("source")
    assert source.highlighted_item_id() == "document:anti-drug-strategy"
    assert source.selected_paragraph() == 10


def test_a_result_without_an_address_quote_shows_its_outside_source(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("document:development-strategy-2035")
    panel = window.panel("achievements")
    assert "Not stated in the address" in panel.quote.text()
    assert not panel.detail.source_button.isEnabled()


def test_filter_keeps_matching_results_with_their_group(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("tab:achievements")
    panel = window.panel("achievements")
    qtbot.keyClicks(panel.filter, "festival")
    proxy = panel.proxy
    assert proxy.rowCount() == 1
    culture = proxy.index(0, 0)
    assert culture.data(GROUP_KEY_ROLE) == "culture_humanitarian"
    shown = [i.data(ITEM_ID_ROLE) for i in rows_below(proxy, culture)]
    assert "project:sco-silk-road-festival" in shown
    assert ALMATY not in shown


def test_bookmarking_stars_the_row(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open(ALMATY)
    panel = window.panel("achievements")
    qtbot.mouseClick(panel.detail.star, Qt.MouseButton.LeftButton)
    index = panel.model.index_of(ALMATY)
    assert index.data(BOOKMARKED_ROLE) is True
    assert index.data().startswith("★ ")


def test_screenshots_of_the_achievements_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open(ALMATY)
    chart_of(window.panel("achievements"), qtbot)
    qtbot.wait(50)
    save_screenshot(window, "achievements-light")
    app = QApplication.instance()
    previous = app.palette()
    app.setPalette(dark_palette())
    try:
        qtbot.wait(50)
        save_screenshot(window, "achievements-dark")
    finally:
        app.setPalette(previous)


def test_widgets_are_named_for_screen_readers(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("tab:achievements")
    panel = window.panel("achievements")
    chart_of(panel, qtbot)
    for widget in (panel.tree, panel.filter, panel.chart, panel.quote, panel.detail.browser):
        assert widget.accessibleName(), widget
    assert panel.tree.accessibleDescription()
    assert "Signed: " in panel.chart.accessibleDescription()


def test_right_click_on_a_result_offers_the_item_menu(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.widgets import item_context_menu

    shown = []
    monkeypatch.setattr(item_context_menu, "_exec_menu", lambda menu, pos: shown.append(menu))
    window.navigator.open("document:anti-drug-strategy")
    panel = window.panel("achievements")
    row = panel.proxy.mapFromSource(panel.model.index_of("achievement:youth-council"))
    panel.tree.scrollTo(row)
    panel.tree.customContextMenuRequested.emit(panel.tree.visualRect(row).center())
    assert len(shown) == 1
    actions = {a.objectName(): a for a in shown[0].actions() if a.objectName()}
    assert actions["show-in-source"].isEnabled()
    assert panel.current_item_id() == "achievement:youth-council"
    # A group row is no item: no menu
    group = panel.proxy.index(0, 0)
    panel.tree.scrollTo(group)
    panel.tree.customContextMenuRequested.emit(panel.tree.visualRect(group).center())
    assert len(shown) == 1


def test_clicking_a_bar_opens_a_document_of_that_status(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open(ALMATY)
    panel = window.panel("achievements")
    chart_of(panel, qtbot)
    # The top bar is Adopted; the bottom bar (y = 0) is Proposed
    top = len(panel.chart.rows) - 1
    panel.chart.plot_clicked.emit(2.0, top)
    opened = panel.current_item_id()
    assert opened.startswith("document:")
    assert window.services.briefing.item(opened).attrs["status"] == panel.chart.rows[0][0]
    assert window.navigator.current == opened
    panel.chart.plot_clicked.emit(2.0, top + 3)  # above the bars: nothing changes
    assert panel.current_item_id() == opened
    window.back_action.trigger()
    assert panel.current_item_id() == ALMATY


def test_the_documents_are_read_once_for_the_tree_and_the_chart(window, services, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A library of every summit holds thousands of documents: the chart counts the ones the tree holds
    kinds: list[str] = []
    read = services.briefing.items

    def items(kind=None, **options):  # type: ignore[no-untyped-def]
        kinds.append(str(kind))
        return read(kind, **options)

    monkeypatch.setattr(services.briefing, "items", items)
    window.navigator.open("tab:achievements")
    panel = window.panel("achievements")
    chart = panel.ensure_chart()
    assert sum("document" in kind for kind in kinds) == 1
    assert sum(len(ids) for _status, ids in chart.rows) == len(read("document"))
