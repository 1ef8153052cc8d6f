"""A corridor or a corridor node as rich text for the map's detail pane: what it is, what the address says,
its route in order, the SCO states it crosses and the proposals about it.

Same link schemes as :mod:`briefing_app.reports.item_html` (``item:ID``, ``source:N``); all pack text is
escaped. Map colours come in as ``#rrggbb`` strings so that this module stays free of Qt.
"""

from __future__ import annotations

from collections.abc import Mapping

from briefing_app.domain.corridor_map import CorridorMapData, MapCorridor, MapNode, SCOStatus
from briefing_app.domain.items import ItemKind, ItemRef
from briefing_app.reports.formatting import esc, humanise
from briefing_app.reports.item_html import grouped_links, item_heading_html, item_link, source_html
from briefing_app.services.briefing import ItemDetail
from briefing_app.views.attributes import also_known_as, node_type
from briefing_app.views.targets import Target

STATUS_GROUPS: tuple[tuple[SCOStatus, str], ...] = (
    (SCOStatus.MEMBER, "Member states"),
    (SCOStatus.OBSERVER, "Observer states"),
    (SCOStatus.DIALOGUE_PARTNER, "Dialogue partners"),
)
#: link groups shown in their own sections, not again under "Related"
OWN_SECTIONS = {"Route", "Crosses", "Subject of", "Concerns", "On corridors", "Located in"}


def _swatch(colour: str | None, dashed: bool = False) -> str:
    if not colour:
        return ""
    glyph = "╍╍╍" if dashed else "━━━"
    return f'<span style="color:{esc(colour)}; font-weight:bold">{glyph}</span> '


def _node_link(node: MapNode | None, ref_id: str, title: str, linked: bool) -> str:
    text = esc(node.title if node else title)
    return f'<a href="{esc(Target.item(ref_id).href())}">{text}</a>' if linked else text


def _address_quotes(detail: ItemDetail, linked: bool) -> list[str]:
    quotes = [(s, s.paragraph) for s in detail.item.sources if s.paragraph is not None]
    if not quotes:
        return []
    parts = ["<h3>In the address</h3>"]
    for source, number in quotes:
        mark = f"¶{number}"
        ref = f'<a href="{Target.paragraph(number).href()}">{mark}</a>' if linked else mark
        parts.append(f"<blockquote>“{esc(source.quote or '')}” — {ref}</blockquote>")
    return parts


def _route_section(corridor: MapCorridor, nodes: Mapping[str, MapNode], linked: bool) -> list[str]:
    main = [leg for leg in corridor.legs if not leg.alternate]
    parts: list[str] = []
    if main:
        parts.append("<h3>Route, in order</h3><ol>")
        stops = [main[0].start, *(leg.end for leg in main)]
        for index, node_id in enumerate(stops):
            node = nodes.get(node_id)
            where = f" <span style='color:gray'>· {esc(node.country_name)}</span>" if node and node.country_name else ""
            note = ""
            if index < len(main) and main[index].status.value != "operational":
                note = f" <i>— next leg {esc(main[index].status.label)}</i>"
            parts.append(f"<li>{_node_link(node, node_id, node_id, linked)}{where}{note}</li>")
        parts.append("</ol>")
    branches: dict[int, list[str]] = {}
    for leg in corridor.legs:
        if leg.alternate:
            stops = branches.setdefault(leg.branch, [leg.start])
            if stops[-1] != leg.start:  # a leg left out (unknown node) breaks the branch: show the gap
                stops.extend(["…", leg.start])
            stops.append(leg.end)
    if branches:
        parts.append("<p><b>Alternative branches</b></p><ul>")
        for branch in branches.values():
            shown = (n if n == "…" else _node_link(nodes.get(n), n, n, linked) for n in branch)
            parts.append("<li>" + " → ".join(shown) + "</li>")
        parts.append("</ul>")
    return parts


def _crossed_section(
    detail: ItemDetail,
    corridor: MapCorridor | None,
    data: CorridorMapData,
    linked: bool,
    statuses: Mapping[str, SCOStatus],
) -> list[str]:
    crossed = [link for link in detail.links if link.rel == "crosses" and link.direction == "out"]
    parts: list[str] = []
    if crossed:
        parts.append("<h3>SCO states crossed</h3>")
        for status, heading in STATUS_GROUPS:
            group = [link for link in crossed if statuses.get(link.item.id) is status]
            if group:
                names = ", ".join(
                    (item_link(link.item) if linked else esc(link.item.title))
                    + (f" <i>({esc(link.label)})</i>" if link.label else "")
                    for link in group
                )
                parts.append(f"<p><b>{heading}:</b> {names}</p>")
    if corridor is not None:
        outside = []
        for node_id in corridor.node_ids:
            node = data.nodes.get(node_id)
            if (
                node
                and node.country_status is SCOStatus.OTHER
                and node.country_name
                and node.country_name not in outside
            ):
                outside.append(node.country_name)
        if outside:
            parts.append(f"<p><b>Also on the route, not in the SCO:</b> {esc(', '.join(outside))}</p>")
    return parts


def _proposals_section(detail: ItemDetail, linked: bool) -> list[str]:
    proposals: list[ItemRef] = []
    for link in detail.links:
        if link.item.kind is ItemKind.PROPOSAL and link.item not in proposals:
            proposals.append(link.item)
    if not proposals:
        return []
    items = "".join(f"<li>{item_link(p) if linked else esc(p.title)}</li>" for p in proposals)
    return [f"<h3>Related proposals</h3><ul>{items}</ul>"]


