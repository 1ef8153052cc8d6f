"""The app ships with the signed 1.1.0 pack file that `make` builds from resources/packs/ with the project's TEST key,
and says that the key is a test key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing_app.content import pack_file as pf
from briefing_app.services import packs

ROOT = Path(__file__).resolve().parents[2]


def test_makefile_builds_the_pack_file_before_install_run_wheel_and_bundle() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "PACK_FILE := resources/pack-files/astana-2024.scopack" in makefile
    assert "pack build resources/packs/astana-2024 --out $@ --key $(PACK_KEY)" in makefile
    for target in ("install", "run", "wheel", "bundle"):
        assert re.search(rf"^{target}: .*\$\(PACK_FILE\)", makefile, re.MULTILINE), target


def test_the_project_key_is_shipped_and_called_a_test_key() -> None:
    trusted = packs.trusted_keys()
    test_keys = [k for k in trusted if k.is_test_key]
    assert len(test_keys) == 1 and "TEST KEY" in test_keys[0].key.comment
    private = (ROOT / "scripts" / "pack-keys" / "sco-briefing-test.key").read_bytes()
    assert pf.public_key_of(private).raw == test_keys[0].key.raw
    assert "TEST KEY" in (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")


def test_the_shipped_pack_file_verifies_and_matches_the_folder(tmp_path: Path) -> None:
    shipped = packs.shipped_pack_files()
    if not shipped:
        pytest.skip("resources/pack-files/ not built: run 'make packs'")
    verified = pf.read_pack_file(shipped[0], [k.key for k in packs.trusted_keys()])
    assert (verified.id, verified.version) == ("astana-2024", "1.1.0")
    rebuilt = tmp_path / "rebuilt.scopack"
    private = (ROOT / "scripts" / "pack-keys" / "sco-briefing-test.key").read_bytes()
    pf.build_pack_file(ROOT / "resources" / "packs" / "astana-2024", rebuilt, "astana-2024", "1.1.0", private)
    assert rebuilt.read_bytes() == shipped[0].read_bytes(), "resources/pack-files is stale: run 'make packs'"
