"""Paper, orientation, margins and the handling marking of a print job; remembered between sessions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from PySide6.QtCore import QMarginsF, QSettings
from PySide6.QtGui import QPageLayout, QPageSize

PAPERS: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
DEFAULT_MARKING = "UNCLASSIFIED"
MAX_MARKING_CHARS = 80
# Outer margins in millimetres; the running header and footer sit inside them.
MARGIN_SIDE_MM = 16.0
MARGIN_TOP_MM = 10.0
MARGIN_BOTTOM_MM = 9.0


def clean_marking(text: str | None, default: str = DEFAULT_MARKING) -> str:
    """A marking is one line of at most 80 characters; an empty one falls back to the default."""
    cleaned = " ".join((text or "").split())[:MAX_MARKING_CHARS]
    return cleaned or default


@dataclass(frozen=True, slots=True)
class PageSetup:
    paper: str = "A4"
    landscape: bool = False
    marking: str = DEFAULT_MARKING
    printed_on: date = field(default_factory=date.today)

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}; choose one of {', '.join(PAPERS)}")

    def with_marking(self, marking: str | None) -> PageSetup:
        return replace(self, marking=clean_marking(marking, self.marking))

    def page_layout(self) -> QPageLayout:
        orientation = QPageLayout.Orientation.Landscape if self.landscape else QPageLayout.Orientation.Portrait
        return QPageLayout(
            QPageSize(PAPERS[self.paper]), orientation,
            QMarginsF(MARGIN_SIDE_MM, MARGIN_TOP_MM, MARGIN_SIDE_MM, MARGIN_BOTTOM_MM), QPageLayout.Unit.Millimeter,
        )

    @classmethod
    def from_page_layout(cls, layout: QPageLayout, marking: str) -> PageSetup:
        """The paper and orientation a print dialog left on its printer (other papers fall back to A4)."""
        size_id = layout.pageSize().id()
        paper = next((name for name, pid in PAPERS.items() if pid == size_id), "A4")
        return cls(paper, layout.orientation() == QPageLayout.Orientation.Landscape, marking)

    # --- remembered in the settings -----------------------------------------------------------------

    @classmethod
    def load(cls, settings: QSettings, default_marking: str = DEFAULT_MARKING) -> PageSetup:
        paper = settings.value("print/paper", "A4")
        landscape = settings.value("print/landscape", False)
        marking = settings.value("print/marking", "")
        return cls(
            paper if paper in PAPERS else "A4",
            landscape in (True, "true", "1", 1),
            clean_marking(marking if isinstance(marking, str) else "", clean_marking(default_marking)),
        )

    def save(self, settings: QSettings, default_marking: str = DEFAULT_MARKING) -> None:
        settings.setValue("print/paper", self.paper)
        settings.setValue("print/landscape", self.landscape)
        # The pack's own marking is not stored, so a new pack's marking applies until the user chooses one.
        settings.setValue("print/marking", "" if self.marking == clean_marking(default_marking) else self.marking)
        settings.sync()
