"""Sources in print: bracketed references after each fact, the numbered source list they point to, and the
book's sources appendix.

A reference reads ``[¶8; 2, 3]``: paragraph 8 of the address, and sources 2 and 3 of the sheet's source list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from briefing_app.domain.items import Source
from briefing_app.domain.pack import PackInfo, SourceDocument
from briefing_app.reports.formatting import esc
from briefing_app.reports.sheet import Block, Column, Heading, Table, Text

CitationKey = tuple[str, str, str]


def _key(source: Source) -> CitationKey:
    return (source.citation or "", source.url or "", source.note or "")


def number_ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5 -> '1–3, 5'."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = prev = None
    for n in ordered:
        if start is None:
            start = prev = n
        elif prev is not None and n == prev + 1:
            prev = n
        else:
            parts.append(_span(start, prev))
            start = prev = n
    if start is not None:
        parts.append(_span(start, prev))
    return ", ".join(parts)


def _span(start: int, end: int | None) -> str:
    if end is None or end == start:
        return str(start)
    return f"{start}–{end}" if end > start + 1 else f"{start}, {end}"


@dataclass
class SourceNotes:
    """Numbers the external sources a sheet cites, in order of first use, and remembers the paragraphs it cites."""

    citations: dict[CitationKey, int] = field(default_factory=dict)
    paragraphs: dict[int, list[str]] = field(default_factory=dict)
    cited_by: dict[object, list[str]] = field(default_factory=dict)

    def number(self, source: Source, cited_by: str = "") -> int:
        key = self._same_source(_key(source))
        if key not in self.citations:
            self.citations[key] = len(self.citations) + 1
        self._record(key, cited_by)
        return self.citations[key]

    def _same_source(self, key: CitationKey) -> CitationKey:
        """The key a citation is already numbered under: the same text and note, with or without its address."""
        citation, url, note = key
        if key in self.citations or not citation:
            return key
        for existing in list(self.citations):
            if existing[0] != citation or existing[2] != note or (url and existing[1] and existing[1] != url):
                continue
            if url and not existing[1]:
                # Met first without its address (a figure's citation): keep the number, add the address.
                self.citations[key] = self.citations.pop(existing)
                if existing in self.cited_by:
                    self.cited_by[key] = self.cited_by.pop(existing)
                return key
            return existing
        return key

    def _record(self, key: object, cited_by: str) -> None:
        if cited_by:
            users = self.cited_by.setdefault(key, [])
            if cited_by not in users:
                users.append(cited_by)

    def ref(self, sources: Sequence[Source], cited_by: str = "") -> str:
        """The bracketed reference for a fact resting on these sources, as markup ('' when there are none)."""
        paragraphs: list[int] = []
        numbers: list[int] = []
        for source in sources:
            if source.paragraph is not None:
                if source.paragraph not in paragraphs:
                    paragraphs.append(source.paragraph)
                quotes = self.paragraphs.setdefault(source.paragraph, [])
                if source.quote and source.quote not in quotes:
                    quotes.append(source.quote)
                self._record(source.paragraph, cited_by)
            elif source.citation or source.url:
                numbers.append(self.number(source, cited_by))
        parts = []
        if paragraphs:
            parts.append(", ".join(f"¶{n}" for n in sorted(paragraphs)))
        if numbers:
            parts.append(number_ranges(numbers))
        if not parts:
            return ""
        return f' <span class="ref">[{"; ".join(parts)}]</span>'

    def citation_ref(self, citation: str, url: str = "", cited_by: str = "") -> str:
        if not citation and not url:
            return ""
        return self.ref([Source(citation=citation, url=url or None)], cited_by)

    @property
    def is_empty(self) -> bool:
        return not self.citations and not self.paragraphs

    def blocks(
        self, info: PackInfo, *, paragraph_text: Mapping[int, str] | None = None, heading: str = "Sources",
        level: int = 2, toc: bool = False, show_users: bool = False,
    ) -> list[Block]:
        """The source list this sheet's references point to: cited paragraphs first, then numbered sources."""
        if self.is_empty:
            return []
        out: list[Block] = [Heading(heading, level, toc=toc)]
        primary = next((d for d in info.documents if d.primary), None)
        if self.paragraphs:
            where = (
                f"{esc(primary.title)} ({esc(primary.publisher)}, {esc(primary.date)})" if primary
                else "the primary source"
            )
            out.append(Text(f'<p class="small">¶<i>N</i> refers to paragraph <i>N</i> of the {where}. '
                            + ("The paragraphs cited are given in full." if paragraph_text else
                               "The words each fact rests on are quoted.") + "</p>", keep_with_next=True))
            rows = []
            for number in sorted(self.paragraphs):
                if paragraph_text is not None and number in paragraph_text:
                    text = esc(paragraph_text[number])
                else:
                    text = " … ".join(f"“{esc(q)}”" for q in self.paragraphs[number]) or "—"
                if show_users and self.cited_by.get(number):
                    text += f'<br/><span class="meta">Cited for: {esc("; ".join(self.cited_by[number]))}</span>'
                rows.append((f"<b>¶{number}</b>", text))
            out.append(Table((Column("¶", 0.09), Column("Text of the address", 0.91)), tuple(rows)))
        if self.citations:
            if self.paragraphs:
                out.append(Text('<p class="small">Other sources, numbered as in the references:</p>',
                                keep_with_next=True))
            rows = []
            for (citation, url, note), number in sorted(self.citations.items(), key=lambda kv: kv[1]):
                text = esc(citation) if citation else esc(url)
                if url and url not in citation:
                    text += f' <span class="meta">{esc(url)}</span>'
                if note:
                    text += f'<br/><span class="meta">Note: {esc(note)}</span>'
                users = self.cited_by.get((citation, url, note))
                if show_users and users:
                    text += f'<br/><span class="meta">Cited for: {esc("; ".join(users))}</span>'
                rows.append((f"<b>{number}</b>", text))
            out.append(Table((Column("No.", 0.09), Column("Source", 0.91)), tuple(rows)))
        return out


