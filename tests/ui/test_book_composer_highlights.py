"""The composer takes highlights (issue 19): picked from the user's highlights, listed with their colour, kept in
the user database, previewed in a Highlights chapter with the quote shaded and the note among the notes, and
printed to PDF with them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import save_screenshot


def test_pick_highlights_into_a_book_preview_and_print(qtbot, services, tmp_path: Path) -> None:
    from briefing_app.domain.books import PartKind
    from briefing_app.ui.dialogs.book_composer import BookComposer

    # Given two highlights of the address and one of an item, one with a note
    text = services.highlights.text_of("paragraph:8").split()
    first = services.highlights.add("paragraph:8", " ".join(text[:6]), colour="blue",
                                    note="Quote this at the opening")
    services.highlights.add("member:kaz", " ".join(services.highlights.text_of("member:kaz").split()[:4]))
    dialog = BookComposer(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_book("Quotes")
    # Then the composer offers them, by item, with their quotes
    labels = [dialog.highlight_box.itemText(i) for i in range(dialog.highlight_box.count())]
    assert len(labels) == 2 and labels[0].startswith("¶8: “Kassym-Jomart") and labels[1].startswith("Kazakhstan: “")
    # When the user picks the noted one and adds it
    dialog.highlight_box.setCurrentIndex(dialog.highlight_box.findData(first.highlight_id))
    dialog.add_highlight()
    # Then it is a part of the book in the database, listed with its colour, and the preview shows it
    parts = services_book_parts(dialog, "Quotes")
    assert [p.kind for p in parts] == [PartKind.TEXT, PartKind.HIGHLIGHT]
    assert (parts[1].quote, parts[1].colour, parts[1].text) == (first.quote, "blue", "Quote this at the opening")
    row = dialog.parts.item(1)
    assert row.text().startswith("Highlight, ¶8: “Kassym-Jomart") and not row.icon().isNull()
    preview = dialog.preview.toPlainText()
    assert "Highlights" in preview and first.quote in preview and "Quote this at the opening" in preview
    # and a highlight removed later stays in the book
    services.highlights.remove(first.highlight_id)
    dialog.refresh("Quotes")
    assert dialog.parts.count() == 2 and first.quote in dialog.preview.toPlainText()
    save_screenshot(dialog, "book-composer-highlights")
    out = tmp_path / "quotes.pdf"
    dialog.save_pdf(out)
    from pypdf import PdfReader

    printed = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(out)).pages)
    assert first.quote in printed and "Quote this at the opening" in printed


def services_book_parts(dialog, name: str):  # type: ignore[no-untyped-def]
    return dialog.books.get(name).parts
