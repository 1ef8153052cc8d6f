"""Item data roles shared by every model, so views, delegates and tests ask for the same things."""

from __future__ import annotations

from PySide6.QtCore import Qt

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3
BOOKMARKED_ROLE = Qt.ItemDataRole.UserRole + 4
SORT_ROLE = Qt.ItemDataRole.UserRole + 5
