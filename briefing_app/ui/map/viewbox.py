"""A small pan-and-zoom view for the corridors map, on plain Qt (no pyqtgraph, no numpy).

It keeps the parts of pyqtgraph's ``GraphicsView`` + ``ViewBox`` that the map uses, with the same arithmetic so
the map draws to the same pixels: a :class:`MapBox` filling the view whose child group carries the map->box
transform (x right, y up, aspect locked), range limits, ``setRange``/``translateBy``/``scaleBy``/``viewRect``, drag
pan (left or middle button), right-drag and wheel zoom about the pointer, ``sigRangeChangedManually`` after every
change the user makes, ``sigResized``; and a :class:`MapScene` that tells a click from a drag (a press that moves
5 pixels, or any distance after half a second, is a drag and emits no click) and reports ``sigMouseClicked`` and
``sigMouseMoved``. Importing pyqtgraph (with numpy) costs about 290 ms, more than the map takes to show.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QTransform
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSceneResizeEvent,
    QGraphicsSceneWheelEvent,
    QGraphicsView,
    QGraphicsWidget,
    QSizePolicy,
    QStyleOptionGraphicsItem,
    QWidget,
)

#: a press that moves this far (pixels) is a drag
MOVE_DISTANCE = 5.0
#: a press held longer than this (seconds) is a drag as soon as it moves at all
MIN_DRAG_TIME = 0.5
#: at most this many pointer moves a second are handled (as pyqtgraph's default ``mouseRateLimit``)
MOUSE_RATE_LIMIT = 100
#: wheel zoom: 1.02 ** (-delta / 8) per event, a notch (120) zooming by 1.02 ** 15
WHEEL_SCALE_FACTOR = -1.0 / 8.0
DRAG_BUTTONS = (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton, Qt.MouseButton.RightButton)
Range = list[float]


class _ChildGroup(QGraphicsObject):
    """Holds the map's layers; its transform maps map coordinates to the box's."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass


class MapBox(QGraphicsWidget):
    """The visible part of the map: ``viewRect()`` in map coordinates, y growing upwards, aspect ratio 1."""

    sigResized = Signal(object)
    #: the user panned or zoomed (argument: which axes, as pyqtgraph's)
    sigRangeChangedManually = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.target: Range2 = [[0.0, 1.0], [0.0, 1.0]]
        self.view_range: Range2 = [[0.0, 1.0], [0.0, 1.0]]
        self.limits: list[list[float]] = [[-1e307, 1e307], [-1e307, 1e307]]
        self.min_range: list[float | None] = [None, None]
        self.max_range: list[float | None] = [None, None]
        self._matrix_needs_update = True
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.childGroup = _ChildGroup(self)
        self.setZValue(-100)
        self.setSizePolicy(QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding))

    # --- items --------------------------------------------------------------------------------------

    def addItem(self, item: QGraphicsItem, ignoreBounds: bool = True) -> None:  # noqa: N802, N803 (pyqtgraph's API)
        """Put a layer (in map coordinates) in the view; the map never ranges to its items, so bounds are ignored."""
        if item.zValue() < self.zValue():
            item.setZValue(self.zValue() + 1)
        scene = self.scene()
        if scene is not None and scene is not item.scene():
            scene.addItem(item)
        item.setParentItem(self.childGroup)

    # --- geometry -----------------------------------------------------------------------------------

    def resizeEvent(self, event: QGraphicsSceneResizeEvent) -> None:
        if event.oldSize() != event.newSize():
            self._matrix_needs_update = True
            self._update_view_range()
            self.sigResized.emit(self)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(0, 0, +0.5, +0.5)

    def shape(self) -> QPainterPath:
        """The clip of the layers: the bounding rectangle (half a pixel past the right and bottom edges)."""
        path = QPainterPath()
        path.addRect(self.boundingRect())
        return path

    def viewRect(self) -> QRectF:  # noqa: N802
        (x0, x1), (y0, y1) = self.view_range
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def targetRect(self) -> QRectF:  # noqa: N802
        (x0, x1), (y0, y1) = self.target
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def childTransform(self) -> QTransform:  # noqa: N802
        self.prepareForPaint()
        return self.childGroup.transform()

    def setLimits(self, xMin: float, xMax: float, yMin: float, yMax: float,  # noqa: N802, N803
                  minXRange: float | None = None, minYRange: float | None = None) -> None:  # noqa: N803
        self.limits = [[xMin, xMax], [yMin, yMax]]
        self.min_range = [minXRange, minYRange]
        self._update_view_range()

    def setRange(self, rect: QRectF | None = None, xRange: Sequence[float] | None = None,  # noqa: N802, N803
                 yRange: Sequence[float] | None = None, padding: float = 0.0) -> None:  # noqa: N803
        """Show at least ``rect`` (or the x and y ranges), within the limits; the other axis grows to keep aspect."""
        changes: dict[int, Sequence[float]] = {}
        requested = [False, False]
        if rect is not None:
            changes = {0: [rect.left(), rect.right()], 1: [rect.top(), rect.bottom()]}
            requested = [True, True]
        if xRange is not None:
            changes[0] = xRange
            requested[0] = True
        if yRange is not None:
            changes[1] = yRange
            requested[1] = True
        if not changes:
            raise ValueError("Must specify at least one of rect, xRange, or yRange")
        max_range = self._max_ranges()
        for ax, span in changes.items():
            mn, mx = min(span), max(span)
            preserve = False
            if mn == mx:
                preserve = True
                dy = self.view_range[ax][1] - self.view_range[ax][0]
                if dy == 0:
                    dy = 1
                mn -= dy * 0.5
                mx += dy * 0.5
            quantization_limit = (mn + mx) * 1.5e-15
            if mx - mn < 2 * quantization_limit:
                mn -= quantization_limit
                mx += quantization_limit
            if not math.isfinite(mn) or not math.isfinite(mx):
                raise ValueError(f"Cannot set range [{mn}, {mx}]")
            if not preserve:
                p = (mx - mn) * padding
                mn -= p
                mx += p
            lo_range, hi_range = self.min_range[ax], max_range[ax]
            diff = mx - mn
            if hi_range is not None and diff > hi_range:
                delta = hi_range - diff
            elif lo_range is not None and diff < lo_range:
                delta = lo_range - diff
            else:
                delta = 0
            mn -= delta / 2.0
            mx += delta / 2.0
            lmn, lmx = self.limits[ax]
            if mn < lmn:
                delta = lmn - mn
                mn = lmn
                mx += delta
            elif mx > lmx:
                delta = lmx - mx
                mx = lmx
                mn += delta
            self.target[ax] = [mn, mx]
        force_x, force_y = requested
        if force_x and force_y:
            force_x = force_y = False
        self._update_view_range(force_x, force_y)

    def translateBy(self, x: float | None = None, y: float | None = None) -> None:  # noqa: N802
        vr = self.targetRect()
        x_range = (vr.left() + x, vr.right() + x) if x is not None else None
        y_range = (vr.top() + y, vr.bottom() + y) if y is not None else None
        if x_range is not None or y_range is not None:
            self.setRange(xRange=x_range, yRange=y_range, padding=0)

    def scaleBy(self, s: Sequence[float], center: QPointF | None = None) -> None:  # noqa: N802
        """Scale the view by ``s`` (aspect locked: the y factor counts) about ``center`` (map coordinates)."""
        scale = QPointF(s[1], s[1])
        vr = self.targetRect()
        centre = vr.center() if center is None else QPointF(center)
        tl = centre + _mul(vr.topLeft() - centre, scale)
        br = centre + _mul(vr.bottomRight() - centre, scale)
        self.setRange(QRectF(tl, br), padding=0)

    def _max_ranges(self) -> list[float | None]:
        return [self.limits[ax][1] - self.limits[ax][0] for ax in (0, 1)]

    def _update_view_range(self, force_x: bool = False, force_y: bool = False) -> None:
        """Fit the view range to the target range, the box's aspect ratio and the limits (as pyqtgraph does)."""
        view_range = [self.target[0][:], self.target[1][:]]
        tr = self.targetRect()
        bounds = self.rect()
        min_rng = self.min_range
        max_rng = self._max_ranges()
        if 0 not in [tr.height(), bounds.height(), bounds.width()]:
            target_ratio = tr.width() / tr.height() if tr.height() != 0 else 1
            view_ratio = bounds.width() / bounds.height() if bounds.height() != 0 else 1
            view_ratio = 1 if view_ratio == 0 else view_ratio
            dy = 0.5 * (tr.width() / view_ratio - tr.height())
            dx = 0.5 * (tr.height() * view_ratio - tr.width())
            range_y = [self.target[1][0] - dy, self.target[1][1] + dy]
            range_x = [self.target[0][0] - dx, self.target[0][1] + dx]
            candidate = [range_x, range_y]
            if force_x:
                ax = 0
            elif force_y:
                ax = 1
            else:
                ax = 0 if target_ratio > view_ratio else 1
                other = 0 if ax == 1 else 1
                diff = candidate[other][1] - candidate[other][0]
                hi, lo = max_rng[other], min_rng[other]
                if hi is not None and diff > hi or lo is not None and diff < lo:
                    view_range[ax] = candidate[ax]
                    self.view_range[ax] = view_range[ax]
                    self.target = [self.view_range[0][:], self.view_range[1][:]]
                    ax = other
            if ax == 0:
                view_range[1] = range_y
            else:
                view_range[0] = range_x
        for axis in (0, 1):
            span = view_range[axis][1] - view_range[axis][0]
            lo, hi = min_rng[axis], max_rng[axis]
            if lo is not None and lo > span:
                view_range[axis][1] = view_range[axis][0] + lo
                self.target[axis] = view_range[axis]
            if hi is not None and hi < span:
                view_range[axis][1] = view_range[axis][0] + hi
                self.target[axis] = view_range[axis]
            if view_range[axis][0] < self.limits[axis][0]:
                delta = self.limits[axis][0] - view_range[axis][0]
                view_range[axis][0] += delta
                view_range[axis][1] += delta
                self.target[axis] = view_range[axis]
            if view_range[axis][1] > self.limits[axis][1]:
                delta = view_range[axis][1] - self.limits[axis][1]
                view_range[axis][0] -= delta
                view_range[axis][1] -= delta
                self.target[axis] = view_range[axis]
        thresholds = [(view_range[axis][1] - view_range[axis][0]) * 1.0e-9 for axis in (0, 1)]
        changed = [
            abs(view_range[axis][0] - self.view_range[axis][0]) > thresholds[axis]
            or abs(view_range[axis][1] - self.view_range[axis][1]) > thresholds[axis]
            for axis in (0, 1)
        ]
        self.view_range = view_range
        if any(changed):
            self._matrix_needs_update = True
            self.update()

    def prepareForPaint(self) -> None:  # noqa: N802
        """Bring the child group's transform up to date with the view range (deferred until it is needed)."""
        if not self._matrix_needs_update:
            return
        bounds = self.rect()
        vr = self.viewRect()
        if vr.height() == 0 or vr.width() == 0:
            return
        m = QTransform()
        centre = bounds.center()
        m.translate(centre.x(), centre.y())
        m.scale(bounds.width() / vr.width(), -(bounds.height() / vr.height()))
        st = vr.center()
        m.translate(-st.x(), -st.y())
        self.childGroup.setTransform(m)
        self._matrix_needs_update = False

    def _reset_target(self) -> None:
        self.target = [self.view_range[0][:], self.view_range[1][:]]

    # --- the user's changes -------------------------------------------------------------------------

    def wheelEvent(self, event: QGraphicsSceneWheelEvent) -> None:
        s = 1.02 ** (event.delta() * WHEEL_SCALE_FACTOR)
        center = invert(self.childGroup.transform()).map(event.pos())
        self._reset_target()
        self.scaleBy((s, s), center)
        event.accept()
        self.sigRangeChangedManually.emit([True, True])

    def drag(self, button: Qt.MouseButton, pos: QPointF, last_pos: QPointF, down_pos: QPointF,
             screen_dy: float) -> None:
        """A drag step (box coordinates): left or middle button pans, the right button zooms about where it went
        down (dragging up zooms in, down zooms out)."""
        inverse = invert(self.childGroup.transform())
        if button in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            dif = (pos - last_pos) * -1
            tr = inverse.map(dif) - inverse.map(QPointF(0, 0))
            self._reset_target()
            self.translateBy(x=tr.x(), y=tr.y())
        elif button & Qt.MouseButton.RightButton:
            s = 1.02 ** screen_dy
            center = inverse.map(down_pos)
            self._reset_target()
            self.scaleBy((1.0, s), center)
        else:
            return
        self.sigRangeChangedManually.emit([True, True])


