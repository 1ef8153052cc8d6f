"""The five sections of the briefing as printed blocks: overview, members, achievements, priorities, corridors.

Each function returns the section's blocks, starting with its level-1 heading, and numbers the sources it
cites in the given :class:`SourceNotes` (one per sheet, or one for the whole book).
"""

from __future__ import annotations

from collections.abc import Callable

from briefing_app.domain.items import Item, ItemKind
from briefing_app.reports.formatting import esc, humanise, long_date
from briefing_app.reports.item_blocks import fact, route_text, source_cell, status_text, titled_summary
from briefing_app.reports.sheet import Block, Column, Figure, Heading, Row, Table, Text
from briefing_app.reports.sources import SourceNotes
from briefing_app.services.briefing import BriefingService
from briefing_app.views.attributes import (
    achievement_attrs,
    corridor_attrs,
    document_attrs,
    event_attrs,
    figure_attrs,
    node_attrs,
    partner_attrs,
    person_attrs,
)
from briefing_app.views.members import MemberRow, Quantity, member_rows, member_totals, members_intro
from briefing_app.views.numbers import short_number
from briefing_app.views.summit import (
    chairmanship_title,
    computed_share,
    corridors_priority,
    main_event,
    ordered_priorities,
    other_events,
    priorities_heading_for,
)
from briefing_app.views.trees import category_label

SECTION_TITLES: dict[str, str] = {
    "overview": "Overview",
    "members": "Members",
    "achievements": "Achievements",
    "priorities": "Priorities",
    "corridors": "Corridors",
}
# The figures (charts and map) sections ask the printer to draw.
CHART_POPULATION = "chart:member-population"
CHART_GDP = "chart:member-gdp"
#: the documents of the chairmanship by status, as the Achievements tab draws them
CHART_ACHIEVEMENTS = "chart:document-status"
MAP_ALL = "map"


def _src_column(width: float = 0.16) -> Column:
    return Column("Source", width)


def overview_blocks(briefing: BriefingService, notes: SourceNotes) -> list[Block]:
    out: list[Block] = [Heading(SECTION_TITLES["overview"], 1, toc=True)]
    event = main_event(briefing)
    if event is not None:
        out.append(Text(fact(event.summary, event, notes, "lead")))
        attrs = event_attrs(event)
        rows: list[Row] = []
        for label, value in (("Date", long_date(attrs.date)), ("Venue", attrs.venue), ("City", attrs.city),
                             ("Meeting", attrs.meeting), ("Theme", attrs.theme), ("Format", attrs.format)):
            if value:
                rows.append((f"<b>{label}</b>", esc(value)))
        if rows:
            out.append(Table((Column("", 0.18), Column("", 0.82)), tuple(rows)))
        if event.body and event.body != event.summary:
            out.append(Text(f"<p>{esc(event.body)}</p>"))
    figures = briefing.items(ItemKind.FIGURE)
    if figures:
        out.append(Heading("Headline figures", 2, toc=True))
        rows = list(
            (f"<b>{esc(figure_attrs(f).stated())}</b>",
             f"{esc(f.title)}<br/><span class=\"meta\">{esc(figure_attrs(f).measures)}</span>"
             + _computed_note(briefing, f),
             source_cell(f, notes))
            for f in figures
        )
        out.append(Table((Column("Figure", 0.26), Column("What it measures", 0.58), _src_column()), rows))
    concepts = briefing.items(ItemKind.CONCEPT)
    if concepts:
        out.append(Heading("Key terms", 2, toc=True))
        rows = list((titled_summary(c), source_cell(c, notes)) for c in concepts)
        out.append(Table((Column("Term", 0.84), _src_column()), rows))
    priorities = ordered_priorities(briefing.items(ItemKind.PRIORITY))
    if priorities:
        heading = priorities_heading_for(priorities)
        out.append(Heading(f"{heading.title} at a glance" if not heading.note else heading.title, 2, toc=True))
        if heading.note:
            out.append(Text(f'<p class="small"><i>{esc(heading.note)}</i></p>', keep_with_next=True))
        rows = list((titled_summary(p), source_cell(p, notes)) for p in priorities)
        out.append(Table((Column("Priority", 0.84), _src_column()), rows))
    previous = other_events(briefing, event)
    if previous:
        out.append(Heading("Previous summit", 2, toc=True))
        out.extend(Text(fact(e.summary or e.title, e, notes)) for e in previous)
    return out


