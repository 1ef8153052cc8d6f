"""The Members tab: tables of members and of observers and partners, sorting, filtering, detail, charts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing_app.ui.models.roles import ITEM_ID_ROLE
from tests.conftest import save_screenshot
from tests.ui.palettes import dark_palette


@pytest.fixture
def panel(window, qtbot):  # type: ignore[no-untyped-def]
    window.navigator.open("tab:members")
    panel = window.panel("members")
    qtbot.waitUntil(lambda: panel.charts_ready, timeout=5000)
    return panel


def ids_in_view_order(view) -> list[str]:  # type: ignore[no-untyped-def]
    proxy = view.model()
    return [proxy.index(row, 0).data(ITEM_ID_ROLE) for row in range(proxy.rowCount())]


def test_table_models_pass_the_model_tester(panel, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(panel.member_model)
    qtmodeltester.check(panel.partner_model)
    qtmodeltester.check(panel.member_proxy)


def test_rows_match_the_database(panel, services) -> None:  # type: ignore[no-untyped-def]
    counts = services.briefing.counts()
    assert panel.member_model.rowCount() == counts["member"] == 10
    assert panel.partner_model.rowCount() == counts["partner"] == 16
    assert panel.member_model.column_titles() == ["State", "Capital", "Joined", "Represented by", "Population", "GDP"]


def test_numbers_are_short_on_screen_and_exact_with_source_in_the_tooltip(panel) -> None:  # type: ignore[no-untyped-def]
    model = panel.member_model
    china = model.index(model.row_of("member:chn"), model.column_of("Population"))
    assert china.data() == "1.41 bn"
    tip = china.data(Qt.ItemDataRole.ToolTipRole)
    assert "1,410,710,000 people (2023)" in tip and "Source: World Bank" in tip
    gdp = model.index(model.row_of("member:chn"), model.column_of("GDP"))
    assert gdp.data() == "US$ 17.8 tn"
    assert "US$ 17,794,781,986,104 (2023)" in gdp.data(Qt.ItemDataRole.ToolTipRole)
    representative = model.index(model.row_of("member:ind"), model.column_of("Represented by"))
    assert representative.data() == "Subrahmanyam Jaishankar"
    assert "Minister of External Affairs" in representative.data(Qt.ItemDataRole.ToolTipRole)


def test_sorting_by_population_descending_puts_india_then_china_first(panel) -> None:  # type: ignore[no-untyped-def]
    # When the user sorts by population, largest first
    panel.member_view.sortByColumn(panel.member_model.column_of("Population"), Qt.SortOrder.DescendingOrder)
    # Then the numbers sort as numbers (1.43 bn > 1.41 bn > 240 m > 144 m, not as text)
    assert ids_in_view_order(panel.member_view)[:4] == ["member:ind", "member:chn", "member:pak", "member:rus"]
    assert ids_in_view_order(panel.member_view)[-1] == "member:kgz"


def test_sorting_by_gdp_and_by_year_joined(panel) -> None:  # type: ignore[no-untyped-def]
    panel.member_view.sortByColumn(panel.member_model.column_of("GDP"), Qt.SortOrder.DescendingOrder)
    assert ids_in_view_order(panel.member_view)[:3] == ["member:chn", "member:ind", "member:rus"]
    panel.member_view.sortByColumn(panel.member_model.column_of("Joined"), Qt.SortOrder.DescendingOrder)
    assert ids_in_view_order(panel.member_view)[:2] == ["member:blr", "member:irn"]
    panel.member_view.sortByColumn(panel.member_model.column_of("State"), Qt.SortOrder.AscendingOrder)
    assert ids_in_view_order(panel.member_view)[0] == "member:blr"


def test_filter_as_you_type_matches_any_column(panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(panel.filter, "tashk")  # a capital
    assert ids_in_view_order(panel.member_view) == ["member:uzb"]
    assert panel.shown_label.text() == "1 of 10"
    panel.filter.setText("putin")  # a head of delegation
    assert ids_in_view_order(panel.member_view) == ["member:rus"]
    panel.filter.setText("KAZ")  # an ISO code
    assert ids_in_view_order(panel.member_view) == ["member:kaz"]
    panel.filter.setText("2017")  # a year
    assert sorted(ids_in_view_order(panel.member_view)) == ["member:ind", "member:pak"]
    panel.filter.clear()
    assert len(ids_in_view_order(panel.member_view)) == 10
    assert panel.shown_label.text() == ""


def test_switch_shows_observers_and_dialogue_partners(panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.show_partners, Qt.MouseButton.LeftButton)
    assert panel.tables.currentWidget() is panel.partner_view
    assert panel.charts.isHidden()  # the member charts give their room to the sixteen rows
    order = ids_in_view_order(panel.partner_view)
    assert len(order) == 16
    assert order[:2] == ["partner:afg", "partner:mng"]  # observers before dialogue partners
    status = panel.partner_model.index(panel.partner_model.row_of("partner:tur"), 1)
    assert status.data() == "Dialogue partner"
    panel.filter.setText("observer")
    assert ids_in_view_order(panel.partner_view) == ["partner:afg", "partner:mng"]
    panel.show_members.click()
    assert not panel.charts.isHidden()


def test_opening_a_member_selects_its_row_and_fills_the_detail(window, panel) -> None:  # type: ignore[no-untyped-def]
    # Given the table filtered to something else
    panel.filter.setText("china")
    # When Kazakhstan is opened (a link, search, Back)
    window.navigator.open("member:kaz")
    # Then its row is selected, the filter no longer hides it, and the pane shows its facts and links
    assert window.tabs.currentIndex() == 1
    assert panel.member_view.currentIndex().data(ITEM_ID_ROLE) == "member:kaz"
    assert panel.current_item_id() == "member:kaz"
    text = panel.detail.browser.toPlainText()
    for expected in ("Kazakhstan", "Represented by: Kassym-Jomart Tokayev", "President Kassym-Jomart Tokayev",
                     "Proposed:", "Crossed by:", "Trans-Caspian", "Documents that concern it",
                     "Development Strategy", "Sources"):
        assert expected in text, expected
    assert panel.population_chart.order.index("member:kaz") >= 0


def test_detail_of_india_lists_the_proposal_it_engaged_in(window, panel) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("member:ind")
    text = panel.detail.browser.toPlainText()
    assert "Engaged in:" in text and "North–South corridor" in text


def test_opening_a_person_shows_them_and_selects_their_state(window, panel) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("person:putin")
    assert panel.current_item_id() == "person:putin"
    assert "Vladimir Putin" in panel.detail.browser.toPlainText()
    assert panel.member_view.currentIndex().data(ITEM_ID_ROLE) == "member:rus"
    assert window.navigator.current == "person:putin"  # the row selection did not rewrite the history


def test_opening_a_partner_or_organisation(window, panel) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("partner:tur")
    assert panel.show_partners.isChecked()
    assert panel.partner_view.currentIndex().data(ITEM_ID_ROLE) == "partner:tur"
    assert panel.current_item_id() == "partner:tur"
    window.navigator.open("organisation:sco")
    assert panel.current_item_id() == "organisation:sco"
    assert "Shanghai Cooperation Organization" in panel.detail.browser.toPlainText()
    assert not panel.open_item("member:atlantis")


def test_selecting_a_row_shows_it_and_enters_the_history(window, panel) -> None:  # type: ignore[no-untyped-def]
    index = panel.member_proxy.mapFromSource(panel.member_model.index(panel.member_model.row_of("member:pak"), 0))
    panel.member_view.setCurrentIndex(index)
    assert panel.current_item_id() == "member:pak"
    assert window.navigator.current == "member:pak"
    window.navigator.back()
    assert window.navigator.current != "member:pak"


def test_bookmarking_stars_the_row(panel, services, qtbot) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.toggle("member:irn")
    model = panel.member_model
    qtbot.waitUntil(lambda: model.index(model.row_of("member:irn"), 0).data() == "★ Iran")


def test_charts_have_titles_sources_and_exact_values(panel) -> None:  # type: ignore[no-untyped-def]
    population, gdp, timeline = panel.population_chart, panel.gdp_chart, panel.timeline_chart
    assert population.axis_titles()["bottom"] == "Population (million people)"
    assert gdp.axis_titles()["bottom"] == "GDP (US$ billion, current)"
    assert timeline.axis_titles() == {"left": "Member states (total)", "bottom": "Year of accession"}
    for chart in (population, gdp, timeline):
        assert chart.source_label.text().startswith("Source: ") and len(chart.source_label.text()) > 20
    assert population.order[:2] == ["member:ind", "member:chn"]
    assert population.show_hover_at(100.0, 0.1) == (
        "India: 1,428,627,663 people (2023), 42.1% of the members' total")
    assert gdp.show_hover_at(1.0, 0.0).startswith("China: US$ 17,794,781,986,104 (2023)")
    assert timeline.years() == [2001, 2017, 2023, 2024]
    assert timeline.show_hover_at(2024.5, 9.8) == (
        "Belarus joined in 2024: Admitted at this summit, 4 July 2024 in Astana, as the tenth full member")


def test_log_scale_toggle_redraws_population_and_gdp(panel) -> None:  # type: ignore[no-untyped-def]
    panel.log_scale.setChecked(True)
    assert panel.population_chart.log_scale and panel.gdp_chart.log_scale
    assert panel.population_chart.axis_titles()["bottom"] == "Population (million people, logarithmic scale)"
    ticks = panel.population_chart.plot_item.getAxis("bottom")._tickLevels[0]
    assert [label for _pos, label in ticks] == ["1", "10", "100", "1,000", "10,000"]
    # Hover still gives the exact value, not the logarithm
    assert panel.population_chart.show_hover_at(1.0, 9.0) == (
        "Kyrgyzstan: 7,100,800 people (2023), 0.2% of the members' total")
    panel.log_scale.setChecked(False)
    assert not panel.population_chart.log_scale


def test_clicking_a_bar_opens_its_member(window, panel) -> None:  # type: ignore[no-untyped-def]
    panel.gdp_chart.plot_clicked.emit(100.0, 2.0)  # third bar from the top: Russia
    assert panel.member_view.currentIndex().data(ITEM_ID_ROLE) == "member:rus"
    assert panel.gdp_chart._colour_indexes()[2] == 1  # drawn in the selection colour


def test_member_charts_export_png_and_svg(panel, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for chart in (panel.population_chart, panel.timeline_chart):
        png = chart.export_png(tmp_path / f"{chart.title}.png")
        svg = chart.export_svg(tmp_path / f"{chart.title}.svg")
        assert png.read_bytes()[:4] == b"\x89PNG"
        assert "Source: " in svg.read_text(encoding="utf-8")


def test_members_tab_screenshots_light_and_dark(window, panel, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("member:kaz")
    save_screenshot(window, "members-light")
    app = QApplication.instance()
    light = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: panel.population_chart.colours().dark)
        panel.charts.setCurrentWidget(panel.timeline_chart)
        save_screenshot(window, "members-dark")
    finally:
        app.setPalette(light)


def test_no_attribute_hides_a_qt_method(panel) -> None:  # type: ignore[no-untyped-def]
    # Qt calls some QWidget methods from C++ (event, metric, ...): a Python attribute of that name breaks it
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

    for widget in (panel, panel.population_chart, panel.gdp_chart, panel.timeline_chart, panel.detail):
        shadowing = [name for name, value in vars(widget).items()
                     if hasattr(QWidget, name) and not isinstance(value, SignalInstance)]
        assert shadowing == [], widget


def test_the_partners_table_is_built_when_first_shown(window, services, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A library of every summit holds thousands of partners: the tab opens on the member states without them
    loaded: list[str] = []
    read = services.briefing.items

    def items(kind=None, **options):  # type: ignore[no-untyped-def]
        loaded.append(str(kind))
        return read(kind, **options)

    monkeypatch.setattr(services.briefing, "items", items)
    window.navigator.open("tab:members")
    panel = window.panel("members")
    assert not any("partner" in kind for kind in loaded)
    assert panel.show_partners.text() == "Observers and dialogue &partners (16)"
    # The filter typed before the switch applies to the partners' table too
    panel.filter.setText("observer")
    qtbot.mouseClick(panel.show_partners, Qt.MouseButton.LeftButton)
    assert any("partner" in kind for kind in loaded)
    assert panel.tables.currentWidget() is panel.partner_view
    assert ids_in_view_order(panel.partner_view) == ["partner:afg", "partner:mng"]
    assert panel.shown_label.text() == "2 of 16"
    assert panel.partner_view.accessibleName() == "Observers and dialogue partners"


def test_the_detail_of_a_member_is_read_and_laid_out_once(window, panel, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    details: list[str] = []
    read = services.briefing.detail
    monkeypatch.setattr(services.briefing, "detail", lambda item_id: (details.append(item_id), read(item_id))[1])
    pages: list[str] = []
    set_html = panel.detail.browser.setHtml
    monkeypatch.setattr(panel.detail.browser, "setHtml", lambda html: (pages.append(html), set_html(html))[1])
    window.navigator.open("member:kaz")
    assert details == ["member:kaz"] and len(pages) == 1
    assert "Documents that concern it" in panel.detail.browser.toPlainText()
