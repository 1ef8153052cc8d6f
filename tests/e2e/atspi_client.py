"""A real assistive-technology client for tests/e2e/test_accessibility.py, run with the system Python (pyatspi
comes from Debian's python3-pyatspi, not from pip).

It reads the running app over the AT-SPI bus as a screen reader does and drives it with key presses only
(xdotool sends them through the X server, as a keyboard would). It prints one JSON object: what it found.

    python3 atspi_client.py audit      every tab: interactive objects without a name, tables without headers
    python3 atspi_client.py task       search -> open -> bookmark -> note -> print preview, by keyboard alone
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi

APP_NAME = "SCO Briefing"
#: roles a user acts on or reads as a unit: each must have a name
NAMED_ROLES = {
    "push button", "check box", "radio button", "toggle button", "text", "entry", "password text", "combo box",
    "table", "tree table", "tree", "list", "page tab", "spin button", "slider", "page tab list",
}
TABS = ("Overview", "Members", "Achievements", "Priorities", "Corridors", "Bookmarks", "Source")


def wait_for(what: str, check: Callable[[], Any], timeout: float = 15.0) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = check()
        except Exception:  # noqa: BLE001 - objects come and go while the app changes; try again
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise TimeoutError(f"timed out waiting for {what}")


def application() -> Any:
    def find() -> Any:
        desktop = pyatspi.Registry.getDesktop(0)
        return next((a for a in desktop if a is not None and a.name == APP_NAME), None)

    return wait_for("the app on the accessibility bus", find, 30.0)


def walk(node: Any, showing_only: bool = True, depth: int = 0) -> Iterator[Any]:
    if depth > 40:
        return
    try:
        state = node.getState()
        if showing_only and depth > 2 and not state.contains(pyatspi.STATE_SHOWING):
            return
        yield node
        role = node.getRoleName()
        if role in ("table", "tree table", "tree", "list", "list box"):  # rows are the model's, not widgets
            return
        children = list(node)
    except Exception:  # noqa: BLE001 - an object that went away while walking
        return
    for child in children:
        if child is not None:
            yield from walk(child, showing_only, depth + 1)


def describe(node: Any) -> str:
    try:
        return f"{node.getRoleName()} {node.name!r} (in {node.parent.getRoleName()} {node.parent.name!r})"
    except Exception:  # noqa: BLE001
        return "?"


def focused(app: Any) -> Any:
    """The object with the keyboard focus (Qt also marks the current tab of every tab bar focused: a tab counts
    only when nothing else has the focus)."""
    found = []
    for node in walk(app):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                found.append(node)
        except Exception:  # noqa: BLE001
            continue
    others = [n for n in found if n.getRoleName() != "page tab"]
    return (others or found or [None])[-1]


def find(app: Any, role: str, name: str | None = None, contains: str | None = None) -> Any:
    for node in walk(app):
        try:
            if node.getRoleName() != role:
                continue
            if name is not None and node.name != name:
                continue
            if contains is not None and contains not in node.name:
                continue
            return node
        except Exception:  # noqa: BLE001
            continue
    return None


def text_of(node: Any) -> str:
    try:
        text = node.queryText()
        return str(text.getText(0, text.characterCount))
    except Exception:  # noqa: BLE001
        return ""


def has_state(node: Any, state: Any) -> bool:
    try:
        return bool(node.getState().contains(state))
    except Exception:  # noqa: BLE001
        return False


# --- the keyboard --------------------------------------------------------------------------------------


def window_id() -> str:
    def search() -> str:
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", APP_NAME], capture_output=True,
                             text=True, check=False).stdout.split()
        return out[0] if out else ""

    return str(wait_for("the app's window on the X display", search))


def focus_window() -> None:
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id()], check=True, timeout=10)


def key(*keys: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "60", *keys], check=True, timeout=20)
    time.sleep(0.3)


def type_text(text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True, timeout=30)
    time.sleep(0.3)


def tab_until(app: Any, wanted: Callable[[Any], bool], what: str, limit: int = 40) -> Any:
    """Press Tab until the focused object is the one wanted (as a keyboard user does)."""
    for _ in range(limit):
        node = focused(app)
        if node is not None and wanted(node):
            return node
        key("Tab")
    raise AssertionError(f"Tab never reached {what}; focus ended on {describe(focused(app))}")


# --- the two runs --------------------------------------------------------------------------------------


def audit() -> dict[str, Any]:
    app = application()
    focus_window()
    unnamed: list[str] = []
    headers: dict[str, list[str]] = {}
    seen_roles: dict[str, set[str]] = {}
    map_found = False
    for number, tab in enumerate(TABS, start=1):
        key(f"ctrl+{number}")
        wait_for(f"the {tab} tab", lambda t=tab: has_state(find(app, "page tab", t), pyatspi.STATE_SELECTED))
        time.sleep(1.0)  # charts and the map are built just after the first paint
        for node in walk(app):
            try:
                role, name = node.getRoleName(), node.name
            except Exception:  # noqa: BLE001
                continue
            seen_roles.setdefault(tab, set()).add(role)
            if role in NAMED_ROLES and not name.strip():
                unnamed.append(f"{tab}: {describe(node)}")
            if name == "Corridors map":
                map_found = True
            if role in ("table", "tree table", "tree"):
                try:
                    table = node.queryTable()
                    names = []
                    for column in range(table.nColumns):
                        header = table.getColumnHeader(column)
                        names.append(table.getColumnDescription(column) or (header.name if header else ""))
                except Exception as exc:  # noqa: BLE001
                    names = [f"no table interface: {exc}"]
                headers[f"{tab}: {name}"] = names
    return {"unnamed": sorted(set(unnamed)), "headers": headers, "map": map_found,
            "roles": {tab: sorted(roles) for tab, roles in seen_roles.items()}}


def task() -> dict[str, Any]:
    app = application()
    focus_window()
    steps: list[str] = []
    # 1. Search: Ctrl+F, type, Down to the first result, Enter opens it in its tab
    key("ctrl+f")
    search = wait_for("focus in the search field",
                      lambda: (lambda n: n if n is not None and n.name == "Search the briefing" else None)(
                          focused(app)))
    type_text("Trans-Caspian")
    wait_for("the search text", lambda: "Trans-Caspian" in text_of(search))
    time.sleep(1.0)
    key("Down")
    key("Return")
    wait_for("the Corridors tab", lambda: has_state(find(app, "page tab", "Corridors"), pyatspi.STATE_SELECTED))
    detail = wait_for("the corridor's detail",
                      lambda: next((n for n in walk(app) if n.getRoleName() == "label"
                                    and "Trans-Caspian International Transport Route" in text_of(n)), None))
    steps.append("search opened the corridor")
    # 2. Bookmark it: Ctrl+D
    key("ctrl+d")
    wait_for("the bookmark star on", lambda: has_state(find(app, "check box", "Bookmark this item"),
                                                        pyatspi.STATE_CHECKED))
    steps.append("bookmarked")
    # 3. A note: the Bookmarks tab (Ctrl+6), Tab to the list, Down to the bookmark, Tab to the note, type
    key("ctrl+6")
    wait_for("the Bookmarks tab", lambda: has_state(find(app, "page tab", "Bookmarks"), pyatspi.STATE_SELECTED))
    tab_until(app, lambda n: n.getRoleName() in ("tree table", "table", "tree") and "ookmark" in n.name,
              "the list of bookmarks")
    key("End")  # a new bookmark comes last in the user's order
    wait_for("the corridor's bookmark selected",
             lambda: find(app, "label", contains="Bookmarked item: Trans-Caspian") is not None)
    wait_for("the note field", lambda: find(app, "text", "Note") is not None)
    # (Qt reports the focus on the note's viewport, inside the text object "Note")
    focus = tab_until(app, lambda n: n.name == "Note" or (n.parent is not None and n.parent.name == "Note"),
                      "the Note field")
    note = focus if focus.getRoleName() == "text" else focus.parent
    type_text("Ask about the Caspian ferry")
    key("Tab")  # leaving the field saves the note
    wait_for("the note saved", lambda: find(app, "label", contains="Note saved") is not None
             or any("Note saved" in text_of(n) for n in walk(app) if n.getRoleName() == "label"))
    steps.append("note typed and saved")
    note_text = text_of(note)
    # 4. Print preview: Ctrl+P shows the preview of the tab's sheet; Escape closes it
    key("ctrl+p")
    desktop_app = application()
    preview = wait_for("the print preview", lambda: next(
        (n for n in desktop_app if n is not None and n.getRoleName() in ("dialog", "frame", "window")
         and "review" in n.name), None), 30.0)
    preview_name = preview.name
    steps.append("print preview shown")
    key("Escape")
    wait_for("the preview closed", lambda: not any(
        n is not None and "review" in n.name and has_state(n, pyatspi.STATE_SHOWING) for n in application()))
    steps.append("preview closed")
    return {"steps": steps, "note": note_text, "preview": preview_name, "detail": detail.getRoleName()}


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "audit"
    result = {"audit": audit, "task": task}[command]()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
