"""The line that tells a reader what else an item is called ("also: Tokaev, Toqaev, Токаев, 托卡耶夫").

Search finds items by their aliases; showing them on the item says why it was found and how others write it.
"""

from __future__ import annotations

from briefing_app.domain.items import Item
from briefing_app.reports.formatting import esc
from briefing_app.views.attributes import also_known_as

MAX_SHOWN = 16


def shown_aliases(item: Item) -> list[str]:
    """The item's aliases not already shown as its "Also known as" attribute, at most :data:`MAX_SHOWN`."""
    listed = {name.casefold() for name in also_known_as(item)}
    return [alias for alias in item.aliases if alias.casefold() not in listed][:MAX_SHOWN]


def also_text(item: Item) -> str:
    """"also: …" as plain text, or "" when the item has no other names to show."""
    aliases = shown_aliases(item)
    return f"also: {', '.join(aliases)}" if aliases else ""


def also_html(item: Item) -> str:
    """The "also: …" line as an HTML paragraph (escaped), or ""."""
    text = also_text(item)
    return f'<p style="font-size: small">{esc(text)}</p>' if text else ""
