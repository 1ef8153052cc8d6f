"""Installed briefing packs: install a signed pack file, list, use (switch), remove; trusted publisher keys.

Installed packs live side by side in the data folder, ``packs/<id>/<version>/``, beside the pack shipped with the
app (``resources/packs/<id>``). The active pack is the one the content database is built from (``active-pack.txt``,
written by :func:`briefing_app.services.content.build`). Bookmarks are kept by item id in the user database, so
they belong to items across packs and versions.

Trusted keys: the project's key ships under ``resources/keys/`` (a TEST key: its private half is in the source
repository); a user adds keys with :func:`trust_key` (``keys/`` in the data folder).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing_app import paths
from briefing_app.content.pack_file import PackFileError, PublicKey, parse_public_key, read_pack_file
from briefing_app.services import content

TEST_KEY_NAME = "sco-briefing-test.pub"
TEST_KEY_NOTE = "TEST KEY: its private half is public in the source repository; it proves nothing about who made a pack"


class PackServiceError(Exception):
    """A pack operation was refused; the message is one line."""


@dataclass(frozen=True)
class PackEntry:
    id: str
    version: str
    path: Path
    shipped: bool
    active: bool

    @property
    def spec(self) -> str:
        return f"{self.id}@{self.version}"

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "version": self.version, "path": str(self.path), "shipped": self.shipped,
                "active": self.active}


@dataclass(frozen=True)
class TrustedKey:
    key: PublicKey
    path: Path
    shipped: bool

    @property
    def is_test_key(self) -> bool:
        return self.shipped and self.path.name == TEST_KEY_NAME

    def to_json(self) -> dict[str, object]:
        return {"fingerprint": self.key.fingerprint, "comment": self.key.comment, "path": str(self.path),
                "shipped": self.shipped, "test_key": self.is_test_key}


@dataclass(frozen=True)
class InstallResult:
    entry: PackEntry
    signer: TrustedKey | None  # None: installed unsigned (--allow-unsigned)
    previous: PackEntry | None  # the active pack of the same id when this one is newer


def installed_dir() -> Path:
    folder = paths.user_home() / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def user_keys_dir() -> Path:
    folder = paths.user_home() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shipped_keys_dir() -> Path:
    return paths.resources_dir() / "keys"


def shipped_pack_files() -> list[Path]:
    """The signed pack files built by ``make`` into ``resources/pack-files/`` (shipped in the wheel and bundle)."""
    folder = paths.resources_dir() / "pack-files"
    return sorted(folder.glob("*.scopack")) if folder.is_dir() else []


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a version string: numeric parts compare as numbers ('1.10.0' > '1.9.0')."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.replace("-", ".").split("."))


# --- keys ---------------------------------------------------------------------------------------------------


def trusted_keys() -> list[TrustedKey]:
    keys: list[TrustedKey] = []
    for folder, shipped in ((shipped_keys_dir(), True), (user_keys_dir(), False)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.pub")):
            try:
                keys.append(TrustedKey(parse_public_key(path.read_text(encoding="utf-8")), path, shipped))
            except (OSError, UnicodeDecodeError, PackFileError):
                continue
    return keys


def read_key_file(path: Path) -> PublicKey:
    from briefing_app.content.reading import read_regular_file

    try:
        text = read_regular_file(path, 4096).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackServiceError(f"{path}: cannot be read as a key file ({exc})") from None
    try:
        return parse_public_key(text)
    except PackFileError as exc:
        raise PackServiceError(f"{path}: {exc}") from None


def trust_key(path: Path) -> TrustedKey:
    """Add the public key in ``path`` to the trusted keys (by its fingerprint; trusting it twice is harmless)."""
    key = read_key_file(path)
    for known in trusted_keys():
        if known.key.raw == key.raw:
            return known
    target = user_keys_dir() / (key.fingerprint.replace(" ", "")[:16] + ".pub")
    target.write_text(key.line(), encoding="utf-8")
    return TrustedKey(key, target, shipped=False)


def _signer(key: PublicKey) -> TrustedKey | None:
    return next((k for k in trusted_keys() if k.key.raw == key.raw), None)


# --- listing ------------------------------------------------------------------------------------------------


def _pack_identity(folder: Path) -> tuple[str, str] | None:
    """(id, version) of a pack folder from its pack.yaml, read with the bounded YAML reader; None if unreadable."""
    from briefing_app.content.errors import PackError
    from briefing_app.content.loader import read_manifest_identity

    try:
        return read_manifest_identity(folder)
    except (PackError, OSError):
        return None


def list_packs() -> list[PackEntry]:
    """The shipped pack and every installed pack, by id then version; ``active`` marks the one in use."""
    active = content.active_pack_dir().resolve()
    entries: list[PackEntry] = []
    shipped_root = paths.packs_dir()
    for folder in sorted(p for p in shipped_root.iterdir() if p.is_dir()) if shipped_root.is_dir() else ():
        ident = _pack_identity(folder)
        if ident:
            entries.append(PackEntry(ident[0], ident[1], folder, True, folder.resolve() == active))
    root = installed_dir()
    for id_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for folder in sorted(p for p in id_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            entries.append(PackEntry(id_dir.name, folder.name, folder, False, folder.resolve() == active))
    entries.sort(key=lambda e: (e.id, version_key(e.version), not e.shipped))
    return entries


def active_entry() -> PackEntry | None:
    return next((e for e in list_packs() if e.active), None)


def find(spec: str) -> PackEntry:
    """The pack named ``ID`` (its newest version) or ``ID@VERSION``; an installed copy wins over the shipped one."""
    pack_id, _, version = spec.partition("@")
    matches = [e for e in list_packs() if e.id == pack_id and (not version or e.version == version)]
    if not matches:
        known = ", ".join(e.spec for e in list_packs()) or "none"
        raise PackServiceError(f"no installed pack {spec!r} (installed: {known})")
    return max(matches, key=lambda e: (version_key(e.version), not e.shipped))


# --- install, use, remove -----------------------------------------------------------------------------------


def install(path: Path, *, allow_unsigned: bool = False) -> InstallResult:
    """Verify the pack file and install it beside the others; nothing is written unless every check passed.

    Order: archive directory, signature, every file's hash (all in memory); then the files are written into a
    temporary folder inside the packs folder, the pack is loaded and validated there, and only then renamed into
    place. Raises :class:`PackServiceError` with one line naming the reason.
    """
    from briefing_app.content.errors import PackError
    from briefing_app.content.loader import load_pack

    try:
        verified = read_pack_file(path, [k.key for k in trusted_keys()], allow_unsigned=allow_unsigned)
    except PackFileError as exc:
        raise PackServiceError(f"pack file refused: {exc}") from None
    for value, what in ((verified.id, "id"), (verified.version, "version")):
        if not value.replace("-", "").replace(".", "").replace("_", "").isalnum() or value.startswith("."):
            raise PackServiceError(f"pack file refused: its {what} {value!r} is not a plain name")
    root = installed_dir()
    dest = root / verified.id / verified.version
    if dest.exists():
        raise PackServiceError(f"{verified.id}@{verified.version} is installed already "
                               f"(remove it first with 'briefing-app pack remove {verified.id}@{verified.version}')")
    tmp = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    try:
        verified.write_to(tmp)
        try:
            loaded = load_pack(tmp)
        except PackError as exc:
            raise PackServiceError(f"pack file refused: its content is invalid: {exc}") from None
        if (loaded.info.id, loaded.info.version) != (verified.id, verified.version):
            raise PackServiceError(
                f"pack file refused: its manifest says {verified.id}@{verified.version} but its pack.yaml says "
                f"{loaded.info.id}@{loaded.info.version}")
        dest.parent.mkdir(exist_ok=True)
        tmp.rename(dest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    previous = active_entry()
    newer = previous is not None and previous.id == verified.id and \
        version_key(verified.version) > version_key(previous.version)
    entry = PackEntry(verified.id, verified.version, dest, False, False)
    return InstallResult(entry, _signer(verified.signer) if verified.signer else None, previous if newer else None)


def use(spec: str | PackEntry) -> tuple[PackEntry, dict[str, int]]:
    """Make the pack active (``ID[@VERSION]``, or an entry of :func:`list_packs` to choose between the shipped and
    an installed copy of the same version): the content database is rebuilt from it; nothing changes if it is
    invalid."""
    entry = find(spec) if isinstance(spec, str) else spec
    counts = content.build(entry.path)
    return PackEntry(entry.id, entry.version, entry.path, entry.shipped, True), counts


def remove(spec: str, *, remove_active: bool = False) -> PackEntry:
    """Remove an installed pack (``ID@VERSION``; the shipped pack cannot be removed). The active pack only with
    ``remove_active``; the app then falls back to the shipped pack."""
    if "@" not in spec:
        raise PackServiceError(f"name the version to remove: {spec}@VERSION")
    pack_id, _, version = spec.partition("@")
    matches = [e for e in list_packs() if e.id == pack_id and e.version == version and not e.shipped]
    if not matches:
        if any(e.id == pack_id and e.version == version for e in list_packs()):
            raise PackServiceError(f"{spec} is the pack shipped with the app; it cannot be removed")
        raise PackServiceError(f"no installed pack {spec!r}")
    entry = matches[0]
    if entry.active and not remove_active:
        raise PackServiceError(f"{spec} is the active pack; to remove it anyway, confirm with --yes-remove-active "
                               "(the app then shows the pack shipped with it)")
    trash = entry.path.with_name(f".remove-{entry.version}")
    entry.path.rename(trash)
    shutil.rmtree(trash, ignore_errors=True)
    with contextlib.suppress(OSError):
        entry.path.parent.rmdir()  # the id's folder, once its last version is gone
    if entry.active:
        content.build(paths.default_pack_dir())
    return entry
