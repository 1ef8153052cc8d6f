"""The bibliography lists the many records of one database (GeoNames features) compactly, one entry per kind of
use with their numbers, and drops none of them (the book must stay within 20 pages with nothing lost)."""

from __future__ import annotations

import re


def test_geonames_records_are_listed_once_each_by_number(services) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.reports.book import bibliography_blocks
    from briefing_app.reports.sources import BookNotes

    notes = BookNotes.for_documents(services.briefing.pack_info().documents)
    from briefing_app.reports.section_sheets import SECTION_BUILDERS

    for build in SECTION_BUILDERS.values():
        build(services.briefing, notes)
    ids = {m.group(1) for w in notes.bibliography() for m in [re.search(r"GeoNames feature (\d+)", w.text)] if m}
    html = "".join(getattr(b, "html", "") for b in bibliography_blocks(services.briefing, notes))
    listed = re.findall(r"\d{5,}", html.split("<b>GeoNames</b>", 1)[1].split("<b>", 1)[0])
    assert len(ids) > 10 and sorted(listed) == sorted(ids)
    assert html.count("GeoNames feature") < len(ids) / 2
