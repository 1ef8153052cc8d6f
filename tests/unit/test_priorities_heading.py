"""The heading over the priority areas says, where it stands, that the address numbers three areas and that the
fourth (reform, the address's particular focus) is the briefing's reading: in the views, and in print (the Overview
section). The screen is tested in tests/ui/test_priorities_heading_screen.py."""

from __future__ import annotations

from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.summit import PrioritiesHeading, priorities_heading_for


def priority(slug: str, order: int, *, numbered: bool | None = None) -> Item:
    attrs: dict[str, object] = {"order": order}
    if numbered is not None:
        attrs["numbered"] = numbered
    return Item(id=f"priority:{slug}", kind=ItemKind.PRIORITY, title=slug.capitalize(), attrs=attrs, position=order)


def test_areas_the_source_numbers_all_keep_the_plain_heading() -> None:
    heading = priorities_heading_for([priority("a", 1), priority("b", 2, numbered=True)])
    assert heading == PrioritiesHeading("The two priority areas")


def test_an_area_the_source_does_not_number_is_named_as_the_briefings_reading() -> None:
    heading = priorities_heading_for([priority("reform", 4, numbered=False), priority("a", 1), priority("b", 2),
                                      priority("c", 3)])
    assert heading.title == "The priority areas: three numbered in the address, one the briefing's reading"
    assert "The address numbers three areas" in heading.note and "“Reform”" in heading.note
    assert "editorial reading" in heading.note


def test_the_real_pack_says_reform_is_the_briefings_reading_in_the_heading(services) -> None:
    heading = priorities_heading_for(services.briefing.items(ItemKind.PRIORITY))
    assert "four priority areas" not in heading.title.lower()
    assert "three numbered in the address" in heading.title
    assert "Reforming and modernising the SCO" in heading.note


def test_the_overview_section_in_print_carries_the_heading_and_the_note(services) -> None:
    from briefing_app.reports.section_sheets import overview_blocks
    from briefing_app.reports.sheet import Heading, Text
    from briefing_app.reports.sources import SourceNotes

    blocks = overview_blocks(services.briefing, SourceNotes())
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert "The priority areas: three numbered in the address, one the briefing's reading" in headings
    assert not any("four priority areas" in h.lower() for h in headings)
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and "numbered in the address" in b.text)
    note = blocks[at + 1]
    assert isinstance(note, Text) and "The address numbers three areas" in note.html
