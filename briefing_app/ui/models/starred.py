"""The bookmark star of a flat item model: whether a row's item is bookmarked, and the repaint when that changes.

A list or table model mixes in ``StarredRows`` after its Qt base, keeps the ``BookmarkService`` as
``self._bookmarks`` and says which row shows an item (``_star_row``); its ``bookmark_changed`` slot (connected to
``BookmarkSignals.changed``) then calls ``_repaint_stars(item_id)``. Tree models find their rows under parents and
repaint on their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from PySide6.QtCore import QAbstractItemModel

from briefing_app.ui.models.roles import BOOKMARKED_ROLE

if TYPE_CHECKING:
    from briefing_app.services.bookmarks import BookmarkService  # the first paint runs without the ORM


class StarredRows:
    """Star lookups and repaints for a model whose rows all sit under the root, the star in column 0."""

    _bookmarks: BookmarkService | None
    #: the roles whose value depends on the star (a model that also draws it into its text adds DisplayRole)
    STAR_ROLES: ClassVar[tuple[int, ...]] = (BOOKMARKED_ROLE,)

    def _starred(self, item_id: str) -> bool:
        return self._bookmarks is not None and self._bookmarks.is_bookmarked(item_id)

    def _star_row(self, item_id: str) -> int:
        """The row showing ``item_id``, or -1 when no row does (yet)."""
        raise NotImplementedError

    def _repaint_stars(self, item_id: str) -> None:
        """Repaint the star of ``item_id``'s row, or of every row when ``item_id`` is empty."""
        model = cast(QAbstractItemModel, self)
        roles = list(self.STAR_ROLES)
        if not item_id:
            count = model.rowCount()
            if count:
                model.dataChanged.emit(model.index(0, 0), model.index(count - 1, 0), roles)
            return
        row = self._star_row(item_id)
        if row >= 0:
            index = model.index(row, 0)
            model.dataChanged.emit(index, index, roles)
