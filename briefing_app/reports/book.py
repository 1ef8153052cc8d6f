"""The whole briefing book: cover, contents with page numbers, every section, and a sources appendix that lists
every cited paragraph of the address and every external source, numbered as in the references.
"""

from __future__ import annotations

from briefing_app.domain.pack import PackInfo
from briefing_app.reports.formatting import esc, long_date
from briefing_app.reports.section_sheets import SECTION_BUILDERS
from briefing_app.reports.sheet import (
    Block,
    BriefingSheet,
    Column,
    Contents,
    Cover,
    Heading,
    PageBreak,
    Row,
    Table,
    Text,
)
from briefing_app.reports.sources import SourceNotes
from briefing_app.services.briefing import BriefingService
from briefing_app.views.summit import chairmanship_title, main_event

BOOK_TITLE = "Briefing book"


def briefing_book(briefing: BriefingService, *, printed_on: str = "", marking: str = "") -> BriefingSheet:
    info = briefing.pack_info()
    notes = SourceNotes()
    sheet = BriefingSheet(BOOK_TITLE, subject="Briefing book")
    event = main_event(briefing)
    lines = []
    if event is not None:
        lines.append(f'<span class="cover-sub">{esc(event.title)}</span>')
    lines.append(f'<span class="lead">{esc(BOOK_TITLE)}: the summit, its members, the results of '
                 f"{esc(chairmanship_title(briefing, event))}, the priorities and the transport corridors, "
                 "with every source</span>")
    lines.append("&nbsp;")
    details = [f"Briefing pack {esc(info.id)}, version {esc(info.version)}"]
    if printed_on:
        details.append(f"printed {esc(printed_on)}")
    lines.append(f'<span class="meta">{" · ".join(details)}</span>')
    sheet.add(Cover(info.title, tuple(lines), marking or info.marking, esc(info.disclaimer)))
    sheet.add(Contents())
    for build in SECTION_BUILDERS.values():
        sheet.add(PageBreak())
        sheet.extend(build(briefing, notes))
    sheet.add(PageBreak())
    sheet.extend(appendix_blocks(briefing, notes))
    return sheet


def appendix_blocks(briefing: BriefingService, notes: SourceNotes) -> list[Block]:
    """Every paragraph any fact rests on, in full, and every external source with what it is cited for."""
    info = briefing.pack_info()
    titles = {item.id: item.title for item in briefing.items()}
    paragraph_users: dict[int, list[str]] = {}
    for item_id, source in briefing.all_sources():
        title = titles.get(item_id, item_id)
        if source.paragraph is not None:
            users = paragraph_users.setdefault(source.paragraph, [])
            if title not in users:
                users.append(title)
        elif source.citation or source.url:
            # Sources of items no section printed are numbered after the rest, so every one is listed.
            notes.number(source, cited_by=title)

    out: list[Block] = [Heading("Sources", 1, toc=True)]
    primary = next((d for d in info.documents if d.primary), None)
    if paragraph_users:
        out.append(Heading("The address: every paragraph cited", 2, toc=True))
        if primary is not None:
            out.append(Text(
                f"<p>{esc(primary.title)}. {esc(primary.publisher)}, {esc(long_date(primary.date))}"
                + (f", {esc(primary.url)}" if primary.url else "")
                + ". ¶<i>N</i> in the references is paragraph <i>N</i> of this text.</p>", keep_with_next=True))
        paragraph_text = dict(briefing.paragraphs())
        rows: list[Row] = list(
            (f"<b>¶{n}</b>",
             f"{esc(paragraph_text.get(n, ''))}<br/><span class=\"meta\">Cited for: {esc('; '.join(users))}</span>")
            for n, users in sorted(paragraph_users.items())
        )
        out.append(Table((Column("¶", 0.08), Column("Paragraph and what it is cited for", 0.92)), rows))
    if notes.citations:
        out.append(Heading("Other sources, as numbered in the references", 2, toc=True))
        rows = []
        for (citation, url, note), number in sorted(notes.citations.items(), key=lambda kv: kv[1]):
            text = esc(citation or url)
            if url and url not in citation:
                text += f' <span class="meta">{esc(url)}</span>'
            if note:
                text += f'<br/><span class="meta">Note: {esc(note)}</span>'
            users = notes.cited_by.get((citation, url, note), [])
            if users:
                text += f'<br/><span class="meta">Cited for: {esc("; ".join(users))}</span>'
            rows.append((f"<b>{number}</b>", text))
        out.append(Table((Column("No.", 0.08), Column("Source and what it is cited for", 0.92)), tuple(rows)))
    if info.documents:
        out.append(Heading("Documents this briefing rests on", 2, toc=True))
        rows = list(
            (f"<b>{esc(d.title)}</b>" + (" (primary source)" if d.primary else ""),
             esc(d.publisher), esc(long_date(d.date)) if d.date else "", esc(d.url))
            for d in info.documents
        )
        out.append(Table((Column("Document", 0.42), Column("Publisher", 0.22), Column("Date", 0.13),
                          Column("Address", 0.23)), rows))
    if info.credits:
        out.append(Heading("Data and licences", 2, toc=True))
        rows = list((f"<b>{esc(c.name)}</b>", esc(c.licence), esc(c.used_for)) for c in info.credits)
        out.append(Table((Column("Data", 0.28), Column("Licence", 0.14), Column("Used for", 0.58)), rows))
    out.extend(provenance_blocks(info))
    if info.disclaimer:
        out.append(Text(f'<p class="small muted">{esc(info.disclaimer)}</p>'))
    return out


def provenance_blocks(info: PackInfo) -> list[Block]:
    """The "Data provenance" appendix: how the data were obtained (mirror commits, package versions, vintages).
    It is kept out of the detail of each figure, which cites the publisher's own data set."""
    if not info.provenance:
        return []
    rows = list(
        (f"<b>{esc(p.name)}</b>", esc(p.detail) + (f' <span class="meta">{esc(p.url)}</span>' if p.url else ""))
        for p in info.provenance
    )
    return [Heading("Data provenance", 2, toc=True),
            Table((Column("Data", 0.28), Column("How it was obtained", 0.72)), tuple(rows))]
