"""The ``pack`` commands: keygen, build, trust, keys, install, list, use, remove, diff.

:func:`briefing_app.cli.build_parser` adds their parser with :func:`add_packs_parser`; :func:`cmd_pack` runs them
without opening the databases first (install and diff must work when the content is not buildable). Every refusal
is a :class:`briefing_app.errors.UserError`: one line, exit status 2, nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from briefing_app.cli_output import emit
from briefing_app.errors import EXIT_OK, UserError


def add_packs_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], parser_class: type[argparse.ArgumentParser],
) -> None:
    pack = sub.add_parser("pack", help="signed pack files: build, install, list, switch, remove, compare")
    p_sub = pack.add_subparsers(dest="pack_command", parser_class=parser_class, metavar="ACTION", required=True)
    keygen = p_sub.add_parser("keygen", help="make an Ed25519 key pair for signing packs")
    keygen.add_argument("--out", type=Path, required=True, metavar="NAME",
                        help="writes NAME.key (private: keep it secret) and NAME.pub (publish it)")
    keygen.add_argument("--comment", default="", help="who the key belongs to (stored in the .pub file)")
    build = p_sub.add_parser("build", help="make a signed pack file from a pack folder")
    build.add_argument("folder", type=Path)
    build.add_argument("--out", type=Path, required=True, metavar="FILE.scopack")
    build.add_argument("--key", type=Path, help="the private key (NAME.key); without it the pack is unsigned")
    build.add_argument("--json", action="store_true")
    trust = p_sub.add_parser("trust", help="trust a publisher's public key (shows its fingerprint)")
    trust.add_argument("keyfile", type=Path)
    trust.add_argument("--json", action="store_true")
    keys = p_sub.add_parser("keys", help="the trusted publisher keys and their fingerprints")
    keys.add_argument("--json", action="store_true")
    install = p_sub.add_parser("install", help="verify a pack file and install it beside the others")
    install.add_argument("file", type=Path)
    install.add_argument("--allow-unsigned", action="store_true",
                         help="for pack authors: install a pack without a signature (says so loudly)")
    install.add_argument("--json", action="store_true")
    listing = p_sub.add_parser("list", help="installed packs; * marks the active one")
    listing.add_argument("--json", action="store_true")
    use = p_sub.add_parser("use", help="make a pack active (ID for its newest version, or ID@VERSION)")
    use.add_argument("spec", metavar="ID[@VERSION]")
    use.add_argument("--json", action="store_true")
    remove = p_sub.add_parser("remove", help="remove an installed pack")
    remove.add_argument("spec", metavar="ID@VERSION")
    remove.add_argument("--yes-remove-active", action="store_true",
                        help="confirm removing the active pack (the app then shows the pack shipped with it)")
    diff = p_sub.add_parser("diff", help="what changed between two packs (folders, pack files or ID@VERSION)")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--json", action="store_true")
    diff.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also print the digest as a sheet")


def _warn(text: str) -> None:
    print(f"briefing-app: WARNING: {text}", file=sys.stderr)


def _read_private(path: Path) -> bytes:
    from briefing_app.content.reading import read_regular_file

    try:
        return read_regular_file(path, 64 * 1024)
    except OSError as exc:
        raise UserError(f"{path}: the signing key cannot be read ({exc})") from None


def cmd_pack(args: argparse.Namespace) -> int:
    from briefing_app.content.pack_file import PackFileError
    from briefing_app.services.packs import PackServiceError

    try:
        return _run(args)
    except (PackFileError, PackServiceError) as exc:
        raise UserError(str(exc)) from None


def _run(args: argparse.Namespace) -> int:
    from briefing_app.content import pack_file
    from briefing_app.services import packs

    action = args.pack_command
    if action == "keygen":
        key_path, pub_path = args.out.with_suffix(".key"), args.out.with_suffix(".pub")
        for path in (key_path, pub_path):
            if path.exists():
                raise UserError(f"{path} exists; nothing was written")
        pem, public = pack_file.generate_key(args.comment)
        with open(key_path, "xb") as out:
            out.write(pem)
        key_path.chmod(0o600)
        pub_path.write_text(public.line(), encoding="utf-8")
        print(f"Private key: {key_path} (keep it secret)\nPublic key:  {pub_path}\nFingerprint: {public.fingerprint}")
        return EXIT_OK
    if action == "build":
        from briefing_app.content.loader import load_pack

        loaded = load_pack(args.folder)  # a pack that does not load is not packed
        private = _read_private(args.key) if args.key else None
        signer = pack_file.build_pack_file(loaded.root, args.out, loaded.info.id, loaded.info.version, private)
        if not signer:
            _warn(f"{args.out} is UNSIGNED: users can install it only with --allow-unsigned")
        emit(args, {"file": str(args.out), "id": loaded.info.id, "version": loaded.info.version,
                    "signed_by": signer or None},
             lambda: f"Built {args.out}: {loaded.info.id}@{loaded.info.version}"
             + (f", signed by {signer}" if signer else ", unsigned"))
        return EXIT_OK
    if action == "trust":
        key = packs.trust_key(args.keyfile)
        emit(args, key.to_json(), lambda: f"Trusted: {key.key.comment or '(no comment)'}\n"
             f"Fingerprint: {key.key.fingerprint}\nCompare it with the one the publisher gives you "
             "(on their web site or by phone) before you install their packs.")
        return EXIT_OK
    if action == "keys":
        trusted = packs.trusted_keys()
        emit(args, [k.to_json() for k in trusted], lambda: "\n".join(
            f"{k.key.fingerprint}  {k.key.comment}" + (f"\n    {packs.TEST_KEY_NOTE}" if k.is_test_key else "")
            for k in trusted) or "No trusted keys.")
        return EXIT_OK
    if action == "install":
        return _install(args)
    if action == "list":
        entries = packs.list_packs()
        test_key = any(k.is_test_key for k in packs.trusted_keys())
        emit(args, {"packs": [e.to_json() for e in entries], "test_key_trusted": test_key},
             lambda: "\n".join(
                 f"{'*' if e.active else ' '} {e.spec:28} {'shipped with the app' if e.shipped else 'installed'}"
                 f"  {e.path}" for e in entries)
             + (f"\nThe project's own packs are signed with a {packs.TEST_KEY_NOTE}." if test_key else ""))
        return EXIT_OK
    if action == "use":
        entry, counts = packs.use(args.spec)
        emit(args, {**entry.to_json(), "total": sum(counts.values())},
             lambda: f"Now using {entry.spec} ({sum(counts.values())} items)")
        return EXIT_OK
    if action == "remove":
        entry = packs.remove(args.spec, remove_active=args.yes_remove_active)
        print(f"Removed {entry.spec}" + (" (it was active; now showing the pack shipped with the app)"
                                         if entry.active else ""))
        return EXIT_OK
    if action == "diff":
        return _diff(args)
    raise UserError(f"unknown pack action {action}")


def _user_marks() -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The reader's bookmarks (item id -> note) and highlights ((item id, quote, note)), for the digest."""
    from briefing_app import paths

    if not paths.user_db_path().exists():
        return {}, []
    from briefing_app.persistence.highlight_repository import HighlightRepository
    from briefing_app.services.userdata import open_user_data

    repository, _status = open_user_data()
    try:
        marks = {b.item_id: b.note for b in repository.list()}
        try:
            highlights = [(h.item_id, h.quote, h.note) for h in HighlightRepository(repository.engine).list()]
        except Exception:  # noqa: BLE001 - a stand-in database without the table: no highlights to show
            highlights = []
        return marks, highlights
    finally:
        repository.close()


