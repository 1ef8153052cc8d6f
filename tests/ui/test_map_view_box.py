"""The map's own view box (briefing_app/ui/map/viewbox.py) behaves as pyqtgraph's did for the user: a drag pans
by exactly the pointer's travel and is never a click, a right drag zooms, limits hold, a resize keeps the home view
until the user pans or zooms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

LEFT, RIGHT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.NoButton


@pytest.fixture
def view(services, qtbot):  # type: ignore[no-untyped-def]
    from briefing_app.ui.map.view import CorridorMapView
    from briefing_app.views.map_data import load_map

    view = CorridorMapView(load_map(services.briefing))
    qtbot.addWidget(view)
    view.resize(QSize(900, 640))
    view.show()
    qtbot.waitExposed(view)
    return view


def send(view, kind: QEvent.Type, pos: QPoint, button, buttons) -> None:  # type: ignore[no-untyped-def]
    viewport = view.viewport()
    event = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def drag(view, qtbot, start: QPoint, steps: list[QPoint], button=LEFT) -> None:  # type: ignore[no-untyped-def]
    send(view, QEvent.Type.MouseButtonPress, start, button, button)
    for pos in steps:
        qtbot.wait(15)  # pointer moves closer than 10 ms apart are skipped (100 a second at most)
        send(view, QEvent.Type.MouseMove, pos, NONE, button)
    send(view, QEvent.Type.MouseButtonRelease, steps[-1], button, NONE)


def km_per_px(view) -> float:  # type: ignore[no-untyped-def]
    return view.box.viewRect().width() / view.box.boundingRect().adjusted(0, 0, -0.5, -0.5).width()


def test_a_drag_pans_by_the_pointers_travel_and_is_no_click(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.zoom(2.0)  # room to pan inside the limits
    before, scale = view.box.viewRect(), km_per_px(view)
    clicks: list[str] = []
    view.item_clicked.connect(clicks.append)
    view.cleared.connect(lambda: clicks.append(""))
    centre = view.viewport().rect().center()

    # When the map is dragged 60 px left and 40 px down in three steps
    drag(view, qtbot, centre, [centre + QPoint(-20, 10), centre + QPoint(-40, 30), centre + QPoint(-60, 40)])

    # Then the map moved with the pointer (the view east and north), at the same scale, and nothing was clicked
    after = view.box.viewRect()
    assert after.center().x() - before.center().x() == pytest.approx(60 * scale, rel=1e-6)
    assert after.center().y() - before.center().y() == pytest.approx(40 * scale, rel=1e-6)
    assert after.width() == pytest.approx(before.width(), rel=1e-9)
    assert clicks == []
    assert not view.at_home


def test_a_press_that_moves_less_than_five_pixels_is_a_click(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    node = next(n for n in view.state.visible_nodes())
    at = view.viewport_point(node)
    clicks: list[str] = []
    view.item_clicked.connect(clicks.append)
    before = view.box.viewRect()

    drag(view, qtbot, at, [at + QPoint(2, 1)])

    assert clicks == [node.id]
    assert view.box.viewRect() == before
    assert view.at_home


def test_a_right_drag_upwards_zooms_in_and_keeps_the_aspect(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    menus: list[str] = []
    view.context_requested.connect(lambda item, _pos: menus.append(item))
    before = view.box.viewRect()
    start = view.viewport().rect().center()

    drag(view, qtbot, start, [start + QPoint(0, -20), start + QPoint(0, -40)], button=RIGHT)  # up: zoom in

    after = view.box.viewRect()
    assert after.width() == pytest.approx(before.width() / 1.02**40, rel=1e-6)
    size = view.box.boundingRect()
    assert after.width() / size.width() == pytest.approx(after.height() / size.height(), rel=1e-3)
    assert menus == []  # a right drag is no right click: no context menu


def test_the_view_follows_resizes_until_the_user_pans_and_stays_inside_the_limits(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    home = view.box.viewRect()
    view.resize(QSize(700, 500))
    qtbot.waitUntil(lambda: view.box.boundingRect().width() < 750)
    # At home the view is framed again for the new size: every corridor still shows
    assert view.at_home
    assert view.box.viewRect().width() != pytest.approx(home.width(), rel=1e-3)

    centre = view.viewport().rect().center()
    drag(view, qtbot, centre, [centre + QPoint(30, 0), centre + QPoint(4000, 3000)])  # far past the map's edge
    view.resize(QSize(760, 520))
    qtbot.waitUntil(lambda: view.box.boundingRect().width() > 750)
    # Once panned, a resize no longer brings the home view back
    assert not view.at_home
    kept = view.box.viewRect()
    view.reset_view()
    assert view.box.viewRect().center().x() != pytest.approx(kept.center().x(), abs=100.0)
    drag(view, qtbot, centre, [centre + QPoint(30, 0), centre + QPoint(4000, 3000)])
    limits = view.box.limits
    rect = view.box.viewRect()
    assert limits[0][0] <= rect.left() and rect.right() <= limits[0][1] + 1e-6
    assert limits[1][0] <= rect.top() and rect.bottom() <= limits[1][1] + 1e-6


def test_the_sea_is_painted_without_a_background_bitmap_and_looks_the_same(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The background is one flat colour: a viewport-sized cached copy of it (4 MB at 1280x800) bought nothing
    assert view.cacheMode() == QGraphicsView.CacheModeFlag.CacheNone
    without = view.grab().toImage()
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
    view.viewport().update()
    qtbot.wait(20)
    assert view.grab().toImage() == without
