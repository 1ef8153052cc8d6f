"""Print reads the pack, not Astana: every section of a second, different pack (Testville 2030, tests/fixtures/
second-pack) prints to PDF with that pack's own event, priorities (in the order of its address), members and
corridor, and no word of the Astana pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing_app.cli import PRINT_SECTIONS

EXPECTED: dict[str, list[str]] = {
    "overview": ["Testville Summit 2030", "Town Hall", "The two priority areas at a glance",
                 "Free trade across the Zenda plain", "Previous summit", "The previous summit, held in Zenda."],
    # The lead is the concept that names the members; the totals row takes the figures that state the sums
    "members": ["The union's two members, Ruritania and Graustark", "Ruritania", "Graustark", "Strelsau", "2 m",
                "US$ 1.5 bn", "Queen Flavia", "Kravonia", "All 2 members", "3.2 m", "US$ 2.3 bn"],
    "achievements": ["Achievements of Ruritania's chairmanship", "Strelsau school of music opened",
                     "Testville Charter"],
    "priorities": ["Free trade across the Zenda plain", "Clean water for the valleys", "The Tarlenheim canal"],
    # The lead is the priority linked with the corridor
    "corridors": ["between the members. [¶4]", "Zenda railway", "Testville", "Strelsau"],
    "book": ["Testville Summit 2030", "Ruritania's chairmanship", "Free trade across the Zenda plain",
             "Address of Queen Flavia"],
}


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize("section", PRINT_SECTIONS)
def test_every_section_of_a_second_pack_prints_that_packs_own_content(
        qapp, second_services, tmp_path: Path, section: str) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.reports.print_request import PrintRequest
    from briefing_app.ui.printing.headless import print_to_pdf

    # Given the Testville pack, whose first event is the previous summit and whose priorities are listed
    # out of their order in the address
    out = tmp_path / f"{section}.pdf"
    # When the section is printed
    pages = print_to_pdf(second_services, PrintRequest(out=out, section=section))
    # Then the PDF carries this pack's event, priorities and names, and nothing of Astana
    text = _pdf_text(out)
    assert pages >= 1
    missing = [words for words in EXPECTED[section] if words not in text]
    assert missing == [], f"{section}: missing {missing} in {text[:600]!r}"
    for astana in ("Astana", "Tokayev", "Kazakhstan", "four priorities"):
        assert astana not in text
    assert "FOR TESTS" in text  # the pack's marking
    if section in ("priorities", "book"):
        assert text.index("Free trade across the Zenda plain") < text.index("Clean water for the valleys")
