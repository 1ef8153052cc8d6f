"""The row of buttons under the bookmark list: Open, Edit…, Remove, Up, Down · Print…, Export, Import… and a count."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget


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

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        editing: tuple[QWidget, ...] = (self.open_button, self.edit_button, self.remove_button, self.up_button,
                                        self.down_button)
        for widget in editing:
            row.addWidget(widget)
        row.addSpacing(12)
        files: tuple[QWidget, ...] = (self.print_button, self.export_button, self.import_button)
        for widget in files:
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.count_label)

    @staticmethod
    def _button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button
