"""Items as printed blocks: the title, the facts with their bracketed sources, attributes and relations.

Used by the item sheet, the bookmarks sheet and the sections of the book. Text from the pack or the user is
escaped here; no links are printed (paper has none), only titles.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.domain.items import Item, ItemKind, ItemRef
from briefing_app.reports.formatting import as_of_marker, attr_rows, esc, humanise
from briefing_app.reports.item_html import grouped_links
from briefing_app.reports.sheet import Block, Column, Heading, Table, Text
from briefing_app.reports.sources import SourceNotes
from briefing_app.services.briefing import BriefingService, ItemDetail
from briefing_app.views.attributes import item_status, paragraph_facts

# Relations that print as their own blocks (or not at all) rather than in the "Related" table.
ROUTE = "Route"


def fact(text: str, item: Item, notes: SourceNotes, css: str = "") -> str:
    """One paragraph of escaped text followed by the item's bracketed sources."""
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>{esc(text)}{notes.ref(item.sources, item.title)}</p>"


def source_cell(item: Item, notes: SourceNotes) -> str:
    return notes.ref(item.sources, item.title).strip()


def titled_summary(item: Item, *, with_body: bool = False) -> str:
    """A table cell: the title in bold over the summary."""
    text = f"<b>{esc(item.title)}</b>"
    later = as_of_marker(item.as_of)
    if later:
        text += f' <span class="meta">({esc(later)})</span>'
    if item.summary:
        text += f"<br/>{esc(item.summary)}"
    if with_body and item.body and item.body != item.summary:
        text += f'<br/><span class="small">{esc(item.body)}</span>'
    return text


def meta_line(item_kind: str, item_id: str, extra: Sequence[str] = ()) -> str:
    parts = [esc(item_kind), *(esc(e) for e in extra if e), f"id {esc(item_id)}"]
    return f'<p class="meta">{" · ".join(parts)}</p>'


def route_text(refs: Sequence[ItemRef]) -> str:
    return " → ".join(esc(r.title) for r in refs)


def facts_table(item: Item, notes: SourceNotes) -> Table | None:
    """The item's attributes (capital, population, status, …), each with its own citation when it has one."""
    rows = []
    for label, value, citation in attr_rows(item):
        ref = notes.citation_ref(citation, cited_by=f"{item.title}: {label}").strip() if citation else ""
        rows.append((f"<b>{esc(label)}</b>", esc(value), ref))
    if not rows:
        return None
    return Table((Column("Fact", 0.32), Column("Value", 0.53), Column("Source", 0.15)), tuple(rows))


def relations_table(detail: ItemDetail, skip: Sequence[str] = ()) -> Table | None:
    rows = []
    for label, refs in grouped_links(detail).items():
        if label in skip:
            continue
        rows.append((f"<b>{esc(label)}</b>", "; ".join(esc(r.title) for r in refs)))
    if not rows:
        return None
    return Table((Column("Relation", 0.3), Column("Items", 0.7)), tuple(rows))


def item_blocks(detail: ItemDetail, briefing: BriefingService, notes: SourceNotes, *, level: int = 2,
                toc: bool = False, relations: bool = True, extra_meta: Sequence[str] = ()) -> list[Block]:
    """An item in full: heading, kind, summary and body with sources, facts, and what it relates to."""
    item = detail.item
    out: list[Block] = [
        Heading(item.title, level, toc=toc),
        Text(meta_line(item.kind.label, item.id, [*extra_meta, as_of_marker(item.as_of)]), keep_with_next=True),
    ]
    if item.kind is ItemKind.PARAGRAPH:
        out.append(Text(f'<p class="quote">{esc(item.body)}</p>'))
        citing = briefing.items_from_paragraph(paragraph_facts(item).number)
        if citing:
            out.append(Text(f'<p class="small"><b>Facts resting on this paragraph:</b> '
                            f'{"; ".join(esc(r.title) for r in citing)}</p>'))
        return out
    if item.summary:
        out.append(Text(fact(item.summary, item, notes, "lead")))
    if item.body and item.body != item.summary:
        out.append(Text(f"<p>{esc(item.body)}</p>"))
    if item.kind is ItemKind.CORRIDOR:
        route = detail.related("passes_through")
        if route:
            out.append(Text(f"<p><b>Route:</b> {route_text(route)}</p>"))
    table = facts_table(item, notes)
    if table is not None:
        out.append(table)
    if item.kind is ItemKind.PRIORITY:
        out.extend(proposal_blocks(detail, briefing, notes, level + 1))
    if relations:
        skip = [ROUTE] if item.kind is ItemKind.CORRIDOR else []
        if item.kind is ItemKind.PRIORITY:
            skip.append("Includes")
        related = relations_table(detail, skip)
        if related is not None:
            out.append(Text('<p class="small"><b>Related in this briefing</b></p>', keep_with_next=True))
            out.append(related)
    return out


def proposal_blocks(detail: ItemDetail, briefing: BriefingService, notes: SourceNotes, level: int) -> list[Block]:
    """A priority's proposals as a table: proposal and what it asks for, status, sources."""
    refs = [r for r in detail.related("includes") if r.kind is ItemKind.PROPOSAL]
    proposals = briefing.items_by_ids([r.id for r in refs])
    if not proposals:
        return []
    rows = tuple(
        (titled_summary(p), esc(status_text(p)), source_cell(p, notes)) for p in proposals
    )
    return [
        Heading(f"Proposals ({len(proposals)})", level),
        Table((Column("Proposal", 0.68), Column("Status", 0.15), Column("Source", 0.17)), rows),
    ]


def status_text(item: Item) -> str:
    status = item_status(item)
    return humanise(status) if status else ""
