"""The detail pane of the Members tab: the shared item view, plus, for a member state, the documents that
concern it through its proposals and its chairmanship results."""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.domain.items import kind_of
from briefing_app.reports.formatting import esc
from briefing_app.reports.item_html import item_link
from briefing_app.services.briefing import ItemDetail
from briefing_app.ui.widgets.item_detail import ItemDetailView
from briefing_app.views.documents import ConcerningDocument, documents_concerning


def documents_html(documents: list[ConcerningDocument]) -> str:
    if not documents:
        return ""
    lines = "".join(f"<li>{item_link(d.document)} <small>(through {item_link(d.via)})</small></li>"
                    for d in documents)
    return f"<p><b>{esc('Documents that concern it')}:</b></p><ul>{lines}</ul>"


class MemberDetailView(ItemDetailView):
    """Shows any item; a member state also gets the documents that concern it."""

    def detail_html(self, detail: ItemDetail, computed: Sequence[tuple[str, str, str]]) -> str:
        html = super().detail_html(detail, computed)
        if kind_of(detail.item.id) != "member":
            return html
        extra = documents_html(documents_concerning(self.context.services.briefing, detail))
        if not extra:
            return html
        marker = "<p><b>Sources</b></p>"
        return html.replace(marker, extra + marker, 1) if marker in html else html + extra
