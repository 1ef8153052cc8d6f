"""The command line hands the printer a typed PrintRequest; a request that cannot be printed as stated is refused
with a UserError (one line, exit status 2) before anything is laid out."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.cli import build_parser
from briefing_app.errors import UserError
from briefing_app.reports.print_request import PrintRequest


def test_a_request_names_exactly_one_thing_to_print(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    assert PrintRequest(out=out, section="members").section == "members"
    with pytest.raises(UserError, match="one of a section, an item or the bookmarks"):
        PrintRequest(out=out)
    with pytest.raises(UserError, match="one of a section, an item or the bookmarks"):
        PrintRequest(out=out, section="members", item_id="member:kaz")


def test_a_tag_needs_the_bookmarks(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="--tag works only with --bookmarks"):
        PrintRequest(out=tmp_path / "x.pdf", section="members", tag="trade")
    assert PrintRequest(out=tmp_path / "x.pdf", bookmarks=True, tag="trade").tag == "trade"


def test_the_cli_turns_its_arguments_into_a_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_app import cli
    from briefing_app.ui.printing import headless

    seen: list[object] = []
    monkeypatch.setattr(headless, "print_to_pdf", lambda services, request: seen.append(request) or 1)
    args = build_parser().parse_args(["print", "--item", "member:kaz", "--out", str(tmp_path / "k.pdf"),
                                      "--paper", "Letter", "--landscape", "--marking", "SECRET"])
    assert cli.cmd_print(args, services=None) == cli.EXIT_OK
    assert seen == [PrintRequest(out=tmp_path / "k.pdf", item_id="member:kaz", paper="Letter", landscape=True,
                                 marking="SECRET")]
