"""Which system library keeps Qt from starting, and which Debian package has it. Plain Python: no Qt imported.

Qt's X11 platform plugin (libqxcb.so) links about fifteen X libraries. When one is missing, Qt aborts with "the
xcb-cursor0 or libxcb-cursor0 library is needed" whatever the missing one is. Here the plugin is loaded the way Qt
would load it (ctypes, cheap when everything is there: Qt loads the same files next), and when that fails `ldd`
lists every library that cannot be found, so one message names them all with the packages that provide them.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

# Each system library Qt (QtCore, QtGui, QtWidgets, the xcb plugin) links, and the Debian 12 / Ubuntu 24.04
# package that provides it; scripts/system-packages/run.txt lists these packages (a test keeps the two in step).
LIBRARY_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

_LDD_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)
_DLOPEN_ERROR = re.compile(r"(\S+\.so(?:\.[\d.]+)?): cannot open shared object file")


def missing_in_ldd_output(text: str) -> list[str]:
    """The libraries `ldd` reports as "not found", in its order, each once."""
    return list(dict.fromkeys(_LDD_NOT_FOUND.findall(text)))


def missing_in_load_error(message: str) -> list[str]:
    """The library a failed dlopen (ctypes OSError, or an ImportError of a Qt module) names, if it names one."""
    return _DLOPEN_ERROR.findall(message)[:1]


def packages_for(libraries: Iterable[str]) -> list[str]:
    """The Debian packages that provide the libraries (each once); libraries not in the table are left out."""
    return list(dict.fromkeys(LIBRARY_PACKAGES[lib] for lib in libraries if lib in LIBRARY_PACKAGES))


def describe_missing(what: str, libraries: Sequence[str]) -> str:
    """One sentence: which libraries WHAT cannot load and what to install."""
    names = ", ".join(libraries)
    verb = "is" if len(libraries) == 1 else "are"
    text = f"{what} cannot load: {names} {verb} missing."
    packages = packages_for(libraries)
    unknown = [lib for lib in libraries if lib not in LIBRARY_PACKAGES]
    if packages:
        text += (f" On Debian or Ubuntu install {'it' if len(packages) == 1 else 'them'}: "
                 f"sudo apt-get install {' '.join(packages)}")
        text += " (in a checkout, 'make system-deps' installs every package the app needs)"
    if unknown:
        text += f". To find the package of {', '.join(unknown)}: apt-file search {unknown[0]}"
    return text


def missing_libraries(library: Path, run: bool = True) -> list[str]:
    """The shared libraries LIBRARY needs that the loader cannot find; [] when it loads.

    RUN=False skips the ctypes load (for a caller that already knows it fails) and asks `ldd` only.
    """
    error = ""
    if run:
        try:
            ctypes.CDLL(str(library))
        except OSError as exc:
            error = str(exc)
        else:
            return []
    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            result = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            pass
        else:
            found = missing_in_ldd_output(result.stdout)
            if found:
                return found
    return missing_in_load_error(error) or ([error] if error else [])


def pyside_dir() -> Path | None:
    """PySide6's package folder (installed, or inside the PyInstaller bundle), found without importing it."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and (Path(bundle) / "PySide6").is_dir():
        return Path(bundle) / "PySide6"
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def xcb_plugin() -> Path | None:
    """The xcb platform plugin Qt will load (QT_QPA_PLATFORM_PLUGIN_PATH first), or None if there is none."""
    folders = [Path(p) for p in os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    pyside = pyside_dir()
    if pyside is not None:
        folders += [pyside / "Qt" / "plugins" / "platforms", pyside / "plugins" / "platforms"]
    return next((folder / "libqxcb.so" for folder in folders if (folder / "libqxcb.so").is_file()), None)


def xcb_problem() -> str | None:
    """Why Qt's X11 plugin cannot load here (naming the missing libraries and their packages), or None."""
    plugin = xcb_plugin()
    if plugin is None:
        return None  # not a layout this knows: let Qt say what it finds
    missing = missing_libraries(plugin)
    if not missing:
        return None
    return describe_missing("the window cannot open on X11: Qt's X11 plugin (libqxcb.so)", missing)


def qt_import_problem(exc: ImportError) -> str:
    """What to say when importing Qt failed: every missing library of QtWidgets (by `ldd`), or the one named."""
    missing: list[str] = []
    pyside = pyside_dir()
    module = next(iter(sorted(pyside.glob("QtWidgets.*.so"))), None) if pyside is not None else None
    if module is not None:
        missing = missing_libraries(module, run=False)
    missing = missing or missing_in_load_error(str(exc))
    if not missing:
        return ""
    return describe_missing("the window cannot open: Qt", missing)
