"""What the corridors map currently shows: visible corridors and layers, the selected and the hovered item."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from briefing_app.domain.corridor_map import CorridorMapData, MapNode

LAYERS: tuple[tuple[str, str], ...] = (
    ("countries", "Countries by SCO status"),
    ("nodes", "Corridor nodes"),
    ("labels", "Node names"),
)


class MapState(QObject):
    """The one place the map's layers read their visibility and highlight from; ``changed`` repaints them."""

    changed = Signal()
    #: a corridor or a layer was shown or hidden
    visibility_changed = Signal()
    selection_changed = Signal(object)  # the selected item id or None

    def __init__(self, data: CorridorMapData, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self._hidden: set[str] = set()
        self._layers = {key: True for key, _title in LAYERS}
        self._selected: str | None = None
        self._hovered: str | None = None
        self.version = 0
        self._visible_nodes: tuple[MapNode, ...] | None = None

    # --- visibility ---------------------------------------------------------------------------------

    def corridor_visible(self, corridor_id: str) -> bool:
        return corridor_id not in self._hidden

    def set_corridor_visible(self, corridor_id: str, visible: bool) -> None:
        if visible == self.corridor_visible(corridor_id):
            return
        if visible:
            self._hidden.discard(corridor_id)
        else:
            self._hidden.add(corridor_id)
        self._visible_nodes = None
        self._bump()
        self.visibility_changed.emit()

    def visible_corridor_ids(self) -> list[str]:
        return [c.id for c in self.data.corridors if c.id not in self._hidden]

    def layer_visible(self, key: str) -> bool:
        return self._layers.get(key, False)

    def set_layer_visible(self, key: str, visible: bool) -> None:
        if key not in self._layers:
            raise KeyError(f"unknown map layer {key!r}")
        if self._layers[key] != visible:
            self._layers[key] = visible
            self._visible_nodes = None
            self._bump()
            self.visibility_changed.emit()

    def node_visible(self, node: MapNode) -> bool:
        """A node is drawn while the node layer is on and at least one of its corridors is shown."""
        if not self._layers["nodes"]:
            return False
        return not node.corridors or any(c not in self._hidden for c in node.corridors)

    def visible_nodes(self) -> Iterable[MapNode]:
        """The nodes drawn, in data order: worked out once per change of what is shown (a large map has thousands,
        read by every paint, label placement and hit test)."""
        if self._visible_nodes is None:
            if not self._layers["nodes"]:
                self._visible_nodes = ()
            elif not self._hidden:
                self._visible_nodes = tuple(self.data.nodes.values())
            else:
                self._visible_nodes = tuple(node for node in self.data.nodes.values() if self.node_visible(node))
        return self._visible_nodes

    # --- selection and hover ------------------------------------------------------------------------

    @property
    def selected(self) -> str | None:
        return self._selected

    def select(self, item_id: str | None) -> None:
        if item_id == self._selected:
            return
        self._selected = item_id
        self._bump()
        self.selection_changed.emit(item_id)

    @property
    def hovered(self) -> str | None:
        return self._hovered

    def hover(self, item_id: str | None) -> None:
        if item_id != self._hovered:
            self._hovered = item_id
            self._bump()

    def selected_corridor(self) -> str | None:
        return self._selected if self._selected and self._selected.startswith("corridor:") else None

    def _bump(self) -> None:
        self.version += 1
        self.changed.emit()
