"""The Overview tab: the summit at a glance; every line and card opens its item; the chart comes after the paint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing_app.ui.models.roles import ITEM_ID_ROLE
from tests.conftest import save_screenshot
from tests.ui.palettes import dark_palette


@pytest.fixture
def panel(window, qtbot):  # type: ignore[no-untyped-def]
    panel = window.panel("overview")
    qtbot.waitUntil(lambda: panel.chart is not None, timeout=5000)
    return panel


def ids(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(row, 0).data(ITEM_ID_ROLE) for row in range(model.rowCount())]


def test_overview_models_pass_the_model_tester(panel, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(panel.figure_model)
    qtmodeltester.check(panel.summit_model)
    qtmodeltester.check(panel.priority_model)


def test_overview_is_the_first_tab_and_shows_the_event(window, panel) -> None:  # type: ignore[no-untyped-def]
    assert window.tabs.currentIndex() == 0
    assert "24th meeting of the SCO Council of Heads of State" in panel.title_label.text()
    assert panel.when_label.text() == "Thursday, 4 July 2024 · Palace of Independence, Astana"
    assert "Strengthening Multilateral Dialogue" in panel.theme_label.text()
    assert panel.current_item_id() == "event:astana-2024"


def test_summit_lines_name_host_handover_new_member_and_declaration(panel) -> None:  # type: ignore[no-untyped-def]
    lines = {line.label: line for line in panel.summit_model.lines()}
    assert (lines["Host"].text, lines["Host"].item_id) == ("Kazakhstan", "member:kaz")
    assert lines["Chair"].item_id == "person:tokayev"
    assert (lines["Handover"].text, lines["Handover"].item_id) == ("China", "member:chn")
    assert lines["New member"].item_id == "member:blr"
    assert lines["Adopted"].item_id == "document:astana-declaration"
    assert lines["Previous summit"].item_id == "event:new-delhi-2023"
    assert "Türkiye" in lines["Format"].note


def test_cards_hold_every_figure_with_the_address_figures_first(panel, services) -> None:  # type: ignore[no-untyped-def]
    figure_ids = ids(panel.figure_model)
    assert len(figure_ids) == services.briefing.counts()["figure"] == 17
    assert figure_ids[:4] == ["figure:population-3bn", "figure:gdp-one-third", "figure:events-150",
                              "figure:documents-60"]
    first = panel.figure_model.index(0)
    assert first.data() == "over 3 billion people"
    assert first.data(Qt.ItemDataRole.AccessibleTextRole).startswith("over 3 billion people: ")
    # Eight headline cards show; the rest after "Show all 17 figures"
    assert panel.figure_view.visible_rows() == 8
    panel.more_figures.click()
    assert panel.figure_view.visible_rows() == 17 and panel.more_figures.text() == "Show fewer"


def test_cards_read_only_the_headline_figures_until_all_are_asked_for(services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.models.figure_card_model import FigureCardModel, headline_order

    # Given a card model holding the first three figures, with the count and a way to read them all
    briefing = services.briefing
    every = headline_order(briefing.items("figure"))
    reads: list[int] = []

    def read_all():  # type: ignore[no-untyped-def]
        reads.append(1)
        return briefing.items("figure")

    model = FigureCardModel(briefing.items_stated_first("figure", 3), total=len(every), load_all=read_all)
    # Then it counts every figure and answers for the head without reading the rest
    assert model.rowCount() == len(every) and not model.is_complete()
    assert [model.index(r).data(ITEM_ID_ROLE) for r in range(3)] == [f.id for f in every[:3]]
    assert reads == []
    # When a row past the head is asked for, Then all are read once, in headline order
    assert model.index(len(every) - 1).data(ITEM_ID_ROLE) == every[-1].id
    assert reads == [1] and model.is_complete()
    assert model.row_of(every[5].id) == 5 and reads == [1]
    qtmodeltester.check(model)


def test_opening_a_figure_past_the_headline_reads_the_rest(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given the Overview as first painted: eight cards read, the others not yet
    panel = window.panel("overview")
    assert not panel.figure_model.is_complete()
    assert panel.more_figures.text() == "Show all 17 figures"
    # When a figure beyond the eight is opened, Then its card is read, shown and current
    window.navigator.open("figure:trans-afghan-cost")
    assert panel.figure_model.is_complete() and panel.more_figures.isChecked()
    assert panel.figure_view.currentIndex().data(ITEM_ID_ROLE) == "figure:trans-afghan-cost"


def test_priorities_are_listed_in_the_order_of_the_address(panel, services) -> None:  # type: ignore[no-untyped-def]
    assert ids(panel.priority_model) == ["priority:security", "priority:trade", "priority:transport",
                                         "priority:reform"]
    assert panel.priority_model.index(1).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "2. Expanding trade and economic ties, 5 proposals")


def test_clicking_a_card_opens_its_figure(window, panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    index = panel.figure_model.index(panel.figure_model.row_of("figure:events-150"))
    rect = panel.figure_view.visualRect(index)
    qtbot.mouseClick(panel.figure_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.navigator.current == "figure:events-150"
    assert panel.current_item_id() == "figure:events-150"
    assert "About 150 events" in panel.detail.browser.toPlainText()


def test_cards_open_from_the_keyboard(window, panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = panel.figure_view
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.accessibleName() == "Headline figures"
    view.setFocus()
    view.setCurrentIndex(panel.figure_model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.navigator.current == "figure:gdp-one-third"


def test_a_summit_line_opens_its_item_in_its_tab(window, panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    lines = [line.label for line in panel.summit_model.lines()]
    index = panel.summit_model.index(lines.index("New member"))
    qtbot.mouseClick(panel.summit_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.summit_view.visualRect(index).center())
    assert window.navigator.current == "member:blr"
    assert window.tabs.currentIndex() == 1
    assert window.panel("members").current_item_id() == "member:blr"
    window.navigator.back()
    assert window.tabs.currentIndex() == 0


def test_a_priority_line_opens_from_the_keyboard(window, panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.priority_view.setFocus()
    panel.priority_view.setCurrentIndex(panel.priority_model.index(2))
    qtbot.keyClick(panel.priority_view, Qt.Key.Key_Enter)
    assert window.navigator.current == "priority:transport"


def test_overview_opens_events_figures_and_concepts(window, panel) -> None:  # type: ignore[no-untyped-def]
    # A figure beyond the eight headline cards shows the whole set and selects its card
    window.navigator.open("figure:trans-afghan-cost")
    assert window.tabs.currentIndex() == 0
    assert panel.more_figures.isChecked()
    assert panel.figure_view.currentIndex().data(ITEM_ID_ROLE) == "figure:trans-afghan-cost"
    assert panel.current_item_id() == "figure:trans-afghan-cost"
    window.navigator.open("concept:sco-plus")
    assert panel.current_item_id() == "concept:sco-plus"
    window.navigator.open("event:new-delhi-2023")
    assert "New Delhi" in panel.detail.browser.toPlainText()
    assert not panel.open_item("figure:nothing-like-this")
    assert not panel.open_item("member:kaz")


def test_title_link_opens_the_event(window, panel) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("concept:sco-plus")
    panel.title_label.linkActivated.emit("item:event:astana-2024")
    assert panel.current_item_id() == "event:astana-2024"


def test_chart_is_built_after_the_first_paint(services, qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(services, make_settings())
    qtbot.addWidget(window)
    panel = window.panel("overview")
    # Before the window has painted, the cards exist and the chart does not
    assert panel.figure_model.rowCount() == 17
    assert panel.chart is None
    window.show()
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        pass
    qtbot.waitUntil(lambda: panel.chart is not None, timeout=5000)
    assert panel.build_ms["cards"] > 0 and panel.build_ms["chart"] > 0


def test_chart_waits_while_another_tab_is_shown(services, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A user who opens another tab at once does not wait for the Overview's chart (and pyqtgraph's import):
    it is built when the Overview is painted again."""
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(services, make_settings())
    qtbot.addWidget(window)
    panel = window.panel("overview")
    window.show()
    QApplication.processEvents()
    window.repaint()  # the Overview is painted: its chart is due on the next turn of the event loop
    window.navigator.open("tab:corridors")
    qtbot.wait(100)
    assert panel.chart is None
    window.navigator.open("tab:overview")
    qtbot.waitUntil(lambda: panel.chart is not None, timeout=5000)


