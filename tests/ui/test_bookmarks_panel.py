"""The Bookmarks tab and the star everywhere, driven as a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from briefing_app.domain.bookmarks import Bookmark
from briefing_app.ui.dialogs.bookmark_editor import BookmarkEdit, BookmarkEditor
from briefing_app.ui.models.bookmark_model import (
    BOOKMARK_IDS_MIME,
    IS_GROUP_ROLE,
    TAGS,
    BookmarkModel,
    Grouping,
)
from briefing_app.ui.models.bookmark_proxy import BookmarkProxy, BookmarkSort
from briefing_app.ui.models.bookmark_text import NOT_IN_BRIEFING
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.widgets.item_detail import ItemDetailView
from tests.conftest import save_screenshot


def unmarked(text: str) -> str:
    """Displayed text without the bidi isolates around the user's tags and titles (tests/ui/test_bidi_isolation.py)."""
    return text.replace("\u2068", "").replace("\u2069", "")


def bookmarks_panel(window):  # type: ignore[no-untyped-def]
    window.navigator.open("tab:bookmarks")
    return window.panel("bookmarks")


def visible_ids(panel, parent: QModelIndex | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    parent = parent or QModelIndex()
    for row in range(panel.proxy.rowCount(parent)):
        index = panel.proxy.index(row, 0, parent)
        if index.data(ITEM_ID_ROLE):
            out.append(index.data(ITEM_ID_ROLE))
        out.extend(visible_ids(panel, index))
    return out


def group_labels(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [unmarked(panel.proxy.index(r, 0).data()) for r in range(panel.proxy.rowCount())]


def select(panel, *item_ids: str) -> None:  # type: ignore[no-untyped-def]
    panel.restore_selection(list(item_ids))


def visible_detail(panel) -> ItemDetailView:  # type: ignore[no-untyped-def]
    return next(d for d in panel.findChildren(ItemDetailView) if d.isVisibleTo(panel))


@pytest.fixture
def some_bookmarks(services):  # type: ignore[no-untyped-def]
    b = services.bookmarks
    b.add("member:kaz", note="Host of the summit.\nAsk about the chairmanship.", tags=["meeting", "hosts"])
    b.add("corridor:trans-caspian", note="<b>Not bold</b> & Middle Corridor", tags=["meeting", "transport"])
    b.add("node:aktau", tags=["transport"])
    b.add("paragraph:1", note="Opening words")
    return b


# --- models --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("grouping", list(Grouping))
def test_bookmark_model_passes_the_model_tester_while_bookmarks_change(  # type: ignore[no-untyped-def]
    some_bookmarks, qtmodeltester, grouping: Grouping
) -> None:
    model = BookmarkModel(some_bookmarks)
    model.set_grouping(grouping)
    qtmodeltester.check(model)
    some_bookmarks.subscribe(lambda change: model.bookmark_changed(change.action, change.item_id or ""))
    some_bookmarks.add("member:chn", tags=["meeting", "new"])
    some_bookmarks.set_tags("node:aktau", ["ports"])
    some_bookmarks.remove("member:kaz")
    some_bookmarks.undo_remove()
    some_bookmarks.remove_many(["paragraph:1", "node:aktau"])
    some_bookmarks.reorder(["member:chn"])
    qtmodeltester.check(model)
    proxy = BookmarkProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("meeting")
    qtmodeltester.check(proxy)


def test_tag_groups_hold_each_bookmark_under_each_of_its_tags(some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    model = BookmarkModel(some_bookmarks)
    model.set_grouping(Grouping.TAG)
    proxy = BookmarkProxy()
    proxy.setSourceModel(model)
    labels = [unmarked(proxy.index(r, 0).data()) for r in range(proxy.rowCount())]
    assert labels == ["hosts (1)", "meeting (2)", "transport (2)", "No tag (1)"]
    meeting = proxy.index(1, 0)
    assert meeting.data(IS_GROUP_ROLE) is True
    assert [proxy.index(r, 0, meeting).data(ITEM_ID_ROLE) for r in range(2)] == ["member:kaz", "corridor:trans-caspian"]


def test_sorting_by_title_kind_and_date(some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    model = BookmarkModel(some_bookmarks)
    proxy = BookmarkProxy()
    proxy.setSourceModel(model)

    def ids() -> list[str]:
        return [proxy.index(r, 0).data(ITEM_ID_ROLE) for r in range(proxy.rowCount())]

    assert ids() == ["member:kaz", "corridor:trans-caspian", "node:aktau", "paragraph:1"]
    proxy.set_sort_key(BookmarkSort.TITLE)
    titles = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    proxy.set_sort_key(BookmarkSort.KIND)
    assert ids()[0] == "member:kaz" and ids()[-1] == "paragraph:1"
    proxy.set_sort_key(BookmarkSort.ADDED)
    assert ids() == ["paragraph:1", "node:aktau", "corridor:trans-caspian", "member:kaz"]
    some_bookmarks.set_note("member:kaz", "changed last")
    model.refresh()
    proxy.set_sort_key(BookmarkSort.CHANGED)
    assert ids()[0] == "member:kaz"


def test_dragging_bookmarks_saves_the_new_order(some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    model = BookmarkModel(some_bookmarks)
    some_bookmarks.subscribe(lambda change: model.refresh())
    mime = model.mimeData([model.index(2, 0), model.index(3, 0)])
    assert mime.hasFormat(BOOKMARK_IDS_MIME)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [b.item_id for b in some_bookmarks.list()] == [
        "node:aktau", "paragraph:1", "member:kaz", "corridor:trans-caspian"]
    assert model.user_order() == [b.item_id for b in some_bookmarks.list()]


# --- the Bookmarks tab -----------------------------------------------------------------------------------


def test_empty_tab_tells_how_to_bookmark(window) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    assert panel.stack.currentWidget() is panel.empty
    assert "Ctrl+D" in panel.empty.text()
    save_screenshot(window, "bookmarks-empty")


def test_note_and_tags_edited_in_place_are_saved(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    assert panel.pane.item_id == "node:aktau"
    # When the user types a note (any script, with markup) and tags
    note = "Caspian port — порт · <script>no</script>"
    panel.pane.note_edit.setFocus()
    panel.pane.note_edit.setPlainText(note)
    qtbot.waitUntil(lambda: some_bookmarks.get("node:aktau").note == note, timeout=3000)
    panel.pane.tags_edit.setText("ports, meeting,  follow up ")
    panel.pane.tags_edit.editingFinished.emit()
    # Then both are on disk, the list shows them, and the note is shown as text
    assert some_bookmarks.get("node:aktau").tags == ("follow up", "meeting", "ports")
    row = panel.proxy.index(visible_ids(panel).index("node:aktau"), TAGS)
    assert unmarked(row.data()) == "follow up, meeting, ports"
    assert panel.pane.note_edit.toPlainText() == note
    assert panel.pane.saved.text() == "Tags saved"


def test_a_note_typed_is_saved_when_the_user_selects_another_bookmark(window, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "paragraph:1")
    panel.pane.note_edit.setPlainText("Typed quickly")
    select(panel, "member:kaz")
    assert some_bookmarks.get("paragraph:1").note == "Typed quickly"
    assert panel.pane.note_edit.toPlainText().startswith("Host of the summit.")


def test_remove_then_undo_with_the_banner_and_with_ctrl_z(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    before = some_bookmarks.list()
    select(panel, "member:kaz", "node:aktau")
    qtbot.mouseClick(panel.buttons.remove_button, Qt.MouseButton.LeftButton)
    assert visible_ids(panel) == ["corridor:trans-caspian", "paragraph:1"]
    assert panel.banner.isVisible() and panel.banner.undo_button.isVisible()
    assert "Removed 2 bookmarks" in panel.banner.text.text()
    save_screenshot(window, "bookmarks-removed-with-undo")
    qtbot.mouseClick(panel.banner.undo_button, Qt.MouseButton.LeftButton)
    assert some_bookmarks.list() == before
    # And through the window's Ctrl+Z
    select(panel, "corridor:trans-caspian")
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert not some_bookmarks.is_bookmarked("corridor:trans-caspian")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert some_bookmarks.list() == before
    assert some_bookmarks.get("corridor:trans-caspian").note == "<b>Not bold</b> & Middle Corridor"


def test_filter_as_you_type_matches_titles_notes_and_tags(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    qtbot.keyClicks(panel.filter, "chairman")
    assert visible_ids(panel) == ["member:kaz"]
    panel.filter.setText("TRANSPORT caspian")
    assert visible_ids(panel) == ["corridor:trans-caspian"]
    assert panel.buttons.count_label.text().startswith("1 of 4 bookmarks")
    panel.filter.setText("#host")
    assert visible_ids(panel) == ["member:kaz"]
    panel.filter.clear()
    assert len(visible_ids(panel)) == 4


def test_group_by_tag_finds_the_bookmarks_of_a_meeting(window, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    panel.grouping.setCurrentIndex(panel.grouping.findData(Grouping.TAG))
    assert group_labels(panel) == ["hosts (1)", "meeting (2)", "transport (2)", "No tag (1)"]
    panel.filter.setText("#meet")
    assert group_labels(panel) == ["meeting (2)"]
    assert visible_ids(panel) == ["member:kaz", "corridor:trans-caspian"]
    panel.filter.setText("#transport aktau")
    assert group_labels(panel) == ["transport (2)"] and visible_ids(panel) == ["node:aktau"]
    panel.grouping.setCurrentIndex(panel.grouping.findData(Grouping.KIND))
    panel.filter.clear()
    assert group_labels(panel) == ["Member states (1)", "Corridors (1)", "Corridor nodes (1)", "Source paragraphs (1)"]


def test_open_shows_the_item_in_its_tab_selected(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "corridor:trans-caspian")
    qtbot.mouseClick(panel.buttons.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 4  # Corridors
    assert window.panel("corridors").current_item_id() == "corridor:trans-caspian"


def test_a_bookmark_whose_item_is_gone_stays_and_says_so(window, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    some_bookmarks.repository.restore(Bookmark("figure:old-figure", "figure", "An old figure", "my note", ("x",)))
    some_bookmarks.reorder([])
    panel = bookmarks_panel(window)
    row = visible_ids(panel).index("figure:old-figure")
    assert unmarked(panel.proxy.index(row, 0).data()) == f"An old figure ({NOT_IN_BRIEFING})"
    select(panel, "figure:old-figure")
    assert not panel.buttons.open_button.isEnabled() and panel.pane.status.isVisible()
    panel.open_bookmark("figure:old-figure")
    assert NOT_IN_BRIEFING in panel.banner.text.text()
    assert "1 not in the current briefing" in panel.buttons.count_label.text()


def test_move_up_and_down_change_the_print_order(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    qtbot.mouseClick(panel.buttons.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons.up_button, Qt.MouseButton.LeftButton)
    assert [b.item_id for b in some_bookmarks.list()] == [
        "node:aktau", "member:kaz", "corridor:trans-caspian", "paragraph:1"]
    assert panel.selected_item_ids() == ["node:aktau"]
    qtbot.mouseClick(panel.buttons.down_button, Qt.MouseButton.LeftButton)
    assert [b.item_id for b in some_bookmarks.list()][:2] == ["member:kaz", "node:aktau"]
    panel.sorting.setCurrentIndex(panel.sorting.findData(BookmarkSort.TITLE))
    assert not panel.buttons.up_button.isEnabled()


def test_print_asks_the_printing_code_for_the_selection_in_print_order(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    with qtbot.waitSignal(window.context.print_requests.bookmarks_requested) as blocker:
        select(panel, "paragraph:1", "member:kaz")
        panel.actions_.print_bookmarks()
    assert blocker.args == [["member:kaz", "paragraph:1"]]


def test_export_selected_and_import_through_file_dialogs(window, tmp_path: Path, monkeypatch, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.panels import bookmark_actions

    panel = bookmarks_panel(window)
    target = tmp_path / "for-colleague"
    monkeypatch.setattr(bookmark_actions.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), bookmark_actions.JSON_FILTER)))
    select(panel, "member:kaz", "node:aktau")
    panel.actions_.export(selected_only=True)
    exported = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    assert [b["item_id"] for b in exported["bookmarks"]] == ["member:kaz", "node:aktau"]
    assert "Exported 2 bookmarks" in panel.banner.text.text()
    # Importing a hostile file: a clear message, nothing changed
    hostile = tmp_path / "hostile.json"
    hostile.write_text('{"format": "sco-briefing-bookmarks", "version": 1, "bookmarks": [{"item_id": "x"}]}')
    monkeypatch.setattr(bookmark_actions.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(hostile), "")))
    before = some_bookmarks.list()
    panel.actions_.import_file()
    assert panel.banner.text.text().startswith("Nothing was imported.") and "not an item id" in panel.banner.text.text()
    assert some_bookmarks.list() == before
    # Importing the export after removing one brings it back
    some_bookmarks.remove("node:aktau")
    monkeypatch.setattr(bookmark_actions.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(target.with_suffix(".json")), "")))
    panel.actions_.import_file()
    assert "1 added" in panel.banner.text.text()
    assert some_bookmarks.is_bookmarked("node:aktau")


def test_markdown_goes_to_a_file_or_the_clipboard(window, tmp_path: Path, monkeypatch, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.panels import bookmark_actions

    panel = bookmarks_panel(window)
    target = tmp_path / "mail.md"
    monkeypatch.setattr(bookmark_actions.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), bookmark_actions.MARKDOWN_FILTER)))
    panel.actions_.export(selected_only=False)
    assert target.read_text(encoding="utf-8").count("\n## ") == 4
    select(panel, "corridor:trans-caspian")
    panel.actions_.copy_markdown()
    assert "\\<b\\>Not bold\\</b\\>" in QApplication.clipboard().text()


def test_editor_dialog_refuses_a_too_long_tag_and_returns_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = BookmarkEditor("Kazakhstan <b>", "old", ["a"], ["meeting"])
    qtbot.addWidget(dialog)
    dialog.tags_edit.setText("ok, " + "x" * 61)
    dialog.accept()
    assert dialog.result() == 0 and not dialog.error.isHidden() and "longer than 60" in dialog.error.text()
    dialog.tags_edit.setText("meeting, follow up")
    dialog.note_edit.setPlainText("new note")
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.value() == BookmarkEdit("new note", ("follow up", "meeting"))


def test_markup_in_notes_and_titles_is_shown_as_text(window, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "corridor:trans-caspian")
    assert panel.pane.note_edit.toPlainText() == "<b>Not bold</b> & Middle Corridor"
    assert panel.pane.title.textFormat() == Qt.TextFormat.PlainText
    note_cell = panel.proxy.index(1, 3)
    assert note_cell.data() == "<b>Not bold</b> & Middle Corridor"
    assert "&lt;b&gt;Not bold&lt;/b&gt; &amp; Middle Corridor" in note_cell.data(Qt.ItemDataRole.ToolTipRole)


def test_screenshots_of_the_bookmarks_tab(window, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "member:kaz")
    save_screenshot(window, "bookmarks-flat")
    panel.grouping.setCurrentIndex(panel.grouping.findData(Grouping.TAG))
    save_screenshot(window, "bookmarks-by-tag")
    assert panel.pane.title.text() == "Kazakhstan"


def test_grouping_and_sort_are_remembered_for_the_next_window(qtbot, services, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow

    first = MainWindow(services, make_settings())
    qtbot.addWidget(first)
    panel = bookmarks_panel(first)
    panel.grouping.setCurrentIndex(panel.grouping.findData(Grouping.KIND))
    panel.sorting.setCurrentIndex(panel.sorting.findData(BookmarkSort.TITLE))
    second = MainWindow(services, make_settings())
    qtbot.addWidget(second)
    again = bookmarks_panel(second)
    assert (again.model.grouping, again.proxy.sort_key) == (Grouping.KIND, BookmarkSort.TITLE)
    assert group_labels(again)[0] == "Member states (1)"


def test_after_a_removal_the_next_bookmark_is_selected(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "corridor:trans-caspian")
    qtbot.mouseClick(panel.buttons.remove_button, Qt.MouseButton.LeftButton)
    assert panel.selected_item_ids() == ["node:aktau"]
    assert panel.pane.item_id == "node:aktau"


def test_a_note_typed_just_before_the_window_closes_is_saved(window, qtbot, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    panel.pane.note_edit.setPlainText("Typed, then Ctrl+Q at once")
    panel.pane.tags_edit.setText("late tag")
    window.close()
    assert some_bookmarks.get("node:aktau").note == "Typed, then Ctrl+Q at once"
    assert some_bookmarks.get("node:aktau").tags == ("late tag",)


def test_read_only_bookmarks_are_shown_but_cannot_be_edited(qtbot, services, some_bookmarks) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.persistence.bookmark_repository import BookmarkRepository
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow

    # Given bookmarks whose database can only be read this session
    writable = services.bookmarks
    read_only = BookmarkRepository(writable.repository.path, read_only=True)
    services.bookmarks = BookmarkService(read_only, services.briefing)
    writable.repository.close()
    services.user_status.read_only_reason = "read-only (a write-protected folder)"
    window = MainWindow(services, make_settings())
    qtbot.addWidget(window)
    # When the Bookmarks tab opens
    panel = bookmarks_panel(window)
    select(panel, "member:kaz")
    # Then every bookmark and note is there to read, nothing invites a change that could not be saved
    assert visible_ids(panel) == ["member:kaz", "corridor:trans-caspian", "node:aktau", "paragraph:1"]
    assert panel.pane.note_edit.toPlainText().startswith("Host of the summit.")
    assert panel.pane.note_edit.isReadOnly() and panel.pane.tags_edit.isReadOnly()
    assert not panel.buttons.remove_button.isEnabled() and not panel.buttons.import_button.isEnabled()
    assert not panel.buttons.up_button.isEnabled()
    assert "read but not changed" in panel.banner.text.text() and "write-protected folder" in panel.banner.text.text()
