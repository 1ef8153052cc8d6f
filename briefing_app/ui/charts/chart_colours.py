"""The colours charts draw with, read from the palette: readable on light and dark backgrounds, and on paper."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

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