Range2 = list[Range]


def invert(t: QTransform) -> QTransform:
    """The inverse of a map transform, worked out as pyqtgraph does (adjoint over determinant) so a pan or zoom
    lands on exactly the same range; QTransform.inverted() rounds differently."""
    inverse = t.adjoint()
    inverse *= 1.0 / t.determinant()
    return inverse


def _mul(a: QPointF, b: QPointF) -> QPointF:
    return QPointF(a.x() * b.x(), a.y() * b.y())


class MapClick:
    """A click (press and release without a drag), as the scene reports it; positions are those of the press."""

    def __init__(self, event: QGraphicsSceneMouseEvent, double: bool = False) -> None:
        self._scene_pos = event.scenePos()
        self._screen_pos = event.screenPos()
        self._button = event.button()
        self._buttons = event.buttons()
        self._modifiers = event.modifiers()
        self._time = time.perf_counter()
        self.double = double
        self.accepted = False
        self.currentItem: QGraphicsItem | None = None  # noqa: N815

    def scenePos(self) -> QPointF:  # noqa: N802
        return QPointF(self._scene_pos)

    def screenPos(self) -> QPointF:  # noqa: N802
        return QPointF(self._screen_pos)

    def button(self) -> Qt.MouseButton:
        return self._button

    def buttons(self) -> Qt.MouseButton:
        return self._buttons

    def modifiers(self) -> Qt.KeyboardModifier:
        return self._modifiers

    def time(self) -> float:
        return self._time

    def accept(self) -> None:
        self.accepted = True

    def ignore(self) -> None:
        self.accepted = False

    def isAccepted(self) -> bool:  # noqa: N802
        return self.accepted

    def double_click(self) -> bool:
        return self.double


