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

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "EXIT_WARNINGS", "UserError", "build_parser", "emit", "main",
           "run"]
EXIT_WARNINGS = 1  # db check: everything works, but read the warnings
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

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> Any:
        if self.prog == "briefing-app":  # the top parser only: subparsers get their share already rearranged
            args = _query_may_start_with_a_dash(list(sys.argv[1:] if args is None else args))
        return super().parse_known_args(args, namespace)


_GLOBAL_WITH_VALUE = ("--tab", "--open")
_SEARCH_OPTIONS = {"--limit": True, "--kind": True, "--json": False, "-h": False, "--help": False}


def _query_may_start_with_a_dash(argv: list[str]) -> list[str]:
    """``search -Astana`` searches for "-Astana": a search word that is no option of ``search`` is the query,
    even with a leading dash (argparse would take it for an unknown option)."""
    at = 0
    while at < len(argv) and argv[at].startswith("-"):
        at += 2 if argv[at] in _GLOBAL_WITH_VALUE else 1
    if at >= len(argv) or argv[at] != "search":
        return argv
    index = at + 1
    while index < len(argv):
        token = argv[index]
        if token == "--" or not token.startswith("-") or token == "-":
            return argv  # the query is given plainly, or after "--"
        name = token.split("=", 1)[0]
        if name in _SEARCH_OPTIONS:
            index += 2 if _SEARCH_OPTIONS[name] and "=" not in token else 1
            continue
        if token[1:2].isdigit():
            return argv  # a negative number: argparse takes it as a value already
        return [*argv[:index], *argv[index + 1:], "--", token]
    return argv


