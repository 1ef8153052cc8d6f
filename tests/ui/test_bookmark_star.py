"""The bookmark star everywhere an item appears, Ctrl+D and the item context menu (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from briefing_app.ui.dialogs.bookmark_editor import BookmarkEdit, BookmarkEditor
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE
from briefing_app.ui.widgets import item_context_menu
from briefing_app.ui.widgets.item_detail import STAR_ON
from tests.conftest import save_screenshot
from tests.ui.test_bookmarks_panel import bookmarks_panel, select, visible_detail, visible_ids


def test_star_in_a_detail_pane_bookmarks_and_the_state_follows_across_tabs(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given Kazakhstan open in the Members tab
    window.navigator.open("member:kaz")
    members = window.panel("members")
    detail = visible_detail(members)
    assert detail.item_id == "member:kaz" and not detail.star.isChecked()
    # When the user clicks the star
    qtbot.mouseClick(detail.star, Qt.MouseButton.LeftButton)
    # Then it is bookmarked, the star shows it, the Bookmarks tab lists it, and every model row says so
    assert detail.star.isChecked() and detail.star.text() == STAR_ON
    assert window.services.bookmarks.is_bookmarked("member:kaz")
    panel = bookmarks_panel(window)
    assert visible_ids(panel) == ["member:kaz"]
    # When it is removed in the Bookmarks tab, Then the star in the Members tab goes out
    select(panel, "member:kaz")
    qtbot.mouseClick(panel.buttons.remove_button, Qt.MouseButton.LeftButton)
    assert visible_ids(panel) == []
    window.navigator.open("member:kaz")
    assert not visible_detail(members).star.isChecked()


def test_ctrl_d_toggles_the_current_item_and_lists_show_the_star(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigator.open("achievement:almaty-cultural-capital")
    panel = window.panel("achievements")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.services.bookmarks.is_bookmarked("achievement:almaty-cultural-capital")
    starred = [i for i in _all_rows(panel.proxy) if i.data(ITEM_ID_ROLE) == "achievement:almaty-cultural-capital"]
    assert starred and all(i.data(BOOKMARKED_ROLE) for i in starred)
    window.bookmark_action.trigger()
    assert not window.services.bookmarks.is_bookmarked("achievement:almaty-cultural-capital")
    assert not starred[0].data(BOOKMARKED_ROLE)


def _all_rows(model, parent: QModelIndex | None = None) -> list[QModelIndex]:  # type: ignore[no-untyped-def]
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(_all_rows(model, index))
    return out


def test_context_menu_bookmarks_edits_and_prints_any_item(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    context = window.context
    menu = item_context_menu.build_item_context_menu(context, ["node:aktau"], window)
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert list(actions) == ["open", "bookmark", "edit-bookmark", "show-in-source", "print"]
    assert actions["bookmark"].text().startswith("☆")
    actions["bookmark"].trigger()
    assert window.services.bookmarks.is_bookmarked("node:aktau")
    menu = item_context_menu.build_item_context_menu(context, ["node:aktau"], window)
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert actions["bookmark"].text().startswith("★") and actions["bookmark"].isChecked()
    # Edit note and tags…: the dialog returns values, the menu saves them
    answer = BookmarkEdit("Port <i>x</i>", ("ports",))
    monkeypatch.setattr(BookmarkEditor, "ask", classmethod(lambda cls, *a, **k: answer))
    actions["edit-bookmark"].trigger()
    saved = window.services.bookmarks.get("node:aktau")
    assert (saved.note, saved.tags) == ("Port <i>x</i>", ("ports",))
    printed: list[list[str]] = []
    context.print_requests.items_requested.connect(printed.append)
    menu = item_context_menu.build_item_context_menu(context, ["node:aktau", "member:kaz"], window)
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert "open" not in actions and actions["bookmark"].text() == "☆ &Bookmark 1 Items"
    actions["print"].trigger()
    assert printed == [["node:aktau", "member:kaz"]]


def test_a_right_click_on_a_list_row_opens_the_menu_for_that_row(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = []
    monkeypatch.setattr(item_context_menu, "_exec_menu", lambda menu, pos: shown.append(menu))
    window.services.bookmarks.add("member:kaz")
    panel = bookmarks_panel(window)
    rect = panel.tree.visualRect(panel.proxy.index(0, 0))
    panel.tree.customContextMenuRequested.emit(rect.center())
    assert len(shown) == 1
    names = [a.objectName() for a in shown[0].actions() if a.objectName()]
    assert names[:2] == ["open", "bookmark"] and "move-up" in names and "export-selected" in names
    assert panel.selected_item_ids() == ["member:kaz"]
    panel.tree.customContextMenuRequested.emit(QPoint(5, panel.tree.viewport().height() - 2))
    assert len(shown) == 1  # nothing under the cursor, no menu


class X11LineEdit(QLineEdit):
    """A line edit that claims Ctrl+D as X11 desktops do (delete the next character); offscreen Qt does not."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            event.key() == Qt.Key.Key_D and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_D and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.del_()
            return
        super().keyPressEvent(event)