class MapScene(QGraphicsScene):
    """Tells clicks from drags: drags go to the box, clicks are reported by ``sigMouseClicked``."""

    sigMouseClicked = Signal(object)
    sigMouseMoved = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box: MapBox | None = None
        self.click_events: list[MapClick] = []
        self.drag_buttons: list[Qt.MouseButton] = []
        self._dragging = False
        self._last_drag_scene: QPointF | None = None
        self._last_drag_screen: QPointF | None = None
        self._last_move_ms = 0

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.mouseGrabberItem() is None:  # no item claimed the press: it may become a click or a drag
            self.click_events.append(MapClick(event))
            for item in self.items(event.scenePos()):
                if item.isEnabled() and item.isVisible() and (
                        item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsFocusable):
                    item.setFocus(Qt.FocusReason.MouseFocusReason)
                    break

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        if self.mouseGrabberItem() is None:
            self.click_events.append(MapClick(event, double=True))

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        now_ms = time.perf_counter_ns() // 10**6
        if now_ms - self._last_move_ms < 1000.0 / MOUSE_RATE_LIMIT:
            super().mouseMoveEvent(event)
            event.accept()
            return
        self._last_move_ms = now_ms
        self.sigMouseMoved.emit(event.scenePos())
        super().mouseMoveEvent(event)
        if not event.buttons() or self.mouseGrabberItem() is not None:
            return
        now = time.perf_counter()
        for button in DRAG_BUTTONS:
            if not (event.buttons() & button) or button in self.drag_buttons:
                continue
            pressed = [e for e in self.click_events if e.button() == button]
            if pressed:
                dist = math.hypot(*_xy(event.scenePos() - pressed[0].scenePos()))
                if dist == 0 or (dist < MOVE_DISTANCE and now - pressed[0].time() < MIN_DRAG_TIME):
                    continue
                self.drag_buttons.append(button)
        if self.drag_buttons and self._send_drag(event):
            event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.mouseGrabberItem() is None:
            if event.button() in self.drag_buttons:
                if self._send_drag(event):
                    event.accept()
                self.drag_buttons.remove(event.button())
            else:
                pressed = [e for e in self.click_events if e.button() == event.button()]
                if pressed:
                    if self._send_click(pressed[0]):
                        event.accept()
                    self.click_events.remove(pressed[0])
        if not event.buttons():
            self._dragging = False
            self.drag_buttons = []
            self.click_events = []
            self._last_drag_scene = self._last_drag_screen = None
        super().mouseReleaseEvent(event)

    def _send_drag(self, event: QGraphicsSceneMouseEvent) -> bool:
        """A drag step to the box (which takes every drag that starts over it); True if it took it."""
        if not self.click_events:
            return False
        press = self.click_events[0]
        box = self.box
        if not self._dragging:
            self._dragging = box is not None and box.isVisible() and box.isEnabled() and (
                box.sceneBoundingRect().contains(press.scenePos()))
        last_scene = press.scenePos() if self._last_drag_scene is None else self._last_drag_scene
        last_screen = press.screenPos() if self._last_drag_screen is None else self._last_drag_screen
        self._last_drag_scene, self._last_drag_screen = event.scenePos(), QPointF(event.screenPos())
        if not self._dragging or box is None:
            return False
        box.drag(press.button(), box.mapFromScene(event.scenePos()), box.mapFromScene(last_scene),
                 box.mapFromScene(press.scenePos()), QPointF(event.screenPos()).y() - last_screen.y())
        return True

    def _send_click(self, click: MapClick) -> bool:
        if self.box is not None and self.box.sceneBoundingRect().contains(click.scenePos()):
            click.currentItem = self.box
        self.sigMouseClicked.emit(click)
        return click.isAccepted()


