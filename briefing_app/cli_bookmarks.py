"""The ``bookmarks`` commands of the command line: list, add, remove, export, import and restore.

:func:`briefing_app.cli.build_parser` adds their parser with :func:`add_bookmarks_parser` and
:func:`briefing_app.cli.run` dispatches to :func:`cmd_bookmarks`; failures raise :class:`briefing_app.errors.UserError`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from briefing_app.cli_output import emit
from briefing_app.errors import EXIT_OK, UserError


def add_bookmarks_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], parser_class: type[argparse.ArgumentParser],
) -> None:
    """Add ``bookmarks`` and its actions to the command subparsers ``sub``."""
    bookmarks = sub.add_parser("bookmarks", help="list, add, remove, export, import and restore bookmarks")
    b_sub = bookmarks.add_subparsers(dest="bookmarks_command", parser_class=parser_class, metavar="ACTION",
                                     required=True)
    b_list = b_sub.add_parser("list", help="bookmarks in your order")
    b_list.add_argument("--tag")
    b_list.add_argument("--json", action="store_true")
    b_add = b_sub.add_parser("add", help="bookmark an item")
    b_add.add_argument("id")
    b_add.add_argument("--note", default="")
    b_add.add_argument("--tag", action="append", default=[], dest="tags")
    b_add.add_argument("--json", action="store_true")
    b_remove = b_sub.add_parser("remove", help="remove a bookmark")
    b_remove.add_argument("id")
    for name, text in (("share", "share a bookmark with your team"), ("unshare", "make a shared bookmark private")):
        b_share = b_sub.add_parser(name, help=text)
        b_share.add_argument("id")
    b_export = b_sub.add_parser("export", help="export bookmarks to JSON or Markdown")
    b_export.add_argument("file", type=Path)
    b_export.add_argument("--format", choices=("json", "markdown"), default="json")
    b_export.add_argument("--id", action="append", dest="ids", help="export only these items (repeatable)")
    b_import = b_sub.add_parser("import", help="merge bookmarks from a JSON export")
    b_import.add_argument("file", type=Path)
    b_import.add_argument("--json", action="store_true")
    b_restore = b_sub.add_parser("restore", help="list backups, or restore one (the newest with --latest)")
    b_restore.add_argument("backup", nargs="?", help="backup file name (see the list without arguments)")
    b_restore.add_argument("--latest", action="store_true", help="the newest backup that can be read")
    b_restore.add_argument("--dismiss", action="store_true",
                           help="unpin the backup kept since a damaged database was set aside (it stays a backup)")
    b_restore.add_argument("--json", action="store_true")


def cmd_bookmarks(args: argparse.Namespace, services: Any) -> int:
    bookmarks = services.bookmarks
    action = args.bookmarks_command
    status = services.user_status
    if status.unavailable and not (action == "restore" and not args.backup and not args.latest):
        raise UserError(f"bookmarks are not available: the bookmarks database is {status.read_only_reason} "
                        "(see the warning above); nothing was changed")
    if action in ("add", "remove", "import") and bookmarks.repository.read_only:
        raise UserError(f"the bookmarks database is {status.read_only_reason or 'read-only'}; nothing was changed")
    if action in ("add", "remove", "import"):
        from briefing_app.services.user_backups import backup_if_changed

        backup_if_changed(occasion="before-change")  # the rolling backup holds what was there before
    if action == "list":
        found = bookmarks.entries(args.tag)
        data = [{**e.bookmark.to_json(), "title": e.title, "in_briefing": e.in_briefing,
                 **({"text_changed": True} if e.text_changed else {})} for e in found]
        emit(args, data, lambda: "\n".join(
            f"{e.item_id:40} {e.title}" + (f"  #{' #'.join(e.bookmark.tags)}" if e.bookmark.tags else "")
            + ("" if e.in_briefing else "  (not in the current briefing)")
            + ("  (the paragraph's text changed since it was bookmarked)" if e.text_changed else "")
            for e in found) or ("No bookmarks." if args.tag is None else f"No bookmarks tagged {args.tag!r}."))
    elif action == "add":
        added = bookmarks.add(args.id, note=args.note, tags=args.tags)
        emit(args, added.to_json(), lambda: f"Bookmarked {added.item_id}: {added.title}")
    elif action == "remove":
        removed = bookmarks.remove(args.id)
        if removed is None:
            raise UserError(f"{args.id!r} is not bookmarked")
        print(f"Removed the bookmark of {removed.item_id}: {removed.title}")
    elif action in ("share", "unshare"):
        from briefing_app.cli_team import cmd_share

        return cmd_share(args, services, share=action == "share")
    elif action == "export":
        count = (bookmarks.export_markdown if args.format == "markdown" else bookmarks.export_json)(args.file, args.ids)
        print(f"Exported {count} bookmark{'s' if count != 1 else ''} to {args.file}")
    elif action == "import":
        report = bookmarks.import_file(args.file)
        emit(args, report.to_json(), lambda: f"Imported {args.file}: {report.summary()}")
    elif action == "restore":
        code = _restore(args, services)
        if args.backup or args.latest:
            _tell_window()
        return code
    if action in ("add", "remove", "import"):
        from briefing_app.services.user_backups import backup_if_changed

        backup_if_changed(occasion="after-change", coalesce_seconds=3600)  # the newest state is never only on disk
        _tell_window()
    return EXIT_OK


def _tell_window() -> None:
    """An open window shows the change at once (it listens on a local socket; nothing if no window is open)."""
    from briefing_app import paths
    from briefing_app.services.window_link import tell_window

    tell_window(paths.user_home(), "bookmarks-changed")


def _restore(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.services.user_backups import describe_backups, restore_backup

    if args.dismiss:
        from briefing_app.services.user_backups import dismiss_pin

        unpinned = dismiss_pin()
        emit(args, {"unpinned": unpinned.name if unpinned else None},
             lambda: f"{unpinned.name} is an ordinary backup again" if unpinned else "No backup is pinned.")
        return EXIT_OK
    backups = describe_backups()
    if not args.backup and not args.latest:
        emit(args, [b.to_json() for b in backups], lambda: "\n".join(
            f"{b.name}  {b.taken_at.astimezone():%Y-%m-%d %H:%M:%S}  {b.occasion_label:18}  "
            + (f"{b.bookmarks} bookmarks, {b.notes} with notes, {b.tags} tags" if b.problem == "" else b.problem)
            + ("  (pinned: kept since a damaged database was set aside)" if b.pinned else "")
            for b in backups) or "No backups yet.")
        return EXIT_OK
    if services.bookmarks.repository.read_only and not services.user_status.unavailable:
        raise UserError(f"the bookmarks database is {services.user_status.read_only_reason}; nothing was changed")
    if not backups:
        raise UserError("there are no backups to restore yet")
    if args.latest:
        good = [b for b in backups if not b.problem]
        if not good:
            raise UserError("no backup can be read; run 'briefing-app bookmarks restore' to see why")
        chosen = good[0]
    else:
        matches = [b for b in backups if args.backup in (b.name, str(b.path))]
        if not matches:
            raise UserError(f"no backup named {args.backup!r}; run 'briefing-app bookmarks restore' to list them")
        chosen = matches[0]
    services.bookmarks.repository.close()
    kept = restore_backup(chosen.path)
    where = f"; what was there before was kept as backup {kept.name}" if kept else ""
    emit(args, {"restored": chosen.name, "bookmarks": chosen.bookmarks, "kept": kept.name if kept else None},
         lambda: f"Restored {chosen.bookmarks} bookmarks from {chosen.name}{where}")
    return EXIT_OK
