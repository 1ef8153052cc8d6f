"""Issue 17: editing never eats text, the undo bar, help, theme, and the window at every size (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_bookmarks_panel import bookmarks_panel, select


@pytest.fixture
def tagged(services):  # type: ignore[no-untyped-def]
    b = services.bookmarks
    b.add("member:kaz", note="Host of the summit.", tags=["meeting", "hosts"])
    b.add("node:aktau", tags=["transport"])
    return b


# --- editing never eats text -------------------------------------------------------------------------


def test_a_click_into_the_note_while_the_tag_popup_is_open_types_into_the_note(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    tags = panel.pane.tags_edit
    tags.setFocus()
    qtbot.waitUntil(tags.hasFocus, timeout=2000)
    tags.selectAll()
    qtbot.keyClicks(tags, "mee")
    popup = tags.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    # When the user clicks into the Note field and types
    # (the open list holds the pointer, as on X11: the press is delivered to it, at the note's place)
    note = panel.pane.note_edit
    at = popup.mapFromGlobal(note.viewport().mapToGlobal(note.viewport().rect().center()))
    assert not popup.rect().contains(at)
    qtbot.mouseClick(popup, Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)
    qtbot.waitUntil(note.hasFocus, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "Ask about the port")
    # Then the text is in the note, and the tags field keeps what was typed there
    assert note.toPlainText() == "Ask about the port"
    assert tags.text() == "mee"
    qtbot.waitUntil(lambda: tagged.get("node:aktau").note == "Ask about the port", timeout=3000)
    assert tagged.get("node:aktau").tags == ("mee",)



def test_the_click_through_finds_the_widget_in_the_popups_own_window_first(window, qtbot, tagged,  # type: ignore[no-untyped-def]
                                                                          monkeypatch) -> None:
    # Given another window over the same place, listed first among the top-level windows (Qt lists them in no
    # stacking order): the list's own window is the one on top while its list is open
    from PySide6.QtWidgets import QPlainTextEdit

    from briefing_app.ui.widgets import tag_edit

    decoy = QPlainTextEdit()
    qtbot.addWidget(decoy)
    decoy.setGeometry(window.geometry())
    decoy.show()
    listed = QApplication.topLevelWidgets
    monkeypatch.setattr(tag_edit.QApplication, "topLevelWidgets",
                        staticmethod(lambda: [decoy, *(w for w in listed() if w is not decoy)]))
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    tags = panel.pane.tags_edit
    note = panel.pane.note_edit
    centre = note.viewport().mapToGlobal(note.viewport().rect().center())
    # When the press lands outside the open list, at the note's place
    target = tag_edit.focus_target(tag_edit.widget_at(centre, first=tags.window()))
    # Then the note takes the focus, not the window that happens to be listed first
    assert target is note
    assert tag_edit.focus_target(tag_edit.widget_at(centre)) is decoy  # what the old lookup found

def test_a_tag_that_fails_validation_stays_in_the_field_with_the_reason(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "node:aktau")
    panel.pane.note_edit.setPlainText("A note typed first")
    qtbot.waitUntil(lambda: tagged.get("node:aktau").note == "A note typed first", timeout=3000)
    too_long = "transport, " + "x" * 70
    tags = panel.pane.tags_edit
    tags.setFocus()
    tags.setText(too_long)
    tags.editingFinished.emit()
    # Then nothing typed is lost: the field keeps the text, is marked, and says why beside it
    assert tags.text() == too_long
    assert panel.pane.note_edit.toPlainText() == "A note typed first"
    assert tagged.get("node:aktau").tags == ("transport",)
    assert panel.pane.tags_error.isVisible()
    assert "longer than" in panel.pane.tags_error.text()
    assert tags.property("invalid") is True
    # And selecting another bookmark and coming back does not throw it away either
    panel.pane.note_edit.setFocus()
    assert tags.text() == too_long
    # Correcting it saves it and clears the mark
    tags.setText("transport, ports")
    tags.editingFinished.emit()
    assert tagged.get("node:aktau").tags == ("ports", "transport")
    assert not panel.pane.tags_error.isVisible()
    assert tags.property("invalid") is False


# --- the undo bar ------------------------------------------------------------------------------------


def test_the_undo_bar_goes_when_ctrl_z_has_restored_the_bookmark(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    panel = bookmarks_panel(window)
    select(panel, "member:kaz")
    qtbot.mouseClick(panel.buttons.remove_button, Qt.MouseButton.LeftButton)
    assert panel.banner.undo_button.isVisible()
    window.undo_action.trigger()
    assert tagged.is_bookmarked("member:kaz")
    # Then the bar no longer offers an Undo that would do nothing
    assert not panel.banner.undo_button.isVisible()
    assert "Restored" in panel.banner.text.text()


# --- help: user guide, shortcuts, About --------------------------------------------------------------


def test_f1_opens_the_user_guide_and_ctrl_slash_the_shortcuts(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.help import ShortcutsDialog, UserGuideDialog

    window.activateWindow()
    window.tabs.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(UserGuideDialog)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    for words in ("Overview", "Corridors", "Ctrl+F", "Ctrl+D", "Print", "briefing book", "Theme"):
        assert words in text, words
    guide.close()
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    keys = window.findChild(ShortcutsDialog)
    assert keys is not None and keys.isVisible()
    table = keys.table
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Keys", "Action", "Where"]
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["Find"] == "Ctrl+F or Ctrl+K"
    assert rows["Bookmark Current Item"] == "Ctrl+D"
    assert rows["User Guide"].startswith("F1")
    assert rows["Keyboard Shortcuts"] == "Ctrl+/"
    assert "Print" in rows
    menu_texts = [a.text() for a in window.help_menu.actions()]
    assert menu_texts[:2] == ["&User Guide", "&Keyboard Shortcuts"] and menu_texts[-1].startswith("&About")
    keys.close()


def test_about_fits_the_screen_with_its_button_on_it(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.help import AboutDialog

    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: (dialog.show(), shown.append(dialog)))
    window.about_action.trigger()
    (dialog,) = shown
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.height() <= area.height() and dialog.width() <= area.width()
    ok = dialog.buttons.buttons()[0]
    assert ok.isVisible()
    assert dialog.rect().contains(ok.geometry().translated(dialog.buttons.pos()))
    assert "World Bank" in dialog.browser.toPlainText()
    assert dialog.browser.verticalScrollBar().maximum() > 0  # the sources scroll, the dialog does not grow
    dialog.close()


# --- View > Theme ------------------------------------------------------------------------------------


def lightness(widget) -> float:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPalette

    return widget.palette().color(QPalette.ColorRole.Window).lightnessF()


def test_view_theme_switches_and_is_remembered(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.theme import Theme, apply_theme
    from tests.conftest import open_window

    try:
        window = open_window(qtbot, services)
        menu = window.theme_menu
        assert [a.text() for a in menu.menu.actions()] == ["&System", "&Light", "&Dark"]
        assert menu.current is Theme.SYSTEM
        menu.actions[Theme.DARK].trigger()
        qtbot.waitUntil(lambda: lightness(window) < 0.3, timeout=2000)
        assert menu.current is Theme.DARK
        window.close()
        apply_theme(Theme.SYSTEM)
        # A new window (the next start) comes up dark, with Dark checked
        again = open_window(qtbot, services)
        assert again.theme_menu.current is Theme.DARK
        qtbot.waitUntil(lambda: lightness(again) < 0.3, timeout=2000)
        again.theme_menu.actions[Theme.LIGHT].trigger()
        qtbot.waitUntil(lambda: lightness(again) > 0.8, timeout=2000)
        again.theme_menu.actions[Theme.SYSTEM].trigger()
        assert again.theme_menu.current is Theme.SYSTEM
    finally:
        apply_theme(Theme.SYSTEM)


# --- Back never has a step that changes nothing; a corridor opened from search is framed and selected -----


def visible_place(window):  # type: ignore[no-untyped-def]
    from briefing_app.ui.tabs import TAB_KEYS

    return TAB_KEYS[window.tabs.currentIndex()], window.current_panel().current_item_id()


def test_every_back_step_changes_what_is_shown(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.tabs import TAB_KEYS

    window.tabs.setCurrentIndex(TAB_KEYS.index("members"))
    window.tabs.setCurrentIndex(TAB_KEYS.index("corridors"))
    window.search.item_chosen.emit("corridor:trans-caspian")
    window.tabs.setCurrentIndex(TAB_KEYS.index("priorities"))
    window.navigator.open("proposal:aifc-financing-mechanism")
    window.tabs.setCurrentIndex(TAB_KEYS.index("source"))
    seen = [visible_place(window)]
    while window.back_action.isEnabled():
        window.back_action.trigger()
        qtbot.wait(10)
        seen.append(visible_place(window))
    steps = list(zip(seen, seen[1:], strict=False))
    assert all(before != after for before, after in steps), seen
    assert seen[-1][0] == "overview"
    assert ("corridors", "corridor:trans-caspian") in seen


def test_a_corridor_chosen_in_search_is_framed_and_selected_on_the_map(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF

    window.search.item_chosen.emit("corridor:central-asia-south-asia")
    panel = window.panel("corridors")
    qtbot.waitUntil(lambda: panel.map.isVisible() and panel.map.viewport().width() > 300)
    qtbot.wait(50)
    data = panel.state.data
    corridor = data.corridor("corridor:central-asia-south-asia")
    xs = [data.nodes[n].x for n in corridor.node_ids]
    ys = [data.nodes[n].y for n in corridor.node_ids]
    route = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    view = panel.map.box.viewRect()
    assert panel.state.selected == "corridor:central-asia-south-asia"
    assert view.contains(route)
    assert view.width() < data.home.width * 0.6 and view.height() < data.home.height * 0.75  # framed, not home
    assert max(route.width() / view.width(), route.height() / view.height()) > 0.55  # the route fills the view
    # And from a map already open and moved elsewhere, search frames it again
    panel.map.reset_view()
    window.search.item_chosen.emit("corridor:north-south")
    qtbot.wait(20)
    view = panel.map.box.viewRect()
    corridor = data.corridor("corridor:north-south")
    ys = [data.nodes[n].y for n in corridor.node_ids]
    assert panel.state.selected == "corridor:north-south"
    assert (max(ys) - min(ys)) / view.height() > 0.55


# --- charts a reader understands; cards that never cut the figure ---------------------------------------


def overview_at(window, qtbot, width: int, height: int):  # type: ignore[no-untyped-def]
    window.resize(width, height)
    panel = window.panel("overview")
    panel.ensure_chart()
    qtbot.wait(100)
    return panel


@pytest.mark.parametrize("width", [1024, 1280])
def test_headline_cards_show_the_whole_figure(window, qtbot, width: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetrics

    from briefing_app.ui.panels.overview_views import _fit

    panel = overview_at(window, qtbot, width, 700)
    panel.more_figures.setChecked(True)
    qtbot.wait(20)
    view, delegate = panel.figure_view, panel.figure_view.card_delegate
    metrics = QFontMetrics(delegate._fonts(view.font())[0])
    inner = delegate.card_width - 26
    for row in range(view.model().rowCount()):
        text = view.model().index(row, 0).data()
        assert _fit(text, metrics, inner, getattr(delegate, "value_lines", 2)) == text, text


@pytest.mark.parametrize("size", [(1024, 574), (1280, 800)])
def test_the_shares_chart_fits_its_column_and_writes_every_value(window, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    panel = overview_at(window, qtbot, *size)
    chart = panel.chart
    qtbot.waitUntil(lambda: chart.plot_item.geometry().width() <= chart.plot_widget.width() + 0.5, timeout=2000)
    texts = chart.value_labels.texts()
    assert len(texts) == 2 * len(chart.order) == 20
    shares = chart.shares()
    for member in ("member:blr", "member:kgz", "member:tjk"):  # bars too short to see: their values are written
        population, gdp = shares[member]
        assert gdp < 1 and chart.value_text(gdp) in texts and chart.value_text(population) in texts


# --- keyboard and screen reader ------------------------------------------------------------------------


def test_tab_into_the_bookmark_list_selects_the_first_bookmark(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFocusEvent

    panel = bookmarks_panel(window)
    panel.tree.clearSelection()
    assert panel.pane.item_id is None
    QApplication.sendEvent(panel.tree, QFocusEvent(QFocusEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert panel.selected_item_ids() == ["member:kaz"]
    assert panel.pane.item_id == "member:kaz"  # its note is shown, ready to be edited


def test_clear_buttons_in_fields_have_names(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QToolButton

    bookmarks_panel(window)
    for edit in window.findChildren(QLineEdit):
        if edit.isClearButtonEnabled():
            for button in edit.findChildren(QToolButton):
                assert button.accessibleName().startswith("Clear "), edit.accessibleName()


def test_on_a_small_map_the_key_and_disclaimer_fold_and_k_opens_the_key(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 574)
    window.navigator.open("tab:corridors")
    panel = window.panel("corridors")
    qtbot.waitUntil(lambda: panel.map.isVisible() and panel.map.viewport().height() > 200)
    view = panel.map
    area = view.box.boundingRect()
    assert view.key.folded and view.disclaimer.compact
    covered = view.disclaimer.boundingRect().height() + view.key.boundingRect().height()
    assert covered <= area.height() * 0.15
    assert view.disclaimer.text.startswith(view.disclaimer.shown.rstrip("…"))  # the whole text is in the tooltip
    folded_height = view.key.boundingRect().height()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.key.boundingRect().height() > folded_height  # opened: countries and line styles
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.key.boundingRect().height() == folded_height
    # On a big map both show in full
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not view.key.folded, timeout=2000)
    assert not view.disclaimer.compact


def test_on_a_narrow_window_the_bookmark_titles_keep_a_third_of_the_list(window, qtbot, tagged) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 574)
    panel = bookmarks_panel(window)
    qtbot.wait(50)
    tree = panel.tree
    assert tree.header().sectionSize(0) >= tree.viewport().width() // 3 - 2
