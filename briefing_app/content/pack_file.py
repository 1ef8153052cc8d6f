"""Pack files: one zip holding a pack folder, a manifest of its files' SHA-256 hashes and a detached Ed25519
signature over that manifest.

Layout of a pack file (``.scopack``)::

    MANIFEST.json    {"format": "sco-briefing-pack", "format_version": 1, "id", "version", "files": {path: sha256}}
    SIGNATURE.json   {"key": "<fingerprint>", "signature": "<base64 of the 64-byte Ed25519 signature>"}
    pack/pack.yaml, pack/items/*.yaml, pack/sources/*, pack/geodata/*  (the pack folder)

Reading one (:func:`read_pack_file`) happens in memory: the archive's directory is checked first (names, links,
duplicates, counts, sizes and ratios), then the signature, then every file's hash against the signed manifest.
Only a pack that passed all of that is written, and only into a folder the caller gives (a temporary one).
``cryptography`` is imported here on first use, never at start-up.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefing_app.content.fingerprint import ITEMS_DIR, MANIFEST, SOURCES_DIR
from briefing_app.content.reading import describe_mode

FORMAT = "sco-briefing-pack"
FORMAT_VERSION = 1
SUFFIX = ".scopack"
MANIFEST_NAME = "MANIFEST.json"
SIGNATURE_NAME = "SIGNATURE.json"
PACK_PREFIX = "pack/"
GEODATA_DIR = "geodata"
KEY_HEADER = "sco-briefing-ed25519"

# Limits of what a pack file may hold (the real pack: ~20 files, under 1 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024  # the pack file itself
MAX_ENTRIES = 500
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # uncompressed, all files together
MAX_RATIO = 100  # uncompressed / compressed, per file (text compresses ~5:1; a zip bomb ~1000:1)
MAX_MANIFEST_BYTES = 1024 * 1024


class PackFileError(Exception):
    """The pack file was refused; the message is one line naming the reason."""


@dataclass(frozen=True)
class PublicKey:
    raw: bytes  # the 32-byte Ed25519 public key
    comment: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)

    def line(self) -> str:
        return f"{KEY_HEADER} {base64.b64encode(self.raw).decode()} {self.comment}".rstrip() + "\n"


@dataclass
class VerifiedPack:
    """A pack file whose archive, signature and hashes were checked; its files are still in memory."""

    id: str
    version: str
    files: dict[str, bytes]  # relative path inside the pack folder -> content
    signer: PublicKey | None  # None: unsigned, accepted with allow_unsigned
    manifest: dict[str, object] = field(default_factory=dict)

    def write_to(self, folder: Path) -> None:
        """Write the pack folder's files under ``folder`` (which must exist and be empty)."""
        for rel, data in sorted(self.files.items()):
            target = folder.joinpath(*PurePosixPath(rel).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as out:
                out.write(data)


def fingerprint(raw: bytes) -> str:
    """SHA-256 of the raw public key, as 16 groups of 4 hex digits (what a user reads aloud to compare)."""
    digest = hashlib.sha256(raw).hexdigest()
    return " ".join(digest[i:i + 4] for i in range(0, 64, 4))


def parse_public_key(text: str) -> PublicKey:
    parts = text.strip().split(maxsplit=2)
    if len(parts) < 2 or parts[0] != KEY_HEADER:
        raise PackFileError(f"not a pack publisher key (expected a line starting with '{KEY_HEADER}')")
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except ValueError:
        raise PackFileError("the publisher key is not valid base64") from None
    if len(raw) != 32:
        raise PackFileError("the publisher key is not a 32-byte Ed25519 key")
    return PublicKey(raw, parts[2] if len(parts) > 2 else "")


def generate_key(comment: str) -> tuple[bytes, PublicKey]:
    """A new key pair: the private key as PEM (PKCS#8, unencrypted) and the public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption(),
    )
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return pem, PublicKey(raw, comment)


def _load_private(pem: bytes):  # type: ignore[no-untyped-def]  # an Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise PackFileError(f"the signing key cannot be read: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackFileError("the signing key is not an Ed25519 key")
    return key


def public_key_of(pem: bytes, comment: str = "") -> PublicKey:
    from cryptography.hazmat.primitives import serialization

    raw = _load_private(pem).public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicKey(raw, comment)


# --- building -----------------------------------------------------------------------------------------------


def folder_files(root: Path) -> list[str]:
    """The files of a pack folder that go into a pack file, as relative POSIX paths, in a stable order."""
    names = [MANIFEST]
    for sub in (ITEMS_DIR, SOURCES_DIR, GEODATA_DIR):
        folder = root / sub
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                names.append(f"{sub}/{path.name}")
    return names


def build_pack_file(root: Path, out: Path, pack_id: str, version: str, private_pem: bytes | None) -> str:
    """Write the pack file for the pack folder ``root``; returns the signer's fingerprint ('' when unsigned).

    Every file must be a regular file (no links, FIFOs or folders inside items/, sources/, geodata/).
    The zip is deterministic: same folder and key, same bytes.
    """
    files: dict[str, bytes] = {}
    for rel in folder_files(root):
        path = root / rel
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise PackFileError(f"{rel} is a symbolic link; a pack file holds regular files only")
        what = describe_mode(mode)
        if what is not None:
            raise PackFileError(f"{rel} is {what}; a pack file holds regular files only")
        files[rel] = path.read_bytes()
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "id": pack_id, "version": version,
        "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()},
    }
    manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True).encode()
    signer = ""
    entries: list[tuple[str, bytes]] = [(MANIFEST_NAME, manifest_bytes)]
    if private_pem is not None:
        key = _load_private(private_pem)
        public = public_key_of(private_pem)
        signature = key.sign(manifest_bytes)
        signer = public.fingerprint
        entries.append((SIGNATURE_NAME, json.dumps(
            {"key": signer, "signature": base64.b64encode(signature).decode()}, indent=1).encode()))
    entries += [(PACK_PREFIX + rel, data) for rel, data in files.items()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 7, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(buffer.getvalue())
    os.replace(tmp, out)
    return signer


# --- reading ------------------------------------------------------------------------------------------------


def _check_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        # zipfile decoded a name without the UTF-8 flag as CP437: get the bytes back and insist on UTF-8
        try:
            name.encode("cp437").decode("utf-8")
        except UnicodeError:
            raise PackFileError(f"an archive entry's name is not UTF-8 ({name!r})") from None
    if "\\" in name or "\0" in name:
        raise PackFileError(f"an archive entry's name holds a backslash or NUL ({name!r})")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PackFileError(f"an archive entry has an absolute path ({name!r})")
    if any(part in ("..", ".") for part in name.split("/")):
        raise PackFileError(f"an archive entry's path leaves its folder ({name!r})")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackFileError(f"an archive entry is a symbolic link ({name!r})")
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # no type bits: a plain file
        raise PackFileError(f"an archive entry is not a regular file ({name!r})")
    return name


def _check_directory(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    if len(infos) > MAX_ENTRIES:
        raise PackFileError(f"the archive holds {len(infos)} entries, more than the limit of {MAX_ENTRIES}")
    seen: set[str] = set()
    total = 0
    files: list[zipfile.ZipInfo] = []
    for info in infos:
        name = _check_name(info)
        key = name.rstrip("/").casefold()
        if key in seen:
            raise PackFileError(f"the archive holds the name {name!r} twice")
        seen.add(key)
        if info.is_dir():
            continue
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackFileError(f"the archive unpacks to more than {MAX_TOTAL_BYTES:,} bytes (a zip bomb?)")
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 64 * 1024:
            raise PackFileError(
                f"{name!r} expands more than {MAX_RATIO} times (a zip bomb?)")
        files.append(info)
    return files


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """The entry's bytes, counting what is actually inflated (the directory's sizes may lie)."""
    out = bytearray()
    with zf.open(info) as handle:
        while chunk := handle.read(256 * 1024):
            out += chunk
            budget[0] -= len(chunk)
            if len(out) > info.file_size or budget[0] < 0:
                raise PackFileError(f"{info.filename!r} inflates past its stated size (a zip bomb?)")
    return bytes(out)


def _verify_signature(manifest_bytes: bytes, sig_bytes: bytes, trusted: Iterable[PublicKey]) -> PublicKey:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        sig = json.loads(sig_bytes)
        claimed = str(sig["key"])
        signature = base64.b64decode(str(sig["signature"]), validate=True)
    except (ValueError, KeyError, TypeError):
        raise PackFileError(f"the pack's {SIGNATURE_NAME} cannot be read") from None
    keys = {key.fingerprint: key for key in trusted}
    key = keys.get(claimed)
    if key is None:
        raise PackFileError(f"the pack is signed by an unknown key ({claimed}); "
                            "trust it with 'briefing-app pack trust KEYFILE' only if its publisher confirms it")
    try:
        Ed25519PublicKey.from_public_bytes(key.raw).verify(signature, manifest_bytes)
    except InvalidSignature:
        raise PackFileError(f"the signature does not match the manifest (the pack was altered after signing "
                            f"by {claimed})") from None
    return key


def read_pack_file(path: Path, trusted: Iterable[PublicKey], *, allow_unsigned: bool = False) -> VerifiedPack:
    """Check the pack file at ``path`` and return its files, in memory; raises :class:`PackFileError`."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise PackFileError(f"{path} cannot be read: {exc.strerror}") from None
    what = describe_mode(st.st_mode)
    if what is not None:
        raise PackFileError(f"{path} is {what}, not a pack file")
    if st.st_size > MAX_FILE_BYTES:
        raise PackFileError(f"{path} is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        data = path.read_bytes()
        zf = zipfile.ZipFile(io.BytesIO(data))
    except UnicodeDecodeError:
        raise PackFileError("an archive entry's name is not UTF-8") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackFileError(f"{path} is not a pack file (not a zip archive: {exc})") from None
    with zf:
        infos = _check_directory(zf.infolist())
        by_name = {info.filename: info for info in infos}
        budget = [MAX_TOTAL_BYTES]
        try:
            if MANIFEST_NAME not in by_name:
                raise PackFileError(f"the archive has no {MANIFEST_NAME}: not a pack file")
            manifest_bytes = _read_entry(zf, by_name[MANIFEST_NAME], budget)
            if len(manifest_bytes) > MAX_MANIFEST_BYTES:
                raise PackFileError(f"{MANIFEST_NAME} is larger than {MAX_MANIFEST_BYTES:,} bytes")
            manifest = _parse_manifest(manifest_bytes)
            signer: PublicKey | None = None
            if SIGNATURE_NAME in by_name:
                signer = _verify_signature(manifest_bytes, _read_entry(zf, by_name[SIGNATURE_NAME], budget), trusted)
            elif not allow_unsigned:
                raise PackFileError("the pack is unsigned (no SIGNATURE.json); only pack authors install unsigned "
                                    "packs, with --allow-unsigned")
            listed: Mapping[str, str] = manifest["files"]  # type: ignore[assignment]
            files: dict[str, bytes] = {}
            for name, info in by_name.items():
                if name in (MANIFEST_NAME, SIGNATURE_NAME):
                    continue
                rel = name[len(PACK_PREFIX):] if name.startswith(PACK_PREFIX) else None
                if rel is None or rel not in listed:
                    raise PackFileError(f"{name!r} is in the archive but not in the signed manifest")
                content = _read_entry(zf, info, budget)
                if hashlib.sha256(content).hexdigest() != listed[rel]:
                    raise PackFileError(f"{rel} does not match its hash in the manifest (the file was altered)")
                files[rel] = content
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
            raise PackFileError(f"the archive is damaged: {exc}") from None
    missing = sorted(set(listed) - set(files))
    if missing:
        raise PackFileError(f"{missing[0]} is in the manifest but not in the archive")
    if MANIFEST not in files:
        raise PackFileError(f"the pack has no {MANIFEST}")
    return VerifiedPack(str(manifest["id"]), str(manifest["version"]), files, signer, manifest)


def _parse_manifest(data: bytes) -> dict[str, object]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackFileError(f"{MANIFEST_NAME} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackFileError(f"{MANIFEST_NAME} is not a briefing pack manifest")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise PackFileError(f"the pack file is format version {version!r}; this app reads version {FORMAT_VERSION} "
                            "(a newer app may read it)")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise PackFileError(f"{MANIFEST_NAME} has no valid list of files")
    for key in ("id", "version"):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            raise PackFileError(f"{MANIFEST_NAME} names no pack {key}")
    for rel in files:
        parts = rel.split("/")
        if rel.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in rel:
            raise PackFileError(f"{MANIFEST_NAME} names a path outside the pack ({rel!r})")
    return manifest
