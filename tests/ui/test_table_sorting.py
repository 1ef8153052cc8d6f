"""The Members tab's tables sort in the table model (its keys computed once, sorted in Python), not by a proxy
calling back into Python for every comparison: the same order as the proxy's sort, whatever the column."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from briefing_app.ui.models.member_table_model import MemberTableModel
from briefing_app.ui.models.partner_table_model import PartnerTableModel, partner_rows
from briefing_app.ui.models.roles import ITEM_ID_ROLE, SORT_ROLE
from briefing_app.ui.panels.members import SourceSortedProxy
from briefing_app.views.members import member_rows


def ids(proxy) -> list[str]:  # type: ignore[no-untyped-def]
    return [proxy.index(r, 0).data(ITEM_ID_ROLE) for r in range(proxy.rowCount())]


def test_the_model_sorts_as_the_proxy_would(services) -> None:  # type: ignore[no-untyped-def]
    for make, rows in ((MemberTableModel, member_rows(services.briefing)),
                       (PartnerTableModel, partner_rows(services.briefing))):
        reference_model, model = make(rows), make(rows)
        reference = QSortFilterProxyModel()
        reference.setSourceModel(reference_model)
        reference.setSortRole(SORT_ROLE)
        proxy = SourceSortedProxy()
        proxy.setSourceModel(model)
        for column in range(model.columnCount()):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                reference.sort(column, order)
                proxy.sort(column, order)
                assert ids(proxy) == ids(reference), (make.__name__, column, order)
                assert [model.row_of(i) for i in ids(proxy)] == list(range(model.rowCount()))


def test_sorting_many_rows_asks_each_row_once_and_keeps_the_selection(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rows = partner_rows(services.briefing) * 40
    model = PartnerTableModel(rows)
    proxy = SourceSortedProxy()
    proxy.setSourceModel(model)
    kept = proxy.index(5, 0)
    kept_row = rows[5]
    from PySide6.QtCore import QPersistentModelIndex

    persistent = QPersistentModelIndex(kept)
    calls = {"n": 0}
    data = PartnerTableModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        calls["n"] += role == SORT_ROLE
        return data(self, index, role)

    monkeypatch.setattr(PartnerTableModel, "data", counting)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert calls["n"] == 0  # the keys are read in Python, once per row, not through data() per comparison
    assert persistent.isValid() and model.rows()[proxy.mapToSource(proxy.index(persistent.row(), 0)).row()] is kept_row
