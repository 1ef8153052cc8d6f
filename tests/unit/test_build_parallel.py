"""A large pack's items files are parsed and validated in two processes, and its search names and words worked
out in a second one while the rows are written (issue 22): the same items, the same database and the same
problems, in the same order, as in one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import briefing_app.content.loader as loader
import briefing_app.persistence.content_builder as content_builder
from briefing_app.content.errors import PackError
from briefing_app.persistence.content_builder import build_content_db
from tests.conftest import REAL_PACK
from tests.unit.test_build_cache import dump


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(REAL_PACK, target)
    return target


def _forks(monkeypatch: pytest.MonkeyPatch, *, parallel: bool) -> list[int]:
    """Make the loader parse in two processes (or one) whatever the pack's size; the pools it made."""
    pools: list[int] = []
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 60)
    monkeypatch.setattr(loader, "_can_fork", lambda: True)  # the test process has Qt loaded (no thread of it)
    real = loader.multiprocessing.get_context

    def counting(method: str | None = None):  # type: ignore[no-untyped-def]
        pools.append(1)
        return real(method)

    monkeypatch.setattr(loader.multiprocessing, "get_context", counting)
    return pools


def _problems(pack: Path) -> list[tuple[str, str | None, str | None, str]]:
    with pytest.raises(PackError) as caught:
        loader.load_pack(pack)
    return [(p.file, p.item, p.field, p.message) for p in caught.value.problems]