def _related_and_sources(detail: ItemDetail, linked: bool) -> list[str]:
    parts: list[str] = []
    shown_ids: set[str] = set()
    for label, refs in grouped_links(detail).items():
        if label in OWN_SECTIONS:
            continue
        # Proposals have their own section; an item linked both ways shows once.
        refs = [r for r in refs if r.kind is not ItemKind.PROPOSAL and r.id not in shown_ids]
        if not refs:
            continue
        shown_ids.update(r.id for r in refs)
        shown = ", ".join(item_link(r) if linked else esc(r.title) for r in refs)
        parts.append(f"<p><b>{esc(label)}:</b> {shown}</p>")
    if detail.item.sources:
        parts.append("<h3>Sources</h3><ol>")
        parts.extend(f"<li>{source_html(s, linked=linked)}</li>" for s in detail.item.sources)
        parts.append("</ol>")
    return parts


def corridor_detail_html(
    detail: ItemDetail,
    data: CorridorMapData,
    colours: Mapping[str, str],
    statuses: Mapping[str, SCOStatus],
    *,
    linked: bool = True,
) -> str:
    """A corridor: line colour, status, description, quote, route, states crossed, proposals, sources.

    ``statuses`` gives the SCO status of member and partner item ids (for grouping the states crossed).
    """
    item = detail.item
    corridor = data.corridor(item.id)
    status = corridor.status if corridor else None
    dashed = status is not None and status.value != "operational"
    parts = item_heading_html(
        item, prefix=_swatch(colours.get(item.id), dashed), meta=f" · {esc(status.label)}" if status else ""
    )
    aka = also_known_as(item)
    if aka:
        parts.append(f"<p><b>Also called:</b> {esc(', '.join(humanise(a) for a in aka))}</p>")
    parts.extend(_crossed_section(detail, corridor, data, linked, statuses))
    parts.extend(_address_quotes(detail, linked))
    if corridor is not None:
        parts.extend(_route_section(corridor, data.nodes, linked))
    else:
        parts.append("<p><i>This corridor has no located nodes, so it is not drawn on the map.</i></p>")
    parts.extend(_proposals_section(detail, linked))
    parts.extend(_related_and_sources(detail, linked))
    return "\n".join(parts)


def node_detail_html(
    detail: ItemDetail, data: CorridorMapData, colours: Mapping[str, str], *, linked: bool = True
) -> str:
    """A corridor node: where it is (country and SCO status, position), the corridors through it, sources."""
    item = detail.item
    node = data.nodes.get(item.id)
    kind_of_place = humanise(node_type(item))
    parts = item_heading_html(item, meta=f" · {esc(kind_of_place)}" if kind_of_place else "", with_text=False)
    if item.summary:
        parts.append(f"<p>{esc(item.summary)}</p>")
    if node is None:
        parts.append("<p><i>This node has no usable coordinates, so it is not drawn on the map.</i></p>")
    else:
        if node.country_name:
            country = esc(node.country_name)
            if linked and node.state_id:
                country = f'<a href="{esc(Target.item(node.state_id).href())}">{country}</a>'
            parts.append(f"<p><b>Country:</b> {country} ({esc(node.country_status.label)})</p>")
        lat = f"{abs(node.lat):.4f}° {'N' if node.lat >= 0 else 'S'}"
        lon = f"{abs(node.lon):.4f}° {'E' if node.lon >= 0 else 'W'}"
        approx = " — <b>approximate, not authoritative</b>" if node.approximate else ""
        parts.append(f"<p><b>Position:</b> {lat}, {lon}{approx}</p>")
        if node.corridors:
            parts.append("<h3>On corridors</h3><ul>")
            for corridor in data.corridors:
                if corridor.id in node.corridors:
                    link = (
                        f'<a href="{esc(Target.item(corridor.id).href())}">{esc(corridor.title)}</a>'
                        if linked
                        else esc(corridor.title)
                    )
                    parts.append(f"<li>{_swatch(colours.get(corridor.id))}{link}</li>")
            parts.append("</ul>")
    parts.extend(_related_and_sources(detail, linked))
    return "\n".join(parts)


def corridors_overview_html(data: CorridorMapData, colours: Mapping[str, str], summaries: Mapping[str, str],
                            limit: int | None = None, more_href: str = "") -> str:
    """What the detail pane shows before anything is selected: every corridor on the map, each a link.

    With ``limit``, only the first ``limit`` corridors, then how many more there are and a link (``more_href``)
    to show them all: a library of many summits has hundreds, which no one reads down, and laying them all
    out costs a tenth of a second and megabytes the moment the tab opens."""
    shown = data.corridors if limit is None else data.corridors[:limit]
    parts = [
        "<h2>Transport corridors in the address</h2>",
        "<p>Paragraph 28 of the address names these corridors. Click a line or a node on the map, or a name "
        "below, to see its route, the SCO states it crosses and what the address says about it.</p>",
        "<ul>",
    ]
    for corridor in shown:
        dashed = corridor.status.value != "operational"
        link = f'<a href="{esc(Target.item(corridor.id).href())}">{esc(corridor.title)}</a>'
        summary = summaries.get(corridor.id, "")
        first_sentence = summary.split(". ")[0].rstrip(".") + "." if summary else ""
        parts.append(
            f"<li>{_swatch(colours.get(corridor.id), dashed)}<b>{link}</b> — {esc(corridor.status.label)}"
            + (f"<br>{esc(first_sentence)}" if first_sentence else "")
            + "</li>"
        )
    more = len(data.corridors) - len(shown)
    if more > 0:
        parts.append(f'<li>… and {more} more corridors: <a href="{esc(more_href)}">show them all</a> '
                     "(the legend beside the map lists every one)</li>")
    parts.append("</ul>")
    return "\n".join(parts)