def test_shares_chart_has_titles_source_and_exact_values(window, panel) -> None:  # type: ignore[no-untyped-def]
    chart = panel.chart
    assert chart.axis_titles()["bottom"] == "Share of the members' total (%)"
    assert chart.source().startswith("World Bank, World Development Indicators")
    assert chart.order[0] == "member:chn"
    population, gdp = chart.shares()["member:ind"]
    assert round(population, 1) == 42.1 and round(gdp, 1) == 14.5
    assert chart.show_hover_at(10.0, 1.0) == "India: 42.1% of the members' population, 14.5% of their GDP"
    assert round(sum(p for p, _g in chart.shares().values()), 6) == 100.0
    chart.plot_clicked.emit(5.0, 2.0)  # Russia's bars
    assert window.navigator.current == "member:rus"


def test_shares_chart_exports(panel, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert panel.chart.export_png(tmp_path / "shares.png").read_bytes()[:4] == b"\x89PNG"
    assert "World Bank" in panel.chart.export_svg(tmp_path / "shares.svg").read_text(encoding="utf-8")


def test_overview_screenshots_light_and_dark(window, panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(100)  # the chart was just added: let it lay out and paint once at its size
    save_screenshot(window, "overview-light")
    app = QApplication.instance()
    light = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: panel.chart.colours().dark)
        qtbot.wait(50)
        save_screenshot(window, "overview-dark")
    finally:
        app.setPalette(light)


def test_title_link_follows_a_palette_change(panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    app = QApplication.instance()
    light = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: panel.chart.colours().dark)
        image = panel.title_label.grab().toImage()
        link = QColor("#8ab4f8")  # the dark palette's link colour
        pixels = [QColor(image.pixel(x, y)) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)]
        assert any(abs(p.red() - link.red()) < 40 and abs(p.blue() - link.blue()) < 40 and p.green() > 120
                   for p in pixels)
    finally:
        app.setPalette(light)


def test_no_attribute_hides_a_qt_method(panel) -> None:  # type: ignore[no-untyped-def]
    # Qt calls some QWidget methods from C++ (event, metric, ...): a Python attribute of that name breaks it
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

    for widget in (panel, panel.chart, panel.figure_view, panel.summit_view):
        shadowing = [name for name, value in vars(widget).items()
                     if hasattr(QWidget, name) and not isinstance(value, SignalInstance)]
        assert shadowing == [], widget
