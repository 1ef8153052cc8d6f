"""The Source tab lays out only the paragraphs in view: a long address shows without measuring every row, and
the rows the reader sees have their exact heights (the text as painted), wherever the list is scrolled."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem

from briefing_app.domain.items import ItemKind
from briefing_app.ui.models.paragraph_model import ParagraphModel
from briefing_app.ui.widgets.paragraph_delegate import PADDING_V, ParagraphDelegate, ParagraphListView

COPIES = 40


def long_address(services):  # type: ignore[no-untyped-def]
    """The real paragraphs repeated COPIES times, numbered on (a library's worth of addresses)."""
    paragraphs = services.briefing.items(ItemKind.PARAGRAPH)
    count = len(paragraphs)
    out = []
    for copy in range(COPIES):
        for p in paragraphs:
            number = int(p.attrs.get("number", p.position)) + copy * count
            out.append(dataclasses.replace(p, id=f"paragraph:{number}", position=number,
                                           attrs={**p.attrs, "number": number}))
    return out


def exact_height(view: ParagraphListView, row: int) -> int:
    """The row's height laid out as the delegate paints it, measured afresh."""
    option = QStyleOptionViewItem()
    option.font = view.font()
    delegate = view.itemDelegate()
    doc = ParagraphDelegate._document(delegate, option, view.model().index(row, 0))
    return int(doc.size().height()) + 2 * PADDING_V


def visible_rows(view: ParagraphListView) -> list[int]:
    model = view.model()
    area = view.viewport().rect()
    return [r for r in range(model.rowCount()) if view.visualRect(model.index(r, 0)).intersects(area)]


def make_view(qtbot, paragraphs) -> ParagraphListView:  # type: ignore[no-untyped-def]
    view = ParagraphListView()
    qtbot.addWidget(view)
    view.setModel(ParagraphModel(paragraphs, parent=view))
    view.setItemDelegate(ParagraphDelegate(view))
    view.setWordWrap(True)
    view.setResizeMode(ParagraphListView.ResizeMode.Adjust)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.resize(700, 600)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    return view


def test_a_long_address_shows_without_laying_out_every_paragraph(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, long_address(services))
    rows = view.model().rowCount()
    delegate = view.itemDelegate()
    assert rows == COPIES * services.briefing.counts()["paragraph"]
    # Only the rows in view and about a screen around them are laid out
    assert 0 < delegate.measured_rows() < rows / 10
    # and those the reader sees have their exact heights
    shown = visible_rows(view)
    assert shown and shown[0] == 0
    for row in shown:
        assert view.visualRect(view.model().index(row, 0)).height() == exact_height(view, row)


def test_scrolling_far_lays_out_the_rows_come_into_view_and_keeps_the_target_at_the_top(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, long_address(services))
    model = view.model()
    target = model.index(model.rowCount() - 200, 0)
    view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtTop)
    view.grab()  # the paint measures the rows now in view
    view.grab()
    assert view.visualRect(target).top() == 0
    for row in visible_rows(view):
        assert view.visualRect(model.index(row, 0)).height() == exact_height(view, row)
    assert view.itemDelegate().measured_rows() < model.rowCount() / 10


def test_measured_heights_are_the_paragraphs_laid_out_as_painted(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, services.briefing.items(ItemKind.PARAGRAPH))
    delegate = view.itemDelegate()
    model = view.model()
    for row in range(model.rowCount()):
        delegate.measure(model.index(row, 0))
        assert delegate.row_height(model.index(row, 0)) == exact_height(view, row)
    # A narrower list measures again at its new width
    view.resize(420, 600)
    view.grab()
    for row in visible_rows(view):
        assert view.visualRect(model.index(row, 0)).height() == exact_height(view, row)


@pytest.mark.parametrize("estimate", [None, 20, 400])
def test_scrolled_to_the_end_the_last_paragraph_shows_whole(qtbot, services, monkeypatch, estimate) -> None:  # type: ignore[no-untyped-def]
    if estimate is not None:  # estimates far too short or too tall: the rows measured in view change the total
        monkeypatch.setattr(ParagraphDelegate, "_estimate", lambda self, index: estimate)
    view = make_view(qtbot, long_address(services))
    model = view.model()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # as dragging the scroll bar to its end
    qtbot.wait(100)  # painted: the rows come into view are measured
    view.grab()
    last = view.visualRect(model.index(model.rowCount() - 1, 0))
    assert bar.value() == bar.maximum()
    assert last.bottom() <= view.viewport().rect().bottom() + 1
    assert last.height() == exact_height(view, model.rowCount() - 1)
