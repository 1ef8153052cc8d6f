"""What the wheel and bundle tests share: running an installed briefing-app as a user would, and what to expect."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REAL_PACK, ROOT

BUILD_DIST = ROOT / "build_spec" / "build_dist.py"
HEADLESS_PRINTING = ROOT / "briefing_app" / "ui" / "printing" / "headless.py"
COMMAND_TIMEOUT = 180


def project_version() -> str:
    from briefing_app import __version__

    return __version__


@functools.cache
def pack_counts() -> dict[str, int]:
    """Items per kind in the source checkout's pack: an installed app must show exactly these."""
    from briefing_app.content.loader import load_pack

    return dict(Counter(item.kind.value for item in load_pack(REAL_PACK).items))


@functools.cache
def _can_cut_network() -> bool:
    # 'unshare --net' gives the command a network namespace without interfaces (needs root or user namespaces).
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, "--net", "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


def run_app(program: Path, home: Path, cwd: Path, *args: str, close_stdout: bool = False,
            ) -> subprocess.CompletedProcess[str]:
    """Run an installed briefing-app from ``cwd`` (outside the checkout), offscreen, without network where possible."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(BRIEFING_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    command: list[str] = [str(program), *args]
    if close_stdout:
        # A windowed program started from a desktop menu may have no stdout at all (sys.stdout is None).
        command = ["/bin/sh", "-c", 'exec "$0" "$@" >&-', *command]
    if _can_cut_network():
        command = ["unshare", "--net", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=COMMAND_TIMEOUT)


def run_build(*args: str) -> Path:
    """Run build_spec/build_dist.py as `make wheel` / `make bundle` do; return the path it printed last."""
    result = subprocess.run([sys.executable, str(BUILD_DIST), *args], capture_output=True, text=True,
                            cwd=ROOT, timeout=900)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr[-4000:]}"
    return Path(result.stdout.strip().splitlines()[-1])


def assert_clean_success(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout: {result.stdout[-2000:]}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    assert "briefing-app: error" not in result.stderr
    assert "internal error" not in result.stderr


def assert_db_check_matches_the_pack(result: subprocess.CompletedProcess[str]) -> None:
    assert_clean_success(result)
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["content"]["integrity"] == "ok"
    assert report["content"]["pack"]["id"] == "astana-2024"
    assert report["content"]["counts"] == dict(sorted(pack_counts().items()))
    assert report["user"]["integrity"] == "ok"
    assert report["user"]["schema_revision"] == report["user"]["expected_revision"]


def assert_search_finds_almaty(result: subprocess.CompletedProcess[str]) -> None:
    assert_clean_success(result)
    hits = json.loads(result.stdout)
    ids = [hit["id"] for hit in hits]
    assert "node:almaty" in ids
    assert all(hit["sources"] for hit in hits), "every hit shows its source"
    assert any("**Almaty**" in hit["snippet"] for hit in hits)


def skip_unless_headless_printing() -> None:
    if not HEADLESS_PRINTING.is_file():
        pytest.skip("briefing_app/ui/printing/headless.py (the print command) is not in this tree yet")


def assert_book_printed(result: subprocess.CompletedProcess[str], pdf: Path) -> None:
    from pypdf import PdfReader

    assert_clean_success(result)
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3, "the book holds every section"
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert "Astana" in text
    assert "Almaty" in text


def site_packages_of(venv: Path) -> Path:
    (found,) = venv.glob("lib/python3.*/site-packages")
    return found

