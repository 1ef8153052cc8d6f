"""Screenshots of every tab at the real pack and the 100x pack, to look at before and after a speed change.

Speed work must not change what the user sees (issue 22). This opens the real ``MainWindow`` at 1280x800 with a
fixed theme (Light), style (Fusion) and font (DejaVu Sans 9 pt), offscreen, in a fresh user data folder with the
same few bookmarks each time. First it takes the window at its first paint, started through the app's own
start-up path (``--exit-after-paint``: the Overview over the first paint's stand-in services). Then it shows each
tab in turn, waits until it has settled and saves a PNG of the window per tab and pack size. A second set shows
one interaction per tab that reaches deeper state, where lazy loading goes wrong: the Overview with all its
figures, scrolled to the last; a member of the last copy selected with its detail; an achievement and a proposal
of the last copy opened in their trees; the map framed on a corridor of the last copy with a node hovered, and the
corridors' list beside it at its end; a bookmark selected with its note; the Source tab at its end.

    python benchmarks/screens.py --label before                  # shoot: docs/img/speed/screens/*-before.png
    python benchmarks/screens.py --label after --compare before after
    make screens                                                 # the same as the line above

Files are ``<shot>-<1x|100x>-<label>.png`` where ``<shot>`` is ``first-paint``, a tab key (``overview`` ...
``source``) or a tab key and its interaction (``members-selected``, ``source-end``, ...). ``--compare A B``
prints, for each pair of files, the number of pixels that differ by more than 2% (ImageMagick ``compare -metric
AE -fuzz 2%``) and writes a side-by-side montage (A, B, the difference) of each pair into
``build/screens/compare/``; it exits non-zero only when an image is missing (an A image without its B, or no A
at all), never for differences: those are for a human to look at.

"Settled" means: no events pending, the thread pool idle, and three grabs of the window over half a second identical
(so deferred work, such as a chart drawn after the first paint or a map layer loaded in the background, has
shown). The 100x pack (``synthetic_pack.py``) and its content database are built once into a cache folder
(``build/screens/``) and reused while the pack and the content-building code are unchanged; every shooting run
copies the content database into a fresh user data folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import APP, PYTHON, REAL_PACK, ROOT, bench_env  # noqa: E402

OUT = ROOT / "docs" / "img" / "speed" / "screens"
CACHE = ROOT / "build" / "screens"
FACTORS = (1, 100)
SIZE = (1280, 800)
SCREEN = (1920, 1080)  # the (offscreen) screen the window opens on: bigger than the window, so it is not shrunk
FONT = ("DejaVu Sans", 9)  # what "Sans Serif" 9 pt, Qt's default here, resolves to on Debian
STYLE = "Fusion"
THEME = "light"
FUZZ = "2%"
#: settled: this many grabs in a row, GRAB_EVERY_MS apart, identical (work a tab defers, even to a thread of its
#: own, shows within that half second or is still changing the window)
STABLE_GRABS, GRAB_EVERY_MS = 3, 250
INTERACTION_FAILED = 3  # the child's exit code when an interaction failed (its shot is still taken)
BOOKMARKED_AT = "2024-07-04T09:00:00.000+00:00"
#: the code whose change makes a cached content database stale (the pack itself is hashed too)
CONTENT_CODE = ("briefing_app/content", "briefing_app/persistence", "briefing_app/domain",
                "benchmarks/synthetic_pack.py")
#: the bookmarks every run starts with (at 100x also the same items of the last copy): the Bookmarks tab has content
BOOKMARKS = (
    ("member:kaz", "Host of the summit.", ("meeting",)),
    ("paragraph:26", "", ("meeting", "finance")),
    ("corridor:trans-caspian", "Middle Corridor: ask about the Aktau port.", ("transport",)),
    ("proposal:investment-platform", "", ("finance",)),
)


# --- the shots ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shot:
    name: str  # the file name's first part
    tab: str  # the tab key
    detail: str = ""  # what the interaction shows (empty: the tab as it first shows)


#: the window as the app's own start-up path paints it first (``--exit-after-paint``: nothing opened after it)
FIRST_PAINT = Shot("first-paint", "overview", "the window at its first paint, through the app's start-up path")
TAB_SHOTS = tuple(Shot(key, key) for key in
                  ("overview", "members", "achievements", "priorities", "corridors", "bookmarks", "source"))
DEEP_SHOTS = (
    Shot("overview-all-figures", "overview", "every headline figure shown, the page scrolled to the last one"),
    Shot("members-selected", "members", "a member of the last copy selected: its row scrolled to, its detail pane"),
    Shot("achievements-opened", "achievements", "an achievement of the last copy opened: its branch expanded"),
    Shot("priorities-opened", "priorities", "a proposal of the last copy opened: its branch expanded, its detail"),
    # the list before a corridor is opened over it
    Shot("corridors-list-end", "corridors", "the corridors' overview beside the map scrolled to its end"),
    Shot("corridors-hovered", "corridors", "a corridor of the last copy opened (map framed on it), a node hovered"),
    Shot("bookmarks-selected", "bookmarks", "a bookmark with a note selected: the note pane filled"),
    Shot("source-end", "source", "the Source tab scrolled to its last paragraph"),
)
SHOTS = (FIRST_PAINT, *TAB_SHOTS, *DEEP_SHOTS)


def shot_file(shot: str, factor: int, label: str) -> str:
    return f"{shot}-{factor}x-{label}.png"


def in_last_copy(item_id: str, factor: int, paragraphs: int = 0) -> str:
    """The id of ``item_id`` in the last copy of a ``factor``-times pack: synthetic_pack.py suffixes ``-k`` to an
    item's id and numbers the paragraphs of copy k after those of the copies before it (``paragraphs`` each)."""
    if factor <= 1:
        return item_id
    kind, _, rest = item_id.partition(":")
    if kind == "paragraph" and rest.isdigit():
        return f"paragraph:{int(rest) + (factor - 1) * paragraphs}"
    return f"{item_id}-{factor - 1}"