# --- The book's endnotes and bibliography -------------------------------------------------------------------

ADDRESS_SHORT = "Address"
_DATE = re.compile(
    r"(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{4}|\b(?:19|20)\d{2}\b"
)
_PARENS = re.compile(r"\s*\([^()]*\)")
_ABBREVIATIONS = {"World Development Indicators": "WDI"}


@dataclass(frozen=True, slots=True)
class CitedWork:
    """One work of the bibliography: the citation as the reader looks it up, its short form and its address."""

    text: str
    short: str
    url: str = ""


_REMARK_STARTS = ("via ", "matches ", "mirror ", "see ", "not ")


def _is_annotation(piece: str) -> bool:
    """A part of a citation that says how the data were obtained or matched ("via …", "matches …"), not a work."""
    return piece.startswith(_REMARK_STARTS)


def _top_level_split(text: str, separator: str) -> list[str]:
    """Split at separators outside brackets and quotation marks."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "(“":
            depth += 1
        elif char in ")”":
            depth = max(depth - 1, 0)
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def split_citation(citation: str) -> tuple[list[str], list[str]]:
    """A citation's works and its provenance remarks: ``A; via B (mirror)`` -> (["A"], ["via B (mirror)"]).

    A quotation after a colon and a trailing remark in brackets say what the work is cited for; they are dropped
    from the work itself (the fact being cited is printed beside the note)."""
    works: list[str] = []
    remarks: list[str] = []
    for raw in (p.strip() for p in _top_level_split(citation, ";")):
        if not raw:
            continue
        if _is_annotation(raw):
            remarks.append(raw)
            continue
        colon = _top_level_split(raw, ":")
        if len(colon) > 1 and colon[1][:1] == " ":
            raw = colon[0]
        mirror = re.search(r"\((mirror [^()]*)\)", raw)
        if mirror:
            remarks.append(mirror.group(1))
        work = _PARENS.sub("", raw).strip(" ,.")
        if work:
            works.append(work)
    return works, remarks


def document_short(document: SourceDocument) -> str:
    """A document's short form: its publisher without article or aside, and its date ("Astana Times, 4 July
    2024")."""
    publisher = re.sub(r"\s*\([^()]*\)", "", document.publisher).split(", citing")[0].strip()
    publisher = publisher.removeprefix("The ").strip() or document.title
    day = document.date
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
    parts = day.split("-")
    if all(p.isdigit() for p in parts) and len(parts) in (2, 3) and 1 <= int(parts[1]) <= 12:
        month = months[int(parts[1]) - 1]
        day = f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    return f"{publisher}, {day}" if day else publisher


