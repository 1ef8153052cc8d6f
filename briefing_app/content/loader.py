"""Load a briefing pack folder into validated domain items.

Nothing is written here: the loader reads, validates and returns. Every problem is collected with the file,
the item id and the field, so an author can fix a pack in one pass.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from briefing_app.content.checked import Checked
from briefing_app.content.errors import PackError, PackProblem
from briefing_app.content.fingerprint import ALIAS_FILES, ITEMS_DIR, MANIFEST, SOURCES_DIR, pack_files, pack_hash
from briefing_app.content.pack_yaml import (
    MAX_NUMBER_DIGITS,
    OversizedNumber,
    YamlLimitError,
    load_yaml,
)
from briefing_app.content.parse_cache import ParseCache, text_key
from briefing_app.content.reading import FileTooLargeError, NotRegularFileError, read_regular_file
from briefing_app.content.schema import ATTRS_BY_KIND, AliasesSpec, ItemSpec, ManifestSpec
from briefing_app.domain.items import Item, ItemKind, Link, Source
from briefing_app.domain.pack import Credit, PackInfo, Provenance, SourceDocument

log = logging.getLogger(__name__)

# Limits per pack: each bounds the work and memory a pack can ask for, and a refusal names it (the YAML limits,
# aliases and nesting, are in pack_yaml).
MAX_FILE_BYTES = 16 * 1024 * 1024  # one file of the pack
MAX_PACK_BYTES = 64 * 1024 * 1024  # all its files together
MAX_SOURCE_LINES = 100_000  # lines of the primary source (each non-empty one becomes a paragraph item)
PARAGRAPH_TITLE_WORDS = 9

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines() splits


@dataclass(frozen=True, slots=True)
class LoadedPack:
    info: PackInfo
    items: tuple[Item, ...]
    paragraphs: tuple[str, ...]  # the primary source's non-empty lines; paragraph N is paragraphs[N - 1]
    root: Path


def count_lines(text: str) -> int:
    """How many lines ``str.splitlines`` would make of ``text``, without making them."""
    breaks = sum(text.count(ch) for ch in _LINE_BREAKS) - text.count("\r\n")
    return breaks + (1 if text and text[-1] not in _LINE_BREAKS else 0)


def split_paragraphs(text: str) -> tuple[str, ...]:
    """The non-empty lines of a source text, stripped, in file order (paragraph N is index N - 1)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def paragraph_title(number: int, text: str) -> str:
    words = text.split(maxsplit=PARAGRAPH_TITLE_WORDS)
    head = " ".join(words[:PARAGRAPH_TITLE_WORDS])
    return f"¶{number} {head}{'…' if len(words) > PARAGRAPH_TITLE_WORDS else ''}"


@dataclass
class _Budget:
    """How many bytes the pack's files not yet read may still hold together."""

    left: int


def _outside(path: Path, root: Path) -> Path | None:
    """Where ``path`` really is (symlinks followed) if that is outside ``root``, a resolved folder; else None."""
    real = path.resolve()
    return None if real.is_relative_to(root) else real


