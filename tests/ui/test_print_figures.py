"""The figures of a print are drawn from one reading of the content: both member charts share the member rows."""

from __future__ import annotations


def test_the_population_and_gdp_charts_read_the_members_once(qtbot, services, monkeypatch) -> None:
    from briefing_app.reports.section_sheets import CHART_GDP, CHART_POPULATION
    from briefing_app.reports.sheet import Figure
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.views import members

    reads: list[object] = []
    real = members.member_rows

    def counting(briefing):  # type: ignore[no-untyped-def]
        reads.append(briefing)
        return real(briefing)

    monkeypatch.setattr(members, "member_rows", counting)
    renderer = FigureRenderer(services)
    population = renderer(Figure(CHART_POPULATION, ""), 700, 380)
    gdp = renderer(Figure(CHART_GDP, ""), 700, 380)
    assert population is not None and gdp is not None and population != gdp
    assert len(reads) == 1
