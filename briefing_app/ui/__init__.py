"""Everything that imports PySide6 or pyqtgraph."""

import PySide6.QtCore  # noqa: F401 - loads PySide6's import hook, which the next line makes cheaper

from briefing_app.ui.pyside_imports import speed_up_imports

speed_up_imports()
