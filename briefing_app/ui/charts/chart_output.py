"""Export and print for :class:`~briefing_app.ui.charts.chart_base.SourcedChart`: PNG, SVG, an image of any size
for print, painting into any paint device, and the right-click menu that offers the exports.

Everything here draws in the light print colours, works on a chart that was never shown, and includes the
source line. The file dialog is ``QFileDialog.getSaveFileName`` of this module (patch it here in tests).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

if TYPE_CHECKING:
    import pyqtgraph as pg
    from PySide6.QtCore import SignalInstance

    from briefing_app.ui.charts.chart_colours import ChartColours

log = logging.getLogger(__name__)


# For the type checker the mixin is a QWidget with the parts SourcedChart provides; at run time it is a plain class
# (SourcedChart lists it before QWidget).
if TYPE_CHECKING:
    _Base = QWidget
else:
    _Base = object


class ChartOutput(_Base):
    """Mixed into SourcedChart (which provides plot_item, plot_widget, colours(), apply_palette() and the rest)."""

    if TYPE_CHECKING:
        plot_item: pg.PlotItem
        plot_widget: pg.PlotWidget
        hover_label: pg.TextItem
        exported: SignalInstance
        _print_mode: bool
        _title: str
        _source: str
        _export_name: str

        def colours(self) -> ChartColours: ...
        def apply_palette(self) -> None: ...
        def _font_pt(self) -> float: ...
        def wrap_title(self, width: float) -> None: ...

    @contextlib.contextmanager
    def print_colours(self) -> Iterator[None]:
        """Temporarily draw with the light print colours (files and paper stay readable in dark mode)."""
        was = self._print_mode
        self._print_mode = True
        self.hover_label.hide()
        self.apply_palette()
        try:
            yield
        finally:
            self._print_mode = was
            self.apply_palette()

    @contextlib.contextmanager
    def _laid_out(self, width: float, height: float) -> Iterator[QRectF]:
        """Lay the plot out at a logical size in its scene (works hidden and offscreen), then restore it."""
        previous = self.plot_item.geometry()
        rect = QRectF(0, 0, width, height)
        self.wrap_title(width)
        self.plot_item.setGeometry(rect)
        self.plot_item.layout.activate()
        # pyqtgraph sizes an axis for its labels, and decides which labels overlap, only while painting it, from
        # the size of its previous paint: a throw-away paint at the target size first, then lay out again (else a
        # chart never shown drops most of its category names).
        scratch = QImage(QSize(max(1, round(width)), max(1, round(height))), QImage.Format.Format_ARGB32)
        painter = QPainter(scratch)
        try:
            self.plot_item.scene().render(painter, QRectF(rect), self.plot_item.mapRectToScene(rect))
        finally:
            painter.end()
        self.wrap_title(width)  # again, beside the left axis as wide as its labels now are
        self.plot_item.layout.activate()
        try:
            yield rect
        finally:
            self.wrap_title(self.plot_widget.width())
            self.plot_item.setGeometry(previous)
            self.plot_item.layout.activate()

    def render_image(self, width: int, height: int, *, scale: float = 1.0, with_source: bool = True) -> QImage:
        """The chart (and its source line) as an image of ``width`` x ``height`` logical pixels, drawn at
        ``scale`` device pixels per logical pixel, in print colours; the chart need not be shown."""
        image = QImage(QSize(round(width * scale), round(height * scale)), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        with self.print_colours():
            colours = self.colours()
            image.fill(colours.background)
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
                self.paint_into(painter, QRectF(0, 0, width, height), with_source=with_source)
            finally:
                painter.end()
        return image

    def paint_into(self, painter: QPainter, target: QRectF, *, with_source: bool = True) -> None:
        """Paint the chart into ``target`` of any paint device (QImage, QPicture, QPrinter), with the colours
        currently in effect (wrap in :meth:`print_colours` for paper)."""
        source_height = 0.0
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self._font_pt() - 1.0))
        text = f"Source: {self._source}" if (with_source and self._source) else ""
        if text:
            painter.save()
            painter.setFont(font)
            # measured at the width it is written in (4 px in from each side), or its last line is cut off
            bound = painter.boundingRect(QRectF(0, 0, target.width() - 8, 1000), Qt.TextFlag.TextWordWrap, text)
            painter.restore()
            source_height = bound.height() + 6
        plot_height = max(40.0, target.height() - source_height)
        with self._laid_out(target.width(), plot_height) as rect:
            self.plot_item.scene().render(painter, QRectF(target.x(), target.y(), target.width(), plot_height),
                                          self.plot_item.mapRectToScene(QRectF(0, 0, rect.width(), rect.height())))
        if text:
            painter.save()
            painter.setFont(font)
            painter.setPen(self.colours().muted)
            painter.drawText(QRectF(target.x() + 4, target.y() + plot_height + 4, target.width() - 8, source_height),
                             int(Qt.TextFlag.TextWordWrap), text)
            painter.restore()

    def export_png(self, path: str | Path, *, width: int | None = None) -> Path:
        """Write the chart with its source line as PNG, in print colours, ``width`` pixels wide (default: twice
        the on-screen size, crisp on paper and slides)."""
        target = Path(path)
        size = self._export_size()
        scale = (width / size.width()) if width else 2.0
        image = self.render_image(size.width(), size.height(), scale=scale)
        # The stubs ask for bytes as the format; PySide accepts only str at run time.
        if not image.save(str(target), "PNG"):  # type: ignore[call-overload]
            raise OSError(f"could not write {target}")
        return target

    def svg_bytes(self) -> bytes:
        """The chart with its source line as an SVG document, in print colours.

        pyqtgraph's SVGExporter cannot parse the path data Qt 6.12 writes (pyqtgraph issue #3485), so the
        scene is painted into a QSvgGenerator, the same painting that print and PNG use.
        """
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtSvg import QSvgGenerator

        size = self._export_size()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        # Lay out text at the screen's resolution, as on screen (QSvgGenerator's default of 72 dpi shrinks the
        # fonts against the plot and shifts pyqtgraph's axes).
        generator.setResolution(96)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self._title)
        generator.setDescription(f"Source: {self._source}" if self._source else self._title)
        with self.print_colours():
            painter = QPainter(generator)
            try:
                painter.fillRect(QRectF(0, 0, size.width(), size.height()), self.colours().background)
                self.paint_into(painter, QRectF(0, 0, size.width(), size.height()))
            finally:
                painter.end()
        buffer.close()
        return bytes(data.data())

    def export_svg(self, path: str | Path) -> Path:
        target = Path(path)
        target.write_bytes(self.svg_bytes())
        return target

    def _export_size(self) -> QSize:
        """The on-screen plot size, or a sensible one when the chart was never shown."""
        size = self.plot_widget.size()
        if not self.plot_widget.isVisible() or size.width() < 200 or size.height() < 120:
            return QSize(720, 405)
        return size

    def context_menu(self) -> QMenu:
        """The right-click menu: the two exports."""
        menu = QMenu(self)
        menu.setAccessibleName(f"Export {self._title}")
        menu.addAction("Export PNG…", self.ask_export_png)
        menu.addAction("Export SVG…", self.ask_export_svg)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.plot_widget.mapToGlobal(pos))
        menu.deleteLater()

    def ask_export_png(self) -> Path | None:
        return self._ask_export("PNG image (*.png)", ".png", self.export_png)

    def ask_export_svg(self) -> Path | None:
        return self._ask_export("SVG drawing (*.svg)", ".svg", self.export_svg)

    def _ask_export(self, file_filter: str, suffix: str, write) -> Path | None:  # type: ignore[no-untyped-def]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = str(Path(folder) / f"{self._export_name}{suffix}")
        chosen, _ = QFileDialog.getSaveFileName(self, f"Export “{self._title}”", default, file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            written: Path = write(path)
        except OSError as exc:
            log.warning("chart export failed: %s", exc)
            QMessageBox.warning(self, "Chart not exported",
                                f"The chart could not be saved to {path}:\n{exc.strerror or exc}")
            return None
        self.exported.emit(str(written))
        return written
