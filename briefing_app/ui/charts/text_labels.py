"""Many short texts anchored at points of a plot, drawn by one graphics item.

``pg.TextItem`` makes a QGraphicsTextItem (with its own QTextDocument, tens of kilobytes) for every text: a
chart with a value at the end of every bar holds thousands of them for a large pack. :class:`TextLabels` draws
the same texts as pg.TextItem places them (the text's box, with the document's 4-pixel margin, anchored at the
point; the size in screen pixels whatever the zoom) from one list of strings.

    labels = TextLabels(anchor=(0.0, 0.5))
    labels.setFont(font)
    labels.set_labels([("12.3%", x, y), ...])
    labels.setColor(colour)                  # or set_colours([...]) one per label
    plot_item.addItem(labels, ignoreBounds=True)
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTransform

#: the margin QTextDocument keeps around its text, which pg.TextItem's box includes
DOCUMENT_MARGIN = 4.0
DEFAULT_COLOUR = QColor(200, 200, 200)  # pg.TextItem's


class TextLabels(pg.GraphicsObject):
    def __init__(self, anchor: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__()
        self.anchor = anchor
        self._labels: list[tuple[str, float, float]] = []
        self._colours: list[QColor] = []
        self._colour = QColor(DEFAULT_COLOUR)
        self._font = QFont()
        # Measured once per text and font (a chart of a large pack holds thousands of labels, and Qt asks for
        # the bounding rectangle at every change of the scene), the boxes once per placement in the scene
        self._widths: list[float] | None = None
        self._placed: tuple[QTransform, list[tuple[QRectF, float]]] | None = None

    # --- content ------------------------------------------------------------------------------------

    def set_labels(self, labels: Sequence[tuple[str, float, float]]) -> None:
        """The texts and the points (data coordinates) they are anchored at."""
        self.prepareGeometryChange()
        self._labels = [(str(text), float(x), float(y)) for text, x, y in labels]
        self._widths = self._placed = None
        self._colours = []
        self.update()

    def texts(self) -> list[str]:
        return [text for text, _x, _y in self._labels]

    def positions(self) -> list[tuple[float, float]]:
        return [(x, y) for _text, x, y in self._labels]

    def setFont(self, font: QFont) -> None:  # noqa: N802 - as pg.TextItem
        self.prepareGeometryChange()
        self._font = QFont(font)
        self._widths = self._placed = None
        self.update()

    def font(self) -> QFont:
        return QFont(self._font)

    def setColor(self, colour: QColor) -> None:  # noqa: N802 - as pg.TextItem
        """One colour for every label."""
        self._colour = QColor(colour)
        self._colours = []
        self.update()

    def set_colours(self, colours: Sequence[QColor]) -> None:
        """A colour per label, in the order of the labels."""
        self._colours = [QColor(c) for c in colours]
        self.update()

    def colour_of(self, index: int) -> QColor:
        return QColor(self._colours[index]) if index < len(self._colours) else QColor(self._colour)

    # --- geometry and painting ----------------------------------------------------------------------

    def _boxes(self) -> list[tuple[QRectF, float]]:
        """Each label's box in scene pixels (margin included) and the baseline of its text."""
        to_scene = self.sceneTransform()
        if self._placed is not None and self._placed[0] == to_scene:
            return self._placed[1]
        metrics = QFontMetricsF(self._font)
        if self._widths is None:
            self._widths = [metrics.horizontalAdvance(text) + 2 * DOCUMENT_MARGIN for text, _x, _y in self._labels]
        height = metrics.height() + 2 * DOCUMENT_MARGIN
        ascent = DOCUMENT_MARGIN + metrics.ascent()
        ax, ay = self.anchor
        out = []
        for (_text, x, y), width in zip(self._labels, self._widths, strict=True):
            point = to_scene.map(QPointF(x, y))
            box = QRectF(point.x() - ax * width, point.y() - ay * height, width, height)
            out.append((box, box.top() + ascent))
        self._placed = (QTransform(to_scene), out)
        return out

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        if not self._labels or self.scene() is None:
            return QRectF()
        inverse, invertible = self.sceneTransform().inverted()
        if not invertible:
            return QRectF()
        rect = QRectF()
        for box, _baseline in self._boxes():
            rect = rect.united(box)
        return inverse.mapRect(rect)

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange: object = None) -> list[float | None]:  # noqa: N802, N803
        """Only the anchor points count for the view's range, as with pg.TextItem."""
        if not self._labels:
            return [None, None]
        values = [point[ax] for point in self.positions()]
        return [min(values), max(values)]

    def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph's name
        self.prepareGeometryChange()  # the boxes keep their size in pixels: their extent in data units changes

    def paint(self, painter: QPainter, *_args: object) -> None:
        if not self._labels:
            return
        # Draw in scene pixels (as pg.TextItem, whose size ignores the view's zoom), on whatever device.
        scene_to_item, invertible = self.sceneTransform().inverted()
        if not invertible:
            return
        painter.save()
        painter.setTransform(scene_to_item * painter.transform())
        painter.setFont(self._font)
        for index, (box, baseline) in enumerate(self._boxes()):
            painter.setPen(self.colour_of(index))
            painter.drawText(QPointF(box.left() + DOCUMENT_MARGIN, baseline), self._labels[index][0])
        painter.restore()
