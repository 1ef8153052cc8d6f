"""The Corridors tab: the map, its legend checkboxes, selection by click, search and links, zoom keys, export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from briefing_app.domain.corridor_map import LegStatus, MapCorridor
from briefing_app.domain.geo import EURASIA
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from tests.conftest import save_screenshot


def corridors_panel(window, qtbot):  # type: ignore[no-untyped-def]
    window.navigator.open("tab:corridors")
    panel = window.panel("corridors")
    qtbot.waitUntil(lambda: panel.map.viewport().width() > 400 and panel.map.isVisible())
    return panel


def colour_pixels(image: QImage, colour: QColor) -> int:
    """How many pixels have exactly this colour (line centres do; antialiased edges do not)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine() // 4, 4)
    b, g, r = colour.blue(), colour.green(), colour.red()
    return int(np.count_nonzero((data[..., 0] == b) & (data[..., 1] == g) & (data[..., 2] == r)))


def map_image(panel) -> QImage:  # type: ignore[no-untyped-def]
    return panel.map.grab().toImage()


def click(qtbot, view, pos: QPoint, button=Qt.MouseButton.LeftButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseMove(view.viewport(), pos)
    qtbot.mouseClick(view.viewport(), button, pos=pos)


def min_pixels(corridor: MapCorridor) -> int:
    """Pixels of its own colour a drawn corridor shows at least: a short corridor drawn only in dashes (every leg
    proposed, e.g. Kashgar–Andijan) shows fewer than a solid line."""
    return 5 if all(leg.status is LegStatus.PROPOSED for leg in corridor.legs) else 20


def test_every_corridor_is_drawn_with_at_least_two_nodes_inside_the_view(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given the Corridors tab at 1280x800
    panel = corridors_panel(window, qtbot)
    data = panel.state.data
    view_rect = panel.map.box.viewRect()
    image = map_image(panel)

    # Then every corridor of the pack is on the map, in its own colour, with two or more nodes in view
    assert len(data.corridors) == len(window.services.briefing.items("corridor"))
    for corridor in data.corridors:
        inside = [n for n in corridor.node_ids if view_rect.contains(QPointF(data.nodes[n].x, data.nodes[n].y))]
        assert len(inside) >= 2, corridor.id
        assert colour_pixels(image, panel.map.corridors.colours[corridor.id]) > min_pixels(corridor), corridor.id
    save_screenshot(window, "corridors-map")


def test_corridor_colours_are_all_different(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    names = [c.name() for c in panel.map.corridors.colours.values()]
    assert len(set(names)) == len(names)


def test_unticking_a_corridor_hides_exactly_its_line_and_the_nodes_only_it_uses(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given the map with every corridor shown
    panel = corridors_panel(window, qtbot)
    state, model = panel.state, panel.legend_model
    target = "corridor:central-asia-south-asia"
    nodes_before = {n.id for n in state.visible_nodes()}
    own_nodes = {n.id for n in state.data.nodes.values() if n.corridors == (target,)}
    assert own_nodes, "the test needs a corridor with nodes of its own"
    before = map_image(panel)

    # When its checkbox in the legend is unticked
    index = model.index(model.row_of("corridor", target))
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    after = map_image(panel)

    # Then its line and its own nodes are gone, and every other corridor and node is still drawn
    colours = panel.map.corridors.colours
    assert colour_pixels(before, colours[target]) > 20
    assert colour_pixels(after, colours[target]) == 0
    for other, colour in colours.items():
        if other != target:
            drawn = state.data.corridor(other)
            assert drawn is not None
            assert colour_pixels(after, colour) > min_pixels(drawn), other
    assert {n.id for n in state.visible_nodes()} == nodes_before - own_nodes
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    # And ticking it again brings everything back
    model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert {n.id for n in state.visible_nodes()} == nodes_before
    assert colour_pixels(map_image(panel), colours[target]) > 20


def test_layer_checkboxes_hide_countries_nodes_and_names(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    model, view = panel.legend_model, panel.map
    t = view.device_transform()
    assert view.nodes.placed_labels(t)

    for key in ("countries", "nodes", "labels"):
        model.setData(model.index(model.row_of("layer", key)), Qt.CheckState.Unchecked.value,
                      Qt.ItemDataRole.CheckStateRole)

    assert not view.countries.isVisible()
    assert list(panel.state.visible_nodes()) == []
    assert view.nodes.placed_labels(t) == []
    # Lines stay: only the chosen layers went
    assert colour_pixels(map_image(panel), view.corridors.colours["corridor:belt-and-road"]) > 20


def test_clicking_a_node_selects_it_and_fills_the_detail_pane(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given the map
    panel = corridors_panel(window, qtbot)
    almaty = panel.state.data.nodes["node:almaty"]

    # When the user clicks Almaty's marker
    click(qtbot, panel.map, panel.map.viewport_point(almaty))

    # Then Almaty is selected and the detail pane says where it is and which corridors pass through it
    assert panel.state.selected == "node:almaty"
    assert panel.current_item_id() == "node:almaty"
    text = panel.detail.browser.toPlainText()
    assert "Almaty" in text
    assert "Kazakhstan (SCO member state)" in text
    assert "Trans-Caspian International Transport Route" in text
    assert panel.detail.star.isEnabled()
    assert window.navigator.current == "node:almaty"


def test_clicking_a_corridor_line_selects_the_corridor(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given the Belt and Road's Astana–Moscow leg, which no other corridor uses
    panel = corridors_panel(window, qtbot)
    nodes = panel.state.data.nodes
    a, b = panel.map.viewport_point(nodes["node:astana"]), panel.map.viewport_point(nodes["node:moscow"])

    # When the user clicks half-way along it
    click(qtbot, panel.map, (a + b) / 2)

    # Then the corridor is selected, its legend row too, and the pane describes it
    assert panel.state.selected == "corridor:belt-and-road"
    assert panel.legend.currentIndex().data(ITEM_ID_ROLE) == "corridor:belt-and-road"
    assert "SCO states crossed" in panel.detail.browser.toPlainText()


def test_clicking_empty_map_clears_the_selection(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    panel.open_item("corridor:north-south")
    click(qtbot, panel.map, QPoint(panel.map.viewport().width() - 30, 30))
    assert panel.state.selected is None
    # The pane goes back to the list of corridors, each a link
    assert "Transport corridors in the address" in panel.detail.browser.toPlainText()
    assert panel.detail.browser.toHtml().count("item:corridor:") == len(panel.state.data.corridors)


def test_choosing_trans_caspian_in_search_opens_the_map_with_it_highlighted(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given a search for the route
    with qtbot.waitSignal(window.search.results_ready, timeout=5000):
        window.search.search_now("Trans-Caspian")
    results = window.search.results
    ids = [results.index(row, 0).data(ITEM_ID_ROLE) for row in range(results.rowCount())]
    assert "corridor:trans-caspian" in ids

    # When the corridor is chosen among the results
    window.search.item_chosen.emit("corridor:trans-caspian")

    # Then the Corridors tab shows it selected, the other corridors dimmed, and the pane explains it
    assert window.tabs.currentWidget().objectName() == "tab-corridors"
    panel = window.panel("corridors")
    qtbot.waitUntil(lambda: panel.map.isVisible() and panel.map.viewport().width() > 400)
    assert panel.state.selected == "corridor:trans-caspian"
    image = map_image(panel)
    colours = panel.map.corridors.colours
    assert colour_pixels(image, colours["corridor:trans-caspian"]) > 200
    assert colour_pixels(image, colours["corridor:belt-and-road"]) == 0  # dimmed, so never its full colour
    text = panel.detail.browser.toPlainText()
    assert "SCO states crossed" in text
    for state in ("China", "Kazakhstan", "Uzbekistan", "Azerbaijan", "Türkiye", "Georgia"):
        assert state in text
    assert "¶28" in text
    save_screenshot(window, "corridors-trans-caspian")


def test_opening_a_node_from_a_link_selects_it_on_the_map(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("node:aktau")
    panel = window.panel("corridors")
    assert panel.state.selected == "node:aktau"
    assert window.tabs.currentWidget().objectName() == "tab-corridors"


def test_opening_a_hidden_corridor_shows_it_again(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    panel.state.set_corridor_visible("corridor:north-south", False)
    assert panel.open_item("corridor:north-south")
    assert panel.state.corridor_visible("corridor:north-south")
    assert not panel.open_item("member:kaz")
    assert not panel.open_item("corridor:no-such-route")


def test_plus_and_minus_keys_zoom_and_reset_view_shows_everything_again(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    view = panel.map
    home = view.box.viewRect()
    view.setFocus()

    qtbot.keyClick(view, Qt.Key.Key_Plus)
    zoomed = view.box.viewRect()
    assert zoomed.width() == pytest.approx(home.width() / 1.25, rel=0.02)

    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.box.viewRect().width() > home.width()

    panel.actions_by_name["reset"].trigger()
    assert view.box.viewRect().width() == pytest.approx(home.width(), rel=1e-3)
    assert view.box.viewRect().center().x() == pytest.approx(home.center().x(), abs=1.0)


def test_names_thin_out_when_zoomed_out_and_never_overlap(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    view = panel.map

    def labels():  # type: ignore[no-untyped-def]
        return [label for label, *_text in view.nodes.placed_labels(view.device_transform())]

    at_home = labels()
    view.zoom(1 / 2.5)
    zoomed_out = labels()
    view.reset_view()
    view.zoom(3.0)
    view.box.setRange(xRange=(-3000, -1000), yRange=(-500, 1500), padding=0)  # the Caspian, close up
    close_up = labels()

    assert len(zoomed_out) < len(at_home)
    assert {"node:almaty", "node:moscow", "node:tehran"} <= {label.key for label in at_home}
    assert {"node:baku", "node:astara"} <= {label.key for label in close_up}
    rects = [label.rect for label in at_home]
    for i, (ax0, ay0, ax1, ay1) in enumerate(rects):
        for bx0, by0, bx1, by1 in rects[i + 1:]:
            assert not (ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1)


def test_disclaimer_from_the_pack_stays_on_the_map_at_any_zoom(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    view = panel.map
    disclaimer = view.disclaimer
    assert disclaimer.text == " ".join(window.services.briefing.pack_info().disclaimer.split())
    before = disclaimer.sceneBoundingRect()
    view.zoom(4.0)
    assert disclaimer.isVisible()
    assert disclaimer.sceneBoundingRect() == before
    assert view.viewport().rect().contains(view.mapFromScene(before).boundingRect())


def test_hovering_a_node_or_a_country_explains_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    view = panel.map
    node = panel.state.data.nodes["node:alat"]
    text = view.tooltip_at(QPointF(view.viewport_point(node)))
    assert "Port of Baku at Alat" in text and "approximate position" in text
    steppe = view.device_transform().map(QPointF(*EURASIA.forward(48.0, 68.0)))  # central Kazakhstan
    assert view.tooltip_at(steppe) == "Kazakhstan — SCO member state"


def test_right_click_on_a_node_offers_open_bookmark_and_show_in_source(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import briefing_app.ui.widgets.item_context_menu as menus

    shown = []
    monkeypatch.setattr(menus, "_exec_menu", lambda menu, pos: shown.append(menu))
    panel = corridors_panel(window, qtbot)

    click(qtbot, panel.map, panel.map.viewport_point(panel.state.data.nodes["node:tehran"]), Qt.MouseButton.RightButton)

    assert len(shown) == 1
    actions = {a.objectName(): a for a in shown[0].actions()}
    assert {"open", "bookmark", "show-in-source"} <= set(actions)
    actions["bookmark"].trigger()
    assert window.services.bookmarks.is_bookmarked("node:tehran")


def test_export_writes_the_current_view_as_png_and_svg(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import briefing_app.ui.panels.corridors as corridors_module

    panel = corridors_panel(window, qtbot)
    panel.open_item("corridor:trans-caspian")
    answers = iter([str(tmp_path / "map"), str(tmp_path / "map.svg")])
    monkeypatch.setattr(corridors_module.QFileDialog, "getSaveFileName", lambda *a, **k: (next(answers), ""))

    png = panel.export_png()
    svg = panel.export_svg()

    assert png == tmp_path / "map.png"
    image = QImage(str(png))
    assert image.width() == 2 * panel.map.viewport().width()
    assert colour_pixels(image, panel.map.corridors.colours["corridor:trans-caspian"]) > 500
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    assert "Trans-Caspian International Transport Route" in text  # the legend of the export names corridors
    assert "not authoritative" in text


def test_export_to_a_folder_that_does_not_exist_says_so(window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import briefing_app.ui.panels.corridors as corridors_module

    panel = corridors_panel(window, qtbot)
    target = tmp_path / "missing" / "map.png"
    monkeypatch.setattr(corridors_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    warnings = []
    monkeypatch.setattr(corridors_module.QMessageBox, "warning", lambda *a: warnings.append(a[2]))

    assert panel.export_png() is None
    assert warnings and str(target) in warnings[0]


def test_legend_model_passes_qtmodeltester(window, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    panel = corridors_panel(window, qtbot)
    qtmodeltester.check(panel.legend_model)
    heading = panel.legend_model.index(0)
    assert not heading.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_map_renders_for_print_without_the_tab(services, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.map.render import render_map_image, render_map_svg

    # Given no window at all, when the map is rendered at print resolution with a highlight
    image = render_map_image(services, 2400, 1500, highlight="corridor:north-south", dpi=300)
    plain = render_map_image(services, 1280, 800)
    render_map_svg(services, tmp_path / "map.svg", highlight="corridor:trans-caspian")

    # Then the images have the asked size and show the corridors (the highlight's colour, at full strength)
    assert (image.width(), image.height()) == (2400, 1500)
    assert colour_pixels(image, QColor("#cc79a7")) > 1000  # North–South, fourth colour of the palette
    assert colour_pixels(plain, QColor("#d55e00")) > 50  # Belt and Road, first colour
    assert "not authoritative" in (tmp_path / "map.svg").read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        render_map_image(services, 10, 10)


def test_wheel_zooms_around_the_pointer_with_the_aspect_locked(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    panel = corridors_panel(window, qtbot)
    view = panel.map
    before = view.box.viewRect()
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)

    after = view.box.viewRect()
    assert after.width() < before.width()
    # One kilometre is as many pixels across as up: the map is never stretched
    size = view.box.boundingRect()
    assert after.width() / size.width() == pytest.approx(after.height() / size.height(), rel=1e-3)


def test_a_tooltip_appears_over_a_node(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda pos, text, *a: shown.append(text))
    panel = corridors_panel(window, qtbot)
    view = panel.map
    pos = view.viewport_point(panel.state.data.nodes["node:tehran"])
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))

    assert shown and "Tehran" in shown[0] and "North–South corridor" in shown[0]


def test_the_objects_from_before_the_tab_stay_out_of_the_collector_until_the_map_is_painted(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Building the map makes tens of thousands of objects at a large pack: a full cyclic collection set off by
    them would walk the whole window's heap (two of them were a third of the tab's first show). The objects that
    were there before are frozen out of the collector, and it is paused, while the tab is built and first painted;
    then it runs again and has them all back."""
    import gc

    assert gc.get_freeze_count() == 0 and gc.isenabled()
    window.navigator.open("tab:corridors")
    panel = window.panel("corridors")
    assert gc.get_freeze_count() > 0 and not gc.isenabled()  # built, not yet painted
    qtbot.waitUntil(lambda: gc.get_freeze_count() == 0, timeout=5000)  # given back once the map is painted
    assert panel.map.isVisible() and gc.isenabled()


def test_the_overview_of_many_corridors_lists_the_first_and_shows_all_on_request(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A library of many summits has hundreds of corridors: the overview beside the map lists the first ones and
    says how many more there are, with a link that lists them all (laying out 700 took 90 ms and 10 MB)."""
    from PySide6.QtCore import QUrl

    from briefing_app.ui.panels import corridors

    monkeypatch.setattr(corridors, "OVERVIEW_FIRST", 3)
    panel = corridors_panel(window, qtbot)
    titles = [c.title for c in panel.state.data.corridors]
    assert len(titles) > 3
    text = panel.detail.browser.toPlainText()
    assert all(t in text for t in titles[:3]) and not any(t in text for t in titles[3:])
    assert f"and {len(titles) - 3} more corridors" in text
    panel.detail.browser.anchorClicked.emit(QUrl(corridors.ALL_CORRIDORS_HREF))
    text = panel.detail.browser.toPlainText()
    assert all(t in text for t in titles) and "more corridors" not in text
    panel.map.state.select(None)
    panel.detail.show_item(None)  # once asked for, the whole list stays
    assert all(t in panel.detail.browser.toPlainText() for t in titles)


def test_a_corridors_panel_deleted_before_its_first_paint_gives_the_collector_back(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The map's hold on the collector ends even when the panel goes before it is ever painted (a pack switched)."""
    import gc

    from briefing_app.ui import collector
    from briefing_app.ui.panels import corridors
    from briefing_app.ui.panels.corridors import CorridorsPanel

    monkeypatch.setattr(corridors, "THAW_AFTER_MS", 50)
    panel = CorridorsPanel(window.panel("overview").context)
    assert collector.holds() > 0 and not gc.isenabled()
    panel.deleteLater()
    qtbot.waitUntil(lambda: collector.holds() == 0 and gc.isenabled(), timeout=3000)
