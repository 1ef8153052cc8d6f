"""The printed Achievements sheet draws the documents by status, as the Achievements tab does (not the old
count chart of results by area)."""

from __future__ import annotations

from briefing_app.domain.items import ItemKind


def test_printed_achievements_chart_is_the_documents_by_status_chart(qtbot, services, monkeypatch) -> None:
    # Given the Achievements sheet and the print figure renderer
    from briefing_app.reports.section_sheets import CHART_ACHIEVEMENTS, SECTION_BUILDERS
    from briefing_app.reports.sheet import Figure
    from briefing_app.reports.sources import BookNotes
    from briefing_app.ui.charts.document_status import DocumentStatusChart
    from briefing_app.ui.printing.figures import FigureRenderer

    notes = BookNotes.for_documents(services.briefing.pack_info().documents)
    figures = [b for b in SECTION_BUILDERS["achievements"](services.briefing, notes) if isinstance(b, Figure)]
    assert [f.key for f in figures] == [CHART_ACHIEVEMENTS]
    assert "Documents of the chairmanship by status" in figures[0].caption_html
    drawn: list[list[tuple[str, list[str]]]] = []
    original = DocumentStatusChart.set_documents

    def record(chart, documents):  # type: ignore[no-untyped-def]
        original(chart, documents)
        drawn.append(chart.rows)

    monkeypatch.setattr(DocumentStatusChart, "set_documents", record)
    # When the chart is drawn for print
    image = FigureRenderer(services)(figures[0], 1400, 560)
    # Then it is the screen's chart of documents by status, over every document of the briefing
    assert image is not None and not image.isNull()
    documents = services.briefing.items(ItemKind.DOCUMENT)
    assert len(drawn) == 1
    assert sum(len(ids) for _status, ids in drawn[0]) == len(documents)