def test_ctrl_d_bookmarks_even_with_the_focus_in_a_filter_field(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Given an achievement open and the focus in a filter field that would take Ctrl+D to delete a character
    window.navigator.open("achievement:youth-council")
    panel = window.panel("achievements")
    line_edit = X11LineEdit("youth", panel)
    line_edit.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    line_edit.setFocus()
    line_edit.setCursorPosition(0)
    # When the user presses Ctrl+D
    qtbot.keyClick(line_edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    # Then the item is bookmarked and the field's text is untouched
    assert window.services.bookmarks.is_bookmarked("achievement:youth-council")
    assert line_edit.text() == "youth"


def _item_views(widget):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if isinstance(view, QHeaderView):
            continue
        if model is not None and any(index.data(ITEM_ID_ROLE) for index in _all_rows(model)):
            yield view


def test_every_item_list_table_and_tree_of_every_tab_has_the_item_context_menu(window) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.tabs import TAB_KEYS

    missing = []
    for key in TAB_KEYS:
        panel = window.panel(key)
        for view in _item_views(panel):
            if view.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu:
                missing.append(f"{key}: {view.accessibleName() or view.objectName() or type(view).__name__}")
    popup = window.search.completer_.popup()
    if popup.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu:
        missing.append("search results")
    assert missing == []


def test_search_results_show_the_star_and_follow_changes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.services.bookmarks.add("corridor:trans-caspian")
    with qtbot.waitSignal(window.search.results_ready, timeout=5000):
        window.search.search_now("Middle Corridor")
    results = window.search.results
    row = next(r for r in range(results.rowCount()) if results.index(r).data(ITEM_ID_ROLE) == "corridor:trans-caspian")
    assert results.index(row).data(BOOKMARKED_ROLE) is True
    assert results.index(row).data().startswith("★ ")
    window.services.bookmarks.remove("corridor:trans-caspian")
    assert results.index(row).data(BOOKMARKED_ROLE) is False


def test_figure_cards_and_source_paragraphs_show_the_star_and_follow_changes(window) -> None:  # type: ignore[no-untyped-def]
    figure = window.services.briefing.items("figure")[0].id
    overview, source = window.panel("overview"), window.panel("source")
    figure_row = overview.figure_model.index(overview.figure_model.row_of(figure))
    paragraph_row = source.model.index(0)
    paragraph = paragraph_row.data(ITEM_ID_ROLE)
    assert not figure_row.data(BOOKMARKED_ROLE) and not paragraph_row.data(BOOKMARKED_ROLE)
    window.services.bookmarks.add(figure)
    window.services.bookmarks.add(paragraph)
    assert figure_row.data(BOOKMARKED_ROLE) and paragraph_row.data(BOOKMARKED_ROLE)
    window.navigator.open("tab:overview")
    save_screenshot(window, "bookmarks-star-on-figure-card")
    window.services.bookmarks.remove(figure)
    assert not figure_row.data(BOOKMARKED_ROLE)
