"""The "what changed" dialog shown when a newer version of the active pack is installed: the reader's bookmarks the
change touches first, then items added, removed and changed (old and new text side by side), from the same sheet
that ``briefing-app pack diff --pdf`` prints."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from briefing_app.reports.pack_digest import digest_sheet
from briefing_app.services.pack_diff import PackDiff


class PackDigestDialog(QDialog):
    """Accepted: switch to the new version now; rejected: keep the current one (switch later in File > Switch Pack)."""

    def __init__(self, digest: PackDiff, parent: QWidget | None = None,
                 on_print: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pack-digest-dialog")
        self.setWindowTitle(f"What changed in {digest.pack_id} {digest.new_version}")
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        summary = QLabel(digest.summary())
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.browser = QTextBrowser()
        self.browser.setObjectName("pack-digest-text")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(digest_sheet(digest).html())
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox()
        self.switch_button = buttons.addButton(f"Switch to {digest.new_version} now",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(f"Keep {digest.old_version} for now", QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setEnabled(on_print is not None)
        if on_print is not None:
            self.print_button.clicked.connect(lambda _checked=False: on_print())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
