"""``briefing-app print``: briefing sheets to PDF with no display and no printer.

Every failure a user can cause (unknown id, no bookmarks, a folder that is missing or not writable, a full
disk) raises one of the exceptions :func:`briefing_app.cli.run` turns into one line and exit status 2; the
target file is then left as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.reports.sheet import BriefingSheet
from briefing_app.ui.printing.page_setup import PageSetup, clean_marking

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices


def ensure_gui_application() -> None:
    """Qt needs an application object to lay out text and draw charts; offscreen when there is no display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QApplication([sys.argv[0] if sys.argv else "briefing-app"])


def running_text(services: AppServices):  # type: ignore[no-untyped-def]
    from briefing_app.ui.printing.render import RunningText

    info = services.briefing.pack_info()
    return RunningText(info.title, f"{info.id} {info.version}")


def sheet_from_args(services: AppServices, args: argparse.Namespace, setup: PageSetup) -> BriefingSheet:
    from briefing_app.cli import UserError
    from briefing_app.reports.sheets import EmptySheetError, sheet_for

    tag = getattr(args, "tag", None)
    if tag is not None and not args.bookmarks:
        raise UserError("--tag works only with --bookmarks")
    try:
        return sheet_for(
            services.briefing, services.bookmarks, section=args.section, item_id=args.item,
            bookmarks_tag=tag, all_bookmarks=bool(args.bookmarks), printed_on=_long_date(setup.printed_on),
            marking=setup.marking,
        )
    except EmptySheetError as exc:
        raise UserError(str(exc)) from exc


def print_to_pdf(services: AppServices, args: argparse.Namespace) -> int:
    """Write the sheet the arguments ask for to ``args.out``; returns the number of pages."""
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.pdf import check_output_path, write_pdf

    out = check_output_path(Path(args.out))
    setup = PageSetup(
        paper=args.paper, landscape=bool(args.landscape),
        marking=clean_marking(args.marking, clean_marking(services.briefing.pack_info().marking)),
    )
    sheet = sheet_from_args(services, args, setup)
    ensure_gui_application()
    pages = write_pdf(sheet, out, setup, running_text(services), FigureRenderer(services))
    print(f"Printed {sheet.subject or sheet.title} to {out} ({pages} page{'s' if pages != 1 else ''}, "
          f"{setup.paper}{' landscape' if setup.landscape else ''})")
    return pages


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