def _read_text(path: Path, root: Path, problems: list[PackProblem], budget: _Budget | None = None) -> str | None:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    real = _outside(path, root)
    if real is not None:
        problems.append(PackProblem(rel, None, None, f"leads to {real}, outside the pack folder; "
                                                     "every file of a pack must be inside it"))
        return None
    limit = MAX_FILE_BYTES if budget is None else min(MAX_FILE_BYTES, budget.left)
    try:
        data = read_regular_file(path, limit)
    except FileNotFoundError:
        problems.append(PackProblem(rel, None, None, "file is missing"))
        return None
    except NotRegularFileError as exc:
        problems.append(PackProblem(rel, None, None, f"is {exc.what}, not a regular file"))
        return None
    except FileTooLargeError:
        if limit == MAX_FILE_BYTES:
            message = f"file holds more than {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}"
        else:
            message = (f"the pack's files hold more than {MAX_PACK_BYTES:,} bytes together; "
                       f"the limit for a whole pack is {MAX_PACK_BYTES:,} bytes")
        problems.append(PackProblem(rel, None, None, message))
        return None
    except OSError as exc:
        problems.append(PackProblem(rel, None, None, f"cannot be read ({exc.strerror or exc})"))
        return None
    if budget is not None:
        budget.left -= len(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(_undecodable(data, exc, rel))
        return None


def _undecodable(data: bytes, exc: UnicodeDecodeError, rel: str) -> PackProblem:
    """Where a byte that is not UTF-8 sits: its line and column, and in a YAML file the item and field."""
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    item, field = None, None
    if rel.endswith((".yaml", ".yml")):
        item, field = _replaced_text_at(data.decode("utf-8", "replace"))
    return PackProblem(rel, item, field, f"is not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}, "
                                         f"column {column} (save the file as UTF-8)")


def _replaced_text_at(text: str) -> tuple[str | None, str | None]:
    """The item (id, or 'item #N') and field path of the first string holding U+FFFD in a YAML document."""

    def find(value: Any, path: str) -> str | None:
        if isinstance(value, str):
            return path if "\ufffd" in value else None
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in children:
            if isinstance(key, str) and "\ufffd" in key:
                return f"{path}.{key}" if path else key
            hit = find(child, f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else str(key))
            if hit is not None:
                return hit
        return None

    try:
        data = load_yaml(text)
    except (yaml.YAMLError, YamlLimitError):
        return None, None
    if isinstance(data, list):
        for index, raw in enumerate(data):
            hit = find(raw, "")
            if hit is not None:
                label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
                if label is None or "\ufffd" in label:
                    label = f"item #{index + 1}"
                return label, hit or None
    elif isinstance(data, dict):
        return None, find(data, "") or None
    return None, None


def _parse_yaml(text: str, rel: str, problems: list[PackProblem]) -> Any:
    try:
        return load_yaml(text)
    except YamlLimitError as exc:
        problems.append(PackProblem(rel, None, None, str(exc)))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(PackProblem(rel, None, None, f"not valid YAML: {where}{problem}"))
        return None


def _field_path(loc: tuple[Any, ...], prefix: str = "") -> str:
    parts = [prefix] if prefix else []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


def _validation_problems(
    exc: ValidationError, rel: str, item: str | None, prefix: str = ""
) -> list[PackProblem]:
    out = []
    for error in exc.errors(include_url=False):
        message = error["msg"].removeprefix("Value error, ")
        if isinstance(error.get("input"), OversizedNumber):
            message = (f"a number of {error['input'].digits:,} digits is too long "
                       f"(the limit is {MAX_NUMBER_DIGITS} characters)")
        out.append(PackProblem(rel, item, _field_path(tuple(error["loc"]), prefix) or None, message))
    return out


def _load_manifest(root: Path, problems: list[PackProblem], budget: _Budget) -> ManifestSpec | None:
    text = _read_text(root / MANIFEST, root, problems, budget)
    if text is None:
        return None
    data = _parse_yaml(text, MANIFEST, problems)
    if data is None and not problems:
        problems.append(PackProblem(MANIFEST, None, None, "is empty"))
    if not isinstance(data, dict):
        if data is not None:
            problems.append(PackProblem(MANIFEST, None, None, "must be a mapping of manifest fields"))
        return None
    try:
        return ManifestSpec.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, MANIFEST, None))
        return None


def _checked(spec: ItemSpec, attrs: Any) -> Checked:
    attr_values = attrs.model_dump(mode="json")
    if spec.as_of:
        attr_values["as_of"] = spec.as_of
    routes = (tuple(attrs.route), *(tuple(r) for r in attrs.alternate_routes)) if spec.kind == "corridor" else ()
    return Checked(
        id=spec.id, kind=spec.kind, title=spec.title, summary=spec.summary, body=spec.body, attrs=attr_values,
        sources=tuple((s.paragraph, s.quote, s.citation_line(), s.url, s.shown_note()) for s in spec.sources),
        links=tuple((link.rel, link.to, link.label) for link in spec.links),
        keywords=tuple(spec.keywords), routes=routes,
        aliases=(*spec.aliases, *getattr(attrs, "also_known_as", ())),
    )


