"""A composed briefing book to PDF, Word or OpenDocument, for the composer dialog and the command line (no display
needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any


def _sheet(services: Any, book: Any, marking: str, provenance: bool):  # type: ignore[no-untyped-def]
    """The composed book; ``book`` None is the whole briefing book."""
    from briefing_app.reports.book import briefing_book
    from briefing_app.reports.composed_book import composed_book

    today = date.today()
    if book is None:
        return briefing_book(services.briefing, printed_on=f"{today.day} {today:%B %Y}", marking=marking,
                             provenance=provenance)
    return composed_book(book, services.briefing, services.bookmarks, printed_on=f"{today.day} {today:%B %Y}",
                         marking=marking, provenance=provenance, highlights=getattr(services, "highlights", None))


def _marking(services: Any, marking: str | None) -> str:
    from briefing_app.ui.printing.page_setup import clean_marking

    return clean_marking(marking, clean_marking(services.briefing.pack_info().marking))


def print_book_pdf(services: Any, book: Any, out: Path, *, marking: str | None = None, paper: str = "A4",
                   provenance: bool = False) -> int:
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.headless import ensure_gui_application, running_text
    from briefing_app.ui.printing.page_setup import PageSetup
    from briefing_app.ui.printing.pdf import check_output_path, write_pdf

    target = check_output_path(out)
    setup = PageSetup(paper=paper, marking=_marking(services, marking))
    sheet = _sheet(services, book, setup.marking, provenance)
    ensure_gui_application()
    return write_pdf(sheet, target, setup, running_text(services), FigureRenderer(services))


def export_book_docx(services: Any, book: Any, out: Path, *, marking: str | None = None,
                     provenance: bool = False) -> None:
    from briefing_app.ui.printing.docx_export import write_docx
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.headless import ensure_gui_application
    from briefing_app.ui.printing.pdf import check_output_path

    target = check_output_path(out)
    mark = _marking(services, marking)
    sheet = _sheet(services, book, mark, provenance)
    ensure_gui_application()
    write_docx(sheet, target, FigureRenderer(services), marking=mark)


def export_book_odt(services: Any, book: Any, out: Path, *, marking: str | None = None,
                    provenance: bool = False) -> None:
    """The book as OpenDocument text, written by Qt's own ODF writer (see :mod:`.odt_export`)."""
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.headless import ensure_gui_application
    from briefing_app.ui.printing.odt_export import write_odt
    from briefing_app.ui.printing.pdf import check_output_path

    target = check_output_path(out)
    sheet = _sheet(services, book, _marking(services, marking), provenance)
    ensure_gui_application()
    write_odt(sheet, target, FigureRenderer(services))
