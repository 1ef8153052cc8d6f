"""A briefing sheet as a document: a title and a flow of blocks, each block rich text for QTextDocument.

The printer lays the blocks out on pages itself (so it can keep headings with what follows, repeat table
headers and never split a table row); :meth:`BriefingSheet.html` gives the same content as one HTML document
for places that want a single QTextDocument. Everything from the pack or the user is escaped by the builders
before it reaches a block; blocks hold markup, never raw text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from briefing_app.reports.formatting import esc

# The house style of printed sheets. Qt rich text reads a subset of CSS 2.1; class selectors work.
SHEET_CSS = """
body { font-size: 10pt; color: #111; }
p { margin-top: 0; margin-bottom: 4pt; }
h1 { font-size: 17pt; font-weight: 600; color: #0b2a4a; margin-top: 0; margin-bottom: 6pt; }
h2 { font-size: 13.5pt; font-weight: 600; color: #0b2a4a; margin-top: 0; margin-bottom: 4pt; }
h3 { font-size: 11.5pt; font-weight: 600; color: #1b3b5f; margin-top: 0; margin-bottom: 2pt; }
h4 { font-size: 10pt; font-weight: 600; color: #1b3b5f; margin-top: 0; margin-bottom: 1pt; }
.meta { font-size: 8.5pt; color: #555; }
.ref { font-size: 8pt; color: #444; }
.work { font-size: 8pt; color: #444; margin-bottom: 1.5pt; }
.small { font-size: 8.5pt; }
.lead { font-size: 11pt; }
.quote { font-style: italic; color: #333; }
.note { color: #222; }
.muted { color: #666; }
.cover-title { font-size: 26pt; font-weight: 600; color: #0b2a4a; }
.cover-sub { font-size: 14pt; color: #1b3b5f; }
.cover-marking { font-size: 16pt; font-weight: 700; letter-spacing: 2px; }
ul, ol { margin-top: 0; margin-bottom: 4pt; }
li { margin-bottom: 2pt; }
"""


#: The marking that prints no marking at all (``--marking none``, "No marking" in Page Setup).
NO_MARKING = "none"


def printed_marking(marking: str) -> str:
    """The marking as printed: ``none`` (any case) prints nothing."""
    return "" if marking.strip().casefold() == NO_MARKING else marking


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; ``toc`` headings are listed in the book's table of contents. Text is plain (escaped on output)."""

    text: str
    level: int = 1
    toc: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """A run of rich text (paragraphs, lists). ``keep_together`` asks the printer not to split it across pages."""

    html: str
    keep_together: bool = False
    keep_with_next: bool = False
    indent: float = 0.0  # millimetres from the left of the text column
    #: a chapter's notes (plain text, note 1 first) when this block lists them; a word processor makes each
    #: reference to them a real footnote instead of printing the list
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float  # relative to the other columns
    align: str = "left"  # "left" or "right"


Row = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose header row is repeated on every page and whose rows are never split (cells are markup)."""

    columns: tuple[Column, ...]
    rows: Sequence[Row]

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row has {len(row)} cells for {len(self.columns)} columns")


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart or the map, drawn by the printer from the same code as the screen.

    ``key`` names what to draw: ``chart:<name>`` or ``map`` / ``map:<corridor id>``. ``aspect`` is height over
    width; ``width`` is the share of the text column it takes.
    """

    key: str
    caption_html: str
    aspect: float = 0.55
    width: float = 1.0
    #: printed on a landscape page of its own, filling it (placed at the next page break, so the text before
    #: it still fills its page)
    own_page: bool = False


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page; with ``unless_below`` (a share of the page), not when less than that share of the
    current page is used (a chapter's short last page then takes the next chapter's start)."""

    unless_below: float = 0.0


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: the printer fills in the ``toc`` headings that follow with their page numbers."""

    title: str = "Contents"


@dataclass(frozen=True, slots=True)
class Cover:
    """A cover page, set in the middle of its own page. ``lines`` are markup."""

    title: str
    lines: tuple[str, ...] = ()
    marking: str = ""
    notice_html: str = ""


Block = Heading | Text | Table | Figure | PageBreak | Contents | Cover


@dataclass(slots=True)
class BriefingSheet:
    """What one print job shows: the running-header title and the blocks in reading order."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    subject: str = ""  # what was printed, for the PDF's metadata ("Members", "Bookmarks", "member:kaz")

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def extend(self, blocks: Sequence[Block]) -> None:
        self.blocks.extend(blocks)

    def headings(self) -> Iterator[Heading]:
        return (b for b in self.blocks if isinstance(b, Heading))

    def figures(self) -> Iterator[Figure]:
        return (b for b in self.blocks if isinstance(b, Figure))

    def html(self) -> str:
        """The whole sheet as one HTML document; figures are ``<img src="figure:KEY">`` each in its own paragraph."""
        parts = [f"<html><head><title>{esc(self.title)}</title></head><body>"]
        for block in self.blocks:
            parts.append(block_html(block))
        parts.append("</body></html>")
        return "\n".join(parts)


def heading_html(heading: Heading) -> str:
    level = min(max(heading.level, 1), 4)
    return f"<h{level}>{esc(heading.text)}</h{level}>"


def table_html(table: Table) -> str:
    total = sum(c.width for c in table.columns) or 1.0
    head = "".join(
        f'<th width="{100 * c.width / total:.0f}%" align="{c.align}">{esc(c.title)}</th>' for c in table.columns
    )
    body = "".join(
        "<tr>" + "".join(f'<td align="{c.align}">{cell}</td>' for c, cell in zip(table.columns, row, strict=True))
        + "</tr>"
        for row in table.rows
    )
    return (f'<table width="100%" cellspacing="0" cellpadding="3" border="1"><thead><tr>{head}</tr></thead>'
            f"{body}</table>")


def block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return heading_html(block)
    if isinstance(block, Text):
        return block.html
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Figure):
        return f'<p><img src="figure:{esc(block.key)}"/></p><p class="small">{block.caption_html}</p>'
    if isinstance(block, Contents):
        return f"<h1>{esc(block.title)}</h1>"
    if isinstance(block, Cover):
        lines = "".join(f"<p>{line}</p>" for line in block.lines)
        return f'<p class="cover-marking">{esc(block.marking)}</p><p class="cover-title">{esc(block.title)}</p>{lines}'
    return '<hr/>'
