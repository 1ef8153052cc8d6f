"""Page Setup: paper, orientation and the handling marking printed at the top and bottom of every page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from briefing_app.reports.sheet import NO_MARKING, printed_marking
from briefing_app.ui.printing.page_setup import MAX_MARKING_CHARS, PageSetup, clean_marking

PAPER_LABELS = {"A4": "A4 (210 × 297 mm)", "Letter": "US Letter (8.5 × 11 in)"}


class PageSetupDialog(QDialog):
    """Returns the chosen :class:`PageSetup` from :meth:`page_setup` after ``exec()``; changes nothing itself."""

    def __init__(self, setup: PageSetup, default_marking: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Page Setup")
        self._default_marking = clean_marking(default_marking)
        self._printed_on = setup.printed_on

        self.paper = QComboBox()
        for key, label in PAPER_LABELS.items():
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(setup.paper)))
        self.paper.setAccessibleName("Paper size")

        self.portrait = QRadioButton("&Portrait")
        self.landscape = QRadioButton("&Landscape")
        group = QButtonGroup(self)
        group.addButton(self.portrait)
        group.addButton(self.landscape)
        (self.landscape if setup.landscape else self.portrait).setChecked(True)
        orientation = QHBoxLayout()
        orientation.addWidget(self.portrait)
        orientation.addWidget(self.landscape)
        orientation.addStretch(1)

        unmarked = not printed_marking(setup.marking)
        self.marking = QLineEdit("" if unmarked else setup.marking)
        self.marking.setMaxLength(MAX_MARKING_CHARS)
        self.marking.setPlaceholderText(self._default_marking)
        self.marking.setAccessibleName("Handling marking")
        self.marking.setToolTip("Printed at the top and bottom of every page; empty means the briefing pack's "
                                f"marking, {self._default_marking}")
        hint = QLabel(f"Printed at the top and bottom of every page. Leave empty for {self._default_marking}.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.no_marking = QCheckBox("&No marking (print none at all)")
        self.no_marking.setAccessibleName("No marking")
        self.no_marking.toggled.connect(lambda on: self.marking.setEnabled(not on))
        self.no_marking.setChecked(unmarked)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("Paper:", self.paper)
        form.addRow("Orientation:", orientation)
        form.addRow("Marking:", self.marking)
        form.addRow("", hint)
        form.addRow("", self.no_marking)
        form.addRow(buttons)

    def page_setup(self) -> PageSetup:
        return PageSetup(
            paper=str(self.paper.currentData()),
            landscape=self.landscape.isChecked(),
            marking=NO_MARKING if self.no_marking.isChecked()
            else clean_marking(self.marking.text(), self._default_marking),
            printed_on=self._printed_on,
        )
