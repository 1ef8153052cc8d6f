"""OpenDocument export through Qt's own ODF writer (issue 18, "ODT too if Qt's writer serves"): the same blocks as
the PDF book in one QTextDocument, written by QTextDocumentWriter("odf"), with the table sizes Qt writes wrongly
repaired; from the composer too."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path


def test_the_whole_book_as_odt_has_its_text_tables_and_pictures(qtbot, services, tmp_path: Path) -> None:
    from briefing_app.reports.book import briefing_book
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.odt_export import write_odt

    sheet = briefing_book(services.briefing, marking="none")
    out = tmp_path / "book.odt"
    write_odt(sheet, out, FigureRenderer(services))
    with zipfile.ZipFile(out) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = archive.read("content.xml").decode()
        pictures = [n for n in archive.namelist() if n.startswith("Pictures/")]
    figures = list(sheet.figures())
    assert len(pictures) == len(figures) == content.count("<draw:image ")
    tables = len(re.findall(r"<table:table ", content))
    assert tables >= 15
    for heading in ("Overview", "Members", "Transport corridors", "Sources"):
        assert f">{heading}<" in content
    # Qt writes a column's share as a percentage, which is no length: repaired to millimetres and weights
    assert 'style:column-width="' in content and not re.search(r'style:column-width="[\d.]+%"', content)
    assert content.count('table:align="margins"') >= 1


def test_the_composer_exports_a_book_with_highlights_to_odt(qtbot, services, tmp_path: Path) -> None:
    from briefing_app.domain.highlights import HighlightColour
    from briefing_app.ui.dialogs.book_composer import BookComposer

    quote = " ".join(services.highlights.text_of("paragraph:8").split()[:6])
    services.highlights.add("paragraph:8", quote, colour="pink", note="Open with this")
    dialog = BookComposer(services)
    qtbot.addWidget(dialog)
    dialog.new_book("Quotes")
    dialog.add_highlight()
    out = tmp_path / "quotes.odt"
    dialog.save_odt(out)
    with zipfile.ZipFile(out) as archive:
        content = archive.read("content.xml").decode()
    assert quote in content and "Open with this" in content
    assert f'fo:background-color="{HighlightColour.PINK.light}"' in content