def _check_items_file(data: Any, rel: str, problems: list[PackProblem]) -> list[Checked]:
    """Validate the items of one parsed items file; every problem is collected."""
    if not isinstance(data, list):
        problems.append(PackProblem(rel, None, None, "must be a YAML list of items"))
        return []
    out: list[Checked] = []
    for index, raw in enumerate(data):
        label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"item #{index + 1}"
        if not isinstance(raw, dict):
            problems.append(PackProblem(rel, label, None, "must be a mapping with id, title, sources, ..."))
            continue
        try:
            spec = ItemSpec.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_validation_problems(exc, rel, label))
            continue
        try:
            attrs = ATTRS_BY_KIND[spec.kind].model_validate(spec.attrs)
        except ValidationError as exc:
            problems.extend(_validation_problems(exc, rel, spec.id, "attrs"))
            continue
        out.append(_checked(spec, attrs))
    return out


def _parse_items_file(rel: str, text: str) -> tuple[list[Checked] | None, list[PackProblem]]:
    """Parse and validate one items file: (its items, None for an empty file; its problems)."""
    problems: list[PackProblem] = []
    data = _parse_yaml(text, rel, problems)
    if data is None:
        return None, problems
    return _check_items_file(data, rel, problems), problems


Parsed = tuple[list[Checked] | None, list[PackProblem]]  # items (None: an empty file), problems


def _load_item_specs(
    root: Path, problems: list[PackProblem], budget: _Budget, cache: ParseCache | None = None
) -> list[tuple[str, Checked]]:
    items_dir = root / ITEMS_DIR
    if not items_dir.is_dir():
        problems.append(PackProblem(f"{ITEMS_DIR}/", None, None, "folder is missing"))
        return []
    # Read in file order (the byte budget counts in that order), then parse and validate what the cache does not
    # hold, in two processes when there is much of it; results and problems are put back in file order.
    files: list[tuple[str, str | None, list[Checked] | None, list[PackProblem]]] = []
    keys: dict[str, str] = {}  # file -> the cache's key of its text, made once
    for path in pack_files(root):
        if path.parent != items_dir:
            continue
        rel = path.relative_to(root).as_posix()
        read_problems: list[PackProblem] = []
        text = _read_text(path, root, read_problems, budget)
        known = None
        if cache is not None and text is not None:
            keys[rel] = text_key(text)
            known = cache.get(text, keys[rel])
        files.append((rel, text, known, read_problems))
    todo = [(rel, text) for rel, text, known, _ in files if text is not None and known is None]
    parsed = parse_items_files(todo)
    specs: list[tuple[str, Checked]] = []
    for rel, text, known, read_problems in files:
        problems += read_problems
        if text is None:
            continue
        if known is not None:
            specs += [(rel, checked) for checked in known]
            continue
        checked, file_problems = parsed[rel]
        problems += file_problems
        if checked is None:
            continue
        specs += [(rel, item) for item in checked]
        if cache is not None and not file_problems:
            # only a file with no problem: a rebuild reports the same problems again
            cache.put(text, checked, key=keys[rel])  # its JSON is made when the cache is written
    return specs


#: Below this many bytes of items files to parse, one process does it sooner than two (a second process costs
#: a fork and sending the results back).
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
PARSE_PROCESSES = 2  # this one and PARSE_PROCESSES - 1 forked ones

_TODO: list[tuple[str, str]] = []  # what the forked parsing processes parse (inherited, not sent)


