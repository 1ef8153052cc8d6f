"""How a bookmark reads in the Bookmarks tab: columns, labels, first line of a note, escaped tooltips."""

from __future__ import annotations

import html

from briefing_app.domain.bookmarks import BookmarkEntry, local_stamp, tags_text
from briefing_app.domain.items import ItemKind
from briefing_app.reports.formatting import isolate

NOT_IN_BRIEFING = "not in the current briefing"
TEXT_CHANGED = "the paragraph's text changed"
COLUMNS = ("Title", "Kind", "Tags", "Note", "Changed")
TITLE, KIND, TAGS, NOTE, CHANGED = range(len(COLUMNS))
_KIND_ORDER = {kind.value: n for n, kind in enumerate(ItemKind)}


def kind_order(kind: str) -> int:
    """Kinds in the briefing's order (events, members, ... paragraphs); unknown kinds last."""
    return _KIND_ORDER.get(kind, len(_KIND_ORDER))


def kind_label(kind: str) -> str:
    return ItemKind(kind).label if kind in _KIND_ORDER else kind


def first_line(text: str, limit: int = 120) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    more = len(text.strip()) > len(line)
    if len(line) > limit:
        return line[: limit - 1].rstrip() + "…"
    return line + (" …" if more else "")


def kind_plural(kind: str) -> str:
    return ItemKind(kind).plural if kind in _KIND_ORDER else kind


def display_text(entry: BookmarkEntry, column: int) -> str:
    """What a cell shows; the user's text beside the app's (separators, notes) is bidi-isolated."""
    b = entry.bookmark
    if column == TITLE:
        if entry.text_changed:
            return f"{isolate(entry.title)} ({TEXT_CHANGED})"
        return entry.title if entry.in_briefing else f"{isolate(entry.title)} ({NOT_IN_BRIEFING})"
    if column == KIND:
        return kind_label(b.kind)
    if column == TAGS:
        return tags_text(isolate(tag) for tag in b.tags)
    if column == NOTE:
        return first_line(b.note)
    return local_stamp(b.updated_at)

def tooltip_html(entry: BookmarkEntry, column: int) -> str:
    # Rich text with every user text escaped: a note that looks like markup is shown as typed. The <qt> prefix
    # marks it as rich on purpose (briefing_app.ui.plain_tooltips shows other tooltips as plain text).
    b = entry.bookmark
    if column == NOTE and b.note:
        text = b.note if len(b.note) < 1500 else b.note[:1500] + " …"
        return f"<qt><p style='white-space:pre-wrap'>{html.escape(text)}</p></qt>"
    if column == CHANGED:
        return html.escape(f"Bookmarked {local_stamp(b.created_at)}, last changed {local_stamp(b.updated_at)}")
    status = "" if entry.in_briefing else (
        "<br/><i>This item is not in the current briefing. The bookmark is kept with its last known title.</i>")
    if entry.text_changed:
        status = ("<br/><i>This paragraph now holds other text than the one bookmarked, which is no longer in "
                  "the address. The bookmark keeps its title and note.</i>")
    what = html.escape(f"{kind_label(b.kind)} · {b.item_id}")
    return f"<qt><b>{html.escape(isolate(entry.title))}</b><br/>{what}{status}</qt>"
