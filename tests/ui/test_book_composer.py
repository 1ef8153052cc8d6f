"""The Compose Briefing Book dialog: several books, parts added and reordered by dragging, text blocks written,
the preview following every change, rename / duplicate / delete with undo, and the book saved as PDF and Word."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex

from tests.conftest import save_screenshot


@pytest.fixture
def composer(qtbot, services):  # type: ignore[no-untyped-def]
    from briefing_app.ui.dialogs.book_composer import BookComposer

    services.bookmarks.add("member:kaz", note="Host of the summit")
    dialog = BookComposer(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _labels(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [dialog.parts.item(i).text() for i in range(dialog.parts.count())]


def test_compose_reorder_by_dragging_and_the_preview_follows(composer, qtbot) -> None:
    composer.new_book("Minister")
    assert composer.current_name == "Minister" and _labels(composer) == ["Cover note"]
    composer.section_box.setCurrentIndex(composer.section_box.findData("members"))
    composer.add_section()
    composer.bookmark_box.setCurrentIndex(composer.bookmark_box.findData("member:kaz"))
    composer.add_bookmark()
    composer.text_box.setCurrentText("Talking points")
    composer.add_text()
    assert _labels(composer) == ["Cover note", "Section: Members", "Bookmark: Kazakhstan", "Talking points"]
    # write the talking points: stored and previewed
    composer.parts.setCurrentRow(3)
    composer.editor.setPlainText("- Welcome Belarus")
    composer.flush()
    assert "Welcome Belarus" in composer.preview.toPlainText()
    assert "Host of the summit" in composer.preview.toPlainText()
    # drag the talking points to the top (an internal move in the list)
    model = composer.parts.model()
    assert model.moveRow(QModelIndex(), 3, QModelIndex(), 0)
    qtbot.waitUntil(lambda: composer.books.get("Minister").parts[0].title == "Talking points")
    preview = composer.preview.toPlainText()
    assert preview.index("Talking points") < preview.index("Members")
    save_screenshot(composer, "book-composer")


def test_several_books_rename_duplicate_delete_and_undo(composer) -> None:
    composer.new_book("One")
    composer.new_book("Two")
    assert [composer.book_list.item(i).text() for i in range(composer.book_list.count())] == ["One", "Two"]
    composer.rename_book("Second")
    assert composer.current_name == "Second"
    composer.duplicate_book()
    assert composer.current_name == "Second (copy)"
    composer.delete_book()
    assert composer.books.can_undo() and composer.undo_button.isEnabled()
    assert "Second (copy)" not in [b.name for b in composer.books.list()]
    composer.undo_delete()
    assert composer.current_name == "Second (copy)"


def test_a_gone_item_is_kept_and_marked(composer, services) -> None:
    from briefing_app.domain.books import BookPart, PartKind

    composer.books.create("Old", [BookPart(PartKind.BOOKMARK, "member:atlantis", "Atlantis", "kept note")])
    composer.refresh("Old")
    assert _labels(composer) == ["Bookmark: Atlantis (not in the current briefing)"]
    assert "not in the current briefing" in composer.preview.toPlainText()


def test_save_as_pdf_and_word(composer, tmp_path: Path) -> None:
    from docx import Document
    from pypdf import PdfReader

    composer.new_book("Trip")
    composer.add_section()
    composer.save_pdf(tmp_path / "trip.pdf")
    composer.save_word(tmp_path / "trip.docx")
    assert len(PdfReader(str(tmp_path / "trip.pdf")).pages) >= 3
    assert any(p.text == "Overview" for p in Document(str(tmp_path / "trip.docx")).paragraphs)
