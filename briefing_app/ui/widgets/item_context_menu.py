"""The context menu of any briefing item, the same in every list, table, tree, map and search result.

Views whose model gives ``ITEM_ID_ROLE`` get it with one line::

    install_item_context_menu(self.view, context)

Anything else (a map item, a chart point) builds it for the ids under the cursor::

    popup_item_context_menu(context, [item_id], event.screenPos(), self)

Open · ☆ Bookmark / ★ Remove bookmark · Edit note and tags… · Show in source · Print…
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QMessageBox, QWidget

from briefing_app.domain.bookmarks import BookmarkValueError, local_stamp
from briefing_app.ui.dialogs.bookmark_editor import BookmarkEditor
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.panels.base import PanelContext
from briefing_app.views.targets import Target

log = logging.getLogger(__name__)

#: Adds view-specific actions after the common ones (e.g. the Bookmarks tab's Move up / Export selected).
MenuExtension = Callable[[QMenu, list[str]], None]


def _exec_menu(menu: QMenu, global_pos: QPoint) -> None:
    # One place that blocks, so tests can look at the menu instead of running it.
    menu.exec(global_pos)


def report_failure(parent: QWidget | None, what: str, exc: BaseException) -> None:
    """A change the user asked for was not saved: say so plainly (the database is unchanged)."""
    log.warning("%s failed: %s", what, exc, exc_info=not isinstance(exc, BookmarkValueError))
    QMessageBox.warning(parent, f"{what} not saved", f"{what} was not saved: {exc}")


def edit_bookmark(context: PanelContext, item_id: str, parent: QWidget | None = None) -> bool:
    """Open the bookmark editor for one item (bookmarking it on Save if it is not yet); True if saved."""
    bookmarks = context.services.bookmarks
    existing = bookmarks.get(item_id)
    ref = context.services.briefing.ref(item_id)
    title = ref.title if ref is not None else (existing.title if existing else item_id)
    times = ""
    if existing is not None:
        times = f"Bookmarked {local_stamp(existing.created_at)}"
        if existing.updated_at != existing.created_at:
            times += f" · changed {local_stamp(existing.updated_at)}"
        if ref is None:
            times += " · not in the current briefing"
    result = BookmarkEditor.ask(
        parent, title, existing.note if existing else "", existing.tags if existing else (),
        list(bookmarks.tags()), bookmarked=existing is not None, times=times,
    )
    if result is None:
        return False
    try:
        bookmarks.annotate(item_id, result.note, result.tags)
    except Exception as exc:  # noqa: BLE001 - any failure is shown, and nothing was changed
        report_failure(parent, "The bookmark", exc)
        return False
    return True


def build_item_context_menu(
    context: PanelContext,
    item_ids: Sequence[str],
    parent: QWidget | None = None,
    extend: MenuExtension | None = None,
) -> QMenu:
    """The menu for one or several items (ids in the order shown). Actions carry object names for tests."""
    ids = list(dict.fromkeys(item_ids))
    services = context.services
    menu = QMenu(parent)
    menu.setObjectName("item-context-menu")
    single = ids[0] if len(ids) == 1 else None
    present = [i for i in ids if services.briefing.exists(i)]

    def add(name: str, text: str, slot: Callable[[], object], enabled: bool = True) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(enabled)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    if single is not None:
        add("open", "&Open", lambda: context.navigator.open(single), enabled=bool(present))
        menu.setDefaultAction(menu.actions()[0])
    marked = [i for i in ids if services.bookmarks.is_bookmarked(i)]
    if ids and len(marked) == len(ids):
        text = "★ &Remove Bookmark" if single else f"★ &Remove {len(ids)} Bookmarks"
        star = add("bookmark", text, lambda: _remove(context, ids, parent))
    else:
        todo = [i for i in present if i not in marked]
        text = "☆ &Bookmark" if single else f"☆ &Bookmark {len(todo)} Items"
        star = add("bookmark", text, lambda: _add(context, todo, parent), enabled=bool(todo))
    star.setCheckable(True)
    star.setChecked(bool(ids) and len(marked) == len(ids))
    if single:
        star.setShortcut(QKeySequence("Ctrl+D"))
        star.setShortcutVisibleInContextMenu(True)
    add("edit-bookmark", "Edit &Note and Tags…", lambda: edit_bookmark(context, single or "", parent),
        enabled=single is not None and (single in present or single in marked))
    menu.addSeparator()
    item = services.briefing.find(single) if single else None
    add("show-in-source", "Show in &Source", lambda: context.navigator.open(Target.sources_of(single or "")),
        enabled=bool(item and item.paragraphs))
    printable = context.print_requests.is_connected() and bool(present)
    print_action = add("print", "&Print…" if single else f"&Print {len(present)} Items…",
                       lambda: context.print_requests.request_items(present), enabled=printable)
    if not context.print_requests.is_connected():
        print_action.setToolTip("Printing is not available in this build")
    if extend is not None:
        extend(menu, ids)
    return menu


def _add(context: PanelContext, item_ids: Sequence[str], parent: QWidget | None) -> None:
    try:
        for item_id in item_ids:
            context.services.bookmarks.add(item_id)
    except Exception as exc:  # noqa: BLE001
        report_failure(parent, "The bookmark", exc)


def _remove(context: PanelContext, item_ids: Sequence[str], parent: QWidget | None) -> None:
    try:
        context.services.bookmarks.remove_many(list(item_ids))
    except Exception as exc:  # noqa: BLE001
        report_failure(parent, "Removing the bookmark", exc)


def popup_item_context_menu(
    context: PanelContext, item_ids: Sequence[str], global_pos: QPoint, parent: QWidget | None = None,
    extend: MenuExtension | None = None,
) -> None:
    if item_ids:
        _exec_menu(build_item_context_menu(context, item_ids, parent, extend), global_pos)


def ids_for_menu(view: QAbstractItemView, pos: QPoint) -> list[str]:
    """The items a right-click at ``pos`` is about: the selection if the click is on it, else the row clicked
    (which becomes the selection, as in every desktop list)."""
    index = view.indexAt(pos)
    if not index.isValid():
        return []
    selection = view.selectionModel()
    if selection is None:
        rows = [index.siblingAtColumn(0)]
    elif not selection.isRowSelected(index.row(), index.parent()):
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        selection.setCurrentIndex(index, flags)
        rows = [index.siblingAtColumn(0)]
    else:
        rows = selection.selectedRows(0) or [index.siblingAtColumn(0)]
    ordered = sorted(rows, key=lambda i: _visual_key(view, i))
    return [str(i.data(ITEM_ID_ROLE)) for i in ordered if i.data(ITEM_ID_ROLE)]


def _visual_key(view: QAbstractItemView, index: QModelIndex) -> int:
    return view.visualRect(index).top()


def install_item_context_menu(
    view: QAbstractItemView, context: PanelContext, extend: MenuExtension | None = None
) -> None:
    """Give ``view`` (whose model's rows have ``ITEM_ID_ROLE``) the item context menu, by mouse or Menu key."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def requested(pos: QPoint) -> None:
        ids = ids_for_menu(view, pos)
        if ids:
            popup_item_context_menu(context, ids, view.viewport().mapToGlobal(pos), view, extend)

    view.customContextMenuRequested.connect(requested)