def build_parser() -> argparse.ArgumentParser:
    from briefing_app.cli_bookmarks import add_bookmarks_parser
    from briefing_app.cli_books import add_books_parser
    from briefing_app.cli_highlights import add_highlights_parser

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
    add_books_parser(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub), _Parser)
    add_highlights_parser(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub), _Parser)
    from briefing_app.cli_packs import add_packs_parser

    add_packs_parser(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub), _Parser)
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
    pr.add_argument("--marking", default=None,
                    help="handling marking (default: the pack's, UNCLASSIFIED; 'none' prints none)")
    pr.add_argument("--tag", help="with --bookmarks: only bookmarks with this tag")
    pr.add_argument("--provenance", action="store_true",
                    help="with --section book: add the Data provenance appendix (how the data were obtained)")
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
    gone, following = _refresh_bookmarks_after_build()
    if gone is not None:
        data["bookmarks_not_in_briefing"] = gone
    lines = []
    if following is not None and following.moved:
        data["paragraph_bookmarks_moved"] = [{"from": a, "to": b} for a, b in following.moved]
        lines.append(f"{len(following.moved)} paragraph bookmark(s) followed their text to its new paragraph: "
                     + ", ".join(f"{a} -> {b}" for a, b in following.moved[:10]))
    if following is not None and following.changed:
        data["paragraph_bookmarks_changed"] = list(following.changed)
        lines.append(f"{len(following.changed)} paragraph bookmark(s) kept where they were: their text is no longer "
                     "in the address (shown as changed): " + ", ".join(following.changed[:10]))
    if gone:
        lines.append(f"{gone} bookmark(s) refer to items not in this briefing; they are kept")
    emit(args, data, lambda: "\n".join([
        f"Built {total} items: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), *lines]))
    return EXIT_OK


def _refresh_bookmarks_after_build() -> tuple[int | None, Any]:
    """Move paragraph bookmarks to their text and carry renamed titles into existing bookmarks; return how many
    bookmarks refer to items now gone, and what happened to paragraph bookmarks (None, None: no bookmarks)."""
    from briefing_app import paths

    if not paths.user_db_path().exists():
        return None, None
    from briefing_app.services.app import open_services

    try:
        services = open_services()
    except Exception as exc:  # noqa: BLE001 - the build succeeded; titles are refreshed again at next start
        log.warning("bookmark titles not refreshed after build: %s", exc)
        return None, None
    try:
        if not services.bookmarks.repository.read_only:
            services.bookmarks.refresh_titles()
            if services.highlights is not None:
                services.highlights.refresh_after_build()  # last known titles of highlighted items too
        gone = sum(1 for e in services.bookmarks.entries() if not e.in_briefing)
        return gone, services.bookmarks.last_following
    finally:
        services.close()


def _content_path() -> Path:
    from briefing_app import paths

    return paths.content_db_path()


def cmd_db_check(args: argparse.Namespace, services: Any) -> int:
    """Exit 0 when all is well, 1 when there are warnings (see them), 2 when a database has an error."""
    from briefing_app.persistence.migrations import HEAD_REVISION, stored_revision

    briefing = services.briefing
    meta = briefing.content.meta()
    info = briefing.pack_info()
    counts = briefing.counts()
    content_ok = briefing.content.integrity()
    status = services.user_status
    if status.unavailable:  # an empty stand-in: its checks would say nothing about the user's file
        user_ok, revision = f"not checked: the bookmarks database is {status.read_only_reason}", None
    else:
        user_ok = services.bookmarks.repository.integrity()
        try:
            revision = stored_revision(services.bookmarks.repository.path, timeout=1)
        except Exception as exc:  # noqa: BLE001 - reported as the error it is
            user_ok, revision = f"not checked: {exc}", None
    errors = content_ok != "ok" or user_ok != "ok" or revision != HEAD_REVISION
    data = {
        "ok": not errors,
        "status": "errors" if errors else "warnings" if services.warnings else "ok",
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
    return EXIT_USAGE if errors else EXIT_WARNINGS if services.warnings else EXIT_OK


def cmd_items(args: argparse.Namespace, services: Any) -> int:
    items = services.briefing.items(args.kind)
    emit(args, [item.to_json() for item in items],
         lambda: "\n".join(f"{i.id:45} {i.title}" for i in items) or "No items.")
    return EXIT_OK


def cmd_search(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.domain.items import mark_snippet

    results = services.briefing.search_results(args.query, limit=args.limit, kind=args.kind)
    hits = results.hits
    if results.notice:  # "Showing results for …" or "No results for …": said on stderr, never in the data
        sys.stderr.write(results.notice + "\n")
    if not hits and not getattr(args, "json", False):
        return EXIT_OK
    emit(
        args, [hit.to_json() for hit in hits],
        lambda: "\n".join(f"{h.item.id:40} {h.item.title}\n    {mark_snippet(h.snippet, '[', ']')}" for h in hits),
    )
    return EXIT_OK


def nearest_ids(briefing: Any, text: str, limit: int = 3) -> list[str]:
    """The ids a mistyped id probably meant: an item titled or named so, ids spelt alike, then search hits."""
    import difflib

    wanted = text.strip().casefold()
    tail = wanted.partition(":")[2] or wanted
    items = briefing.items()
    out: list[str] = []
    for item in items:
        if tail and tail in (item.title.casefold(), item.id.partition(":")[2]) and item.id not in out:
            out.append(item.id)
    ids = [item.id for item in items]
    tails = {item_id.partition(":")[2]: item_id for item_id in ids}
    close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.6)
    close += [tails[t] for t in difflib.get_close_matches(tail, list(tails), n=limit, cutoff=0.6)]
    out += [item_id for item_id in dict.fromkeys(close) if item_id not in out]
    if len(out) < limit and wanted:
        hits = [hit.item.id for hit in briefing.search(text, limit=limit * 3)]
        hits.sort(key=lambda item_id: item_id.startswith("paragraph:"))  # the facts before the address's text
        out += [item_id for item_id in hits if item_id not in out]
    return out[:limit]


def cmd_show(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.services.briefing import UnknownItemError, rel_label
    from briefing_app.views.facts import attributes_json
    from briefing_app.views.summit import computed_share

    try:
        detail = services.briefing.detail(args.id)
    except UnknownItemError as exc:
        near = nearest_ids(services.briefing, args.id)
        if not near:
            raise
        named = ", ".join(f"{item_id} ({services.briefing.item(item_id).title})" for item_id in near)
        raise UserError(f"{exc}; nearest ids: {named}") from exc
    item = detail.item
    data = {
        **item.to_json(),
        "body": item.body,
        "attrs": attributes_json(item),
        "keywords": list(item.keywords),
        "aliases": list(item.aliases),
        "links": [link.to_json() for link in detail.links],
        "bookmarked": services.bookmarks.is_bookmarked(item.id),
    }
    share = computed_share(services.briefing, item)
    if share is not None:
        data["computed_share"] = share.to_json()

    def text() -> str:
        lines = [f"{item.title}  [{item.kind.label}, {item.id}]"]
        if item.as_of:
            lines.append(f"After the summit: as of {item.as_of}")
        if item.aliases:
            lines.append(f"also: {', '.join(item.aliases)}")
        if item.summary:
            lines.append(item.summary)
        if item.body and item.body != item.summary:
            lines.append(item.body)
        if share is not None:
            lines.extend(f"{label}: {value}" for label, value, _ in share.rows())
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
        provenance=bool(args.provenance),
    )
    print_to_pdf(services, request)
    return EXIT_OK


def leave_at_once_if_built(args: argparse.Namespace, status: int) -> None:
    """After a ``db build`` that succeeded, end the process here (the entry point's last step): the database is
    written, synced and renamed into place, every file is closed and no process it forked is left, so the
    interpreter's teardown (freeing the pack's objects and modules one by one, a tenth of a second or more at a
    large pack) would change nothing. The output and the log are flushed first. Any other command or status
    returns, to leave the ordinary way."""
    if status != EXIT_OK or args.command != "db" or getattr(args, "db_command", None) != "build":
        return
    import os

    for handler in logging.getLogger().handlers:  # the log file
        handler.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _expected_errors() -> tuple[type[BaseException], ...]:
    """The failures a user can cause: one line on stderr and status 2 (imported when one happened: ``db build``
    imports none of the services they live in)."""
    from briefing_app.content.errors import PackError
    from briefing_app.services.bookmark_files import BookmarkFileError
    from briefing_app.services.briefing import UnknownItemError
    from briefing_app.services.content import ContentUnavailableError
    from briefing_app.services.errors import ReadOnlyDatabaseError, UserDatabaseError

    return (
        UserError, PackError, BookmarkFileError, UnknownItemError, ContentUnavailableError, OSError, ValueError,
        UserDatabaseError, ReadOnlyDatabaseError,
    )


def run(args: argparse.Namespace) -> int:
    """Run one CLI command; map every expected failure to one line on stderr and exit status 2."""
    services = None
    try:
        _check_text_arguments(args)
        if args.command == "db" and args.db_command == "build":
            return cmd_db_build(args)
        from briefing_app.cli_bookmarks import cmd_bookmarks
        from briefing_app.cli_books import cmd_book
        from briefing_app.cli_highlights import cmd_highlights

        if args.command == "pack":
            from briefing_app.cli_packs import cmd_pack

            return cmd_pack(args)
        if args.command == "team" and args.team_command in ("setup", "add-member", "remove-member"):
            from briefing_app.cli_team import cmd_team_admin

            return cmd_team_admin(args)
        if args.command == "team" and args.team_command in ("sync", "status"):
            from briefing_app.cli_team import cmd_team_user_data_only

            return cmd_team_user_data_only(args)  # the window's background sync: no content opened
        from briefing_app.services.app import open_content_services, open_services

        # printing a section or the book reads only the content: the user database stays closed (and unimported)
        services = open_content_services() if args.command == "print" and args.section else open_services()
        for warning in services.warnings:
            print(f"briefing-app: warning: {warning}", file=sys.stderr)
        handler: dict[str, Callable[[argparse.Namespace, Any], int]] = {
            "items": cmd_items, "search": cmd_search, "show": cmd_show, "bookmarks": cmd_bookmarks,
            "print": cmd_print, "highlights": cmd_highlights, "book": cmd_book, "team": _cmd_team,
        }
        if args.command == "db":
            return cmd_db_check(args, services)
        return handler[args.command](args, services)
    except Exception as exc:  # noqa: BLE001 - the expected ones get one line, the rest the last line of defence
        if not isinstance(exc, _expected_errors()):
            return _internal_error(args, exc)
        message = str(exc) if not isinstance(exc, OSError) or not exc.strerror else _os_message(exc)
        print(f"briefing-app: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if services is not None:
            services.close()


def _internal_error(args: argparse.Namespace, exc: Exception) -> int:
    """The last line of defence: a log entry and one line, never a traceback."""
    from briefing_app import paths
    from briefing_app.services.errors import is_disk_full_error

    if is_disk_full_error(exc):
        where = paths.user_home()
        print(f"briefing-app: error: the disk that holds {where} is full; nothing was changed. Free some space "
              "on it and try again.", file=sys.stderr)
        return EXIT_USAGE
    from briefing_app.services.userdata import is_locked_error

    if is_locked_error(exc):
        print("briefing-app: error: the bookmarks database is locked by another program and stayed locked; "
              "nothing was changed. Close the other program and try again.", file=sys.stderr)
        return EXIT_USAGE
    log.exception("internal error in %s", args.command)
    print(f"briefing-app: internal error: {type(exc).__name__}: {exc} (details in the log file)", file=sys.stderr)
    return EXIT_INTERNAL


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Arguments that are text (ids, tags, notes, queries) must be text: bytes that are not valid in the
    system's encoding arrive as lone surrogates, which no database or terminal can take."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    option = name.rstrip("s") if name == "tags" else name
                    raise UserError(f"the {option} given holds bytes that are not valid text (check the terminal's "
                                    "encoding); nothing was done") from None
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
