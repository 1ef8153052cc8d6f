"""SCO Briefing: an offline desktop briefing on the SCO Council of Heads of State, Astana, 4 July 2024."""

from __future__ import annotations

#: The one place the version is written: the wheel takes it from here (``[tool.hatch.version]`` in pyproject.toml),
#: and so do the bundle's spec and the app. A constant, not package metadata: ``importlib.metadata`` costs ~30 ms
#: of start-up and of every command.
__version__ = "0.1.0"
APP_TITLE = "SCO Briefing"
