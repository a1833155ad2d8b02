"""``explorer doctor`` and the start check: on this machine (headless, offscreen) everything is found; a
missing display, a missing system library, a known-bad PySide6, a folder that cannot be written and a
QtWebEngine that does not load are each one clear message with the command that fixes it, and exit 1. The
window start says the same in one line instead of Qt's plugin dump."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import doctor
from explorer.doctor_system import (
    debian_package, import_error_advice, missing_libraries, platform_candidates, start_problem,
)

ROOT = Path(__file__).parents[1]
QT_DUMP = ("Available platform plugins", "qt.qpa.plugin", "Reinstalling the application")

LDD_OK = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
"""
LDD_MISSING = LDD_OK.replace("/lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)", "not found") + \
    "\tlibxcb-icccm.so.4 => not found\n\tlibxcb-cursor.so.0 => not found\n"
PROBE_OK = {"pyside6": "6.11.3", "qt": "6.11.3",
            "fonts": {"families": 9, "default": "DejaVu Sans", "missing_letters": ""},
            "webengine": {"ok": True, "process": "/venv/QtWebEngineProcess", "process_found": True, "error": None}}


def _env(tmp_path, **extra) -> dict:
    """The environment of a user on this machine, with their folders in tmp_path."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "EXPLORER_CACHE_DIR")}
    env.update({"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
                "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")})
    env.update(extra)
    return env


def _doctor(env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", "doctor"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)


@pytest.mark.gui
def test_doctor_finds_everything_on_this_machine(tmp_path):
    """Headless here (the platform the tests and the snapshot commands use): every check passes, QtWebEngine
    really loaded a page, exit 0."""
    run = _doctor(_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "MISSING" not in run.stdout
    assert "Everything the app needs is here." in run.stdout
    for name in ("Python", "PySide6", "QtWebEngine", 'Qt platform "offscreen"', "display", "fonts",
                 "settings folder", "cache folder", "kiosk state and log folder"):
        assert f"ok       {name}:" in run.stdout, (name, run.stdout)
    assert "a page loaded and ran JavaScript" in run.stdout
    assert "kiosk.example.toml" in run.stdout


@pytest.mark.gui
def test_doctor_without_a_display_says_so_and_how_to_get_one(tmp_path):
    run = _doctor(_env(tmp_path))
    assert run.returncode == 1, run.stdout
    assert "MISSING  display: no display (DISPLAY is not set)" in run.stdout
    assert "xvfb-run -a explorer" in run.stdout and "xvfb" in run.stdout.splitlines()[-1]


def test_a_missing_library_is_named_with_its_package_and_command(tmp_path):
    """A simulated xcb plugin whose libxcb-cursor0 and libxcb-icccm4 are missing (ldd's own output form)."""
    env = _env(tmp_path, DISPLAY=":0")
    findings = doctor.run_checks(env, ldd=lambda path: LDD_MISSING, probe=PROBE_OK)
    (xcb,) = [f for f in findings if f.name == 'Qt platform "xcb"']
    assert not xcb.ok
    assert "libxcb-cursor.so.0" in xcb.detail and "libxcb-icccm.so.4" in xcb.detail
    assert xcb.fix.endswith("apt-get install libxcb-cursor0 libxcb-icccm4")
    text, status = doctor.report(findings)
    assert status == 1
    assert "MISSING  Qt platform \"xcb\"" in text and "fix: " in text
    assert "apt-get install libxcb-cursor0 libxcb-icccm4" in text.splitlines()[-1]


def test_start_problem_is_one_line_with_the_fix(tmp_path):
    """What the window start prints instead of Qt's dump; None when the platform can start."""
    sockets = tmp_path / "run"
    sockets.mkdir()
    (sockets / "wayland-0").touch()
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(sockets), "XDG_SESSION_TYPE": "wayland"}
    assert start_problem(wayland, ldd=lambda path: LDD_OK) is None
    line = start_problem({"DISPLAY": ":0"}, ldd=lambda path: LDD_MISSING)
    assert line is not None and "\n" not in line
    assert "apt-get install libxcb-cursor0 libxcb-icccm4" in line and "explorer doctor" in line
    assert "no display" in start_problem({}, ldd=lambda path: LDD_OK)
    assert start_problem({"QT_QPA_PLATFORM": "offscreen"}, ldd=lambda path: LDD_MISSING) is not None
    assert start_problem({"QT_QPA_PLATFORM": "offscreen"}, ldd=lambda path: LDD_OK) is None


def test_the_window_start_prints_advice_not_qts_dump(tmp_path):
    """``explorer`` on a display where no X server runs: one line and exit 2, before Qt aborts."""
    run = subprocess.run([sys.executable, "-m", "explorer"], capture_output=True, text=True, cwd=ROOT,
                         env=_env(tmp_path, DISPLAY=":93"), timeout=120)
    assert run.returncode == 2, run.stderr
    assert "no display: no X server is running on :93" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert not any(part in run.stderr for part in QT_DUMP), run.stderr


