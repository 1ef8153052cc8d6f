"""A panel of a large pack is built without the cyclic garbage collector walking the whole window's heap."""

from __future__ import annotations

import gc


def test_older_objects_are_frozen_out_of_the_collector_while_a_panel_is_built(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    frozen_while_built: list[int] = []
    window.panel_built.connect(lambda _key: frozen_while_built.append(gc.get_freeze_count()))
    gc.unfreeze()
    window.navigator.open("tab:priorities")
    # While the panel was built, what existed before it was out of the collector's reach
    assert frozen_while_built and frozen_while_built[0] > 0
    # At the next turn of the event loop every object is the collector's again (nothing is held out for good)
    qtbot.waitUntil(lambda: gc.get_freeze_count() == 0, timeout=3000)
