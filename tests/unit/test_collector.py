"""The collector's holds are counted: the first holder to finish does not give back what another still holds."""

from __future__ import annotations

import gc

from briefing_app.ui import collector


def test_the_last_release_gives_the_objects_back_and_restarts_collections() -> None:
    assert collector.holds() == 0 and gc.get_freeze_count() == 0
    was_enabled = gc.isenabled()
    try:
        collector.hold(pause=True)  # the map: until its first paint
        collector.hold()  # a panel: until the next turn of the event loop
        collector.release()  # the panel's build is over first
        assert gc.get_freeze_count() > 0 and not gc.isenabled()  # the map's hold still stands
        collector.release(pause=True)
        assert gc.get_freeze_count() == 0 and gc.isenabled() == was_enabled and collector.holds() == 0
        collector.release()  # one release too many changes nothing
        assert collector.holds() == 0 and gc.isenabled() == was_enabled
    finally:
        while collector.holds():
            collector.release(pause=True)
        gc.unfreeze()
        if was_enabled:
            gc.enable()