def _parse_todo(indexes: list[int]) -> list[tuple[int, list[tuple[Any, ...]] | None, list[PackProblem]]]:
    """In a parsing process: its files' items (as tuples) and problems, sent back in one go at the end.

    One result, not one a file: a result is written through a pipe that this process's parent reads in a thread
    that needs the interpreter lock, which the parent's own parsing holds; a result sent midway waited for it
    (a quarter of a second at the 100x pack), while one sent at the end finds the parent done or nearly."""
    out = []
    for index in indexes:
        rel, text = _TODO[index]
        checked, problems = _parse_items_file(rel, text)
        out.append((index, None if checked is None else [item.to_tuple() for item in checked], problems))
    return out


def _can_fork() -> bool:
    """Whether parsing may fork: Linux (macOS's frameworks are not safe to fork), and a process with no other
    thread (Qt's included; a GUI process parses in one process)."""
    import sys
    import threading

    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    return not any(name.startswith("PySide6") for name in sys.modules)


def may_fork() -> bool:
    """Whether this process may fork to share a large pack's work (see :func:`_can_fork`)."""
    return _can_fork()


def parse_items_files(todo: list[tuple[str, str]]) -> dict[str, Parsed]:
    """:func:`_parse_items_file` of each (file, text), by file: the same results in one process or in two.

    """
    total = sum(len(text) for _, text in todo)
    if len(todo) < 2 or total < PARALLEL_MIN_BYTES or PARSE_PROCESSES < 2 or not _can_fork():
        return {rel: _parse_items_file(rel, text) for rel, text in todo}
    global _TODO
    _TODO = todo
    # This process parses a share too: the files are dealt largest first to whichever side has less text, so
    # that all finish together.
    shares: list[list[int]] = [[] for _ in range(PARSE_PROCESSES)]  # [0]: this process
    loads = [0] * PARSE_PROCESSES
    for index in sorted(range(len(todo)), key=lambda i: -len(todo[i][1])):
        side = min(range(PARSE_PROCESSES), key=lambda k: (loads[k], -k))  # a tie goes to a forked process
        shares[side].append(index)
        loads[side] += len(todo[index][1])
    out: dict[str, Parsed] = {}
    try:
        with ProcessPoolExecutor(PARSE_PROCESSES - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_parse_todo, share) for share in shares[1:] if share]
            for index in shares[0]:
                rel, text = todo[index]
                out[rel] = _parse_items_file(rel, text)
            for future in futures:
                for index, rows, problems in future.result():
                    out[todo[index][0]] = (None if rows is None else [Checked(*row) for row in rows], problems)
    except (OSError, BrokenProcessPool) as exc:  # no process could be made, or one died (memory): parse here
        log.warning("parsing the pack's items files in one process (%s)", exc)
        return {rel: _parse_items_file(rel, text) for rel, text in todo}
    finally:
        _TODO = []
    return out


def _check_references(
    specs: list[tuple[str, Checked]], paragraphs: tuple[str, ...], problems: list[PackProblem]
) -> None:
    seen: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for rel, spec in specs:
        if spec.id in seen:
            problems.append(PackProblem(rel, spec.id, "id", f"duplicate id (first defined in {seen[spec.id]})"))
        else:
            seen[spec.id] = rel
            kinds[spec.id] = spec.kind

    def exists(target: str) -> bool:
        if target.startswith("paragraph:"):
            number = target.partition(":")[2]
            return number.isdigit() and 1 <= int(number) <= len(paragraphs)
        return target in seen

    for rel, spec in specs:
        for i, (paragraph, quote, *_) in enumerate(spec.sources):
            if paragraph is None:
                continue
            field = f"sources[{i}]"
            if paragraph > len(paragraphs):
                problems.append(
                    PackProblem(rel, spec.id, f"{field}.paragraph",
                                f"paragraph {paragraph} does not exist (the source has {len(paragraphs)})")
                )
            elif quote and quote not in paragraphs[paragraph - 1]:
                problems.append(
                    PackProblem(rel, spec.id, f"{field}.quote",
                                f"quote does not occur verbatim in paragraph {paragraph}: {quote[:60]!r}")
                )
        for i, (_, to, _) in enumerate(spec.links):
            if not exists(to):
                problems.append(PackProblem(rel, spec.id, f"links[{i}].to", f"links to unknown item {to!r}"))
        for r, route in enumerate(spec.routes):
            for j, node in enumerate(route):
                name = "attrs.route" if r == 0 else f"attrs.alternate_routes[{r - 1}]"
                if kinds.get(node) != "node":
                    problems.append(
                        PackProblem(rel, spec.id, f"{name}[{j}]", f"{node!r} is not a node item of this pack")
                    )


