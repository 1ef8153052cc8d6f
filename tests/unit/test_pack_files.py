"""Signed pack files: build, verify, install; every refusal with a hand-made hostile file, and nothing written
outside a temporary folder when a file is refused."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import stat
import sys
import zipfile
from pathlib import Path

import pytest

from briefing_app.cli import main
from briefing_app.content import pack_file as pf
from briefing_app.content.pack_file import PackFileError, read_pack_file
from briefing_app.services import packs
from briefing_app.services.packs import PackServiceError

ROOT = Path(__file__).resolve().parents[2]
PACK_11 = ROOT / "resources" / "packs" / "astana-2024"
PACK_10 = ROOT / "tests" / "fixtures" / "packs" / "astana-2024-1.0.0"
TEST_KEY = ROOT / "scripts" / "pack-keys" / "sco-briefing-test.key"


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, pf.PublicKey, bytes, pf.PublicKey]:
    """The project's test key and a second, untrusted one."""
    project = TEST_KEY.read_bytes()
    other, other_pub = pf.generate_key("stranger")
    return project, pf.public_key_of(project), other, other_pub


@pytest.fixture(scope="module")
def signed_10(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("packfiles") / "astana-2024-1.0.0.scopack"
    pf.build_pack_file(PACK_10, out, "astana-2024", "1.0.0", keys[0])
    return out


@pytest.fixture(scope="module")
def signed_11(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("packfiles") / "astana-2024-1.1.0.scopack"
    pf.build_pack_file(PACK_11, out, "astana-2024", "1.1.0", keys[0])
    return out


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _write_zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def _signed_entries(files: dict[str, bytes], private: bytes) -> list[tuple[zipfile.ZipInfo | str, bytes]]:
    """A correctly signed manifest over ``files`` (names as given, even hostile ones)."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    manifest = json.dumps({"format": pf.FORMAT, "format_version": 1, "id": "astana-2024", "version": "9.0.0",
                           "files": {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}}).encode()
    key = load_pem_private_key(private, None)
    sig = json.dumps({"key": pf.public_key_of(private).fingerprint,
                      "signature": base64.b64encode(key.sign(manifest)).decode()}).encode()  # type: ignore[union-attr]
    return [(pf.MANIFEST_NAME, manifest), (pf.SIGNATURE_NAME, sig)]


def _snapshot(home: Path) -> set[str]:
    return {str(p.relative_to(home)) for p in home.rglob("*")}


def _refused(path: Path, reason: str, home: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    before = _snapshot(home)
    assert main(["pack", "install", str(path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert reason in err, err
    after = _snapshot(home)
    assert after - before <= {"packs", "keys"}, after - before  # at most the empty folders
    assert not list((home / "packs").glob("*/*")) if (home / "packs").exists() else True


# --- good path ------------------------------------------------------------------------------------------------


def test_build_is_deterministic_and_signed(tmp_path: Path, keys, signed_11: Path) -> None:  # type: ignore[no-untyped-def]
    again = tmp_path / "again.scopack"
    signer = pf.build_pack_file(PACK_11, again, "astana-2024", "1.1.0", keys[0])
    assert signer == keys[1].fingerprint
    assert again.read_bytes() == signed_11.read_bytes()
    verified = read_pack_file(signed_11, [keys[1]])
    assert verified.signer == keys[1] and verified.version == "1.1.0"
    assert "pack.yaml" in verified.files and "sources/address.txt" in verified.files


def test_cryptography_is_not_imported_at_start_up() -> None:
    import subprocess

    code = ("import sys, briefing_app.cli, briefing_app.services.packs, briefing_app.content.pack_file; "
            "print('cryptography' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_install_verifies_and_lists(signed_10: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["pack", "install", str(signed_10)]) == 0
    out = capsys.readouterr().out
    assert "Installed astana-2024@1.0.0" in out and "TEST KEY" in out
    assert (briefing_home / "packs" / "astana-2024" / "1.0.0" / "pack.yaml").is_file()
    assert main(["pack", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {(p["id"], p["version"], p["shipped"]) for p in data["packs"]} == {
        ("astana-2024", "1.0.0", False), ("astana-2024", "1.1.0", True)}
    assert data["test_key_trusted"] is True
    assert main(["pack", "list"]) == 0
    assert "TEST KEY" in capsys.readouterr().out
    assert main(["pack", "install", str(signed_10)]) == 2
    assert "installed already" in capsys.readouterr().err


# --- refusals: signature and manifest ---------------------------------------------------------------------------


def test_unsigned_refused_unless_allowed_and_then_loud(tmp_path: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    unsigned = tmp_path / "unsigned.scopack"
    pf.build_pack_file(PACK_10, unsigned, "astana-2024", "1.0.0", None)
    _refused(unsigned, "the pack is unsigned", briefing_home, capsys)
    assert main(["pack", "install", str(unsigned), "--allow-unsigned"]) == 0
    captured = capsys.readouterr()
    assert "WARNING" in captured.err and "UNSIGNED" in captured.err


def test_tampered_file_refused(tmp_path: Path, signed_10: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entries = _entries(signed_10)
    entries["pack/items/members.yaml"] = entries["pack/items/members.yaml"].replace(b"Astana", b"Astanna", 1)
    bad = _write_zip(tmp_path / "tampered.scopack", list(entries.items()))
    _refused(bad, "does not match its hash", briefing_home, capsys)


def test_tampered_manifest_refused(tmp_path: Path, signed_10: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entries = _entries(signed_10)
    manifest = json.loads(entries[pf.MANIFEST_NAME])
    data = b"id: x\n"
    manifest["files"]["items/members.yaml"] = hashlib.sha256(data).hexdigest()
    entries[pf.MANIFEST_NAME] = json.dumps(manifest).encode()
    entries["pack/items/members.yaml"] = data
    bad = _write_zip(tmp_path / "tampered-manifest.scopack", list(entries.items()))
    _refused(bad, "signature does not match", briefing_home, capsys)


def test_extra_file_not_in_manifest_refused(tmp_path: Path, signed_10: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entries = list(_entries(signed_10).items()) + [("pack/items/extra.yaml", b"[]\n")]
    _refused(_write_zip(tmp_path / "extra.scopack", entries), "not in the signed manifest", briefing_home, capsys)


def test_unknown_key_refused_then_trusted(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    other_file = tmp_path / "other.scopack"
    pf.build_pack_file(PACK_10, other_file, "astana-2024", "1.0.0", keys[2])
    _refused(other_file, "unknown key", briefing_home, capsys)
    pub = tmp_path / "stranger.pub"
    pub.write_text(keys[3].line())
    assert main(["pack", "trust", str(pub)]) == 0
    out = capsys.readouterr().out
    assert keys[3].fingerprint in out
    assert main(["pack", "install", str(other_file)]) == 0


def test_wrong_format_version_refused(tmp_path: Path, signed_10: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entries = _entries(signed_10)
    manifest = json.loads(entries[pf.MANIFEST_NAME])
    manifest["format_version"] = 2
    entries[pf.MANIFEST_NAME] = json.dumps(manifest).encode()
    _refused(_write_zip(tmp_path / "v2.scopack", list(entries.items())), "format version 2", briefing_home, capsys)


def test_not_a_zip_refused(tmp_path: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "text.scopack"
    bad.write_text("hello")
    _refused(bad, "not a zip archive", briefing_home, capsys)


# --- refusals: hostile archives ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "reason"), [
    ("pack/../../evil.yaml", "leaves its folder"),
    ("../evil.yaml", "leaves its folder"),
    ("/etc/evil.yaml", "absolute path"),
    ("C:/evil.yaml", "absolute path"),
    ("pack\\..\\evil.yaml", "backslash"),
])
def test_hostile_names_refused(name: str, reason: str, tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    files = {name.removeprefix("pack/"): b"x"}
    entries = _signed_entries(files, keys[0]) + [(name, b"x")]
    _refused(_write_zip(tmp_path / "hostile.scopack", entries), reason, briefing_home, capsys)
    assert not (tmp_path / "evil.yaml").exists() and not (briefing_home.parent / "evil.yaml").exists()


def test_pack_id_that_is_a_path_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entries = _signed_entries({"pack.yaml": b"id: x\n"}, keys[0]) + [("pack/pack.yaml", b"id: x\n")]
    manifest = json.loads(entries[0][1])
    manifest["id"] = "../../outside"
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    data = json.dumps(manifest).encode()
    key = load_pem_private_key(keys[0], None)
    sig = json.dumps({"key": keys[1].fingerprint,
                      "signature": base64.b64encode(key.sign(data)).decode()}).encode()  # type: ignore[union-attr]
    bad = _write_zip(tmp_path / "id.scopack", [(pf.MANIFEST_NAME, data), (pf.SIGNATURE_NAME, sig), entries[2]])
    _refused(bad, "is not a plain name", briefing_home, capsys)
    assert not (briefing_home.parent / "outside").exists()


def test_symlink_entry_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    link = zipfile.ZipInfo("pack/items/members.yaml")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    entries = _signed_entries({"items/members.yaml": b"/etc/passwd"}, keys[0]) + [(link, b"/etc/passwd")]
    _refused(_write_zip(tmp_path / "link.scopack", entries), "symbolic link", briefing_home, capsys)


def test_duplicate_names_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entries = _signed_entries({"pack.yaml": b"a"}, keys[0]) + [("pack/pack.yaml", b"a"), ("pack/pack.yaml", b"b")]
    with pytest.warns(UserWarning, match="Duplicate name"):
        bad = _write_zip(tmp_path / "dup.scopack", entries)
    _refused(bad, "twice", briefing_home, capsys)


def test_case_duplicate_names_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entries = _signed_entries({"pack.yaml": b"a"}, keys[0]) + [("pack/pack.yaml", b"a"), ("pack/PACK.yaml", b"b")]
    _refused(_write_zip(tmp_path / "dupcase.scopack", entries), "twice", briefing_home, capsys)


def test_too_many_files_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    files = {f"items/f{i}.yaml": b"" for i in range(pf.MAX_ENTRIES)}
    entries = _signed_entries(files, keys[0]) + [(f"pack/{k}", v) for k, v in files.items()]
    _refused(_write_zip(tmp_path / "many.scopack", entries), "more than the limit", briefing_home, capsys)


def test_zip_bomb_ratio_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bomb = b"\0" * (20 * 1024 * 1024)  # compresses about 1000:1
    entries = _signed_entries({"sources/bomb.txt": bomb}, keys[0]) + [("pack/sources/bomb.txt", bomb)]
    _refused(_write_zip(tmp_path / "bomb.scopack", entries), "expands more than", briefing_home, capsys)


def test_zip_bomb_total_size_refused(tmp_path: Path, keys, briefing_home: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pf, "MAX_TOTAL_BYTES", 1024 * 1024)  # the same check as at 64 MB, with a small file
    data = bytes(range(256)) * 5000  # 1.28 MB, compresses well under the ratio
    entries = _signed_entries({"sources/big.txt": data}, keys[0]) + [("pack/sources/big.txt", data)]
    _refused(_write_zip(tmp_path / "big.scopack", entries), "unpacks to more than", briefing_home, capsys)


def test_lying_directory_size_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A directory entry that states a small size for a file that inflates to more: counted while inflating."""
    data = b"a" * 200_000
    good = _write_zip(tmp_path / "good.zip", _signed_entries({"sources/x.txt": data}, keys[0])
                      + [("pack/sources/x.txt", data)])
    raw = bytearray(good.read_bytes())
    # patch the uncompressed size in the central directory entry of pack/sources/x.txt to 1000
    name = b"pack/sources/x.txt"
    pos = raw.find(b"PK\x01\x02", 0)
    while pos != -1:
        name_len = int.from_bytes(raw[pos + 28:pos + 30], "little")
        if raw[pos + 46:pos + 46 + name_len] == name:
            raw[pos + 24:pos + 28] = (1000).to_bytes(4, "little")
        pos = raw.find(b"PK\x01\x02", pos + 4)
    bad = tmp_path / "lying.scopack"
    bad.write_bytes(bytes(raw))
    before = _snapshot(briefing_home)
    assert main(["pack", "install", str(bad)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and ("past its stated size" in err or "damaged" in err), err
    assert _snapshot(briefing_home) - before <= {"packs", "keys"}


def test_non_utf8_name_refused(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good = _write_zip(tmp_path / "n.zip", _signed_entries({"sources/ab.txt": b"x"}, keys[0])
                      + [("pack/sources/ab.txt", b"x")])
    raw = good.read_bytes().replace(b"pack/sources/ab.txt", b"pack/sources/\xff\xfe.txt")
    bad = tmp_path / "latin.scopack"
    bad.write_bytes(raw)
    _refused(bad, "not UTF-8", briefing_home, capsys)


def test_non_regular_pack_file_refused(tmp_path: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import os

    fifo = tmp_path / "fifo.scopack"
    os.mkfifo(fifo)
    _refused(fifo, "not a pack file", briefing_home, capsys)


def test_invalid_content_refused_after_verification(tmp_path: Path, keys, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Signed and intact, but the pack inside does not load: refused, and the temporary folder is gone."""
    files = {"pack.yaml": b"id: astana-2024\nversion: 9.0.0\n"}
    entries = _signed_entries(files, keys[0]) + [("pack/pack.yaml", files["pack.yaml"])]
    _refused(_write_zip(tmp_path / "invalid.scopack", entries), "content is invalid", briefing_home, capsys)
    assert not [p for p in (briefing_home / "packs").iterdir() if p.name.startswith(".install-")]


def test_build_refuses_a_symlink_in_the_folder(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "pack"
    shutil.copytree(PACK_10, folder)
    (folder / "sources" / "link.txt").symlink_to("/etc/hostname")
    with pytest.raises(PackFileError, match="symbolic link"):
        pf.build_pack_file(folder, tmp_path / "x.scopack", "astana-2024", "1.0.0", None)


def test_trust_refuses_a_bad_key_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.pub"
    bad.write_text("ssh-ed25519 AAAA nope\n")
    assert main(["pack", "trust", str(bad)]) == 2
    assert "not a pack publisher key" in capsys.readouterr().err


def test_keygen_build_install_with_a_new_key(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["pack", "keygen", "--out", str(tmp_path / "me"), "--comment", "Me"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "me.key").stat().st_mode & 0o077 == 0
    assert main(["pack", "build", str(PACK_10), "--out", str(tmp_path / "p.scopack"),
                 "--key", str(tmp_path / "me.key")]) == 0
    assert main(["pack", "install", str(tmp_path / "p.scopack")]) == 2
    assert "unknown key" in capsys.readouterr().err
    assert main(["pack", "trust", str(tmp_path / "me.pub")]) == 0
    fingerprint = out.split("Fingerprint: ")[1].strip()
    assert fingerprint in capsys.readouterr().out
    assert main(["pack", "install", str(tmp_path / "p.scopack")]) == 0


# --- several packs: use, remove ----------------------------------------------------------------------------


def test_use_switches_and_remove_guards_the_active(signed_10: Path, briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["pack", "install", str(signed_10)]) == 0
    assert main(["pack", "use", "astana-2024@1.0.0"]) == 0
    assert "Now using astana-2024@1.0.0" in capsys.readouterr().out
    assert packs.active_entry() is not None and packs.active_entry().version == "1.0.0"  # type: ignore[union-attr]
    assert main(["pack", "remove", "astana-2024@1.0.0"]) == 2
    assert "--yes-remove-active" in capsys.readouterr().err
    assert (briefing_home / "packs" / "astana-2024" / "1.0.0").is_dir()
    assert main(["pack", "use", "astana-2024"]) == 0  # the newest: the shipped 1.1.0
    assert packs.active_entry().version == "1.1.0"  # type: ignore[union-attr]
    assert main(["pack", "use", "astana-2024@1.0.0"]) == 0
    assert main(["pack", "remove", "astana-2024@1.0.0", "--yes-remove-active"]) == 0
    assert not (briefing_home / "packs" / "astana-2024").exists()
    assert packs.active_entry().version == "1.1.0" and packs.active_entry().shipped  # type: ignore[union-attr]
    assert main(["pack", "remove", "astana-2024@1.1.0"]) == 2
    assert "shipped with the app" in capsys.readouterr().err
    with pytest.raises(PackServiceError, match="no installed pack"):
        packs.find("nope@1")


def test_version_order() -> None:
    assert packs.version_key("1.10.0") > packs.version_key("1.9.0") > packs.version_key("1.1.0")


def test_manifest_bytes_are_what_is_signed(signed_11: Path, keys) -> None:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    entries = _entries(signed_11)
    sig = json.loads(entries[pf.SIGNATURE_NAME])
    Ed25519PublicKey.from_public_bytes(keys[1].raw).verify(base64.b64decode(sig["signature"]),
                                                            entries[pf.MANIFEST_NAME])
    assert io.BytesIO(entries[pf.MANIFEST_NAME]).read(1) == b"{"
