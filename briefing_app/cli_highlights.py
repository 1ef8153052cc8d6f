"""The ``highlights`` commands of the command line: list, add and remove marked passages.

:func:`briefing_app.cli.build_parser` adds their parser with :func:`add_highlights_parser` and
:func:`briefing_app.cli.run` dispatches to :func:`cmd_highlights`. A quote that does not occur in the item, an
unknown item or colour: one line on stderr, exit status 2, nothing changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from briefing_app.cli_output import emit
from briefing_app.domain.highlights import HighlightColour
from briefing_app.errors import EXIT_OK, UserError

COLOURS = tuple(c.value for c in HighlightColour)


def add_highlights_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], parser_class: type[argparse.ArgumentParser],
) -> None:
    """Add ``highlights`` and its actions to the command subparsers ``sub``."""
    highlights = sub.add_parser("highlights", help="list, add and remove highlighted passages")
    h_sub = highlights.add_subparsers(dest="highlights_command", parser_class=parser_class, metavar="ACTION",
                                      required=True)
    h_list = h_sub.add_parser("list", help="highlights in your order, each found in the current briefing")
    h_list.add_argument("--item", metavar="ID", help="only the highlights of this item")
    h_list.add_argument("--tag")
    h_list.add_argument("--json", action="store_true")
    h_add = h_sub.add_parser("add", help="highlight a passage of an item's text")
    h_add.add_argument("id", metavar="ITEM_ID")
    h_add.add_argument("--quote", required=True, metavar="TEXT", help="the exact words, as they occur in the item")
    h_add.add_argument("--note", default="")
    h_add.add_argument("--colour", "--color", default="yellow", metavar="C", help=f"one of: {', '.join(COLOURS)}")
    h_add.add_argument("--tag", action="append", default=[], dest="tags")
    h_add.add_argument("--json", action="store_true")
    h_remove = h_sub.add_parser("remove", help="remove a highlight")
    h_remove.add_argument("hid", metavar="HID", help="the highlight's id (see 'highlights list')")
    h_remove.add_argument("--json", action="store_true")


def _line(entry: Any) -> str:
    quote = " ".join(entry.highlight.quote.split())
    quote = quote if len(quote) <= 70 else quote[:67] + "…"
    status = f"  ({entry.status})" if entry.status else ""
    note = "  — " + " ".join(entry.highlight.note.split())[:60] if entry.highlight.note else ""
    return f"{entry.highlight_id}  {entry.item_id:32} [{entry.highlight.colour.value}] “{quote}”{status}{note}"


def cmd_highlights(args: argparse.Namespace, services: Any) -> int:
    highlights = services.highlights
    action = args.highlights_command
    status = services.user_status
    if status.unavailable:
        raise UserError(f"highlights are not available: the bookmarks database is {status.read_only_reason} "
                        "(see the warning above); nothing was changed")
    changing = action in ("add", "remove")
    if changing and services.bookmarks.repository.read_only:
        raise UserError(f"the bookmarks database is {status.read_only_reason or 'read-only'}; nothing was changed")
    if changing:
        from briefing_app.services.user_backups import backup_if_changed

        backup_if_changed(occasion="before-change")
    if action == "list":
        found = highlights.entries(args.item, args.tag)
        emit(args, [e.to_json() for e in found],
             lambda: "\n".join(_line(e) for e in found) or "No highlights.")
    elif action == "add":
        added = highlights.add(args.id, args.quote, colour=args.colour, note=args.note, tags=args.tags)
        emit(args, added.to_json(), lambda: f"Highlighted in {added.item_id} as {added.highlight_id}: "
                                            f"“{' '.join(added.quote.split())}”")
    elif action == "remove":
        removed = highlights.remove(args.hid)
        if removed is None:
            raise UserError(f"no highlight with id {args.hid!r}; see 'briefing-app highlights list'")
        emit(args, removed.to_json(), lambda: f"Removed highlight {removed.highlight_id} of {removed.item_id}")
    if changing:
        from briefing_app.cli_bookmarks import _tell_window
        from briefing_app.services.user_backups import backup_if_changed

        backup_if_changed(occasion="after-change", coalesce_seconds=3600)
        _tell_window()
    return EXIT_OK
