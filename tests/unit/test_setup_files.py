"""The set-up has one list of Debian packages: the README, `make system-deps`, .ci/run and the app agree on it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from briefing_app import qt_libraries

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "scripts" / "system-packages"
INSTALLER = ROOT / "scripts" / "install-system-packages.sh"
README = (ROOT / "README.md").read_text(encoding="utf-8")
GROUPS = ("run", "test", "bundle")


def listed(group: str) -> list[str]:
    lines = (PACKAGES / f"{group}.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def readme_block(marker: str) -> list[str]:
    """The command lines of the ```sh block after <!-- setup:MARKER --> (as scripts/check-fresh-debian.sh reads it)."""
    after = README.split(f"<!-- setup:{marker} -->\n", 1)[1]
    block = after.split("```sh\n", 1)[1].split("```", 1)[0]
    return [re.sub(r"\s+#.*$", "", line) for line in block.splitlines() if line.strip()]


def test_each_group_lists_packages_with_comments_saying_what_needs_them() -> None:
    for group in GROUPS:
        text = (PACKAGES / f"{group}.txt").read_text(encoding="utf-8")
        assert listed(group), group
        assert text.lstrip().startswith("#"), f"{group}.txt starts with a comment saying what the group is for"
        assert all(re.fullmatch(r"[a-z0-9][a-z0-9.+{}-]*", pkg) for pkg in listed(group)), listed(group)
    every = [pkg for group in GROUPS for pkg in listed(group)]
    assert len(every) == len(set(every)), "a package is listed twice"


def test_readme_setup_starts_from_a_bare_system_and_uses_the_lists() -> None:
    system = " ".join(readme_block("system"))
    assert re.search(r"apt-get install .*\bgit\b", system) and re.search(r"apt-get install .*\bmake\b", system)
    assert "ca-certificates" in system and "sudo" not in system  # a bare Debian has no sudo: the block is root's
    assert readme_block("checkout") == ["make system-deps", "make run", "make test"]
    for group in GROUPS:
        assert f"{group}.txt" in README


def test_readme_wheel_requirements_are_the_run_list() -> None:
    span = README.split("<!-- run-packages -->", 1)[1].split("<!-- /run-packages -->", 1)[0]
    assert set(re.findall(r"`([^`]+)`", span.replace("\n  ", " "))) and \
        set(" ".join(re.findall(r"`([^`]+)`", span.replace("\n  ", " "))).split()) == set(listed("run"))


def test_ci_installs_through_the_same_make_target_as_the_readme() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "make system-deps" in commands and commands[-1] == "make test"
    installs = [line for line in commands if "apt-get install" in line]
    assert all(line.split()[-1] == "make" for line in installs), "CI installs packages outside the lists"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^SYSTEM_GROUPS \?= run test bundle$", makefile, re.MULTILINE)
    assert "sh scripts/install-system-packages.sh $(SYSTEM_GROUPS)" in makefile


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian or Ubuntu system")
def test_installer_lists_the_groups_and_finds_what_is_missing() -> None:
    out = subprocess.run(["sh", str(INSTALLER), "--list", *GROUPS], capture_output=True, text=True, timeout=60,
                         check=True).stdout.split()
    expected = [pkg for group in GROUPS for pkg in listed(group)]
    assert len(out) == len(expected)
    assert [pkg for pkg in out if "{" not in pkg][:5] == expected[:5]
    assert not any("{" in pkg for pkg in out) and re.fullmatch(r"libpython3\.\d+", out[-1]), out[-1]
    missing = subprocess.run(["sh", str(INSTALLER), "--missing", *GROUPS], capture_output=True, text=True,
                             timeout=60, check=True).stdout.split()
    assert set(missing) <= set(out)
    bad = subprocess.run(["sh", str(INSTALLER), "--list", "nonesuch"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "no such group: nonesuch" in bad.stderr


def test_every_x11_library_the_app_can_name_is_in_the_run_list() -> None:
    x11 = {pkg for pkg in qt_libraries.LIBRARY_PACKAGES.values() if pkg.startswith(("libxcb-", "libxkbcommon",
                                                                                       "libx11-xcb"))}
    run = set(listed("run"))
    assert x11 <= run
    assert {pkg for pkg in run if pkg.startswith(("libxcb-", "libxkbcommon", "libx11-xcb"))} == x11
    for pkg in ("libegl1", "libgl1", "libfontconfig1", "libglib2.0-0", "libdbus-1-3"):
        assert pkg in run and pkg in qt_libraries.LIBRARY_PACKAGES.values()


def test_bundle_archive_unpacks_on_python_3_11_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.e2e.test_bundle import extract_all

    (tmp_path / "sco-briefing").mkdir()
    (tmp_path / "sco-briefing" / "briefing-app").write_text("#!/bin/sh\n", encoding="utf-8")
    archive_path = tmp_path / "bundle.tar.gz"
    with tarfile.open(archive_path, "w:gz") as archive:
        archive.add(tmp_path / "sco-briefing", arcname="sco-briefing")
    # Python 3.11.2 (Debian 12): no extraction filters, and extractall() has no 'filter' argument
    real = tarfile.TarFile.extractall

    def extractall_3_11_2(self: tarfile.TarFile, path: str | Path = ".", members: object = None, *,
                          numeric_owner: bool = False) -> None:
        real(self, path, members, numeric_owner=numeric_owner)  # type: ignore[arg-type]

    monkeypatch.delattr(tarfile, "tar_filter", raising=False)
    monkeypatch.setattr(tarfile.TarFile, "extractall", extractall_3_11_2)
    target = tmp_path / "unpacked"
    with tarfile.open(archive_path) as archive:
        extract_all(archive, target)
    assert (target / "sco-briefing" / "briefing-app").read_text(encoding="utf-8") == "#!/bin/sh\n"