def _load_alias_files(
    root: Path, problems: list[PackProblem], budget: _Budget
) -> list[tuple[str, dict[str, list[str]]]]:
    """The pack's alias files that exist, each as (file, {item id: aliases}); problems are collected."""
    out: list[tuple[str, dict[str, list[str]]]] = []
    for name in ALIAS_FILES:
        path = root / name
        if not (path.exists() or path.is_symlink()):  # a FIFO or a link out of the pack is refused when read
            continue
        text = _read_text(path, root, problems, budget)
        if text is None:
            continue
        data = _parse_yaml(text, name, problems)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(PackProblem(name, None, None, "must be a mapping of item id to a list of aliases"))
            continue
        try:
            out.append((name, AliasesSpec.validate_python(data)))
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = tuple(error["loc"])
                item = str(loc[0]) if loc else None
                field = f"[{loc[1]}]" if len(loc) > 1 else None
                problems.append(PackProblem(name, item, field, error["msg"].removeprefix("Value error, ")))
    return out


def _check_alias_targets(
    alias_files: list[tuple[str, dict[str, list[str]]]], known: set[str], problems: list[PackProblem]
) -> None:
    for name, mapping in alias_files:
        for item_id in mapping:
            if item_id not in known:
                problems.append(PackProblem(name, item_id, None, f"names unknown item {item_id!r}"))


def item_aliases(title: str, *groups: Any) -> tuple[str, ...]:
    """The aliases of one item from all its sources, in order, without repeats or its own title (case-blind)."""
    seen = {title.casefold()}
    out: list[str] = []
    for group in groups:
        for alias in group or ():
            key = alias.strip().casefold()
            if key and key not in seen:
                seen.add(key)
                out.append(alias.strip())
    return tuple(out)


def _to_item(spec: Checked, position: int, extra_aliases: tuple[str, ...] = ()) -> Item:
    links = [Link(rel=rel, target=to, label=label) for rel, to, label in spec.links]
    if spec.routes:
        # The route is the corridor's authority on its nodes; links make it navigable both ways.
        ordered = list(dict.fromkeys(node for route in spec.routes for node in route))
        links = [Link(rel="passes_through", target=node) for node in ordered] + links
    return Item(
        id=spec.id,
        kind=ItemKind(spec.kind),
        title=spec.title,
        summary=spec.summary,
        body=spec.body,
        attrs=dict(spec.attrs),
        sources=tuple(
            Source(paragraph=paragraph, quote=quote, citation=citation, url=url, note=note)
            for paragraph, quote, citation, url, note in spec.sources
        ),
        links=tuple(links),
        keywords=spec.keywords,
        position=position,
        aliases=item_aliases(spec.title, spec.aliases, extra_aliases),
    )


def _paragraph_items(paragraphs: tuple[str, ...]) -> list[Item]:
    return [
        Item(
            id=f"paragraph:{number}",
            kind=ItemKind.PARAGRAPH,
            title=paragraph_title(number, text),
            summary="",
            body=text,
            attrs={"number": number, "heading": number <= 3 and len(text) < 120},
            sources=(Source(paragraph=number, quote=text),),
            position=number,
        )
        for number, text in enumerate(paragraphs, start=1)
    ]


def _documents_inside(manifest: ManifestSpec, root: Path, problems: list[PackProblem]) -> bool:
    """Whether every document file the manifest names is a name under ``sources/``, not a way out of the pack."""
    inside = True
    for index, doc in enumerate(manifest.documents):
        if doc.file is None:
            continue
        named = root / SOURCES_DIR / doc.file
        if not Path(os.path.normpath(named)).is_relative_to(root):
            problems.append(PackProblem(MANIFEST, None, f"documents[{index}].file",
                                        f"{doc.file!r} is outside the pack folder; name a file under "
                                        f"{SOURCES_DIR}/"))
            inside = False
    return inside


