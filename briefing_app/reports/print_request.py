"""What to print, as the command line asks for it: a typed request the headless printer reads (no argparse)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from briefing_app.errors import UserError

Paper = Literal["A4", "Letter"]


@dataclass(frozen=True)
class PrintRequest:
    """Exactly one of ``section``, ``item_id`` or ``bookmarks``; ``tag`` narrows the bookmarks.

    ``marking`` is the handling marking asked for (None: the pack's). Raises :class:`UserError` for a request
    that cannot be printed as stated.
    """

    out: Path
    section: str | None = None
    item_id: str | None = None
    bookmarks: bool = False
    tag: str | None = None
    paper: Paper = "A4"
    landscape: bool = False
    marking: str | None = None
    provenance: bool = False

    def __post_init__(self) -> None:
        if self.tag is not None and not self.bookmarks:
            raise UserError("--tag works only with --bookmarks")
        if self.provenance and self.section != "book":
            raise UserError("--provenance works only with --section book")
        chosen = sum((self.section is not None, self.item_id is not None, self.bookmarks))
        if chosen != 1:
            raise UserError("say what to print: one of a section, an item or the bookmarks")