def source_paragraphs() -> int:
    """The number of paragraphs of the real pack's primary source (one copy's worth in the synthetic pack)."""
    import synthetic_pack
    import yaml

    manifest = yaml.safe_load((REAL_PACK / "pack.yaml").read_text(encoding="utf-8"))
    primary = next(doc for doc in manifest["documents"] if doc.get("primary"))
    return synthetic_pack.paragraph_count((REAL_PACK / "sources" / primary["file"]).read_text(encoding="utf-8"))


# --- user data folders ----------------------------------------------------------------------------------------


def _content_key(factor: int) -> str:
    """What the cached content database was built from: the pack, the synthetic pack's writer and the content
    code of the app that runs (its own checkout: the app installed in this Python may be another worktree's)."""
    import importlib.util

    spec = importlib.util.find_spec("briefing_app")
    app_root = Path(spec.origin).parent.parent if spec and spec.origin else ROOT
    digest = hashlib.sha256(f"factor={factor}".encode())
    roots = [REAL_PACK, *((ROOT if p.startswith("benchmarks") else app_root) / p for p in CONTENT_CODE)]
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def content_home(cache: Path, factor: int) -> Path:
    """A user data folder holding the content database of the ``factor``-times pack, built once and reused."""
    import synthetic_pack

    home = cache / f"home-{factor}x"
    stamp = home / "screens-content-key.txt"
    key = _content_key(factor)
    pack = REAL_PACK if factor == 1 else cache / f"pack-{factor}x"  # kept: the window says when its pack is gone
    if (stamp.is_file() and stamp.read_text(encoding="ascii") == key and (home / "content.sqlite3").is_file()
            and (pack / "pack.yaml").is_file()):
        return home
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    say(f"building the content of the {factor}x pack into {home} (once; reused while the pack and code are the same)")
    if factor > 1:
        synthetic_pack.write_pack(pack, factor)
    done = subprocess.run([*APP, "db", "build", "--pack", str(pack)], env=bench_env(home), cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"db build of the {factor}x pack failed:\n{done.stderr[-3000:]}")
    stamp.write_text(key, encoding="ascii")
    return home


