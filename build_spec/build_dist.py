"""Build the wheel or the standalone bundle, the same way for `make wheel`, `make bundle` and the e2e tests.

    .venv/bin/python build_spec/build_dist.py wheel  [--outdir dist]
    .venv/bin/python build_spec/build_dist.py bundle [--distpath dist] [--workpath build/pyinstaller] [--archive]

The build tools (build and hatchling for the wheel, PyInstaller for the bundle) are installed into the running
environment when missing, at the versions pinned in constraints.txt, so a clean clone builds what CI builds.
The last line printed is the path of the wheel file, the bundle's folder, or with --archive the bundle's
.tar.gz (top folder sco-briefing/, to hand to users).
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
SPEC = ROOT / "build_spec" / "briefing_app.spec"
BUNDLE_NAME = "sco-briefing"
WHEEL_TOOLS = {"build": "build", "hatchling": "hatchling"}
BUNDLE_TOOLS = {"PyInstaller": "pyinstaller"}


def ensure_tools(tools: dict[str, str]) -> None:
    """Install the requirements whose module cannot be imported, pinned by constraints.txt."""
    missing = [requirement for module, requirement in tools.items() if importlib.util.find_spec(module) is None]
    if missing:
        print(f"installing {', '.join(missing)} (pinned in {CONSTRAINTS.name})", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--constraint", str(CONSTRAINTS), *missing],
            check=True,
        )


def build_wheel(outdir: Path) -> Path:
    ensure_tools(WHEEL_TOOLS)
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("sco_briefing-*.whl"):
        old.unlink()
    # No build isolation: hatchling comes pinned from constraints.txt instead of the newest from the index.
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), str(ROOT)],
        check=True, stdout=sys.stderr,
    )
    (wheel,) = outdir.glob("sco_briefing-*.whl")
    return wheel


def build_bundle(distpath: Path, workpath: Path) -> Path:
    ensure_tools(BUNDLE_TOOLS)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(distpath), "--workpath", str(workpath), str(SPEC)],
        check=True, cwd=ROOT, stdout=sys.stderr,
    )
    bundle = distpath / BUNDLE_NAME
    if not (bundle / "briefing-app").is_file():
        raise SystemExit(f"PyInstaller finished but {bundle / 'briefing-app'} is missing")
    return bundle


def archive_bundle(bundle: Path) -> Path:
    """Pack the bundle's folder as NAME-VERSION-linux-ARCH.tar.gz beside it, keeping the executable bits."""
    version = (bundle / "_internal" / "VERSION").read_text(encoding="utf-8").strip()
    target = bundle.parent / f"{BUNDLE_NAME}-{version}-{sys.platform}-{platform.machine()}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=BUNDLE_NAME)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="target", required=True)
    wheel = sub.add_parser("wheel", help="build the wheel")
    wheel.add_argument("--outdir", type=Path, default=ROOT / "dist")
    bundle = sub.add_parser("bundle", help="build the one-folder bundle with PyInstaller")
    bundle.add_argument("--distpath", type=Path, default=ROOT / "dist")
    bundle.add_argument("--workpath", type=Path, default=ROOT / "build" / "pyinstaller")
    bundle.add_argument("--archive", action="store_true", help="also pack the folder as a .tar.gz")
    args = parser.parse_args(argv)
    if args.target == "wheel":
        print(build_wheel(args.outdir.resolve()))
    else:
        built = build_bundle(args.distpath.resolve(), args.workpath.resolve())
        print(archive_bundle(built) if args.archive else built)
    return 0


if __name__ == "__main__":
    sys.exit(main())
