"""Names for what a screen reader would otherwise announce as a bare "button": the clear buttons Qt adds inside
search and filter fields. Applied to the window and to each tab's panel when it is built."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget


def name_clear_buttons(root: QWidget) -> int:
    """Give every unnamed clear button of a line edit under ``root`` the name "Clear <field name>"."""
    named = 0
    for edit in root.findChildren(QLineEdit):
        if not edit.isClearButtonEnabled():
            continue
        field = edit.accessibleName() or edit.placeholderText() or "the field"
        for button in edit.findChildren(QToolButton):
            if not button.accessibleName():
                button.setAccessibleName(f"Clear {field[:1].lower()}{field[1:]}")
                named += 1
    return named
