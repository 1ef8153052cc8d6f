"""Hostile text: markup in the pack, in notes and in tags is shown and printed as typed, never interpreted; very
long and right-to-left text lays out without breaking the window or the PDF.

The pack is the mini pack with markup put into every free-text field (titles, summaries, bodies, the source
address, the manifest); bookmarks carry notes and tags of markup. The test walks the whole window (every tab,
every item, the bookmarks, the search results, the About box) and reads each piece of text as the user sees it:
a label or text view rendered as Qt renders it, an item view through its delegate, a tooltip as Qt would show
it. A payload counts as interpreted when its word shows up without the markup around it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
import yaml
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyleOptionViewItem,
    QTextEdit,
    QToolTip,
    QWidget,
)

from tests.conftest import MINI_PACK, open_window

# Each payload hides a word; if the markup were interpreted, the word would appear without its markup.
PAYLOADS = {
    "BOLDWORD": "<b>BOLDWORD</b>",
    "LINKWORD": "<a href='item:member:rur'>LINKWORD</a>",
    "IMGWORD": "<img src='file:///etc/hostname'>IMGWORD",
    "QTWORD": "<qt><font color='red'>QTWORD</font></qt>",
    "AMPWORD": "&amp;AMPWORD&lt;",
    "SCRIPTWORD": "<script>SCRIPTWORD</script>",
}
HOSTILE = " ".join(PAYLOADS.values())
RTL = "قمة منظمة شنغهاي للتعاون في أستانا، ٤ يوليو ٢٠٢٤ — שלום"


def interpreted(text: str) -> list[str]:
    """The payload words that appear in ``text`` without any of their markup around them."""
    bad = []
    for word, payload in PAYLOADS.items():
        before, _, after = payload.partition(word)
        for match in re.finditer(word, text):
            start, end = match.start(), match.end()
            near_before = text[max(0, start - len(before)):start]
            near_after = text[end:end + len(after)]
            if not (before and before[-2:] in near_before) and not (after and after[:2] in near_after):
                bad.append(f"{word} in …{text[max(0, start - 30):end + 30]}…")
    return bad


def rendered(html_or_text: str, fmt: Qt.TextFormat) -> str:
    """What the user reads: plain text as is, rich text (or text Qt guesses is rich) as Qt renders it."""
    if fmt == Qt.TextFormat.PlainText or (fmt == Qt.TextFormat.AutoText and not GuiQt.mightBeRichText(html_or_text)):
        return html_or_text
    doc = QTextDocument()
    doc.setHtml(html_or_text)
    return doc.toPlainText()


def tooltip_seen(widget: QWidget, pos: QPoint) -> str | None:
    """The tooltip the user would read on hovering ``widget`` at ``pos``, as Qt renders it."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    text = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return rendered(text, Qt.TextFormat.AutoText) if text else None


def view_texts(view: QAbstractItemView, rows: int = 60) -> Iterator[tuple[str, str]]:
    """Every cell of an item view as painted (custom delegates render their own HTML), and its tooltip."""
    model = view.model()
    if model is None:
        return
    delegate = view.itemDelegate()
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model keeps columnCount private: one column
            columns = 1
        for row in range(min(model.rowCount(parent), rows)):
            for column in range(columns):
                index = model.index(row, column, parent)
                where = f"{type(view).__name__}/{type(delegate).__name__}[{row},{column}]"
                document = getattr(delegate, "_document", None)
                if callable(document):
                    option = QStyleOptionViewItem()
                    option.initFrom(view)
                    yield where, document(option, index).toPlainText()
                display = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(display, str):
                    yield where, display
                if isinstance(index.data(Qt.ItemDataRole.ToolTipRole), str) and view.isVisible():
                    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
                    rect = view.visualRect(index)
                    if rect.isValid() and view.viewport().rect().contains(rect.center()):
                        tip = tooltip_seen(view.viewport(), rect.center())
                        if tip:
                            yield f"{where} tooltip", tip
                if column == 0:
                    stack.append(index)


def window_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not shiboken6.isValid(widget):
            continue  # a transient widget (a tool tip's label) deleted while an earlier tool tip was shown
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.toolTip() and widget.isVisible():
            tip = tooltip_seen(widget, widget.rect().center())
            if tip:
                yield f"{name} tooltip", tip
        if isinstance(widget, QLabel):
            yield name, rendered(widget.text(), widget.textFormat())
        elif isinstance(widget, QTextEdit):
            yield name, widget.toPlainText()
        elif isinstance(widget, QAbstractItemView):
            yield from view_texts(widget)


def assert_nothing_interpreted(root: QWidget, context: str) -> int:
    seen = 0
    problems = []
    for where, text in window_texts(root):
        seen += sum(word in text for word in PAYLOADS)
        problems += [f"{context}: {where}: {bad}" for bad in interpreted(text)]
    assert not problems, "\n".join(problems[:20])
    return seen


