"""``briefing-app print``: briefing sheets to PDF with no display and no printer.

The command line hands over a typed :class:`~briefing_app.reports.print_request.PrintRequest`. Every failure a
user can cause (unknown id, no bookmarks, a folder that is missing or not writable, a full disk) raises
:class:`~briefing_app.errors.UserError` or another exception the CLI turns into one line and exit status 2; the
target file is then left as it was.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.errors import UserError
from briefing_app.reports.print_request import PrintRequest
from briefing_app.reports.sheet import BriefingSheet
from briefing_app.ui.printing.page_setup import PageSetup, clean_marking

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices, ContentServices


def ensure_gui_application() -> None:
    """Qt needs an application object to lay out text and draw charts; offscreen when there is no display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QApplication([sys.argv[0] if sys.argv else "briefing-app"])


def running_text(services: AppServices | ContentServices):  # type: ignore[no-untyped-def]
    from briefing_app.ui.printing.render import RunningText

    info = services.briefing.pack_info()
    return RunningText(info.title, f"{info.id} {info.version}")


def sheet_for_request(
    services: AppServices | ContentServices, request: PrintRequest, setup: PageSetup,
) -> BriefingSheet:
    from briefing_app.reports.sheets import EmptySheetError, sheet_for

    try:
        return sheet_for(
            services.briefing, getattr(services, "bookmarks", None), section=request.section, item_id=request.item_id,
            bookmarks_tag=request.tag, all_bookmarks=request.bookmarks, printed_on=_long_date(setup.printed_on),
            marking=setup.marking, provenance=request.provenance,
        )
    except EmptySheetError as exc:
        raise UserError(str(exc)) from exc


def print_to_pdf(services: AppServices | ContentServices, request: PrintRequest) -> int:
    """Write the sheet the request asks for to ``request.out``; returns the number of pages."""
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.pdf import check_output_path, write_pdf

    out = check_output_path(Path(request.out))
    setup = PageSetup(
        paper=request.paper, landscape=request.landscape,
        marking=clean_marking(request.marking, clean_marking(services.briefing.pack_info().marking)),
    )
    sheet = sheet_for_request(services, request, setup)
    ensure_gui_application()
    pages = write_pdf(sheet, out, setup, running_text(services), FigureRenderer(services))
    print(f"Printed {sheet.subject or sheet.title} to {out} ({pages} page{'s' if pages != 1 else ''}, "
          f"{setup.paper}{' landscape' if setup.landscape else ''})")
    return pages


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def print_sheet_to_pdf(sheet: BriefingSheet, out: Path, running: tuple[str, str]) -> int:
    """Write a sheet without figures (the pack digest) to ``out``; returns the number of pages."""
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.pdf import check_output_path, write_pdf
    from briefing_app.ui.printing.render import RunningText

    target = check_output_path(Path(out))
    ensure_gui_application()
    renderer = FigureRenderer(None)  # type: ignore[arg-type]  # a sheet without figures never asks for one
    return write_pdf(sheet, target, PageSetup(), RunningText(*running), renderer)
