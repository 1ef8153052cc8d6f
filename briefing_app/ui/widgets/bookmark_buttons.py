"""The row of buttons under the bookmark list: Open, Edit…, Remove, Up, Down · Print…, Export, Import… and a count."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget


class BookmarkButtons(QWidget):
    def __init__(
        self,
        *,
        open_: Callable[[], object],
        edit: Callable[[], object],
        remove: Callable[[], object],
        move: Callable[[int], object],
        print_: Callable[[], object],
        export: Callable[[bool], object],
        copy_markdown: Callable[[], object],
        import_: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.open_button = self._button("Open", "Show the item in its tab (Enter or double-click)", open_)
        self.edit_button = self._button("Edit…", "Edit the note and tags in a larger window", edit)
        self.remove_button = self._button(
            "Remove", "Remove the selected bookmarks (Delete); Ctrl+Z brings them back", remove)
        self.up_button = self._button(
            "▲ Up", "Move up in your order, which is the order bookmarks print in (Ctrl+Shift+Up)", lambda: move(-1))
        self.up_button.setAccessibleName("Move up")
        self.down_button = self._button("▼ Down", "Move down in your order (Ctrl+Shift+Down)", lambda: move(1))
        self.down_button.setAccessibleName("Move down")
        self.print_button = self._button("Print…", "", print_)
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_all_action = menu.addAction("All Bookmarks…", lambda: export(False))
        self.export_selected_action = menu.addAction("Selected Bookmarks…", lambda: export(True))
        menu.addSeparator()
        self.copy_markdown_action = menu.addAction("Copy as Markdown (for mail)", copy_markdown)
        self.export_button.setMenu(menu)
        self.import_button = self._button(
            "Import…", "Merge bookmarks from an exported file; nothing you have is overwritten", import_)
        self.count_label = QLabel()
        # Two groups side by side; on a narrow window the second goes under the first (nothing is cut).
        self.edit_group = QWidget()
        first = QHBoxLayout(self.edit_group)
        first.setContentsMargins(0, 0, 0, 0)
        editing: tuple[QWidget, ...] = (self.open_button, self.edit_button, self.remove_button, self.up_button,
                                        self.down_button)
        for widget in editing:
            first.addWidget(widget)
        first.addStretch(1)
        self.file_group = QWidget()
        second = QHBoxLayout(self.file_group)
        second.setContentsMargins(0, 0, 0, 0)
        files: tuple[QWidget, ...] = (self.print_button, self.export_button, self.import_button)
        for widget in files:
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.count_label)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(12)
        self.row.addWidget(self.edit_group)
        self.row.addWidget(self.file_group, 1)

    def _one_row_width(self) -> int:
        return self.edit_group.sizeHint().width() + self.row.spacing() + self.file_group.sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider group: the groups stack rather than cut."""
        stacked = self.row.direction() == QBoxLayout.Direction.TopToBottom
        first, second = self.edit_group.minimumSizeHint(), self.file_group.minimumSizeHint()
        height = first.height() + second.height() + self.row.spacing() if stacked else max(first.height(),
                                                                                            second.height())
        return QSize(max(first.width(), second.width()), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        direction = (QBoxLayout.Direction.LeftToRight if event.size().width() >= self._one_row_width()
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self.row.direction():
            self.row.setDirection(direction)
            self.row.setSpacing(12 if direction == QBoxLayout.Direction.LeftToRight else 4)
            self.updateGeometry()
        super().resizeEvent(event)

    @staticmethod
    def _button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button