def _xy(p: QPointF) -> tuple[float, float]:
    return p.x(), p.y()


class MapGraphicsView(QGraphicsView):
    """A view whose scene is exactly its own size in pixels, with one :class:`MapBox` filling it."""

    def __init__(self, parent: QWidget | None = None, background: QColor | None = None) -> None:
        super().__init__(parent)
        # No background bitmap: the background is one flat colour, as fast to fill as to copy (and 4 MB less)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setBackgroundRole(QPalette.ColorRole.NoRole)
        if background is not None:
            self.setBackgroundBrush(QColor(background))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setMouseTracking(True)
        self.map_scene = MapScene(parent=self)
        self.setScene(self.map_scene)
        self.box = MapBox()
        self.map_scene.box = self.box
        self.map_scene.addItem(self.box)
        self._fit_scene()

    def _fit_scene(self) -> None:
        rect = QRectF(0, 0, self.size().width(), self.size().height())
        self.box.setGeometry(rect)
        self.setSceneRect(rect)
        self.resetTransform()

    def resizeEvent(self, event: object) -> None:  # noqa: ARG002 (the scene follows the widget's size)
        self._fit_scene()

    def paintEvent(self, event: QPaintEvent) -> None:
        self.box.prepareForPaint()
        super().paintEvent(event)

    def render(self, *args: object, **kwargs: object) -> None:
        self.box.prepareForPaint()
        super().render(*args, **kwargs)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.scene().keyPressEvent(event)  # straight to the scene, as pyqtgraph's view does
