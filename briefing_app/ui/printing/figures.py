"""Charts and the map for print, drawn by the same code as on screen at print resolution (never a screen grab).

A sheet names its figures by key (see :mod:`briefing_app.reports.section_sheets`); :class:`FigureRenderer`
turns a key and a size in pixels into an image. pyqtgraph and the map are imported only when a sheet has a
figure. A figure that cannot be drawn is left out of the print and logged; the rest of the sheet prints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from briefing_app.reports.section_sheets import CHART_ACHIEVEMENTS, CHART_GDP, CHART_POPULATION, MAP_ALL
from briefing_app.reports.sheet import Figure

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices, ContentServices
    from briefing_app.views.members import MemberRow

log = logging.getLogger(__name__)

PRINT_DPI = 300.0
SCREEN_DPI = 96.0
#: the screen height (px) a chart of the ten member states needs for its names to stand apart
MEMBER_CHART_MIN_HEIGHT = 235
#: the screen width (px) the documents-by-status chart needs for its status names and its title on one line
DOCUMENT_CHART_MIN_WIDTH = 560
MIN_TEXT_SCALE = 0.7  # a chart's text prints at no less than this share of its screen size


class FigureRenderer:
    """Draws the figures of briefing sheets for one set of services; images are cached per key and size."""

    def __init__(self, services: AppServices | ContentServices) -> None:
        self.services = services
        self._cache: dict[tuple[str, int, int], QImage | None] = {}
        self._member_rows: list[MemberRow] | None = None
        self._charts: dict[str, Callable[[int, int], QImage | None]] = {
            CHART_ACHIEVEMENTS: self._achievement_chart,
            CHART_POPULATION: lambda w, h: self._member_chart("population", w, h),
            CHART_GDP: lambda w, h: self._member_chart("gdp", w, h),
        }

    def __call__(self, figure: Figure, width: int, height: int) -> QImage | None:
        key = (figure.key, width, height)
        if key not in self._cache:
            self._cache[key] = self._draw(figure.key, width, height)
        return self._cache[key]

    def paint_page(self, figure: Figure, painter: QPainter, rect: QRectF) -> None:
        """Paint a figure that has a page of its own (the map) as vector drawing into ``rect``."""
        if figure.key != MAP_ALL:
            image = self(figure, round(rect.width()), round(rect.height()))
            if image is not None:
                painter.drawImage(rect, image)
            return
        try:
            from briefing_app.ui.printing.map_page import MapPage
        except ImportError:
            log.warning("the map renderer is not available")
            return
        from briefing_app.domain.items import ItemKind

        corridors = self.services.briefing.items(ItemKind.CORRIDOR)
        MapPage(self.services, {c.id: n for n, c in enumerate(corridors, start=1)}).paint(painter, rect)

    def _draw(self, key: str, width: int, height: int) -> QImage | None:
        if key == MAP_ALL or key.startswith(MAP_ALL + ":"):
            return self._map(width, height, key.partition(":")[2] or None)
        chart = self._charts.get(key)
        if chart is None:
            log.warning("no renderer for figure %s", key)
            return None
        return chart(width, height)

    def _map(self, width: int, height: int, highlight: str | None) -> QImage | None:
        try:
            from briefing_app.ui.map.render import render_map_image
        except ImportError:
            log.warning("the map renderer is not available")
            return None
        return render_map_image(self.services, width, height, highlight, dpi=PRINT_DPI)

    def _render_chart(self, chart, width: int, height: int, *, min_width: int = 0,  # type: ignore[no-untyped-def]
                      min_height: int = 0) -> QImage:
        # The chart is laid out at its physical size on a 96 dpi screen and drawn at 300 dpi, so its text
        # prints at the same point size as on screen; a chart printed shorter than ``min_height`` (narrower than
        # ``min_width``) screen pixels is laid out at that size and drawn smaller, so that its category names do
        # not run into each other (its title does not wrap onto the plot).
        full = PRINT_DPI / SCREEN_DPI
        scale = min(full, width / min_width if min_width else full, height / min_height if min_height else full)
        scale = max(scale, full * MIN_TEXT_SCALE)
        logical = (round(width / scale), round(height / scale))
        try:
            # pyqtgraph sizes an axis for its tick labels only when it first paints: a chart that was never
            # shown needs one throw-away paint, or its category names are cut off.
            chart.render_image(*logical, scale=0.25)
            image: QImage = chart.render_image(*logical, scale=scale)
        finally:
            chart.deleteLater()
        image.setDevicePixelRatio(1.0)
        return image

    def _achievement_chart(self, width: int, height: int) -> QImage | None:
        """The documents of the chairmanship by status: the Achievements tab's own chart, in print colours."""
        try:
            from briefing_app.ui.charts.document_status import DocumentStatusChart
        except ImportError:
            log.warning("the documents-by-status chart is not available")
            return None
        from briefing_app.domain.items import ItemKind

        briefing = self.services.briefing
        info = briefing.pack_info()
        chart = DocumentStatusChart(f"items of briefing pack {info.id} {info.version}")
        chart.set_documents(briefing.items(ItemKind.DOCUMENT))
        return self._render_chart(chart, width, height, min_width=DOCUMENT_CHART_MIN_WIDTH)

    def _member_chart(self, measure: str, width: int, height: int) -> QImage | None:
        """Population or GDP by member state: the Members tab's own bar chart, in print colours."""
        try:
            from briefing_app.ui.charts.member_charts import GDP, POPULATION, MemberBarsChart
            from briefing_app.views.members import member_rows
        except ImportError:
            log.warning("the member charts are not available")
            return None
        if self._member_rows is None:  # read once for both member charts
            self._member_rows = member_rows(self.services.briefing)
        chart = MemberBarsChart(POPULATION if measure == "population" else GDP)
        chart.set_members(self._member_rows)
        return self._render_chart(chart, width, height, min_height=MEMBER_CHART_MIN_HEIGHT)
