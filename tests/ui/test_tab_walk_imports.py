"""What the window imports while a user visits every tab: the pack's pydantic models are the loader's validation,
not the running window's (issue 22: pydantic alone holds ~14 MB resident). In-process and cheap: every import the
window asks for during the walk is recorded (``from x import y`` inside a function asks again each time)."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from tests.conftest import open_window

#: Imported by the pack loader and ``db build``, never by the window showing its tabs.
NOT_FOR_THE_WINDOW = (
    "pydantic", "pydantic_core", "briefing_app.content.schema", "briefing_app.content.loader",
    # a copy not linked to a team does not need the team's sync (its server client and local store)
    "briefing_app.services.team_sync",
)


def test_visiting_every_tab_imports_no_pydantic(qtbot, services, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.tabs import TABS

    asked: list[str] = []
    real_import = builtins.__import__

    def recording_import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        module = real_import(name, globals, locals, fromlist, level)
        asked.append(module.__name__ if level else name)
        asked.extend(f"{module.__name__}.{sub}" for sub in fromlist or () if isinstance(sub, str))
        return module

    monkeypatch.setattr(builtins, "__import__", recording_import)
    # Given the window over the real briefing, When the user visits every tab and its deferred work has run
    window = open_window(qtbot, services)
    for index, _tab in enumerate(TABS):
        window.tabs.setCurrentIndex(index)
        window.grab()
        qtbot.wait(60)
    monkeypatch.undo()
    assert any(name.startswith("briefing_app.views") for name in asked), "the recorder saw the window's imports"
    # Then nothing it read (member charts, lists, corridors, priorities…) asked for pydantic or the pack's models
    offending = sorted({name for name in asked if name.startswith(NOT_FOR_THE_WINDOW)})
    assert offending == []
