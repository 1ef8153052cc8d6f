"""An item as rich text for QTextBrowser and QTextDocument: title, facts, sources, links.

Links use two schemes: ``item:ID`` opens an item, ``source:N`` shows paragraph N of the address. All text
from the pack or the user is escaped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from briefing_app.domain.items import Item, ItemKind, ItemRef, Source
from briefing_app.reports.aliases import also_html
from briefing_app.reports.formatting import as_of_marker, attr_rows, esc
from briefing_app.services.briefing import ItemDetail, rel_label
from briefing_app.views.targets import Target


def item_link(ref: ItemRef) -> str:
    return f'<a href="{esc(Target.item(ref.id).href())}">{esc(ref.title)}</a>'


def source_html(source: Source, *, linked: bool = True) -> str:
    if source.paragraph is not None:
        mark = f"¶{source.paragraph}"
        ref = f'<a href="{Target.paragraph(source.paragraph).href()}">{mark}</a>' if linked else mark
        text = f"{ref} “{esc(source.quote or '')}”"
    else:
        text = esc(source.citation or "")
        if source.url:
            text += f" — {esc(source.url)}"
    if source.note:
        text += f" <i>({esc(source.note)})</i>"
    return text


def _ref_text(ref: ItemRef, siblings: list[ItemRef], *, linked: bool) -> str:
    """A related item's title; where two related items share a title (a proposal and the document it became),
    their kinds tell them apart."""
    text = item_link(ref) if linked else esc(ref.title)
    if sum(1 for other in siblings if other.title.casefold() == ref.title.casefold()) > 1:
        text += f" <i>({esc(ref.kind.label.lower())})</i>"
    return text


def grouped_links(detail: ItemDetail) -> OrderedDict[str, list[ItemRef]]:
    groups: OrderedDict[str, list[ItemRef]] = OrderedDict()
    for link in detail.links:
        label = rel_label(link.rel, link.direction)
        refs = groups.setdefault(label, [])
        if link.item not in refs:
            refs.append(link.item)
    return groups


def item_heading_html(
    item: Item, *, meta: str = "", prefix: str = "", heading_level: int = 2, with_text: bool = True
) -> list[str]:
    """The opening of an item's detail: title, a line with its kind (``prefix`` before it, ``meta`` after it)
    and id, then its summary and body."""
    h = f"h{heading_level}"
    parts = [
        f"<{h}>{esc(item.title)}</{h}>",
        f"<p>{prefix}<i>{esc(item.kind.label)}</i>{meta} · <code>{esc(item.id)}</code></p>",
    ]
    later = as_of_marker(item.as_of)
    if later:
        parts.append(f'<p class="as-of"><b>{esc(later)}</b></p>')
    if item.aliases:
        parts.append(also_html(item))
    if with_text:
        if item.summary:
            parts.append(f"<p>{esc(item.summary)}</p>")
        if item.body and item.body != item.summary:
            parts.append(f"<p>{esc(item.body)}</p>")
    return parts


def item_detail_html(detail: ItemDetail, *, linked: bool = True, heading_level: int = 2,
                     computed: Sequence[tuple[str, str, str]] = ()) -> str:
    """The item's detail; ``computed`` adds facts the views compute when shown (a share of world GDP) after the
    item's own attributes, as (label, value, citation) rows."""
    item = detail.item
    if item.kind is ItemKind.PARAGRAPH:
        parts = item_heading_html(item, heading_level=heading_level, with_text=False)
        parts.append(f"<blockquote>{esc(item.body)}</blockquote>")
    else:
        parts = item_heading_html(item, heading_level=heading_level)
    rows = [*attr_rows(item), *computed]
    if rows:
        cells = "".join(
            f"<tr><td><b>{esc(label)}</b></td><td>{esc(value)}"
            + (f' <span style="font-size: small">[{esc(citation)}]</span>' if citation else "")
            + "</td></tr>"
            for label, value, citation in rows
        )
        parts.append(f'<table cellspacing="0" cellpadding="3">{cells}</table>')
    if item.kind is ItemKind.CORRIDOR:
        route = [ref for ref in detail.related("passes_through")]
        if route:
            arrow = " → "
            stops = arrow.join(item_link(r) if linked else esc(r.title) for r in route)
            parts.append(f"<p><b>Route:</b> {stops}</p>")
    for label, refs in grouped_links(detail).items():
        if label == "Route" and item.kind is ItemKind.CORRIDOR:
            continue
        shown = ", ".join(_ref_text(r, refs, linked=linked) for r in refs)
        parts.append(f"<p><b>{esc(label)}:</b> {shown}</p>")
    if item.sources and item.kind is not ItemKind.PARAGRAPH:
        parts.append("<p><b>Sources</b></p><ol>")
        parts.extend(f"<li>{source_html(s, linked=linked)}</li>" for s in item.sources)
        parts.append("</ol>")
    return "\n".join(parts)