def test_two_processes_load_and_build_what_one_does(tmp_path: Path, pack: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pools = _forks(monkeypatch, parallel=False)
    serial = loader.load_pack(pack)
    assert pools == []
    pools = _forks(monkeypatch, parallel=True)
    parallel = loader.load_pack(pack)
    assert pools == [1]  # the parallel path did run
    assert parallel.items == serial.items
    assert parallel.info == serial.info
    one, two = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    build_content_db(one, serial.info, serial.items, serial.root)
    build_content_db(two, parallel.info, parallel.items, parallel.root)
    assert dump(one) == dump(two)


def test_two_processes_report_the_same_problems_in_the_same_order(pack: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    items = pack / "items"
    # Problems in several files, of every stage: not YAML, not a list, a bad field, a file that cannot be read
    # (between the others, so its problem must stay in file order), a link to an unknown item.
    (items / "aa-broken.yaml").write_text("- id: concept:x\n  title: [unclosed\n", encoding="utf-8")
    (items / "ab-mapping.yaml").write_text("id: concept:y\n", encoding="utf-8")
    (items / "ac-unreadable.yaml").write_bytes(b"- id: concept:z\n  title: \xff\n")
    nodes = items / "nodes.yaml"
    nodes.write_text(nodes.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    people = items / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("  links:\n", "  links:\n  - rel: x\n    to: person:nobody\n", 1), encoding="utf-8")
    (items / "zz-empty.yaml").write_text("", encoding="utf-8")

    _forks(monkeypatch, parallel=False)
    serial = _problems(pack)
    pools = _forks(monkeypatch, parallel=True)
    parallel = _problems(pack)
    assert pools == [1]
    assert parallel == serial
    files = [file for file, *_ in serial]
    assert {"items/aa-broken.yaml", "items/ab-mapping.yaml", "items/ac-unreadable.yaml",
            "items/nodes.yaml", "items/people.yaml"} <= set(files)


def test_the_parse_cache_kept_is_the_one_one_process_keeps(tmp_path: Path, pack: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_app.content.parse_cache import ParseCache, cache_path
    from briefing_app.services import content

    _forks(monkeypatch, parallel=False)
    one = tmp_path / "one" / "content.sqlite3"
    content.build(pack, one, remember=False)
    pools = _forks(monkeypatch, parallel=True)
    two = tmp_path / "two" / "content.sqlite3"
    content.build(pack, two, remember=False)
    assert pools == [1]
    assert cache_path(two).read_bytes() == cache_path(one).read_bytes()
    cache = ParseCache.open(cache_path(two))
    loaded = loader.load_pack(pack, cache)  # every file from the cache the two processes made
    assert cache.hits == len(list((pack / "items").glob("*.yaml"))) and cache.misses == 0
    assert loaded.items == loader.load_pack(pack).items


def _dies(index: int) -> None:
    os._exit(3)  # a parsing process killed (out of memory, say)


def test_a_parsing_process_that_dies_leaves_the_parsing_to_the_build(pack: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _forks(monkeypatch, parallel=False)
    serial = loader.load_pack(pack)
    pools = _forks(monkeypatch, parallel=True)
    monkeypatch.setattr(loader, "_parse_todo", _dies)
    again = loader.load_pack(pack)
    assert pools == [1]
    assert again.items == serial.items


def test_no_fork_beside_another_thread_or_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import threading

    monkeypatch.delitem(sys.modules, "PySide6", raising=False)
    for name in [name for name in sys.modules if name.startswith("PySide6")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert loader._can_fork() is sys.platform.startswith("linux")
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # a thread the child would not have
    assert loader._can_fork() is False
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setitem(sys.modules, "PySide6.QtCore", sys)  # Qt loaded: its own threads
    assert loader._can_fork() is False


def _names_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the builder work out the search names in a forked process whatever the pack's size; the pools made."""
    pools: list[int] = []
    monkeypatch.setattr(content_builder, "FORK_MIN_ITEMS", 0)
    real = content_builder.multiprocessing.get_context

    def counting(method: str | None = None):  # type: ignore[no-untyped-def]
        pools.append(1)
        return real(method)

    monkeypatch.setattr(content_builder.multiprocessing, "get_context", counting)
    return pools


def test_search_names_and_words_worked_out_in_a_second_process_are_the_same(
    tmp_path: Path, built_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = loader.load_pack(REAL_PACK)
    pools = _names_forks(monkeypatch)
    forked = tmp_path / "forked.sqlite3"
    build_content_db(forked, loaded.info, loaded.items, loaded.root, may_fork=True)
    assert pools == [1]
    assert dump(forked) == dump(built_content)  # the session's build, made in one process


def _names_die() -> None:
    os._exit(3)  # the process working out the names killed (out of memory, say)


def test_a_names_process_that_dies_leaves_the_work_to_the_build(
    tmp_path: Path, built_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = loader.load_pack(REAL_PACK)
    pools = _names_forks(monkeypatch)
    monkeypatch.setattr(content_builder, "_inherited_names_and_terms", _names_die)
    again = tmp_path / "again.sqlite3"
    build_content_db(again, loaded.info, loaded.items, loaded.root, may_fork=True)
    assert pools == [1]
    assert dump(again) == dump(built_content)


def _names_holding_no_building_file() -> object:
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            held.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    if any(content_builder.BUILDING_SUFFIX in path for path in held):
        raise RuntimeError(f"the names process holds the build's file: {held}")
    return content_builder._names_and_terms(content_builder._ITEMS)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_the_names_process_holds_neither_the_builds_file_nor_its_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = loader.load_pack(REAL_PACK)
    _names_forks(monkeypatch)
    monkeypatch.setattr(content_builder, "_inherited_names_and_terms", _names_holding_no_building_file)
    build_content_db(tmp_path / "content.sqlite3", loaded.info, loaded.items, loaded.root, may_fork=True)


def test_the_parse_cache_is_written_by_the_names_process_as_this_one_writes_it(
    tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_app.content.parse_cache import ParseCache, cache_path
    from briefing_app.services import content

    one = tmp_path / "one" / "content.sqlite3"
    content.build(pack, one, remember=False)  # no names process: this process writes the cache
    pools = _names_forks(monkeypatch)
    monkeypatch.setattr(loader, "may_fork", lambda: True)
    writers = tmp_path / "writers"
    real_prepare = ParseCache.prepare

    def prepare(self: ParseCache, ready: Path) -> bool:
        with writers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real_prepare(self, ready)

    monkeypatch.setattr(ParseCache, "prepare", prepare)
    two = tmp_path / "two" / "content.sqlite3"
    content.build(pack, two, remember=False)
    assert pools == [1]
    assert writers.read_text().split() != [str(os.getpid())] and len(writers.read_text().split()) == 1
    assert cache_path(two).read_bytes() == cache_path(one).read_bytes()
    assert dump(two) == dump(one)
    assert sorted(p.name for p in two.parent.iterdir()) == ["content.sqlite3", "content.sqlite3.parsed"]


def test_a_parsing_process_sends_its_share_back_in_one_result(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Results sent midway waited for this process's interpreter lock (its own parsing holds it): the forked
    process parses its whole share and sends it back once, at the end."""
    from concurrent.futures import ProcessPoolExecutor

    submitted: list[object] = []

    class Counting(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
            submitted.append(args)
            return super().submit(fn, *args, **kwargs)

    _forks(monkeypatch, parallel=True)
    monkeypatch.setattr(loader, "ProcessPoolExecutor", Counting)
    todo = [(f"items/{path.name}", path.read_text(encoding="utf-8")) for path in sorted((pack / "items").iterdir())]
    parsed = loader.parse_items_files(todo)
    assert len(submitted) == 1
    assert parsed == {rel: loader._parse_items_file(rel, text) for rel, text in todo}
