"""The wheel carries everything the app needs: installed into a fresh venv, it works from any folder.

The dependencies come from a wheelhouse (pip download, pinned by constraints.txt, kept in the pytest cache),
so after the first run the install needs no index; the app itself runs with the network cut where possible.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.packaging_support import (
    assert_book_printed,
    assert_clean_success,
    assert_db_check_matches_the_pack,
    assert_search_finds_almaty,
    project_version,
    run_app,
    run_build,
    site_packages_of,
    skip_unless_headless_printing,
)

pytestmark = pytest.mark.e2e
CONSTRAINTS = ROOT / "constraints.txt"


def _pip(python: Path | str, *args: str) -> None:
    result = subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"pip {' '.join(args)} failed:\n{result.stderr[-4000:]}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_build("wheel", "--outdir", str(tmp_path_factory.mktemp("wheel")))


@pytest.fixture(scope="module")
def wheel_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """A fresh venv with the wheel installed from local files only."""
    # The pytest cache keeps the wheelhouse between runs; without it (-p no:cacheprovider) it lasts one run.
    cache = getattr(pytestconfig, "cache", None)
    wheelhouse = cache.mkdir("wheelhouse") if cache is not None else tmp_path_factory.mktemp("wheelhouse")
    # Fetches only what the wheelhouse lacks: the first run needs an index, later ones nothing.
    _pip(sys.executable, "download", "--quiet", "--constraint", str(CONSTRAINTS), "--dest", str(wheelhouse),
         str(wheel))
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    _pip(python, "install", "--quiet", "--no-index", "--find-links", str(wheelhouse),
         "--constraint", str(CONSTRAINTS), str(wheel))
    return venv


def test_wheel_holds_the_runtime_data_and_no_tests(wheel: Path) -> None:
    # Given the wheel built from this tree
    names = zipfile.ZipFile(wheel).namelist()
    data = "briefing_app/_data/"
    # Then the pack, source text, geodata, icons, launcher and migrations are inside, and nothing of the tests
    for expected in (
        "resources/packs/astana-2024/pack.yaml",
        "resources/packs/astana-2024/sources/address.txt",
        "resources/geodata/eurasia.geojson",
        "resources/icons/sco-briefing.svg",
        "resources/icons/hicolor/48x48/apps/sco-briefing.png",
        "resources/desktop/sco-briefing.desktop",
        "db/env.py",
        "db/versions/0001_bookmarks.py",
    ):
        assert data + expected in names
    checkout_files = {p.relative_to(ROOT).as_posix() for folder in ("resources", "db")
                      for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert {data + name for name in checkout_files} <= set(names), "every runtime file of the checkout is shipped"
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n or n.endswith(".sqlite3")]
    assert wheel.name == f"sco_briefing-{project_version()}-py3-none-any.whl"


def test_installed_app_finds_its_data_inside_the_venv(wheel_venv: Path, outside: Path) -> None:
    # Given the wheel installed in a fresh venv, when its Python asks where the data lives
    probe = ("import briefing_app, briefing_app.paths as p; "
             "print(briefing_app.__file__); print(p.resources_dir()); print(p.migrations_dir()); print(p.icon_path())")
    result = subprocess.run([str(wheel_venv / "bin" / "python"), "-c", probe], capture_output=True, text=True,
                            cwd=outside, timeout=120)
    assert result.returncode == 0, result.stderr
    package_file, resources, migrations, icon = (Path(line) for line in result.stdout.splitlines())
    # Then everything resolves inside the venv, never in the checkout
    installed = site_packages_of(wheel_venv) / "briefing_app"
    assert package_file.parent == installed
    assert resources == installed / "_data" / "resources"
    assert migrations == installed / "_data" / "db"
    assert icon.is_file()


def test_installed_app_reports_the_project_version(wheel_venv: Path, briefing_home: Path, outside: Path) -> None:
    result = run_app(wheel_venv / "bin" / "briefing-app", briefing_home, outside, "--version")
    assert_clean_success(result)
    assert result.stdout.strip() == f"SCO Briefing {project_version()}"


def test_installed_app_builds_and_checks_its_databases_on_first_run(
    wheel_venv: Path, briefing_home: Path, outside: Path,
) -> None:
    # Given an empty user folder, when the installed app checks its databases
    result = run_app(wheel_venv / "bin" / "briefing-app", briefing_home, outside, "db", "check", "--json")
    # Then it built the content from the shipped pack and migrated a new user database with the shipped scripts
    assert_db_check_matches_the_pack(result)
    assert json.loads(result.stdout)["content"]["path"] == str(briefing_home / "content.sqlite3")


def test_installed_app_searches_offline(wheel_venv: Path, briefing_home: Path, outside: Path) -> None:
    result = run_app(wheel_venv / "bin" / "briefing-app", briefing_home, outside, "search", "Almaty", "--json")
    assert_search_finds_almaty(result)


def test_installed_app_prints_the_book_to_pdf(wheel_venv: Path, briefing_home: Path, outside: Path) -> None:
    skip_unless_headless_printing()
    result = run_app(wheel_venv / "bin" / "briefing-app", briefing_home, outside,
                     "print", "--section", "book", "--out", "x.pdf")
    assert_book_printed(result, outside / "x.pdf")


def test_installed_app_opens_its_window(wheel_venv: Path, briefing_home: Path, outside: Path) -> None:
    # Given the installed app, when it starts without a command, offscreen, and quits after the first paint
    result = run_app(wheel_venv / "bin" / "briefing-app", briefing_home, outside, "--exit-after-paint")
    # Then it exits cleanly, having written its settings into the user folder and nowhere else
    assert_clean_success(result)
    assert (briefing_home / "settings.ini").is_file()
    assert not list(outside.iterdir())