def members_blocks(briefing: BriefingService, notes: SourceNotes) -> list[Block]:
    out: list[Block] = [Heading(SECTION_TITLES["members"], 1, toc=True)]
    intro = members_intro(briefing)
    if intro is not None:
        out.append(Text(fact(intro.summary, intro, notes, "lead")))
    members = member_rows(briefing, full=True)  # the table cites each state's sources
    if members:
        out.append(Heading("Member states", 2, toc=True))
        out.append(_member_table(members, briefing, notes))
        out.extend(_member_charts(members, notes))
    partners = briefing.items(ItemKind.PARTNER)
    if partners:
        out.append(Heading("Observers and dialogue partners", 2, toc=True))
        rows: list[Row] = list(
            (f"<b>{esc(p.title)}</b>", esc(humanise(partner_attrs(p).status)), esc(p.summary),
             source_cell(p, notes))
            for p in partners
        )
        out.append(Table((Column("State", 0.17), Column("Status", 0.15), Column("Note", 0.52), _src_column()),
                         rows))
    people = briefing.items(ItemKind.PERSON)
    if people:
        out.append(Heading("Who spoke for whom at the summit", 2, toc=True))
        rows = list(
            (f"<b>{esc(p.title)}</b>", esc(person_attrs(p).role), _represents(briefing, p), source_cell(p, notes))
            for p in people
        )
        out.append(Table((Column("Person", 0.22), Column("Role", 0.44), Column("Represents", 0.18), _src_column()),
                         rows))
    organisations = briefing.items(ItemKind.ORGANISATION)
    if organisations:
        out.append(Heading("Organisations", 2, toc=True))
        rows = list((titled_summary(o), source_cell(o, notes)) for o in organisations)
        out.append(Table((Column("Organisation", 0.84), _src_column()), rows))
    return out


def _represents(briefing: BriefingService, person: Item) -> str:
    titles = [ref.title for ref in (briefing.ref(t) for t in person.links_by_rel("represents")) if ref]
    return esc(", ".join(titles))


def _quantity(row: MemberRow, quantity: Quantity, what: str, notes: SourceNotes) -> str:
    ref = notes.citation_ref(quantity.citation, quantity.url, f"{row.state}: {what}")
    return esc(quantity.short()) + ref


def _member_table(members: list[MemberRow], briefing: BriefingService, notes: SourceNotes) -> Table:
    rows: list[Row] = []
    for m in members:
        rows.append((
            f"<b>{esc(m.state)}</b><br/><span class=\"meta\">{esc(m.capital)}</span>",
            esc(m.joined),
            _quantity(m, m.population, "population", notes),
            _quantity(m, m.gdp, "GDP", notes),
            esc(m.role),
            source_cell(m.item, notes),
        ))
    totals = member_totals(briefing, members)
    if totals is not None:
        rows.append((
            f"<b>All {len(members)} members</b>", "",
            _total(totals.population, notes),
            _total(totals.gdp, notes, money=True),
            "", "",
        ))
    years = sorted({m.population.year for m in members if m.population.year})
    year = f", {years[-1]}" if years else ""
    return Table((
        Column("State and capital", 0.18), Column("Joined", 0.08), Column(f"Population{year}", 0.16),
        Column(f"GDP{year}", 0.17), Column("Represented at the summit by", 0.27), Column("Source", 0.14),
    ), tuple(rows))


def _computed_note(briefing: BriefingService, figure: Item) -> str:
    """Under a claimed share, the share this briefing computes and its basis (never stored in the pack)."""
    share = computed_share(briefing, figure)
    if share is None:
        return ""
    return (f'<br/><span class="small"><b>Computed by this briefing:</b> {esc(share.computed_text())}; '
            f"{esc(share.basis)}.</span>")


