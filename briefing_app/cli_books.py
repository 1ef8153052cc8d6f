"""The ``book`` commands: list the composed briefing books, make one (sections, bookmarks, highlights, text blocks),
print one to PDF, export one to Word.

:func:`briefing_app.cli.build_parser` adds the parser with :func:`add_books_parser`; :func:`briefing_app.cli.run`
dispatches to :func:`cmd_book`. An unknown book, a part gone from the briefing (kept and marked) and a path that
cannot be written are one line and exit status 2; the target file is then left as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from briefing_app.cli_output import emit
from briefing_app.errors import EXIT_OK, UserError


def add_books_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], parser_class: type[argparse.ArgumentParser],
) -> None:
    book = sub.add_parser("book", help="composed briefing books: list, create, print to PDF, export to Word")
    b_sub = book.add_subparsers(dest="book_command", parser_class=parser_class, metavar="ACTION", required=True)
    b_list = b_sub.add_parser("list", help="the books, with their parts")
    b_list.add_argument("--json", action="store_true")
    b_create = b_sub.add_parser("create",
                                help="make a book from sections, bookmarks, highlights and text blocks, in order")
    b_create.add_argument("name")
    b_create.add_argument("--cover-note", default="", help="text of a 'Cover note' block, first")
    b_create.add_argument("--section", action="append", default=[], dest="sections",
                          help="overview, members, achievements, priorities or corridors (repeatable)")
    b_create.add_argument("--bookmark", action="append", default=[], dest="bookmarks", metavar="ID",
                          help="a bookmarked item, with its note (repeatable)")
    b_create.add_argument("--highlight", action="append", default=[], dest="highlights", metavar="HID",
                          help="a highlight (see 'highlights list'), with its quote, colour and note (repeatable)")
    b_create.add_argument("--talking-points", default="", help="text of a 'Talking points' block")
    b_create.add_argument("--questions", default="", help="text of a 'Questions to raise' block, last")
    for name, what in (("share", "share a book with the team (its parts follow at each sync)"),
                       ("unshare", "make a shared book private again")):
        b_sub.add_parser(name, help=what).add_argument("name", help="a book of yours (see 'book list')")
    for name, what in (("print", "print a book to PDF"),
                       ("export", "export a book to Word (.docx) or OpenDocument (.odt), by the file's ending")):
        action = b_sub.add_parser(name, help=what)
        action.add_argument("name", nargs="?", help="a book of yours (see 'book list')")
        action.add_argument("--whole", action="store_true", help="the whole briefing book instead of one of yours")
        action.add_argument("--out", type=Path, required=True,
                            metavar="FILE.pdf" if name == "print" else "FILE.docx|FILE.odt")
        action.add_argument("--marking", default=None, help="handling marking ('none' prints none)")
        action.add_argument("--provenance", action="store_true", help="add the Data provenance appendix")
        if name == "print":
            action.add_argument("--paper", choices=("A4", "Letter"), default="A4")


def cmd_book(args: argparse.Namespace, services: Any) -> int:
    from briefing_app.domain.books import BookPart, PartKind
    from briefing_app.services.books import book_service

    books = book_service(services)
    action = args.book_command
    if action in ("share", "unshare"):
        from briefing_app.cli_team import cmd_share_book

        return cmd_share_book(args, services, action == "share")
    if action == "list":
        listed = []
        for book in books.list():
            described = [{"kind": s.part.kind.value, "ref": s.part.ref, "title": s.part.title,
                          "in_briefing": s.in_briefing,
                          **({"item_id": s.part.item_id, "quote": s.part.quote, "colour": s.part.colour,
                              "note": s.part.text} if s.part.kind is PartKind.HIGHLIGHT else {})}
                         for s in books.statuses(book)]
            listed.append({"name": book.name, "parts": described, "updated_at": book.updated_at})
        lines = [f"{b['name']}: {len(b['parts'])} parts" for b in listed] or ["no books yet"]
        emit(args, listed, lambda: "\n".join(lines))
        return EXIT_OK
    if action == "create":
        if services.bookmarks.repository.read_only:
            raise UserError("the user database is read-only; nothing was changed")
        parts: list[BookPart] = []
        if args.cover_note:
            parts.append(BookPart(PartKind.TEXT, title="Cover note", text=args.cover_note))
        parts.extend(books.section_part(s) for s in args.sections)
        parts.extend(books.bookmark_part(i) for i in args.bookmarks)
        parts.extend(books.highlight_part(h) for h in args.highlights)
        if args.talking_points:
            parts.append(BookPart(PartKind.TEXT, title="Talking points", text=args.talking_points))
        if args.questions:
            parts.append(BookPart(PartKind.TEXT, title="Questions to raise", text=args.questions))
        book = books.create(args.name, parts)
        print(f"Made the book {book.name!r} ({len(book.parts)} parts)")
        return EXIT_OK
    if bool(args.whole) == bool(args.name):
        raise UserError(f"say which book to {action}: a NAME (see 'briefing-app book list') or --whole")
    chosen = books.get(args.name) if args.name else None
    gone = [s.part for s in books.statuses(chosen) if not s.in_briefing] if chosen is not None else []
    for part in gone:
        print(f"briefing-app: warning: {part.title or part.ref} is not in the current briefing; "
              "it is printed as kept in the book", file=sys.stderr)
    from briefing_app.ui.printing.book_output import export_book_docx, export_book_odt, print_book_pdf

    if action == "print":
        pages = print_book_pdf(services, chosen, args.out, marking=args.marking, paper=args.paper,
                               provenance=args.provenance)
        print(f"Printed the book {args.name or 'Briefing book'!r} to {args.out} ({pages} pages)")
    else:
        export = export_book_odt if args.out.suffix.lower() == ".odt" else export_book_docx
        export(services, chosen, args.out, marking=args.marking, provenance=args.provenance)
        print(f"Exported the book {args.name or 'Briefing book'!r} to {args.out}")
    return EXIT_OK
