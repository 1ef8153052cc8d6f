"""The sheets' small rich text (p, br, b, i, sup, span with a class or a background colour, ul/li) as Word
paragraphs of styled runs; a note number of the chapter becomes a real footnote (see
:class:`briefing_app.ui.printing.docx_fields.WordFootnotes`), a highlight's background a shading."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from briefing_app.ui.printing.docx_fields import WordFootnotes

MUTED = RGBColor(0x55, 0x55, 0x55)

Run = tuple[str, dict[str, Any]]  # text and its style: bold, italic, sup, small, ref (a note number), shade
_NOTE_NUMBER = re.compile(r"\s*\[?(\d+)\]?\s*")


class _Runs(HTMLParser):
    """The sheets' small HTML (p, br, b, i, sup, span class, ul/li) as paragraphs of styled runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, list[Run]]] = []
        self._style: list[str] = []
        self._bold = self._italic = self._sup = self._small = self._ref = 0
        self._shades: list[str] = []
        self._current: list[Run] | None = None
        self._kind = "p"

    def _open(self, kind: str = "p") -> None:
        self._current = []
        self._kind = kind
        self.paragraphs.append((kind, self._current))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        klass = dict(attrs).get("class") or ""
        if tag == "p":
            self._open("p-small" if klass in ("small", "meta", "ref", "work") else "p")
        elif tag == "li":
            self._open("li")
        elif tag == "br":
            self._text("\n")
        elif tag == "b":
            self._bold += 1
        elif tag == "i":
            self._italic += 1
        elif tag == "sup":
            self._sup += 1
        self._style.append(klass if tag in ("span", "sup") else "")
        if tag == "span" and klass in ("meta", "ref", "small"):
            self._small += 1
        if tag in ("span", "sup") and klass == "ref":
            self._ref += 1
        if tag == "span":
            shade = re.search(r"background-color:\s*#([0-9a-fA-F]{6})", dict(attrs).get("style") or "")
            self._shades.append(shade.group(1).upper() if shade else "")

    def handle_endtag(self, tag: str) -> None:
        klass = self._style.pop() if self._style else ""
        if tag == "b":
            self._bold -= 1
        elif tag == "i":
            self._italic -= 1
        elif tag == "sup":
            self._sup -= 1
        elif tag in ("p", "li"):
            self._current = None
        if tag == "span" and klass in ("meta", "ref", "small"):
            self._small -= 1
        if tag in ("span", "sup") and klass == "ref":
            self._ref -= 1
        if tag == "span" and self._shades:
            self._shades.pop()

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        if self._current is None:
            if not data.strip():
                return
            self._open()
        assert self._current is not None
        shade = next((c for c in reversed(self._shades) if c), "")
        self._current.append((data, {"bold": self._bold > 0, "italic": self._italic > 0, "sup": self._sup > 0,
                                     "small": self._small > 0, "ref": self._ref > 0, "shade": shade}))


def html_runs(html: str) -> list[tuple[str, list[Run]]]:
    parser = _Runs()
    parser.feed(html.replace("&nbsp;", "\u00a0"))
    parser.close()
    return parser.paragraphs


class ChapterNotes:
    """The notes of the chapter being written and the document's footnotes: a note number in the text becomes a
    real footnote holding that note."""

    def __init__(self, footnotes: WordFootnotes) -> None:
        self.footnotes = footnotes
        self.chapter: tuple[str, ...] = ()

    def footnote(self, paragraph: Paragraph, text: str) -> bool:
        found = _NOTE_NUMBER.fullmatch(text.replace("\u2009", " "))
        if found is None or not 1 <= int(found.group(1)) <= len(self.chapter):
            return False
        self.footnotes.add(paragraph, self.chapter[int(found.group(1)) - 1])
        return True


def fill(paragraph: Paragraph, runs: list[Run], small: bool = False, notes: ChapterNotes | None = None) -> None:
    for text, style in runs:
        if style.get("ref") and notes is not None and notes.footnote(paragraph, text):
            continue
        run = paragraph.add_run(text)
        run.bold = style["bold"] or None
        run.italic = style["italic"] or None
        if style["sup"]:
            run.font.superscript = True
        if small or style["small"]:
            run.font.size = Pt(8)
            if not style["sup"]:
                run.font.color.rgb = MUTED
        if style.get("shade"):
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), style["shade"])
            run._r.get_or_add_rPr().append(shading)


def _only_notes(runs: list[Run]) -> bool:
    return bool(runs) and all(style.get("ref") and _NOTE_NUMBER.fullmatch(text.replace("\u2009", " "))
                              for text, style in runs if text.strip())


def add_html(container, html: str, notes: ChapterNotes | None = None) -> None:  # type: ignore[no-untyped-def]
    first = True
    last: Paragraph | None = None
    for kind, runs in html_runs(html):
        if last is not None and notes is not None and _only_notes(runs):
            fill(last, runs, notes=notes)  # a note number alone: its footnote mark ends the paragraph before
            continue
        if container.__class__.__name__ == "_Cell" and first and container.paragraphs and \
                not container.paragraphs[0].text:
            paragraph = container.paragraphs[0]
        else:
            paragraph = container.add_paragraph(style="List Bullet" if kind == "li" else None)
        first = False
        fill(paragraph, runs, small=kind == "p-small", notes=notes)
        last = paragraph


def plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).replace("\u00a0", " ").strip()
