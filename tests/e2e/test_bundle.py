"""The standalone bundle (PyInstaller, build_spec/briefing_app.spec) runs the same commands as the installed app.

Built once per run into a temporary folder as `make bundle` builds it (PyInstaller is installed into the
project venv from constraints.txt when missing), packed, and unpacked elsewhere. Its program runs offscreen,
from outside the checkout, with the network cut where possible.
"""

from __future__ import annotations

import configparser
import json
import os
import platform
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.e2e.packaging_support import (
    assert_book_printed,
    assert_clean_success,
    assert_db_check_matches_the_pack,
    assert_search_finds_almaty,
    project_version,
    run_app,
    run_build,
    skip_unless_headless_printing,
)

pytestmark = [pytest.mark.e2e, pytest.mark.bundle]


def extract_all(archive: tarfile.TarFile, target: Path) -> None:
    """Unpack as `tar xzf` does. Extraction filters exist from Python 3.11.4 (Debian 12 has 3.11.2): use the 'tar'
    filter where there is one (it refuses absolute names and links out of the target), else the plain call."""
    if hasattr(tarfile, "tar_filter"):
        archive.extractall(target, filter="tar")
    else:
        archive.extractall(target)  # noqa: S202 - our own archive, just built by the test


@pytest.fixture(scope="module")
def bundle_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bundle")
    return run_build("bundle", "--distpath", str(root / "dist"), "--workpath", str(root / "work"), "--archive")


@pytest.fixture(scope="module")
def bundle(bundle_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle as a user gets it: the archive unpacked somewhere else than where it was built."""
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(bundle_archive) as archive:
        extract_all(archive, target)
    shutil.rmtree(bundle_archive.parent / "sco-briefing")  # nothing may still point at the build folder
    return target / "sco-briefing"


@pytest.fixture
def program(bundle: Path) -> Path:
    return bundle / "briefing-app"


def test_bundle_archive_is_named_after_version_and_platform(bundle_archive: Path) -> None:
    assert bundle_archive.name == f"sco-briefing-{project_version()}-linux-{platform.machine()}.tar.gz"
    assert bundle_archive.stat().st_size < 150 * 1024 * 1024


def test_bundle_holds_the_runtime_data_and_no_tests(bundle: Path) -> None:
    # Given the bundle's folder
    internal = bundle / "_internal"
    # Then the data lands where paths.py looks in a frozen app, the version travels with it, tests stay out
    assert (internal / "resources" / "packs" / "astana-2024" / "pack.yaml").is_file()
    assert (internal / "resources" / "packs" / "astana-2024" / "sources" / "address.txt").is_file()
    assert (internal / "resources" / "geodata" / "eurasia.geojson").is_file()
    assert (internal / "resources" / "icons" / "sco-briefing.svg").is_file()
    assert (internal / "db" / "versions" / "0001_bookmarks.py").is_file()
    assert (internal / "VERSION").read_text(encoding="utf-8").strip() == project_version()
    assert not (internal / "tests").exists()
    assert not [p for p in internal.rglob("*") if p.name in {"pytest", "_pytest", "hypothesis", "__pycache__"}]
    assert os.access(bundle / "install-desktop.sh", os.X_OK)
    assert f"SCO Briefing {project_version()}" in (bundle / "README.txt").read_text(encoding="utf-8")


def test_bundle_reports_the_project_version(program: Path, briefing_home: Path, outside: Path) -> None:
    result = run_app(program, briefing_home, outside, "--version")
    assert_clean_success(result)
    assert result.stdout.strip() == f"SCO Briefing {project_version()}"


def test_bundle_builds_its_content_and_migrates_a_new_user_database(
    program: Path, briefing_home: Path, outside: Path,
) -> None:
    # Given an empty user folder, when the frozen app checks its databases (Alembic runs the shipped scripts)
    result = run_app(program, briefing_home, outside, "db", "check", "--json")
    # Then the content matches the pack and the user database is at the newest schema
    assert_db_check_matches_the_pack(result)


def test_bundle_searches_offline(program: Path, briefing_home: Path, outside: Path) -> None:
    assert_search_finds_almaty(run_app(program, briefing_home, outside, "search", "Almaty", "--json"))


def test_bundle_prints_the_book_to_pdf(program: Path, briefing_home: Path, outside: Path) -> None:
    skip_unless_headless_printing()
    result = run_app(program, briefing_home, outside, "print", "--section", "book", "--out", "book.pdf")
    assert_book_printed(result, outside / "book.pdf")



def test_bundle_exports_the_book_to_word(program: Path, briefing_home: Path, outside: Path) -> None:
    """python-docx reads its default template from its package data: the bundle must carry it."""
    import docx

    result = run_app(program, briefing_home, outside, "book", "export", "--whole", "--out", "book.docx")
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(outside / "book.docx"))
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs) and document.tables

def test_bundle_opens_its_window_offscreen(program: Path, briefing_home: Path, outside: Path) -> None:
    result = run_app(program, briefing_home, outside, "--exit-after-paint")
    assert_clean_success(result)
    assert (briefing_home / "settings.ini").is_file()


def test_bundle_runs_a_command_without_any_stdout(program: Path, briefing_home: Path, outside: Path) -> None:
    # Given the windowed program started with no standard output (as from a desktop menu on some systems)
    result = run_app(program, briefing_home, outside, "bookmarks", "add", "node:almaty", close_stdout=True)
    # Then the command still does its work instead of failing on a write to None
    assert_clean_success(result)
    listed = run_app(program, briefing_home, outside, "bookmarks", "list", "--json")
    assert [b["item_id"] for b in json.loads(listed.stdout)] == ["node:almaty"]


def test_bundle_installs_its_launcher_for_the_current_user(bundle: Path, tmp_path: Path) -> None:
    # Given a user data folder, when the bundle's own install script runs without options
    data_home = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    result = subprocess.run([str(bundle / "install-desktop.sh")], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    # Then the launcher starts this bundle's program, with the icon installed beside it
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(data_home / "applications" / "sco-briefing.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"] == f'"{bundle / "briefing-app"}"'
    assert (data_home / "icons" / "hicolor" / "256x256" / "apps" / "sco-briefing.png").is_file()
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "sco-briefing.svg").is_file()