def hostile_pack(target: Path) -> Path:
    """The mini pack with markup, right-to-left text and very long text in every free-text field."""
    shutil.copytree(MINI_PACK, target)
    items = yaml.safe_load((target / "items" / "items.yaml").read_text(encoding="utf-8"))
    for n, item in enumerate(items):
        item["title"] = f"{item['title']} {HOSTILE}"[:300]
        item["summary"] = f"{item.get('summary', '')} {HOSTILE} {RTL}"
        item["body"] = f"{HOSTILE} " + ("ذ" * 3000 if n % 2 else "W" * 6000) + f" {RTL * 20}"
        item["keywords"] = [PAYLOADS["BOLDWORD"]]
        for link in item.get("links", []):
            link["label"] = HOSTILE[:300]
    (target / "items" / "items.yaml").write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    source = target / "sources" / "speech.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    source.write_text("\n".join(f"{line} {HOSTILE}" if line.strip() else "" for line in lines) + "\n",
                      encoding="utf-8")
    manifest = yaml.safe_load((target / "pack.yaml").read_text(encoding="utf-8"))
    manifest["title"] = f"Test Summit {PAYLOADS['BOLDWORD']}"
    manifest["disclaimer"] = f"Boundaries {HOSTILE}"
    manifest["credits"][0]["used_for"] = HOSTILE
    manifest["documents"][0]["title"] = f"Speech {PAYLOADS['LINKWORD']}"
    (target / "pack.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture
def hostile_services(briefing_home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    from briefing_app.services import content
    from briefing_app.services.app import open_services

    content.build(hostile_pack(tmp_path / "hostile-pack"))
    services = open_services()
    item_ids = [item.id for item in services.briefing.items() if item.kind.value != "paragraph"]
    for n, item_id in enumerate(item_ids):
        services.bookmarks.add(item_id, note=f"{HOSTILE}\n{RTL}\n" + ("N" * 20_000 if n == 0 else ""),
                               tags=[PAYLOADS["BOLDWORD"], PAYLOADS["AMPWORD"], RTL[:30]])
    yield services
    services.close()


@pytest.fixture
def hostile_window(qtbot, hostile_services):  # type: ignore[no-untyped-def]
    return open_window(qtbot, hostile_services)


def test_markup_everywhere_in_the_window_is_shown_as_text(hostile_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = hostile_window
    seen = 0
    # Every tab, and every item opened in its tab
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        seen += assert_nothing_interpreted(window, f"tab {index}")
    for item in window.services.briefing.items():
        window.navigator.open(item.id)
        qtbot.wait(10)
        seen += assert_nothing_interpreted(window, f"item {item.id}")
    # The bookmarks tab, with its notes and tags
    window.navigator.open("tab:bookmarks")
    qtbot.wait(50)
    seen += assert_nothing_interpreted(window, "bookmarks")
    assert seen > 100  # the payloads were really on screen


def test_search_results_show_markup_as_text(hostile_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = hostile_window
    for query in ("BOLDWORD", "Testville", "SCRIPTWORD"):
        window.search.setText(query)
        with qtbot.waitSignal(window.search.results_ready, timeout=5000):
            window.search.textEdited.emit(query)
        popup = window.search.completer_.popup()
        texts = list(view_texts(popup))
        assert any("BOLDWORD" in text for _, text in texts), texts[:3]
        problems = [f"{where}: {bad}" for where, text in texts for bad in interpreted(text)]
        assert not problems, problems[:10]


def test_about_box_shows_pack_credits_and_disclaimer_as_text(hostile_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    from briefing_app.ui.help import AboutDialog

    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog.html))
    hostile_window.show_about()
    (text,) = shown
    plain = rendered(text, Qt.TextFormat.AutoText)
    assert "BOLDWORD" in plain and not interpreted(plain)


def test_long_and_right_to_left_text_never_widens_the_window(hostile_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = hostile_window
    for item_id in ("person:rudolf", "member:rur", "corridor:test-line"):
        window.navigator.open(item_id)
        qtbot.wait(20)
        assert window.width() <= 1280 and window.height() <= 800
        assert window.minimumSizeHint().width() <= 1280
    window.navigator.open("tab:bookmarks")
    qtbot.wait(50)
    assert window.width() <= 1280 and window.minimumSizeHint().width() <= 1280


def test_printed_sheets_show_markup_as_text_and_lay_out_long_text(qapp, hostile_services,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    from briefing_app.reports.print_request import PrintRequest
    from briefing_app.ui.printing.headless import print_to_pdf

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF back")
    # (printed in this process, as `briefing-app print` does: tests/e2e/test_print_cli.py runs the command itself)
    for request, name in (({"bookmarks": True}, "bookmarks"), ({"item_id": "person:rudolf"}, "item"),
                          ({"section": "members"}, "members")):
        pdf = tmp_path / f"{name}.pdf"
        assert print_to_pdf(hostile_services, PrintRequest(out=pdf, **request)) >= 1  # type: ignore[arg-type]
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "BOLDWORD" in text, name
        assert not interpreted(text), (name, interpreted(text)[:5])
