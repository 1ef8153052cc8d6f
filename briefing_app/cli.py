"""Headless commands over the services. JSON output is a documented contract (see README, "Command line").

Every failure a user can cause (bad arguments, unknown ids, an invalid pack, an unreadable file) prints one
line on stderr and exits with status 2; nothing is changed on disk.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, cast

from briefing_app import APP_TITLE, __version__
from briefing_app.cli_output import emit
from briefing_app.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UserError

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "UserError", "build_parser", "emit", "main", "run"]
KINDS = (
    "event", "member", "partner", "organisation", "person", "concept", "achievement", "document", "project",
    "figure", "priority", "proposal", "corridor", "node", "paragraph",
)
PRINT_SECTIONS = ("overview", "members", "achievements", "priorities", "corridors", "book")

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One clear line, no usage block: the usage is one 'briefing-app --help' away.
        self.exit(EXIT_USAGE, f"briefing-app: error: {message} (see 'briefing-app --help')\n")


def build_parser() -> argparse.ArgumentParser:
    from briefing_app.cli_bookmarks import add_bookmarks_parser

    parser = _Parser(
        prog="briefing-app",
        description=(
            f"{APP_TITLE}: the SCO summit in Astana, 4 July 2024, offline. "
            "Without a command, opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_TITLE} {__version__}")
    parser.add_argument(
        "--exit-after-paint", action="store_true",
        help="diagnostics: open the window, quit right after its first paint with content (exit 0)",
    )
    parser.add_argument("--tab", help="open the window on this tab (overview, members, ...)")
    parser.add_argument("--open", dest="open_item", metavar="ID", help="open the window on this item")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    db = sub.add_parser("db", help="build or check the content database")
    db_sub = db.add_subparsers(dest="db_command", parser_class=_Parser, metavar="ACTION", required=True)
    build = db_sub.add_parser("build", help="validate a briefing pack and build the content database from it")
    build.add_argument("--pack", type=Path, help="pack folder (default: the active pack)")
    build.add_argument("--json", action="store_true")
    check = db_sub.add_parser("check", help="integrity, schema versions and counts per kind")
    check.add_argument("--json", action="store_true")

    items = sub.add_parser("items", help="list items")
    items.add_argument("--kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    items.add_argument("--json", action="store_true")

    search = sub.add_parser("search", help="full-text search, best hits first")
    search.add_argument("query")
    search.add_argument("--limit", type=_positive_int, default=20)
    search.add_argument("--kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    search.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="one item with its links")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")

    add_bookmarks_parser(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub), _Parser)
    from briefing_app.cli_team import add_team_parser

    add_team_parser(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub), _Parser)

    pr = sub.add_parser("print", help="print briefing sheets to PDF, headless")
    what = pr.add_mutually_exclusive_group(required=True)
    what.add_argument("--section", choices=PRINT_SECTIONS)
    what.add_argument("--item", metavar="ID")
    what.add_argument("--bookmarks", action="store_true")
    pr.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    pr.add_argument("--paper", choices=("A4", "Letter"), default="A4")
    pr.add_argument("--landscape", action="store_true")
    pr.add_argument("--marking", default=None, help="handling marking (default: the pack's, UNCLASSIFIED)")
    pr.add_argument("--tag", help="with --bookmarks: only bookmarks with this tag")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1 or value > 10_000:
        raise argparse.ArgumentTypeError(f"{value} is out of range (1 to 10000)")
    return value


# --- commands -------------------------------------------------------------------------------------------


def cmd_db_build(args: argparse.Namespace) -> int:
    from briefing_app.services import content

    counts = content.build(args.pack)
    total = sum(counts.values())
    data: dict[str, Any] = {
        "built": True, "path": str(_content_path()), "total": total, "counts": dict(sorted(counts.items())),
    }
    gone = _refresh_bookmarks_after_build()
    if gone is not None:
        data["bookmarks_not_in_briefing"] = gone
    emit(args, data, lambda: f"Built {total} items: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
         + (f"\n{gone} bookmark(s) refer to items not in this briefing; they are kept" if gone else ""))
    return EXIT_OK


def _refresh_bookmarks_after_build() -> int | None:
    """Carry renamed titles into existing bookmarks; return how many bookmarks refer to items now gone."""
    from briefing_app import paths

    if not paths.user_db_path().exists():
        return None
    from briefing_app.services.app import open_services

    try:
        services = open_services()
    except Exception as exc:  # noqa: BLE001 - the build succeeded; titles are refreshed again at next start
        log.warning("bookmark titles not refreshed after build: %s", exc)
        return None
    try:
        if not services.bookmarks.repository.read_only:
            services.bookmarks.refresh_titles()
        return sum(1 for e in services.bookmarks.entries() if not e.in_briefing)
    finally:
        services.close()


def _content_path() -> Path:
    from briefing_app import paths

    return paths.content_db_path()


def cmd_db_check(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.persistence.migrations import HEAD_REVISION, stored_revision

    briefing = services.briefing
    meta = briefing.content.meta()
    info = briefing.pack_info()
    counts = briefing.counts()
    content_ok = briefing.content.integrity()
    user_ok = services.bookmarks.repository.integrity()
    revision = stored_revision(services.bookmarks.repository.path)
    data = {
        "ok": content_ok == "ok" and user_ok == "ok" and revision == HEAD_REVISION,
        "content": {
            "path": str(briefing.content.path), "integrity": content_ok, "schema_version": meta.get("schema_version"),
            "pack": info.to_json(), "built_at": meta.get("built_at"), "total": sum(counts.values()),
            "counts": dict(sorted(counts.items())),
        },
        "user": {
            "path": str(services.bookmarks.repository.path), "integrity": user_ok, "schema_revision": revision,
            "expected_revision": HEAD_REVISION, "bookmarks": len(services.bookmarks.list()),
        },
        "warnings": services.warnings,
    }

    def text() -> str:
        lines = [
            f"Content database: {briefing.content.path}",
            f"  integrity {content_ok}, schema {meta.get('schema_version')}, pack {info.id} {info.version}",
            f"  {sum(counts.values())} items: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
            f"User database: {services.bookmarks.repository.path}",
            f"  integrity {user_ok}, schema {revision} (expected {HEAD_REVISION}), "
            f"{data['user']['bookmarks']} bookmarks",
        ]
        lines += [f"Warning: {w}" for w in services.warnings]
        return "\n".join(lines)

    emit(args, data, text)
    return EXIT_OK if data["ok"] else EXIT_USAGE


def cmd_items(args: argparse.Namespace, services: Any) -> int:
    items = services.briefing.items(args.kind)
    emit(args, [item.to_json() for item in items],
         lambda: "\n".join(f"{i.id:45} {i.title}" for i in items) or "No items.")
    return EXIT_OK


def cmd_search(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.domain.items import mark_snippet

    hits = services.briefing.search(args.query, limit=args.limit, kind=args.kind)
    emit(
        args, [hit.to_json() for hit in hits],
        lambda: "\n".join(
            f"{h.item.id:40} {h.item.title}\n    {mark_snippet(h.snippet, '[', ']')}" for h in hits
        ) or "No hits.",
    )
    return EXIT_OK


def cmd_show(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.services.briefing import rel_label

    detail = services.briefing.detail(args.id)
    item = detail.item
    data = {
        **item.to_json(),
        "body": item.body,
        "attrs": dict(item.attrs),
        "keywords": list(item.keywords),
        "links": [link.to_json() for link in detail.links],
        "bookmarked": services.bookmarks.is_bookmarked(item.id),
    }

    def text() -> str:
        lines = [f"{item.title}  [{item.kind.label}, {item.id}]"]
        if item.summary:
            lines.append(item.summary)
        if item.body and item.body != item.summary:
            lines.append(item.body)
        for source in item.sources:
            lines.append(f"  Source {source.reference()}: {source.quote or source.url or ''}")
        for link in detail.links:
            lines.append(f"  {rel_label(link.rel, link.direction)}: {link.item.title} ({link.item.id})")
        return "\n".join(lines)

    emit(args, data, text)
    return EXIT_OK


def cmd_print(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.reports.print_request import PrintRequest
    from briefing_app.ui.printing.headless import print_to_pdf

    request = PrintRequest(
        out=args.out, section=args.section, item_id=args.item, bookmarks=bool(args.bookmarks), tag=args.tag,
        paper=args.paper, landscape=bool(args.landscape), marking=args.marking,
    )
    print_to_pdf(services, request)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run one CLI command; map every expected failure to one line on stderr and exit status 2."""
    from briefing_app.content.errors import PackError
    from briefing_app.services.bookmarks import BookmarkFileError
    from briefing_app.services.briefing import UnknownItemError
    from briefing_app.services.content import ContentUnavailableError
    from briefing_app.services.errors import ReadOnlyDatabaseError
    from briefing_app.services.userdata import UserDatabaseError, is_locked_error

    expected: tuple[type[BaseException], ...] = (
        UserError, PackError, BookmarkFileError, UnknownItemError, ContentUnavailableError, OSError, ValueError,
        UserDatabaseError, ReadOnlyDatabaseError,
    )
    from briefing_app.cli_bookmarks import cmd_bookmarks

    services = None
    try:
        if args.command == "db" and args.db_command == "build":
            return cmd_db_build(args)
        if args.command == "team" and args.team_command in ("setup", "add-member", "remove-member"):
            from briefing_app.cli_team import cmd_team_admin

            return cmd_team_admin(args)
        from briefing_app.services.app import open_services

        services = open_services()
        for warning in services.warnings:
            print(f"briefing-app: warning: {warning}", file=sys.stderr)
        handler: dict[str, Callable[[argparse.Namespace, Any], int]] = {
            "items": cmd_items, "search": cmd_search, "show": cmd_show, "bookmarks": cmd_bookmarks,
            "print": cmd_print, "team": _cmd_team,
        }
        if args.command == "db":
            return cmd_db_check(args, services)
        return handler[args.command](args, services)
    except expected as exc:
        message = str(exc) if not isinstance(exc, OSError) or not exc.strerror else _os_message(exc)
        print(f"briefing-app: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a log entry, never a traceback
        if is_locked_error(exc):
            print("briefing-app: error: the bookmarks database is locked by another program and stayed locked; "
                  "nothing was changed. Close the other program and try again.", file=sys.stderr)
            return EXIT_USAGE
        log.exception("internal error in %s", args.command)
        print(f"briefing-app: internal error: {type(exc).__name__}: {exc} (details in the log file)", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if services is not None:
            services.close()


def _cmd_team(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.cli_team import cmd_team

    return cmd_team(args, services)


def _os_message(exc: OSError) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    return f"cannot write or read{where}: {exc.strerror}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return run(args)