def _read_primary(path: Path, root: Path, problems: list[PackProblem], budget: _Budget) -> tuple[str, ...]:
    """The paragraphs of the primary source, at most MAX_SOURCE_LINES lines of it."""
    text = _read_text(path, root, problems, budget)
    if text is None:
        return ()
    rel = path.relative_to(root).as_posix()
    lines = count_lines(text)
    if lines > MAX_SOURCE_LINES:
        problems.append(PackProblem(rel, None, None, f"has {lines:,} lines; the limit is {MAX_SOURCE_LINES:,} lines"))
        return ()
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        problems.append(PackProblem(rel, None, None, "the primary source is empty"))
    return paragraphs


def load_pack(path: str | Path, cache: ParseCache | None = None) -> LoadedPack:
    """Read and validate the pack folder at ``path``; raise :class:`PackError` listing every problem.

    ``cache``: items files already parsed and validated, by content (a rebuild reads only what changed); the
    files parsed now are added to it. The result and every problem reported are the same with or without it.
    """
    root = Path(path).expanduser().resolve()
    if not root.is_dir():
        raise PackError(str(path), [PackProblem(str(path), None, None, "is not a pack folder (no such directory)")])
    problems: list[PackProblem] = []
    budget = _Budget(MAX_PACK_BYTES)
    manifest = _load_manifest(root, problems, budget)
    paragraphs: tuple[str, ...] = ()
    if manifest is not None and _documents_inside(manifest, root, problems):
        primary = next(doc for doc in manifest.documents if doc.primary)
        paragraphs = _read_primary(root / SOURCES_DIR / str(primary.file), root, problems, budget)
    specs = _load_item_specs(root, problems, budget, cache)
    alias_files = _load_alias_files(root, problems, budget)
    if specs:
        _check_alias_targets(alias_files, {spec.id for _, spec in specs}, problems)
    if manifest is not None and paragraphs:
        _check_references(specs, paragraphs, problems)
    if problems or manifest is None:
        raise PackError(str(root), problems or [PackProblem(MANIFEST, None, None, "cannot be read")])

    positions: dict[str, int] = {}
    items: list[Item] = []
    for _, spec in specs:
        position = positions.get(spec.kind, 0)
        positions[spec.kind] = position + 1
        extra = tuple(alias for _, mapping in alias_files for alias in mapping.get(spec.id, ()))
        items.append(_to_item(spec, position, extra))
    items.extend(_paragraph_items(paragraphs))

    info = PackInfo(
        id=manifest.id,
        title=manifest.title,
        event_date=manifest.event_date,
        version=manifest.version,
        language=manifest.language,
        marking=manifest.marking,
        disclaimer=manifest.disclaimer,
        documents=tuple(
            SourceDocument(id=d.id, title=d.title, publisher=d.publisher, url=d.url, date=d.date, primary=d.primary)
            for d in manifest.documents
        ),
        credits=tuple(Credit(name=c.name, licence=c.licence, used_for=c.used_for, url=c.url) for c in manifest.credits),
        content_hash=pack_hash(root),
        provenance=tuple(Provenance(name=p.name, detail=p.detail, url=p.url) for p in manifest.provenance),
    )
    return LoadedPack(info=info, items=tuple(items), paragraphs=paragraphs, root=root)


def read_manifest_identity(path: str | Path) -> tuple[str, str]:
    """(id, version) of the pack folder at ``path``, from its manifest alone (for listing installed packs)."""
    root = Path(path).expanduser().resolve()
    problems: list[PackProblem] = []
    manifest = _load_manifest(root, problems, _Budget(MAX_PACK_BYTES))
    if manifest is None:
        raise PackError(str(root), problems)
    return manifest.id, manifest.version