def fresh_home(cache: Path, factor: int, label: str) -> Path:
    """A new user data folder with the cached content database: no bookmarks, settings or window state yet."""
    source = content_home(cache, factor)
    home = cache / f"run-{factor}x-{label}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    for path in source.iterdir():
        if path.is_file() and path.name != "screens-content-key.txt" and not path.name.endswith(".parsed"):
            shutil.copy2(path, home / path.name)
    return home


# --- shooting (in a child process per pack size: Qt's screen is fixed when it starts) --------------------------


def shoot(cache: Path, out: Path, label: str, factors: Iterable[int], xvfb: str | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for factor in factors:
        home = fresh_home(cache, factor, label)
        config = cache / "screen.json"
        config.write_text(json.dumps({"screens": [{"name": "screens", "x": 0, "y": 0, "width": SCREEN[0],
                                                   "height": SCREEN[1], "logicalDpi": 96, "dpr": 1}]}),
                          encoding="utf-8")
        env = bench_env(home, TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        if xvfb:
            env.update({"QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb})
        else:
            env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        say(f"shooting the {factor}x pack ({'Xvfb ' + xvfb if xvfb else 'offscreen'}) ...")
        started = time.perf_counter()
        done = subprocess.run([PYTHON, str(Path(__file__).resolve()), "--child", str(factor), str(out), label],
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
        sys.stderr.write("".join(f"  {line}\n" for line in done.stderr.splitlines()
                                 if not line.startswith("qt.qpa.") and "propagateSizeHints" not in line))
        for line in done.stdout.splitlines():
            if line.startswith("saved "):
                saved.append(Path(line.removeprefix("saved ")))
                print(f"  {line}")
        if done.returncode == INTERACTION_FAILED:
            say(f"{factor}x pack: some interactions failed (see the warnings): their shots show what the window "
                "showed instead")
        elif done.returncode != 0:
            raise SystemExit(f"shooting the {factor}x pack failed (exit {done.returncode})")
        say(f"{factor}x pack: {time.perf_counter() - started:.0f} s")
    return saved


def _child(factor: int, out: Path, label: str) -> int:  # pragma: no cover - runs in its own Qt process
    import importlib

    importlib.import_module("briefing_app.services.app")  # the core before Qt, as the app does
    from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QThreadPool
    from PySide6.QtGui import QFont, QImage
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractScrollArea

    from briefing_app.services.app import open_services
    from briefing_app.ui.app import make_application, make_settings
    from briefing_app.ui.main_window import MainWindow
    from briefing_app.ui.tabs import TAB_KEYS

    app = make_application()
    app.setStyle(STYLE)
    app.setFont(QFont(*FONT))
    app.styleHints().setCursorFlashTime(0)  # a caret that blinks would never let two grabs agree
    settings = make_settings()
    settings.setValue("view/theme", THEME)
    settings.sync()
    from briefing_app.persistence import bookmark_repository

    # Bookmarks show when they were made: the same moment in every run, or every run would differ from the last
    bookmark_repository.now_iso = lambda: BOOKMARKED_AT  # type: ignore[assignment]
    services = open_services()
    paragraphs = source_paragraphs()
    for item_id, note, tags in BOOKMARKS:
        for bookmarked in dict.fromkeys((item_id, in_last_copy(item_id, factor, paragraphs))):
            services.bookmarks.add(bookmarked, note=note, tags=list(tags))
    first_paint_image = _first_paint(app)
    if first_paint_image is not None:
        path = out / shot_file(FIRST_PAINT.name, factor, label)
        first_paint_image.save(str(path))
        print(f"saved {path}", flush=True)
    window = MainWindow(services, settings)
    window.resize(*SIZE)
    window.move(0, 0)

    def pump(ms: int) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)

    def settle(at_least_ms: int = 200, timeout_s: float = 30.0) -> float:
        """Wait until nothing more changes on screen; returns the seconds waited."""
        start = time.monotonic()
        pump(at_least_ms)
        last: QImage | None = None
        same = 0
        while time.monotonic() - start < timeout_s:
            QCoreApplication.sendPostedEvents()
            app.processEvents()
            if QThreadPool.globalInstance().activeThreadCount():
                QThreadPool.globalInstance().waitForDone(200)
                same = 0
                continue
            image = window.grab().toImage()
            same = same + 1 if last is not None and image == last else 0
            if same >= STABLE_GRABS - 1:
                return time.monotonic() - start
            last = image
            pump(GRAB_EVERY_MS)
        print(f"warning: the window still changed after {timeout_s:.0f} s", file=sys.stderr)
        return time.monotonic() - start

    painted: list[bool] = []
    window.first_painted.connect(lambda: painted.append(True))
    window.show()
    deadline = time.monotonic() + 60
    while not painted and time.monotonic() < deadline:
        app.processEvents()
    if (window.width(), window.height()) != SIZE:
        print(f"warning: the window is {window.width()}x{window.height()}, not {SIZE[0]}x{SIZE[1]}", file=sys.stderr)

    flash_ms = 900
    try:
        from briefing_app.ui.widgets import highlighting

        flash_ms = int(getattr(highlighting, "FLASH_MS", flash_ms))
    except ImportError:
        pass

    def save(shot: Shot, waited: float) -> None:
        path = out / shot_file(shot.name, factor, label)
        window.grab().save(str(path))
        print(f"saved {path}", flush=True)
        print(f"{shot.name} {factor}x: settled in {waited:.1f} s", file=sys.stderr)

    def show_tab(key: str) -> None:
        window.tabs.setCurrentIndex(TAB_KEYS.index(key))

    for shot in TAB_SHOTS:
        show_tab(shot.tab)
        save(shot, settle())

    def overview_all_figures() -> None:
        panel = window.panel("overview")
        button = getattr(panel, "more_figures", None)
        if button is None or not button.isVisible():
            raise RuntimeError("no 'more figures' button on the Overview")
        button.click()
        settle(200)
        scroll = panel.page_scroll  # to the last figure card: cards laid out late show there
        cards = getattr(panel, "figure_view", None)
        bottom = (cards.mapTo(scroll.widget(), QPoint(0, cards.height())).y() if cards is not None
                  else scroll.widget().height())
        scroll.verticalScrollBar().setValue(bottom - scroll.viewport().height() + 40)

    def open_in_last_copy(item_id: str) -> Callable[[], None]:
        def interact() -> None:
            window.navigator.open(in_last_copy(item_id, factor))
        return interact

    def corridor_hovered() -> None:
        corridor = in_last_copy("corridor:trans-caspian", factor)
        window.navigator.open(corridor)
        settle(300)
        view = window.panel("corridors").map
        data = view.state.data
        node = data.nodes[data.corridor(corridor).node_ids[1]]
        point = view.viewport_point(node)
        QTest.mouseMove(view.viewport(), point)
        pump(100)
        if hasattr(view, "_moved"):  # the map hovers what is under the pointer from the scene's mouse moves
            view._moved(view.mapToScene(point))

    def scroll_to_end(root, view=None) -> None:  # type: ignore[no-untyped-def]
        """``view``, else the biggest visible scroll area inside ``root``, to its end; a view that lays out lazily
        grows its range as it goes: scrolled until the end holds."""
        view = view or max((v for v in root.findChildren(QAbstractScrollArea) if v.isVisible()),
                           key=lambda v: v.width() * v.height())
        bar = view.verticalScrollBar()
        for _ in range(3):
            bar.setValue(bar.maximum())
            settle(200)
        bar.setValue(bar.maximum())

    def corridors_list_end() -> None:
        scroll_to_end(window.panel("corridors").detail)

    def bookmark_selected() -> None:
        panel = window.panel("bookmarks")
        if not panel.open_item(in_last_copy("member:kaz", factor)):
            raise RuntimeError("the bookmark of member:kaz is not in the list")

    def source_end() -> None:
        panel = window.panel("source")
        scroll_to_end(panel, getattr(panel, "view", None))  # the paragraphs' view

    interactions: dict[str, Callable[[], None]] = {
        "overview-all-figures": overview_all_figures,
        "members-selected": open_in_last_copy("member:kaz"),
        "achievements-opened": open_in_last_copy("achievement:youth-council"),
        "priorities-opened": open_in_last_copy("proposal:investment-platform"),
        "corridors-hovered": corridor_hovered,
        "corridors-list-end": corridors_list_end,
        "bookmarks-selected": bookmark_selected,
        "source-end": source_end,
    }
    failed = 0
    for shot in DEEP_SHOTS:
        show_tab(shot.tab)
        settle()
        try:
            interactions[shot.name]()
        except Exception as exc:  # noqa: BLE001 - the shot is still taken: what the window shows is the evidence
            failed += 1
            print(f"warning: {shot.name} {factor}x: the interaction failed: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
        save(shot, settle(flash_ms + 300))  # past the flash that marks an opened item
    QTest.mouseMove(window, QPoint(1, 1))
    window.close()
    services.close()
    return 0 if not failed else INTERACTION_FAILED


def _first_paint(app):  # type: ignore[no-untyped-def]  # pragma: no cover - runs in the child
    """What the window shows at its first paint when the app starts (the start-up path of ``briefing-app
    --exit-after-paint``: the Overview over the first paint's stand-in services, nothing opened after it), grabbed
    when the window says it has painted; None (and a warning) when that path cannot be taken."""
    from argparse import Namespace

    try:
        from briefing_app.services.first_paint import open_first_paint
        from briefing_app.ui.app import open_window

        running = open_window(Namespace(tab=None, open_item=None, exit_after_paint=True), open_first_paint())
    except Exception as exc:  # noqa: BLE001 - the other shots are still worth taking
        print(f"warning: first-paint: the start-up path failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    if running is None:
        print("warning: first-paint: the start-up path opened no window", file=sys.stderr)
        return None
    window = running.window
    window.resize(*SIZE)
    window.move(0, 0)
    grabbed: list = []  # type: ignore[type-arg]
    window.first_painted.connect(lambda: grabbed.append(window.grab()))
    deadline = time.monotonic() + 60
    while not grabbed and time.monotonic() < deadline:
        app.processEvents()
    window.close()
    running.close()
    if not grabbed:
        print("warning: first-paint: the window never said it had painted", file=sys.stderr)
        return None
    return grabbed[0]


# --- comparing ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    shot: str
    factor: int
    before: Path
    after: Path


def pairs(folder: Path, before: str, after: str) -> tuple[list[Pair], list[Path], list[Path]]:
    """Every shot of ``before`` and ``after`` in ``folder``, paired; the ``after`` files a ``before`` lacks (an
    error: the new run did not show that state); and the ``after`` files without a ``before`` (the baseline
    committed is a selection: nothing to compare them with, but they are there to look at)."""
    found: list[Pair] = []
    missing: list[Path] = []
    unpaired: list[Path] = []
    names = {p.name for p in folder.glob("*.png")} if folder.is_dir() else set()
    for factor in FACTORS:
        for shot in SHOTS:
            a, b = shot_file(shot.name, factor, before), shot_file(shot.name, factor, after)
            if a in names and b in names:
                found.append(Pair(shot.name, factor, folder / a, folder / b))
            elif a in names:
                missing.append(folder / b)
            elif b in names:
                unpaired.append(folder / b)
    return found, missing, unpaired


def differing_pixels(a: Path, b: Path, diff: Path | None = None) -> int:
    """Pixels that differ by more than FUZZ between two PNGs (ImageMagick's AE metric); -1 if sizes differ."""
    compare = shutil.which("compare")
    if compare is None:
        raise SystemExit("ImageMagick's 'compare' is not installed: apt-get install -y --no-install-recommends "
                         "imagemagick")
    done = subprocess.run([compare, "-metric", "AE", "-fuzz", FUZZ, str(a), str(b), str(diff or "null:")],
                          capture_output=True, text=True, timeout=120)
    # compare exits 0 (same), 1 (different) or 2 (error, e.g. the sizes differ); the count is on stderr
    text = done.stderr.strip().split()
    if done.returncode == 2 or not text:
        return -1
    try:
        return int(float(text[0]))
    except ValueError:
        return -1


def table(rows: list[tuple[Pair, int]], before: str, after: str) -> str:
    """The comparison as a Markdown table: each pair, the pixels that differ and their share of the window."""
    lines = [f"| shot | pack | pixels differing ({before} -> {after}, fuzz {FUZZ}) | share |", "|---|---|---:|---:|"]
    for pair, count in rows:
        if count < 0:
            lines.append(f"| {pair.shot} | {pair.factor}x | sizes differ | — |")
            continue
        share = count / (SIZE[0] * SIZE[1])
        lines.append(f"| {pair.shot} | {pair.factor}x | {count:,} | {share:.2%} |")
    return "\n".join(lines)


def compare(folder: Path, before: str, after: str, work: Path) -> int:
    found, missing, unpaired = pairs(folder, before, after)
    if not found and not missing:
        print(f"no images labelled {before!r} in {folder}: nothing to compare with", file=sys.stderr)
        return 2
    shutil.rmtree(work, ignore_errors=True)  # no montage of an earlier comparison left to mislead
    work.mkdir(parents=True)
    rows: list[tuple[Pair, int]] = []
    for pair in found:
        diff = work / f"{pair.shot}-{pair.factor}x-diff.png"
        count = differing_pixels(pair.before, pair.after, diff)
        rows.append((pair, count))
        if count != 0:
            _montage(pair, diff, work / f"{pair.shot}-{pair.factor}x-{before}-{after}.png", before, after)
        diff.unlink(missing_ok=True)  # in the montage
    print(table(rows, before, after))
    changed = sum(1 for _, count in rows if count != 0)
    print(f"\n{len(rows)} pairs, {changed} differ: side-by-side montages ({before} | {after} | difference) "
          f"in {work}")
    if unpaired:
        print(f"{len(unpaired)} {after!r} images have no {before!r} to compare with (look at them): "
              + ", ".join(p.name for p in unpaired))
    for path in missing:
        print(f"MISSING {path}", file=sys.stderr)
    return 1 if missing else 0


def _montage(pair: Pair, diff: Path, target: Path, before: str, after: str) -> None:
    montage = shutil.which("montage")
    if montage is None:
        return
    subprocess.run([montage, "-label", f"{before}", str(pair.before), "-label", f"{after}", str(pair.after),
                    "-label", "difference", str(diff) if diff.is_file() else str(pair.after),
                    "-tile", "3x1", "-geometry", "+4+4", "-resize", "50%", "-font", "DejaVu-Sans", "-pointsize", "18",
                    str(target)],
                   capture_output=True, timeout=120)


# --- command line ---------------------------------------------------------------------------------------------


def say(message: str) -> None:
    print(f"[screens] {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(int(argv[1]), Path(argv[2]), argv[3])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", help="shoot every tab at every pack size, files labelled LABEL")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two labels' images")
    parser.add_argument("--out", type=Path, default=OUT, help=f"the images' folder (default {OUT.relative_to(ROOT)})")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help=f"built content and user data folders (default {CACHE.relative_to(ROOT)})")
    parser.add_argument("--factors", default=",".join(map(str, FACTORS)), help="pack sizes (default 1,100)")
    parser.add_argument("--xvfb", metavar="DISPLAY", help="shoot on this X display (xcb) instead of offscreen")
    args = parser.parse_args(argv)
    if not args.label and not args.compare:
        parser.error("say --label LABEL (shoot), --compare BEFORE AFTER, or both")
    if args.compare and shutil.which("compare") is None:
        parser.error("ImageMagick's 'compare' is missing: apt-get install -y --no-install-recommends imagemagick")
    if args.label:
        shoot(args.cache.resolve(), args.out.resolve(), args.label, [int(f) for f in args.factors.split(",")],
              args.xvfb)
    if args.compare:
        return compare(args.out.resolve(), *args.compare, args.cache.resolve() / "compare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
