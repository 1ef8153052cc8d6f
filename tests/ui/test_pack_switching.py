"""File > Open Briefing Pack… and File > Switch Pack: install (refusals shown, nothing installed), the digest of a
newer version with the reader's bookmarks first, switching the window without restarting, and back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from briefing_app.content import pack_file as pf
from briefing_app.services import packs
from briefing_app.ui import pack_actions

ROOT = Path(__file__).resolve().parents[2]
PACK_11 = ROOT / "resources" / "packs" / "astana-2024"
PACK_10 = ROOT / "tests" / "fixtures" / "packs" / "astana-2024-1.0.0"
TEST_KEY = (ROOT / "scripts" / "pack-keys" / "sco-briefing-test.key").read_bytes()
STRATEGY = "document:development-strategy-2035"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("gui-packs")
    out = {"1.0.0": folder / "old.scopack", "1.1.0": folder / "new.scopack"}
    pf.build_pack_file(PACK_10, out["1.0.0"], "astana-2024", "1.0.0", TEST_KEY)
    pf.build_pack_file(PACK_11, out["1.1.0"], "astana-2024", "1.1.0", TEST_KEY)
    return out


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(pack_actions, "warn", lambda _w, title, text: said.append((title, text)))
    return said


def _titles(win) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.text() for a in win.file_menu.actions()]


def test_file_menu_has_the_pack_actions(window) -> None:  # type: ignore[no-untyped-def]
    titles = _titles(window)
    at = titles.index("&Open Briefing Pack…")
    assert titles[at + 1] == "S&witch Pack" and titles.index("&Restore Bookmarks…") > at
    pack_actions.fill_switch_menu(window, window.switch_pack_menu)
    entries = [a.text() for a in window.switch_pack_menu.actions()]
    assert entries == ["astana-2024 1.1.0 (shipped with the app)"]
    assert window.switch_pack_menu.actions()[0].isChecked()


def test_a_tampered_pack_is_refused_in_the_window(qtbot, window, files, tmp_path, messages) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(files["1.0.0"]) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    entries["pack/sources/address.txt"] += b"\nA sentence the publisher never wrote."
    bad = tmp_path / "bad.scopack"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    assert pack_actions.open_pack_file(window, bad) is None
    assert messages and "does not match its hash" in messages[0][1] and "Nothing was installed" in messages[0][1]
    assert [e.spec for e in packs.list_packs()] == ["astana-2024@1.1.0"]


def test_install_switch_digest_and_back(qtbot, services, files, monkeypatch, messages) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import open_window

    services.bookmarks.add(STRATEGY, note="check the status")
    services.bookmarks.add("event:tianjin-2025", note="only in 1.1.0")
    window = open_window(qtbot, services)

    # 1.0.0 is older than the active (shipped) 1.1.0: no digest, asked whether to switch
    monkeypatch.setattr(pack_actions, "ask_switch", lambda _w, _r: True)
    old_window = window
    window = pack_actions.open_pack_file(window, files["1.0.0"])
    assert window is not None and window is not old_window
    qtbot.addWidget(window)
    assert window.services.briefing.pack_info().version == "1.0.0"
    assert window.statusBar().currentMessage() == "Now showing astana-2024 1.0.0; your bookmarks are kept."
    assert not old_window.isVisible()
    assert window.services.bookmarks.get(STRATEGY).note == "check the status"
    assert not window.services.bookmarks.in_briefing("event:tianjin-2025")  # kept, but not in 1.0.0
    assert window.services.bookmarks.get("event:tianjin-2025").note == "only in 1.1.0"

    # installing 1.1.0 now is a newer version of the active pack: the digest, bookmarks first
    shown = []

    def digest(_w, d):  # type: ignore[no-untyped-def]
        shown.append(d)
        return True

    monkeypatch.setattr(pack_actions, "show_digest", digest)
    switched = pack_actions.open_pack_file(window, files["1.1.0"])
    assert switched is not None
    qtbot.addWidget(switched)
    assert [b.id for b in shown[0].bookmarks] == [STRATEGY]
    assert (shown[0].old_version, shown[0].new_version) == ("1.0.0", "1.1.0")
    assert switched.services.briefing.pack_info().version == "1.1.0"
    assert switched.services.bookmarks.in_briefing("event:tianjin-2025")
    assert not messages

    # and back through the Switch Pack menu
    pack_actions.fill_switch_menu(switched, switched.switch_pack_menu)
    labels = [a.text() for a in switched.switch_pack_menu.actions()]
    assert labels == ["astana-2024 1.0.0 (installed)", "astana-2024 1.1.0 (shipped with the app)",
                      "astana-2024 1.1.0 (installed)"]
    replaced: list[object] = []
    switched.replaced.connect(replaced.append)
    switched.switch_pack_menu.actions()[0].trigger()
    assert len(replaced) == 1
    back = replaced[0]
    qtbot.addWidget(back)
    assert back.services.briefing.pack_info().version == "1.0.0"
    assert back.services.bookmarks.get(STRATEGY).note == "check the status"
    assert packs.active_entry().spec == "astana-2024@1.0.0"  # type: ignore[union-attr]

    # the shipped copy of 1.1.0, not the installed one of the same version, when that is the one chosen
    pack_actions.fill_switch_menu(back, back.switch_pack_menu)
    back.switch_pack_menu.actions()[1].trigger()
    assert packs.active_entry().shipped  # type: ignore[union-attr]


def test_digest_dialog_shows_bookmarks_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.services.pack_diff import diff_folders
    from briefing_app.ui.dialogs.pack_digest import PackDigestDialog

    dialog = PackDigestDialog(diff_folders(PACK_10, PACK_11, {STRATEGY: "check the status"}))
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert text.index("Your bookmarks touched") < text.index("check the status") < text.index("Added (")
    assert "approved_as_draft" in text
    assert dialog.switch_button.text() == "Switch to 1.1.0 now"


def test_digest_prints_as_a_sheet_from_the_dialog(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.services.pack_diff import diff_folders

    dialog = pack_actions.digest_dialog(window, diff_folders(PACK_10, PACK_11, {STRATEGY: ""}))
    qtbot.addWidget(dialog)
    assert dialog.print_button.isEnabled()
    dialog.print_button.click()
    preview = window.print_controller.last_preview
    assert preview is not None and preview.windowTitle().startswith("Print Preview — What changed: astana-2024 1.0.0")
    preview.close()