def _total(figure: Item, notes: SourceNotes, *, money: bool = False) -> str:
    number = short_number(figure_attrs(figure).value, money=money)
    return f"<b>{esc(number)}</b>" + notes.ref(figure.sources, figure.title)


def _member_charts(members: list[MemberRow], notes: SourceNotes) -> list[Block]:
    def citation(pick: Callable[[MemberRow], Quantity]) -> str:
        for m in members:
            quantity = pick(m)
            if quantity.citation:
                return notes.citation_ref(quantity.citation, quantity.url)
        return ""

    year = members[0].population.year if members else ""
    return [
        Figure(CHART_POPULATION, f"Population of the member states, {year}.{citation(lambda m: m.population)}",
               0.45, 0.9),
        Figure(CHART_GDP, f"GDP of the member states, {year}, current US$.{citation(lambda m: m.gdp)}", 0.45, 0.9),
    ]


def achievements_blocks(briefing: BriefingService, notes: SourceNotes) -> list[Block]:
    out: list[Block] = [Heading(f"Achievements of {chairmanship_title(briefing, main_event(briefing))}", 1, toc=True)]
    achievements = briefing.items(ItemKind.ACHIEVEMENT)
    if briefing.items(ItemKind.DOCUMENT):
        out.append(Figure(CHART_ACHIEVEMENTS, "Documents of the chairmanship by status, as listed in this briefing "
                          "(the chart of the Achievements tab).", 0.4, 0.85))
    areas: dict[str, list[Item]] = {}
    for a in achievements:
        areas.setdefault(achievement_attrs(a).category, []).append(a)
    for area, items in areas.items():
        out.append(Heading(category_label(area) or "Other", 2, toc=True))
        rows: list[Row] = list((titled_summary(a), source_cell(a, notes)) for a in items)
        out.append(Table((Column("Achievement", 0.84), _src_column()), rows))
    documents = briefing.items(ItemKind.DOCUMENT)
    if documents:
        out.append(Heading("Documents adopted, signed or proposed", 2, toc=True))
        rows = list(
            (titled_summary(d), esc(humanise(document_attrs(d).doc_type)), esc(status_text(d)),
             esc(document_attrs(d).period), source_cell(d, notes))
            for d in documents
        )
        out.append(Table((Column("Document", 0.46), Column("Type", 0.13), Column("Status", 0.12),
                          Column("Period", 0.13), _src_column()), rows))
    projects = briefing.items(ItemKind.PROJECT)
    if projects:
        out.append(Heading("Flagship projects", 2, toc=True))
        rows = list((titled_summary(p), source_cell(p, notes)) for p in projects)
        out.append(Table((Column("Project", 0.84), _src_column()), rows))
    return out


def priorities_blocks(briefing: BriefingService, notes: SourceNotes) -> list[Block]:
    out: list[Block] = [Heading("Priorities, in the order of the address", 1, toc=True)]
    for priority in ordered_priorities(briefing.items(ItemKind.PRIORITY)):
        detail = briefing.detail(priority.id)
        out.append(Heading(priority.title, 2, toc=True))
        out.append(Text(fact(priority.summary, priority, notes)))
        proposals = briefing.items_by_ids([r.id for r in detail.related("includes") if r.kind is ItemKind.PROPOSAL])
        if proposals:
            rows: list[Row] = list((titled_summary(p), esc(status_text(p)), source_cell(p, notes)) for p in proposals)
            out.append(Table((Column(f"Proposals ({len(proposals)})", 0.7), Column("Status", 0.14), _src_column()),
                             rows))
        related = [r for r in detail.related("part_of", "in") if r.kind in (ItemKind.DOCUMENT, ItemKind.ACHIEVEMENT)]
        figures = [*detail.related("measured_by"), *detail.related("supports", "in")]
        lines = []
        if related:
            lines.append(f"<b>Documents and results:</b> {'; '.join(esc(r.title) for r in related)}")
        seen = []
        for f in figures:
            if f.id not in seen:
                seen.append(f.id)
        if seen:
            items = briefing.items_by_ids(seen)
            lines.append("<b>Figures:</b> " + "; ".join(
                esc(figure_attrs(i).stated() if i.kind is ItemKind.FIGURE else i.title) + f" ({esc(i.title)})"
                + notes.ref(i.sources, i.title)
                for i in items))
        if lines:
            out.append(Text("".join(f'<p class="small">{line}</p>' for line in lines)))
    return out


