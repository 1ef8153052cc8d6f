"""The read models screen and print share (briefing_app.views), over the real pack and a second, different one."""

from __future__ import annotations

from datetime import date

import pytest

from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.members import member_rows
from briefing_app.views.numbers import count_word, exact_number, long_date, short_number, weekday_date
from briefing_app.views.summit import (
    chairmanship_title,
    main_event,
    ordered_priorities,
    priorities_heading,
    priority_lines,
    summit_lines,
)
from briefing_app.views.targets import TAB_KINDS, Target, TargetError, TargetKind, tab_of_kind


def test_numbers_are_shortened_one_way() -> None:
    assert short_number(1_410_710_000) == "1.41 bn"
    assert short_number(17_794_781_986_104, money=True) == "US$ 17.8 tn"
    assert short_number(240_485_658) == "240 m"
    assert short_number(950) == "950"
    assert exact_number(1_410_710_000) == "1,410,710,000"
    assert exact_number(2.5) == "2.5"


def test_dates_read_as_words_and_odd_text_passes_through() -> None:
    assert long_date("2024-07-04") == "4 July 2024"
    assert long_date(date(2030, 1, 2)) == "2 January 2030"
    assert weekday_date("2024-07-04") == "Thursday, 4 July 2024"
    assert long_date("July 2024") == "July 2024"
    assert count_word(4) == "four" and count_word(12) == "12"
    assert priorities_heading(1) == "The one priority area"


def test_main_event_of_the_real_pack(services) -> None:  # type: ignore[no-untyped-def]
    event = main_event(services.briefing)
    assert event is not None and event.id == "event:astana-2024"
    assert chairmanship_title(services.briefing, event) == "Kazakhstan's chairmanship"


def test_main_event_is_the_one_on_the_packs_date(second_services) -> None:  # type: ignore[no-untyped-def]
    # Given a pack whose first event is the previous summit
    assert second_services.briefing.items(ItemKind.EVENT)[0].id == "event:zenda-2029"
    # Then the main event is still the one on the pack's date
    event = main_event(second_services.briefing)
    assert event is not None and event.id == "event:testville-2030"
    assert chairmanship_title(second_services.briefing, event) == "Ruritania's chairmanship"
    labels = [(line.label, line.text) for line in summit_lines(second_services.briefing.detail(event.id))]
    assert ("Host", "Ruritania") in labels and ("Previous summit", "Zenda Summit 2029") in labels


def test_priorities_follow_the_order_of_the_address(second_services) -> None:  # type: ignore[no-untyped-def]
    listed = second_services.briefing.items(ItemKind.PRIORITY)
    assert [p.id for p in listed] == ["priority:water", "priority:trade"]  # the pack lists them out of order
    assert [p.id for p in ordered_priorities(listed)] == ["priority:trade", "priority:water"]
    assert [(line.text, line.note) for line in priority_lines(listed)] == [
        ("Free trade across the Zenda plain", ""), ("Clean water for the valleys", "1 proposal")]


@pytest.mark.parametrize("order", [None, "first", True, "", [1]])
def test_a_priority_without_a_usable_order_goes_last_instead_of_failing(order: object) -> None:
    odd = Item("priority:odd", ItemKind.PRIORITY, "Odd", attrs={} if order is None else {"order": order}, position=0)
    first = Item("priority:one", ItemKind.PRIORITY, "One", attrs={"order": 1}, position=5)
    assert [p.id for p in ordered_priorities([odd, first])] == ["priority:one", "priority:odd"]


def test_member_rows_are_typed_from_the_attribute_model(services) -> None:  # type: ignore[no-untyped-def]
    rows = {row.item.id: row for row in member_rows(services.briefing)}
    china = rows["member:chn"]
    assert china.population.short() == "1.41 bn" and china.gdp.short() == "US$ 17.8 tn"
    assert china.population.year == 2023 and "World Bank" in china.population.citation
    assert isinstance(china.joined, int) and china.capital == "Beijing"


def test_member_rows_of_a_second_pack(second_services) -> None:  # type: ignore[no-untyped-def]
    second = member_rows(second_services.briefing)
    assert [(r.state, r.capital, r.joined, r.representative.title if r.representative else None) for r in second] == [
        ("Ruritania", "Strelsau", 2029, "Queen Flavia"), ("Graustark", "Edelweiss", 2030, "Princess Yetive")]
    assert second[1].gdp.tooltip() == "US$ 800,000,000 (2029)\nSource: Graustark treasury 2029"


@pytest.mark.parametrize(("text", "target", "href", "history"), [
    ("member:kaz", Target(TargetKind.ITEM, "member:kaz"), "item:member:kaz", "member:kaz"),
    ("item:member:kaz", Target(TargetKind.ITEM, "member:kaz"), "item:member:kaz", "member:kaz"),
    ("source:12", Target(TargetKind.ITEM, "paragraph:12"), "source:12", "paragraph:12"),
    ("paragraph:12", Target(TargetKind.ITEM, "paragraph:12"), "source:12", "paragraph:12"),
    ("tab:corridors", Target(TargetKind.TAB, "corridors"), "tab:corridors", "tab:corridors"),
    ("source-for:priority:transport", Target(TargetKind.SOURCES_OF, "priority:transport"),
     "source-for:priority:transport", "source-for:priority:transport"),
])
def test_targets_parse_and_write_one_way(text: str, target: Target, href: str, history: str) -> None:
    assert Target.parse(text) == target
    assert target.href() == href and str(target) == history
    assert Target.parse(target.href()) == target and Target.parse(str(target)) == target


@pytest.mark.parametrize("text", ["tab:nowhere", "source:x", "javascript:alert(1)", "", "item:", "http://example.org"])
def test_text_that_names_no_place_is_refused(text: str) -> None:
    with pytest.raises(TargetError):
        Target.parse(text)


def test_every_kind_has_one_tab_and_targets_know_it() -> None:
    kinds = [kind for kinds in TAB_KINDS.values() for kind in kinds]
    assert sorted(kinds) == sorted(ItemKind) and len(kinds) == len(set(kinds))
    assert Target.item("proposal:x").tab_key == "priorities"
    assert Target.sources_of("member:kaz").tab_key == "source"
    assert tab_of_kind("paragraph") == "source"


def test_the_facts_read_without_pydantic_are_fields_of_the_schema() -> None:
    from dataclasses import fields

    from briefing_app.content.schema import EventAttrs, FigureAttrs
    from briefing_app.views.attributes import EventFacts, FigureFacts

    assert {f.name for f in fields(EventFacts)} <= set(EventAttrs.model_fields)
    assert {f.name for f in fields(FigureFacts)} <= set(FigureAttrs.model_fields)


def test_figure_facts_are_typed(second_services) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.views.attributes import figure_attrs

    facts = figure_attrs(second_services.briefing.item("figure:three-million"))
    assert (facts.value, facts.unit, facts.qualifier) == (3_000_000.0, "people", "over")
    assert facts.stated() == "over 3 million"