def short_form(work: str) -> str:
    """A work's short form for an endnote: publisher and date ("Astana Times, 4 July 2024"), or an established
    abbreviation and year ("World Bank WDI 2023")."""
    parts = [p.strip() for p in work.split(",") if p.strip()]
    if not parts:
        return work
    head = parts[0]
    for name, abbreviation in _ABBREVIATIONS.items():
        if name in work:
            year = re.findall(r"\b(?:19|20)\d{2}\b", work)
            return f"{head} {abbreviation}" + (f" {year[0]}" if year else "")
    dates = [p for p in parts[1:] if _DATE.fullmatch(p)]
    return f"{head}, {dates[-1]}" if dates else head


@dataclass
class BookNotes(SourceNotes):
    """The book's sources: a reference is a superscript note number, numbered afresh in each chapter; the chapter
    ends with its notes in short form ("Address ¶8; World Bank WDI 2023"); every work goes once into the
    bibliography and every provenance remark into the "Data provenance" appendix."""

    chapter_notes: list[str] = field(default_factory=list)
    works: dict[str, CitedWork] = field(default_factory=dict)
    remarks: dict[str, list[str]] = field(default_factory=dict)
    address_short: str = ADDRESS_SHORT
    #: the pack's documents by address, each with its short form ("Astana Times, 4 July 2024a")
    documents: dict[str, tuple[str, CitedWork]] = field(default_factory=dict)

    @classmethod
    def for_documents(cls, documents: Sequence[SourceDocument]) -> BookNotes:
        """Notes that cite a source by the pack's document it comes from (matched by address): publisher and
        date, with a letter when one publisher has several documents of one date."""
        bases: dict[str, list[SourceDocument]] = {}
        for document in documents:
            if document.url and not document.primary:
                bases.setdefault(document_short(document), []).append(document)
        notes = cls()
        for base, group in bases.items():
            for index, document in enumerate(group):
                short = base + ("abcdefghijklmnopqrstuvwxyz"[index % 26] if len(group) > 1 else "")
                text = f"“{document.title}”"  # the short form before it names the publisher
                notes.documents[document.url] = (document.id, CitedWork(text, short, document.url))
        return notes

    def ref(self, sources: Sequence[Source], cited_by: str = "") -> str:
        super().ref(sources, cited_by)  # keeps the paragraphs and the numbered citations for the appendix
        paragraphs = sorted({s.paragraph for s in sources if s.paragraph is not None})
        parts = []
        if paragraphs:
            parts.append(f"{self.address_short} " + ", ".join(f"¶{n}" for n in paragraphs))
        for source in sources:
            if source.paragraph is not None or not (source.citation or source.url):
                continue
            known = self.documents.get(source.url or "")
            if known is not None:
                document_id, document = known
                self.works[document_id] = document
                if document.short not in parts:
                    parts.append(document.short)
                continue
            works, remarks = split_citation(source.citation or "")
            if not works and source.url:
                works = [source.url]
            for index, work in enumerate(works):
                key = work.casefold()
                url = source.url or "" if index == len(works) - 1 else ""
                if key not in self.works or (url and not self.works[key].url):
                    self.works[key] = CitedWork(work, short_form(work), url)
                short = self.works[key].short
                if short not in parts:
                    parts.append(short)
                for remark in remarks:
                    users = self.remarks.setdefault(remark, [])
                    if work not in users:
                        users.append(work)
        if not parts:
            return ""
        return self._numbered("; ".join(parts))

    def user_note(self, text: str) -> str:
        """A note of the user's (a highlight's note) among the chapter's notes: its reference, '' when empty."""
        note = " ".join(text.split())
        return self._numbered(note) if note else ""

    def _numbered(self, note: str) -> str:
        if note in self.chapter_notes:
            number = self.chapter_notes.index(note) + 1
        else:
            self.chapter_notes.append(note)
            number = len(self.chapter_notes)
        return f'<sup class="ref">{number}</sup>'

    def end_chapter(self) -> list[Block]:
        """The chapter's notes as one compact run of text, and a fresh numbering for the next chapter."""
        if not self.chapter_notes:
            return []
        listed = tuple(text if text.endswith((".", "?", "!", "…")) else f"{text}." for text in self.chapter_notes)
        notes = " ".join(f"<b>{n}</b>&nbsp;{esc(text)}" for n, text in enumerate(listed, start=1))
        self.chapter_notes = []
        return [Heading("Notes", 4), Text(f'<p class="ref">{notes}</p>', notes=listed)]

    def bibliography(self) -> list[CitedWork]:
        return sorted(self.works.values(), key=lambda w: (w.short.casefold(), w.text.casefold()))