def _install(args: argparse.Namespace) -> int:
    from briefing_app.services import packs
    from briefing_app.services.pack_diff import diff_folders

    result = packs.install(args.file, allow_unsigned=args.allow_unsigned)
    entry = result.entry
    if result.signer is None:
        _warn(f"{entry.spec} was installed UNSIGNED (--allow-unsigned): nothing proves who made it or that it "
              "is unchanged. Use this only for a pack you built yourself.")
    data: dict[str, Any] = {**entry.to_json(), "signed_by": result.signer.to_json() if result.signer else None}
    lines = [f"Installed {entry.spec} in {entry.path}"]
    if result.signer:
        lines.append(f"Signed by {result.signer.key.fingerprint} {result.signer.key.comment}".rstrip())
        if result.signer.is_test_key:
            lines.append(f"  ({packs.TEST_KEY_NOTE})")
    if result.previous is not None:
        digest = diff_folders(result.previous.path, entry.path, *_user_marks())
        data["digest"] = digest.to_json()
        lines += [f"Newer than the active {result.previous.spec}. What changed:", digest.text(),
                  f"Switch with: briefing-app pack use {entry.spec}"]
    emit(args, data, lambda: "\n".join(lines))
    return EXIT_OK


def _resolve(spec: str) -> Path:
    from briefing_app.services import packs

    path = Path(spec)
    if path.is_dir():
        return path
    if path.is_file():
        raise UserError(f"{spec}: compare pack folders or installed packs (install a pack file first)")
    return packs.find(spec).path


def _diff(args: argparse.Namespace) -> int:
    from briefing_app.services.pack_diff import diff_folders

    digest = diff_folders(_resolve(args.old), _resolve(args.new), *_user_marks())
    if args.pdf:
        from briefing_app.reports.pack_digest import digest_sheet
        from briefing_app.ui.printing.headless import print_sheet_to_pdf

        running = (f"What changed in {digest.pack_id}", f"{digest.old_version} → {digest.new_version}")
        pages = print_sheet_to_pdf(digest_sheet(digest), args.pdf, running)
        print(f"Printed the digest to {args.pdf} ({pages} pages)", file=sys.stderr)
    emit(args, digest.to_json(), digest.text)
    return EXIT_OK
