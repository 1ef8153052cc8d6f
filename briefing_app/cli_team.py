"""The ``team`` commands: set up a team server (an administrator), connect, status, sync, disconnect, conflicts.

Nothing here runs, and psycopg is not imported, unless the user types ``briefing-app team ...``. The password comes
from ``~/.pgpass`` or a prompt on the terminal, never from settings.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from briefing_app.cli_output import emit
from briefing_app.errors import EXIT_OK, UserError

ADMIN_ACTIONS = ("setup", "add-member", "remove-member")
#: set by the window for its background ``team sync`` child (ui/team.py): run at a lower CPU priority
BACKGROUND_ENV = "BRIEFING_TEAM_BACKGROUND"


def add_team_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], parser_class: type[argparse.ArgumentParser],
) -> None:
    team = sub.add_parser("team", help="work together through a team server (PostgreSQL), offline first")
    t_sub = team.add_subparsers(dest="team_command", parser_class=parser_class, metavar="ACTION", required=True)
    setup = t_sub.add_parser("setup", help="(administrator) create the team schema, role and policies")
    setup.add_argument("admin_url", help="libpq URL or service name of a role that may create roles")
    setup.add_argument("--member", action="append", default=[], dest="members", help="login role (repeatable)")
    setup.add_argument("--team-role", default=None, help="name of the team role (default briefing_team)")
    for name in ("add-member", "remove-member"):
        p = t_sub.add_parser(name, help=f"(administrator) {name.replace('-', ' ')}")
        p.add_argument("admin_url")
        p.add_argument("role")
    connect = t_sub.add_parser("connect", help="link this copy to a team (libpq URL or service name)")
    connect.add_argument("url")
    connect.add_argument("--json", action="store_true")
    for name, text in (("status", "the team link and the changes waiting"), ("sync", "push and pull now"),
                       ("marks", "the team's shared marks, with who made them")):
        p = t_sub.add_parser(name, help=text)
        p.add_argument("--json", action="store_true")
    t_sub.add_parser("disconnect", help="leave the team (bookmarks stay, private)")
    for name, text in (("share-highlight", "share a highlight with the team"),
                       ("unshare-highlight", "make a shared highlight private")):
        p = t_sub.add_parser(name, help=text)
        p.add_argument("highlight")
    edit = t_sub.add_parser("edit", help="edit a shared mark's note (anyone's)")
    edit.add_argument("mark")
    edit.add_argument("note")
    resolve = t_sub.add_parser("resolve", help="settle a conflict: --choose N (0 = the text in place) or --text")
    resolve.add_argument("mark")
    how = resolve.add_mutually_exclusive_group(required=True)
    how.add_argument("--choose", type=int)
    how.add_argument("--text")


def _prompt(message: str) -> str:
    if not sys.stdin.isatty():
        raise UserError("the team server asks for a password: put it in ~/.pgpass (see docs/team.md)")
    import getpass

    return getpass.getpass(message)


def cmd_team_admin(args: argparse.Namespace) -> int:
    from briefing_app.services import team_sync

    try:
        if args.team_command == "setup":
            head = team_sync.setup_team(args.admin_url, args.members, args.team_role)
            print(f"Team set up (schema {head}); members: {', '.join(args.members) or 'none yet'}")
        elif args.team_command == "add-member":
            team_sync.add_member(args.admin_url, args.role)
            print(f"Added {args.role} to the team")
        else:
            team_sync.remove_member(args.admin_url, args.role)
            print(f"Removed {args.role} from the team")
    except team_sync.TeamServerError as exc:
        raise UserError(str(exc)) from exc
    return EXIT_OK


def cmd_team(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.services import team_sync

    repository = services.bookmarks.repository
    if repository.read_only:
        raise UserError("the bookmarks database is read-only; the team link cannot be used")
    action = args.team_command
    sync_engine = team_sync.worker_engine(repository.path) if action == "sync" else None
    team = team_sync.TeamSync(sync_engine or repository.engine, prompt=_prompt)
    try:
        if action == "connect":
            status = team.connect(args.url)
            emit(args, status.to_json(), lambda: f"Connected as {status.me}. {status.line()}")
        elif action == "disconnect":
            team.disconnect()
            print("Left the team; your bookmarks stay on this machine, private.")
        elif action == "status":
            status = team.status()
            emit(args, status.to_json(), lambda: status.line() + (f" ({status.url}, as {status.me})"
                                                                   if status.configured else "No team configured."))
        elif action == "sync":
            _need(team)
            status = team.sync()
            # pulled/followed: the window's background sync (this command, as a child process) reloads its lists
            emit(args, {**status.to_json(), "pulled": team.last_pulled, "followed": team.store.followed},
                 status.line)
        elif action == "marks":
            _need(team)
            marks = team.marks()
            data = [{"mark": m.mark_id, "kind": m.mark_kind, "item_id": m.item_id, "title": m.title, "note": m.note,
                     "tags": list(m.tags), **({"parts": team_sync.book_parts(m)} if m.mark_kind == "book" else {}),
                     "by": m.owner, "last_edit_by": m.last_author,
                     "conflicts": [{"by": c["author"], "note": c["note"]} for c in m.conflicts]} for m in marks]
            emit(args, data, lambda: "\n".join(
                f"{m.mark_id}  {m.mark_kind:9} {m.item_id:30} by {m.owner}: {m.note}"
                + "".join(f"\n    conflict {i}: {c['author']}: {c['note']}" for i, c in enumerate(m.conflicts, 1))
                for m in marks) or "No shared marks.")
        elif action == "edit":
            _need(team)
            if not team.edit(args.mark, args.note):
                raise UserError(f"no shared mark {args.mark!r} (see `briefing-app team marks`)")
            print("Edited; it goes to the team at the next sync.")
        elif action in ("share-highlight", "unshare-highlight"):
            _need(team)
            done = (team.share_highlight(args.highlight) if action == "share-highlight"
                    else team.unshare_highlight(args.highlight))
            if not done:
                raise UserError(f"no {'' if action == 'share-highlight' else 'shared '}highlight {args.highlight!r}")
            print(("Shared" if action == "share-highlight" else "Unshared") + " the highlight (sent at the next sync)")
        elif action == "resolve":
            _need(team)
            if not team.resolve(args.mark, args.choose, args.text):
                raise UserError(f"no shared mark {args.mark!r}")
            print("Resolved; it goes to the team at the next sync.")
    except team_sync.TeamServerError as exc:
        raise UserError(f"the team server: {exc}") from exc
    except IndexError as exc:
        raise UserError("no such choice (0 is the text in place, 1.. the conflicting texts)") from exc
    finally:
        if sync_engine is not None:
            sync_engine.dispose()
    return EXIT_OK


def cmd_team_user_data_only(args: argparse.Namespace) -> int:
    """``team sync`` / ``team status`` open only the user database (migrated as usual), never the content: the
    window runs ``team sync`` as its background child process every minute."""
    import os
    from types import SimpleNamespace

    from briefing_app.services.userdata import open_user_data

    if os.environ.get(BACKGROUND_ENV) and hasattr(os, "nice"):
        os.nice(10)  # the window's background sync yields the CPU to the window (and to everything the user runs)
    repository, _status = open_user_data()
    try:
        return cmd_team(args, SimpleNamespace(bookmarks=SimpleNamespace(repository=repository)))
    finally:
        repository.close()


def _need(team: Any) -> None:
    if not team.configured():
        raise UserError("no team is configured (briefing-app team connect URL|SERVICE)")


def _sharing_team(services: Any, what: str) -> Any:
    """The configured team to share through, or one line saying why nothing can be shared (``what`` stays private)."""
    from briefing_app.services import team_sync

    if services.bookmarks.repository.read_only:
        raise UserError("the user database is read-only; nothing was changed")
    team = team_sync.TeamSync(services.bookmarks.repository.engine)
    if not team.configured():
        raise UserError(f"no team is configured (briefing-app team connect URL|SERVICE); {what} stay private")
    return team


def cmd_share(args: argparse.Namespace, services: Any, share: bool) -> int:
    """``bookmarks share ID`` / ``bookmarks unshare ID``."""
    team = _sharing_team(services, "bookmarks")
    if share:
        if team.share(args.id) is None:
            raise UserError(f"{args.id!r} is not bookmarked")
        print(f"Shared {args.id} with the team (sent at the next sync)")
    else:
        if not team.unshare(args.id):
            raise UserError(f"{args.id!r} is not shared")
        print(f"{args.id} is private again (the team gets a tombstone at the next sync)")
    return EXIT_OK


def cmd_share_book(args: argparse.Namespace, services: Any, share: bool) -> int:
    """``book share NAME`` / ``book unshare NAME``."""
    team = _sharing_team(services, "books")
    if share:
        if team.share_book(args.name) is None:
            raise UserError(f"no book named {args.name!r}; `briefing-app book list` shows the books")
        print(f"Shared the book {args.name!r} with the team (sent at the next sync; its changes follow)")
    else:
        if not team.unshare_book(args.name):
            raise UserError(f"the book {args.name!r} is not shared")
        print(f"The book {args.name!r} is private again (the team gets a tombstone at the next sync)")
    return EXIT_OK
