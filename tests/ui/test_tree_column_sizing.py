"""The trees of the Achievements and Priorities tabs size a column to its contents from one row per distinct
cell (a status column holds a few words over thousands of rows): the same width as measuring every row."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTreeView

from briefing_app.ui.panels.item_tree_panel import ItemTree


def measured_by_every_row(tree: ItemTree, column: int) -> int:
    header = tree.header()
    precision = header.resizeContentsPrecision()
    header.setResizeContentsPrecision(-1)  # every row, as Qt measures a short tree
    try:
        return QTreeView.sizeHintForColumn(tree, column)
    finally:
        header.setResizeContentsPrecision(precision)


@pytest.mark.parametrize("tab", ["achievements", "priorities"])
def test_columns_fit_their_widest_cell_measuring_one_row_per_distinct_cell(window, tab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open(f"tab:{tab}")
    panel = window.panel(tab)
    tree = panel.tree
    assert isinstance(tree, ItemTree)
    columns = range(1, panel.model.columnCount())
    expected = {c: measured_by_every_row(tree, c) for c in columns}
    header = tree.header()
    for column in columns:  # as laid out: a column sized to its contents is as wide as its widest cell
        if header.sectionResizeMode(column) == header.ResizeMode.ResizeToContents:
            assert header.sectionSize(column) == max(expected[column], header.sectionSizeHint(column))
    tree._forget_widths()
    calls = {"n": 0}
    delegate = panel.status_delegate
    size_hint = type(delegate).sizeHint

    def counting(self, option, index):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return size_hint(self, option, index)

    monkeypatch.setattr(type(delegate), "sizeHint", counting)
    assert {c: tree.sizeHintForColumn(c) for c in columns} == expected
    distinct = len(panel.model.distinct_cells(1))
    assert 0 < calls["n"] <= distinct < panel.model.rowCount() + sum(
        panel.model.rowCount(panel.model.index(r, 0)) for r in range(panel.model.rowCount()))
    # Asked again (Qt asks at every layout), the width is remembered
    tree.sizeHintForColumn(1)
    assert calls["n"] <= distinct


def test_a_filter_sizes_the_columns_to_the_rows_left(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("tab:achievements")
    panel = window.panel("achievements")
    panel.filter.setText("Almaty")
    for column in range(1, panel.model.columnCount()):
        assert panel.tree.sizeHintForColumn(column) == measured_by_every_row(panel.tree, column)
