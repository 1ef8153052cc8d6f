"""The chart every tab uses: a pyqtgraph plot with axis titles and units, a source line, exact values on hover,
right-click export to PNG and SVG, colours from the palette, and rendering for print.

API (all charts of the app build on :class:`SourcedChart`)::

    chart = SourcedChart("Population by member state", source="World Bank WDI, 2023", export_name="population")
    chart.set_axis_titles(left=("Population", "million people"), bottom=("Member state", None))
    chart.set_categories(["China", "India", ...])                 # category ticks on the bottom axis
    chart.add_bars(values, texts=["China: 1,410,710,000 people (2023)", ...])   # hover shows the exact text
    chart.add_hover_target(HoverTarget(x0, x1, y0, y1, "exact value"))         # for any other item
    chart.plot_item                                              # the pyqtgraph PlotItem, for other items

    chart.export_png(path)          # plot + source line as PNG, twice the on-screen size
    chart.export_svg(path)          # plot + source line as SVG (QSvgGenerator: pyqtgraph's SVGExporter is broken)
    chart.render_image(800, 450, scale=2.0)   # QImage for print: any logical size, offscreen, light colours
    chart.svg_bytes()               # the SVG document as bytes (for print or the clipboard)

Colours: :meth:`SourcedChart.colours` reads the widget's QPalette (text, base, grid, a colour-blind-safe
series palette with lighter hues on dark backgrounds). They are re-applied on every palette change; a
subclass that draws its own items overrides :meth:`SourcedChart.apply_colours` (bars added with
:meth:`add_bars` are recoloured by the base class). Print rendering always uses the light colours.

The right-click menu (and the keyboard's context-menu key) offers "Export PNG…" and "Export SVG…"; the file
dialog is ``QFileDialog.getSaveFileName`` of this module (patch it here in tests). Failures are reported in a
message box, never as a traceback. pyqtgraph's own mouse zoom and menus are off: briefing charts are static.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox, QSizePolicy, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Darker hues on light backgrounds,
# lighter ones on dark backgrounds, so bars keep contrast with the plot background.
SERIES_ON_LIGHT = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SERIES_ON_DARK = ("#56B4E9", "#E69F00", "#3DD6A3", "#E8A3CC", "#F0E442", "#FF8C42", "#FFFFFF")


@dataclass(frozen=True, slots=True)
class ChartColours:
    """The colours a chart draws with, derived from a QPalette."""

    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    tooltip_background: QColor
    tooltip_text: QColor
    series: tuple[QColor, ...]
    dark: bool

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColours:
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = background.lightnessF() < 0.5
        muted = QColor(text)
        muted.setAlphaF(0.75)
        grid = QColor(text)
        grid.setAlphaF(0.18)
        series = SERIES_ON_DARK if dark else SERIES_ON_LIGHT
        return cls(
            background=background,
            text=text,
            muted=muted,
            grid=grid,
            tooltip_background=palette.color(QPalette.ColorRole.ToolTipBase),
            tooltip_text=palette.color(QPalette.ColorRole.ToolTipText),
            series=tuple(QColor(c) for c in series),
            dark=dark,
        )

    @classmethod
    def for_print(cls) -> ChartColours:
        """Black on white whatever the screen palette: for paper and exported files."""
        palette = QPalette(QColor("#f0f0f0"), QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffdc"))
        palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#000000"))
        return cls.from_palette(palette)

    def series_colour(self, index: int) -> QColor:
        return QColor(self.series[index % len(self.series)])


@dataclass(frozen=True, slots=True)
class HoverTarget:
    """A region in view (data) coordinates whose exact value is shown when the pointer is over it.

    ``y0``/``y1`` (or ``x0``/``x1``) of ``None`` make the region span the whole column (row), so thin bars
    are easy to hit.
    """

    x0: float | None
    x1: float | None
    y0: float | None
    y1: float | None
    text: str

    def contains(self, x: float, y: float) -> bool:
        return ((self.x0 is None or self.x0 <= x <= (self.x1 if self.x1 is not None else x))
                and (self.y0 is None or self.y0 <= y <= (self.y1 if self.y1 is not None else y)))


@dataclass
class _Bars:
    item: pg.BarGraphItem
    colour_index: int | Sequence[int]


def axis_title(title: str, units: str | None) -> str:
    """'Population' + 'million people' -> 'Population (million people)'."""
    return f"{title} ({units})" if units else title


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


class SourcedChart(QWidget):
    """A titled pyqtgraph chart with a source line; see the module docstring for the API."""

    #: emitted after a successful export, with the file written
    exported = Signal(str)
    #: emitted after the colours were re-applied (palette change)
    colours_changed = Signal()
    #: a left click in the plot, in view (data) coordinates
    plot_clicked = Signal(float, float)

    def __init__(
        self,
        title: str,
        *,
        source: str = "",
        export_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title = title
        self._export_name = export_name or slug(title)
        self._axis_titles: dict[str, tuple[str, str | None]] = {}
        self._hover_targets: list[HoverTarget] = []
        self._bars: list[_Bars] = []
        self._hover_text: str | None = None
        self._print_mode = False
        self._grid_axis = "left"

        self.plot_widget = pg.PlotWidget()
        self.plot_widget.setAccessibleName(title)
        self.plot_widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot_widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot_widget.customContextMenuRequested.connect(self._show_context_menu)
        self.plot_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot_widget.setMinimumHeight(160)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.showGrid(x=False, y=True)
        self.plot_item.setContentsMargins(4, 4, 14, 4)
        self.plot_item.getViewBox().setDefaultPadding(0.03)
        for name in ("left", "bottom"):
            self.plot_item.getAxis(name).enableAutoSIPrefix(False)
        # The first and last tick labels may reach past the axis ends (the "0" under a bar's base) rather than vanish.
        self.plot_item.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self.plot_item.setTitle(title)

        self.hover_label = pg.TextItem(anchor=(0.5, 1.0))
        self.hover_label.setZValue(1000)
        self.hover_label.hide()
        self.plot_item.addItem(self.hover_label, ignoreBounds=True)
        self.plot_item.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot_item.scene().sigMouseClicked.connect(self._mouse_clicked)

        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label.setAccessibleName(f"Source of {title}")
        self.set_source(source)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.source_label)
        self.setAccessibleName(title)
        self.apply_palette()

    # --- content --------------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return self._title

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.plot_widget.setAccessibleName(title)
        self._style_title(self.colours())

    def source(self) -> str:
        return self._source

    def set_source(self, source: str) -> None:
        """The citation shown under the chart (and in exports), without the word "Source"."""
        self._source = source
        self.source_label.setText(f"Source: {source}" if source else "")
        self.source_label.setVisible(bool(source))

    def axis_titles(self) -> dict[str, str]:
        """The shown axis titles with units, by axis name ('left', 'bottom')."""
        return {name: axis_title(*parts) for name, parts in self._axis_titles.items()}

    def set_axis_titles(
        self, *, left: tuple[str, str | None] | None = None, bottom: tuple[str, str | None] | None = None
    ) -> None:
        """Axis titles as (title, units); units are written in brackets, never SI-prefixed by pyqtgraph."""
        for name, parts in (("left", left), ("bottom", bottom)):
            if parts is not None:
                self._axis_titles[name] = parts
        self._style_axes(self.colours())

    def set_value_summary(self, text: str) -> None:
        """Every value in words, for screen readers (the accessible description of the chart)."""
        self.setAccessibleDescription(text)
        self.plot_widget.setAccessibleDescription(text)

    def set_categories(self, labels: Sequence[str], axis: str = "bottom") -> None:
        """Name the positions 0..n-1 of an axis (bar charts)."""
        self.plot_item.getAxis(axis).setTicks([[(i, label) for i, label in enumerate(labels)], []])

    def add_bars(
        self,
        values: Sequence[float],
        *,
        texts: Sequence[str],
        colour_index: int | Sequence[int] = 0,
        horizontal: bool = False,
        width: float = 0.62,
        base: float = 0.0,
        offset: float = 0.0,
        hover: bool = True,
    ) -> pg.BarGraphItem:
        """Bars at positions 0..n-1 (+ ``offset``, for grouped bars; values already in the axis's scale).

        With ``hover`` the pointer anywhere in a bar's column (row) shows its text; grouped bars pass
        ``hover=False`` and add one :class:`HoverTarget` per group."""
        positions = [i + offset for i in range(len(values))]
        heights = [float(v) - base for v in values]
        if horizontal and self._grid_axis != "bottom":
            self._grid_axis = "bottom"  # grid lines run across the value axis, never along the bars
            self._style_axes(self.colours())
        if horizontal:
            item = pg.BarGraphItem(x0=base, y=positions, height=width, width=heights)
        else:
            item = pg.BarGraphItem(x=positions, y0=base, width=width, height=heights)
        self.plot_item.addItem(item)
        self._bars.append(_Bars(item, colour_index))
        low = min([base, *values])
        high = max([base, *values])
        span = (high - low) or 1.0
        # A hair below the base, so the axis still labels it.
        if horizontal:
            self.plot_item.setXRange(low - span * 0.015, high + span * 0.04, padding=0)
            self.plot_item.setYRange(-0.6, len(values) - 0.4, padding=0)
        else:
            self.plot_item.setYRange(low - span * 0.002, high + span * 0.04, padding=0)
            self.plot_item.setXRange(-0.6, len(values) - 0.4, padding=0)
        for position, text in zip(positions, texts, strict=True):
            if not hover:
                break
            if horizontal:
                self.add_hover_target(HoverTarget(None, None, position - 0.5, position + 0.5, text))
            else:
                self.add_hover_target(HoverTarget(position - 0.5, position + 0.5, None, None, text))
        self._colour_bars(self.colours())
        return item

    def add_hover_target(self, target: HoverTarget) -> None:
        self._hover_targets.append(target)

    def clear(self) -> None:
        """Remove every plotted item and hover target (titles, axes and source stay)."""
        for bars in self._bars:
            self.plot_item.removeItem(bars.item)
        self._bars.clear()
        self._hover_targets.clear()
        self.hide_hover()

    # --- hover ----------------------------------------------------------------------------------------

    def value_at(self, x: float, y: float) -> str | None:
        """The exact-value text of the region at a view (data) point, if any."""
        for target in reversed(self._hover_targets):
            if target.contains(x, y):
                return target.text
        return None

    def show_hover_at(self, x: float, y: float) -> str | None:
        """Show the value at a view point in a label beside it; returns the text shown (None hides it)."""
        text = self.value_at(x, y)
        if text is None:
            self.hide_hover()
            return None
        if text != self._hover_text:
            self._hover_text = text
            colours = self.colours()
            self.hover_label.setText(text, color=colours.tooltip_text)
            self.hover_label.fill = pg.mkBrush(colours.tooltip_background)
            self.hover_label.border = pg.mkPen(colours.muted)
        (x_min, x_max), (y_min, y_max) = self.plot_item.viewRange()
        anchor_x = 0.0 if x < x_min + (x_max - x_min) * 0.35 else 1.0 if x > x_min + (x_max - x_min) * 0.65 else 0.5
        anchor_y = 0.0 if y > y_min + (y_max - y_min) * 0.7 else 1.0
        self.hover_label.setAnchor((anchor_x, anchor_y))
        self.hover_label.setPos(x, y)
        self.hover_label.show()
        self.plot_widget.setToolTip(text)
        return text

    def hide_hover(self) -> None:
        self._hover_text = None
        self.hover_label.hide()
        self.plot_widget.setToolTip("")

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        view_box = self.plot_item.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            self.hide_hover()
            return
        point = view_box.mapSceneToView(scene_pos)
        self.show_hover_at(point.x(), point.y())

    def _mouse_clicked(self, event) -> None:  # type: ignore[no-untyped-def] - pyqtgraph's MouseClickEvent
        if event.button() != Qt.MouseButton.LeftButton:
            return
        view_box = self.plot_item.getViewBox()
        if view_box.sceneBoundingRect().contains(event.scenePos()):
            point = view_box.mapSceneToView(event.scenePos())
            self.plot_clicked.emit(point.x(), point.y())

    def leaveEvent(self, event: QEvent) -> None:
        self.hide_hover()
        super().leaveEvent(event)

    # --- colours --------------------------------------------------------------------------------------

    def colours(self) -> ChartColours:
        return ChartColours.for_print() if self._print_mode else ChartColours.from_palette(self.palette())

    def apply_palette(self) -> None:
        """Re-colour everything from the current palette (called on every palette change)."""
        colours = self.colours()
        self.plot_widget.setBackground(colours.background)
        self._style_title(colours)
        self._style_axes(colours)
        self._colour_bars(colours)
        muted = colours.muted.name(QColor.NameFormat.HexArgb)
        self.source_label.setStyleSheet(f"color: {muted};")
        self.apply_colours(colours)
        self.colours_changed.emit()

    def apply_colours(self, colours: ChartColours) -> None:
        """Hook for subclasses that draw their own items: colour them from ``colours``."""

    def _style_title(self, colours: ChartColours) -> None:
        self.plot_item.setTitle(self._title, color=colours.text.name(), size=f"{self._font_pt() + 1}pt", bold=True)

    def _style_axes(self, colours: ChartColours) -> None:
        font = QFont(self.font())
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(pg.mkPen(colours.muted))
            axis.setTextPen(pg.mkPen(colours.text))
            axis.setTickFont(font)
            axis.setGrid(int(colours.grid.alphaF() * 255) if name == self._grid_axis else False)
            if name in self._axis_titles:
                axis.setLabel(axis_title(*self._axis_titles[name]), color=colours.text.name(),
                              **{"font-size": f"{self._font_pt()}pt"})

    def _colour_bars(self, colours: ChartColours) -> None:
        for bars in self._bars:
            if isinstance(bars.colour_index, int):
                brushes = pg.mkBrush(colours.series_colour(bars.colour_index))
                bars.item.setOpts(brush=brushes, pen=pg.mkPen(colours.background, width=1))
            else:
                bars.item.setOpts(brushes=[pg.mkBrush(colours.series_colour(i)) for i in bars.colour_index],
                                  pen=pg.mkPen(colours.background, width=1))

    def _font_pt(self) -> int:
        size = self.font().pointSizeF()
        return round(size) if size > 0 else 10

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.StyleChange):
            self.apply_palette()
        super().changeEvent(event)

    # --- export and print -----------------------------------------------------------------------------

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
        self.plot_item.setGeometry(rect)
        self.plot_item.layout.activate()
        try:
            yield rect
        finally:
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
            bound = painter.boundingRect(QRectF(0, 0, target.width(), 1000), Qt.TextFlag.TextWordWrap, text)
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
        if not image.save(str(target), "PNG"):
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

