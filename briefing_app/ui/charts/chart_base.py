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
:meth:`add_bars` are recoloured by the base class; a legend is recoloured with :func:`colour_legend`). Print
rendering always uses the light colours.

The right-click menu (and the keyboard's context-menu key) offers "Export PNG…" and "Export SVG…"; the file
dialog is ``QFileDialog.getSaveFileName`` of :mod:`briefing_app.ui.charts.chart_output` (patch it there in
tests), where export and print live. Failures are reported in a
message box, never as a traceback. pyqtgraph's own mouse zoom and menus are off: briefing charts are static.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from briefing_app.ui.charts.chart_colours import ChartColours
from briefing_app.ui.charts.chart_output import ChartOutput

__all__ = ["ChartColours", "HoverTarget", "SourcedChart", "axis_title", "slug"]


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


def colour_legend(legend: pg.LegendItem | None, colours: ChartColours) -> None:
    """Colour a chart's legend (labels, box and frame) from ``colours``; nothing when there is no legend yet."""
    if legend is None:
        return
    legend.setLabelTextColor(colours.text)
    legend.setBrush(pg.mkBrush(colours.background))
    legend.setPen(pg.mkPen(colours.grid))
    for _sample, label in legend.items:
        label.setText(label.text, color=colours.text)


class SourcedChart(ChartOutput, QWidget):
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
        self.plot_widget.installEventFilter(self)
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
        # the left axis widens for its labels only when painted: fit the title to what is left again then
        self.plot_item.getAxis("left").geometryChanged.connect(lambda: QTimer.singleShot(0, self._fit_plot))

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

    def _mouse_clicked(self, event: Any) -> None:  # pyqtgraph's MouseClickEvent
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
        self.wrap_title(self.plot_widget.width())

    def wrap_title(self, width: float) -> None:
        """Wrap the title onto more lines when the plot is narrower than it (it would push the plot off the
        widget, cutting the title, the legend and the bars' ends)."""
        label = self.plot_item.titleLabel
        item = label.item
        item.setTextWidth(-1)
        # the title sits over the plot area, right of the left axis and its labels; a title that fits on one line
        # only over the whole chart (long category names, a narrow window) is centred over the whole chart
        left = self.plot_item.getAxis("left")
        room = max(80.0, width - (left.width() if left.isVisible() else 0.0) - 40.0)
        natural = item.boundingRect().width()
        whole = room < natural <= width - 40.0
        if natural > room and not whole:
            item.setTextWidth(room)
        if whole != getattr(self, "_title_over_whole", False):
            self._title_over_whole = whole
            self.plot_item.layout.removeItem(label)
            self.plot_item.layout.addItem(label, 0, 0 if whole else 1, 1, 3 if whole else 1)
        # pyqtgraph gives the title a row of 30 px, whatever its lines: a wrapped title would run into the plot
        height = max(30.0, item.boundingRect().height() + 6.0)
        if self.plot_item.layout.rowMaximumHeight(0) != height:
            self.plot_item.layout.setRowFixedHeight(0, height)
            label.setMaximumHeight(height)
        label.updateMin()
        label.resizeEvent(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.wrap_title(event.size().width())  # the plot spans the chart's width
        QTimer.singleShot(0, self._fit_plot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot_widget and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._fit_plot)
        return super().eventFilter(watched, event)

    def _fit_plot(self) -> None:
        """Wrap the title for the plot's final width and lay the plot out in it again (pyqtgraph keeps a plot
        as wide as its widest title until its view is resized)."""
        view = self.plot_widget
        self.wrap_title(view.width())
        label = self.plot_item.titleLabel
        overflow = self.plot_item.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() - view.width()
        if overflow > 0 and label.item.textWidth() > 0:
            label.item.setTextWidth(max(80.0, label.item.textWidth() - overflow - 4))
            label.updateMin()
            label.resizeEvent(None)
            self.plot_item.layout.activate()
        if abs(self.plot_item.geometry().width() - view.width()) > 0.5:
            self.plot_item.setGeometry(QRectF(0, 0, view.width(), view.height()))

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
