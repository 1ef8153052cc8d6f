"""In the Bookmarks tab a title too long for its column keeps the qualifier after its dash in view ("… — Ufa
2031": in a library of a hundred summits, cut at the right, the copies of an item looked alike); titles without one
are cut at the right as before (the real pack's screenshots are unchanged)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem

from briefing_app.ui.models.bookmark_text import COLUMNS, TITLE
from briefing_app.ui.widgets.bookmark_tree import BookmarkTree

TITLES = (
    "Trans-Caspian International Transport Route (Middle Corridor) — Ufa 2031",
    "Trans-Caspian International Transport Route (Middle Corridor) — Minsk 2030",
    "Trans-Caspian International Transport Route (Middle Corridor)",
)


def shown_titles(qtbot, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    """What the title column shows for each title at ``width`` pixels, as its delegate elides it."""
    model = QStandardItemModel(0, len(COLUMNS))
    for title in TITLES:
        model.appendRow([QStandardItem(title)] + [QStandardItem("") for _ in COLUMNS[1:]])
    tree = BookmarkTree(model)
    qtbot.addWidget(tree)
    shown = []
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        option.initFrom(tree)
        option.textElideMode = tree.textElideMode()
        index = model.index(row, TITLE)
        tree.itemDelegateForIndex(index).initStyleOption(option, index)
        shown.append(option.fontMetrics.elidedText(option.text, option.textElideMode, width))
    return shown


def test_a_cut_title_keeps_the_qualifier_after_its_dash(qtbot) -> None:  # type: ignore[no-untyped-def]
    ufa, minsk, plain = shown_titles(qtbot, 260)
    assert ufa.endswith("— Ufa 2031") and "…" in ufa
    assert minsk.endswith("— Minsk 2030") and ufa != minsk  # the rows tell the copies apart
    assert plain.startswith("Trans-Caspian International") and plain.endswith("…")  # cut at the right as before


def test_a_title_that_fits_is_shown_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert shown_titles(qtbot, 2000) == list(TITLES)


def test_only_the_title_column_gets_the_delegate(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = QStandardItemModel(0, len(COLUMNS))
    tree = BookmarkTree(model)
    qtbot.addWidget(tree)
    assert tree.itemDelegateForColumn(TITLE) is tree.title_delegate
    assert all(tree.itemDelegateForColumn(c) is None for c in range(len(COLUMNS)) if c != TITLE)
    assert tree.textElideMode() == Qt.TextElideMode.ElideRight