def test_a_plugin_failure_the_check_missed_is_still_one_line(tmp_path):
    """If Qt gives up on its platform plugin anyway, its fatal message is replaced by our line (exit 2)."""
    code = ("import explorer.doctor_system as d; d.start_problem = lambda *a, **k: None\n"
            "from explorer.qt.application import create_application\ncreate_application()\nprint('started')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=_env(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=":93"), timeout=120)
    assert run.returncode == 2, run.stdout + run.stderr
    assert 'Qt could not load its platform plugin "xcb"' in run.stderr and "explorer doctor" in run.stderr
    assert not any(part in run.stderr for part in QT_DUMP), run.stderr


@pytest.mark.parametrize("soname, package", [
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"), ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libX11-xcb.so.1", "libx11-xcb1"), ("libX11.so.6", "libx11-6"), ("libEGL.so.1", "libegl1"),
    ("libdbus-1.so.3", "libdbus-1-3"), ("libglib-2.0.so.0", "libglib2.0-0"), ("libnss3.so", "libnss3"),
    ("libsmime3.so", "libnss3"), ("libgssapi_krb5.so.2", "libgssapi-krb5-2"), ("libxcb-dri3.so.0", "libxcb-dri3-0"),
    ("libfontconfig.so.1", "libfontconfig1"), ("libXcomposite.so.1", "libxcomposite1"),
])
def test_library_files_map_to_debian_packages(soname, package):
    assert debian_package(soname) == package


def test_missing_libraries_reads_ldd_output():
    assert missing_libraries(Path("x"), ldd=lambda path: LDD_MISSING) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    assert missing_libraries(Path("x"), ldd=lambda path: LDD_OK) == []


def test_platform_order_follows_qt():
    assert platform_candidates({"QT_QPA_PLATFORM": "wayland;xcb"}) == ["wayland", "xcb"]
    assert platform_candidates({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}) == ["wayland", "xcb"]
    assert platform_candidates({"DISPLAY": ":0"}) == ["xcb"]


def test_the_known_bad_pyside6_is_refused_only_where_it_is_bad():
    bad = doctor.check_pyside6("6.12.0", (3, 11))
    assert not bad.ok and "6.12.0" in bad.detail and "!=6.12.0" in bad.fix
    assert doctor.check_pyside6("6.12.0", (3, 12)).ok
    assert doctor.check_pyside6("6.11.3", (3, 11)).ok
    assert not doctor.check_pyside6("6.5.2", (3, 11)).ok


def test_qtwebengine_that_does_not_load_names_its_libraries():
    probe = {"pyside6": "6.11.3", "webengine": {"ok": False, "import_error": True,
                                                "error": "libnss3.so: cannot open shared object file"}}
    ldd = "\tlibnss3.so => not found\n\tlibasound.so.2 => not found\n"
    finding = doctor.check_webengine(probe, ldd=lambda path: ldd)
    assert not finding.ok and finding.fix.endswith("apt-get install libasound2 libnss3")
    advice = import_error_advice(ImportError("libnss3.so: cannot open shared object file: No such file or directory"))
    assert "libnss3.so is not installed" in advice and "apt-get install libnss3" in advice


def test_fonts_without_german_letters_are_missing():
    probe = dict(PROBE_OK, fonts={"families": 1, "default": "Fixed", "missing_letters": "Ää„"})
    finding = doctor.check_fonts(probe)
    assert not finding.ok and "Ää„" in finding.detail and "fonts-dejavu-core" in finding.fix


def test_a_folder_that_cannot_be_written_is_missing(tmp_path):
    (tmp_path / "config").write_text("a file where the settings folder should be")
    findings = doctor.check_folders(_env(tmp_path))
    (settings,) = [f for f in findings if f.name == "settings folder"]
    assert not settings.ok and "is a file" in settings.detail
    assert all(f.ok for f in findings if f.name != "settings folder")


# In every Debian or Ubuntu that has python3: the C library's parts, the compiler's run-time, and what
# python3 itself or Debian's required packages pull in.
BASE_SYSTEM = {"ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
               "libresolv.so.2", "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1", "libzstd.so.1", "libexpat.so.1",
               "libudev.so.1", "libbrotlicommon.so.1", "libbrotlidec.so.1"}
APP_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtWebEngineCore", "QtWebEngineWidgets",
               "QtWebChannel", "QtPrintSupport", "QtSvg")


def _system_libraries_the_app_loads() -> set[str]:
    """The shared libraries outside the PySide6 wheel that the modules the app imports, the xcb and offscreen
    platform plugins and QtWebEngine's renderer process need, following the wheel's own libraries."""
    import re
    import shutil

    import PySide6

    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) is not installed")
    site = Path(PySide6.__file__).parent
    qt = site / "Qt"
    inside = {p.name: p for p in [*qt.glob("lib/*.so*"), *site.glob("*.so*"), *site.parent.glob("shiboken6/*.so*")]}
    todo = [*(site / f"{m}.abi3.so" for m in APP_MODULES), qt / "libexec" / "QtWebEngineProcess",
            *qt.glob("plugins/platforms/libq[xo]*.so"), *qt.glob("plugins/xcbglintegrations/*.so")]
    seen, outside = set(), set()
    while todo:
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
        for name in re.findall(r"\(NEEDED\).*\[(.+?)\]", dynamic):
            todo.append(inside[name]) if name in inside else outside.add(name)
    return outside - BASE_SYSTEM


def test_the_readme_apt_line_installs_every_system_library_qt_needs():
    """A fresh Debian lacks some of what Qt's window and QtWebEngine link against (glib and Kerberos too,
    found this way): README's apt-get line names the package of every one, and python3-venv for the venv."""
    line = next(l for l in (ROOT / "README.md").read_text("utf-8").splitlines() if "apt-get install" in l
                and "libxcb-cursor0" in l)
    packages = set(line.split("apt-get install", 1)[1].split())
    needed = {debian_package(name) for name in _system_libraries_the_app_loads()}
    assert needed, "found no system library at all: the walk is broken"
    assert needed - packages == set()
    assert "python3-venv" in packages