def corridors_blocks(briefing: BriefingService, notes: SourceNotes) -> list[Block]:
    out: list[Block] = [Heading("Transport corridors", 1, toc=True)]
    transport = corridors_priority(briefing)
    if transport is not None:
        out.append(Text(fact(transport.summary, transport, notes, "lead")))
    corridors = briefing.items(ItemKind.CORRIDOR)
    if corridors:
        out.append(Figure(MAP_ALL, _map_caption(briefing, notes), 0.62, 1.0))
        out.append(Heading("The corridors", 2, toc=True))
    numbers = {c.id: n for n, c in enumerate(corridors, start=1)}
    for corridor in corridors:
        detail = briefing.detail(corridor.id)
        attrs = corridor_attrs(corridor)
        names = attrs.also_known_as
        status = humanise(attrs.status)
        parts = [status.capitalize() if status else "", "also " + ", ".join(names) if names else ""]
        meta = " · ".join(x for x in parts if x)
        out.append(Heading(f"{numbers[corridor.id]}. {corridor.title}", 3))
        if meta:
            out.append(Text(f'<p class="meta">{esc(meta)}</p>', keep_with_next=True))
        out.append(Text(fact(corridor.summary, corridor, notes)))
        route = detail.related("passes_through")
        if route:
            out.append(Text(f'<p class="small"><b>Route on the map:</b> {route_text(route)}</p>'))
        if corridor.body and corridor.body != corridor.summary:
            out.append(Text(f'<p class="small">{esc(corridor.body)}</p>'))
    nodes = briefing.items(ItemKind.NODE)
    if nodes:
        out.append(Heading("Places on the corridors", 2, toc=True))
        out.append(Text('<p class="small">Corridors are numbered as above.</p>', keep_with_next=True))
        # The corridors through a place, read from the corridors' routes (one link a leg), not from each place.
        through: dict[str, list[str]] = {}
        for corridor in corridors:
            for link in corridor.links:
                if link.rel == "passes_through":
                    through.setdefault(link.target, []).append(corridor.id)
        rows: list[Row] = list(_node_row(n, notes, numbers, through.get(n.id, [])) for n in nodes)
        out.append(Table((Column("Place", 0.3), Column("Type", 0.2), Column("Country", 0.1),
                          Column("Corridors", 0.24), _src_column()), rows))
    return out


def _node_row(node: Item, notes: SourceNotes, numbers: dict[str, int], through: list[str]) -> tuple[str, ...]:
    # As the place's detail lists them: a corridor the place itself links to is not listed again as linking in.
    own = {link.target for link in node.links}
    corridors = sorted(numbers[c] for c in through if c in numbers and c not in own and c != node.id)
    name = f"<b>{esc(node.title)}</b>"
    attrs = node_attrs(node)
    if attrs.approximate and "approximate" not in node.title.casefold():  # a title may already say so
        name += ' <span class="meta">(approx.)</span>'
    return (name, esc(humanise(attrs.node_type)), esc(attrs.country),
            ", ".join(str(n) for n in corridors), source_cell(node, notes))


def _map_caption(briefing: BriefingService, notes: SourceNotes) -> str:
    info = briefing.pack_info()
    credits = "; ".join(f"{c.name} ({c.licence})" for c in info.credits if "map" in c.used_for.lower()
                        or "coordinates" in c.used_for.lower())
    text = "The transport corridors named in the address, drawn schematically (see the notice on the map)."

    if credits:
        text += f" Map data: {credits}."
    return esc(text)


SECTION_BUILDERS: dict[str, Callable[[BriefingService, SourceNotes], list[Block]]] = {
    "overview": overview_blocks,
    "members": members_blocks,
    "achievements": achievements_blocks,
    "priorities": priorities_blocks,
    "corridors": corridors_blocks,
}
