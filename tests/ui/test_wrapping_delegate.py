"""Word-wrapped tree rows are laid out again when a column changes width, and only if a row was measured."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from briefing_app.ui.panels.item_tree_panel import ItemTree
from briefing_app.ui.widgets.wrapping_delegate import WrappingDelegate

TEXT = "A long title of a result that wraps onto several lines when its column is narrow enough " * 2


def test_a_width_change_lays_out_again_only_rows_already_measured(qtbot) -> None:  # type: ignore[no-untyped-def]
    relayouts = {"n": 0}
    model = QStandardItemModel()
    for _ in range(200):
        model.appendRow(QStandardItem(TEXT))
    tree = ItemTree()  # the trees of the Achievements and Priorities tabs
    qtbot.addWidget(tree)
    tree.setModel(model)
    tree.header().setStretchLastSection(False)
    delegate = WrappingDelegate(tree)
    tree.setItemDelegate(delegate)
    delegate._relayout.timeout.connect(lambda: relayouts.__setitem__("n", relayouts["n"] + 1))
    # Given a tree not yet laid out (no row measured): its width changing asks for no second layout of every row
    tree.header().resizeSection(0, 300)
    assert not delegate._relayout.isActive()
    # Once shown and painted, a narrower column wraps the rows onto more lines
    tree.resize(700, 400)
    tree.show()
    qtbot.waitExposed(tree)
    tree.header().resizeSection(0, 600)
    qtbot.wait(20)
    wide = tree.visualRect(model.index(0, 0)).height()
    tree.header().resizeSection(0, 200)
    qtbot.waitUntil(lambda: relayouts["n"] > 0, timeout=1000)
    qtbot.wait(20)
    assert tree.visualRect(model.index(0, 0)).height() > wide
