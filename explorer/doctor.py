"""``explorer doctor``: what the app needs on this machine, checked one by one, with the command that fixes
each thing missing. Exit status 0 when everything is there, 1 when something is missing.

Checked: the Python and PySide6 versions (and the known-bad PySide6 6.12.0 on Python < 3.12), QtWebEngine
(a page is loaded and runs JavaScript, in a probe process: ``explorer.qt.doctor_probe``), the Qt platform
plugin the window will use and the system libraries it links against (``explorer.doctor_system``), a display,
fonts that have every letter of both interface languages, and write access to the settings, cache and log
folders. This module never imports Qt.
"""

from __future__ import annotations

import json
import os
import platform as platform_module
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from explorer import __version__
from explorer.doctor_system import (
    NO_DISPLAY_FIX, LddRunner, debian_package, display_problem, install_command, missing_libraries,
    platform_candidates, plugin_file, qt_dir, run_ldd,
)

#: The oldest PySide6 the app is tested with (pyproject.toml asks for the same).
OLDEST_PYSIDE6 = (6, 8)
#: The probe may take this long (a cold start of QtWebEngine on a slow disk is a few seconds).
PROBE_TIMEOUT_S = 90
#: The organisation name Qt files the desktop window's settings under (``explorer.qt.application.ORG_NAME``).
SETTINGS_FOLDER = "TreatyExplorer"
#: A font package with every letter both interface languages use.
FONT_PACKAGE = "fonts-dejavu-core"


@dataclass
class Finding:
    """One check: its name, whether it passed, what was found, and (if it failed) what to do about it.
    ``packages`` are the Debian packages that fix it; ``info`` findings never fail."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    packages: list[str] = field(default_factory=list)
    info: bool = False


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


def check_python() -> Finding:
    """Python 3.11 or newer."""
    version = platform_module.python_version()
    ok = sys.version_info >= (3, 11)
    return Finding("Python", ok, f"{version} ({sys.executable})",
                   "" if ok else "install Python 3.11 or newer and reinstall Treaty Explorer with it")


def pyside6_version() -> str | None:
    """The installed PySide6's version, read from its package metadata (no import)."""
    for name in ("PySide6", "PySide6-Essentials", "PySide6_Essentials"):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def check_pyside6(version: str | None = None, python: tuple[int, int] = sys.version_info[:2]) -> Finding:
    """PySide6 installed, new enough, and not 6.12.0 on Python < 3.12 (it leaks a reference to None on
    every void Qt call and the interpreter aborts; see README)."""
    version = version if version is not None else pyside6_version()
    pip = f"{Path(sys.executable).name} -m pip install"
    if version is None:
        return Finding("PySide6", False, "not installed", f'{pip} "PySide6>=6.8"')
    if _version_tuple(version) < OLDEST_PYSIDE6:
        return Finding("PySide6", False, f"{version} is older than 6.8", f'{pip} --upgrade "PySide6>=6.8,!=6.12.0"')
    if _version_tuple(version) == (6, 12, 0) and python < (3, 12):
        return Finding("PySide6", False, f"6.12.0 on Python {python[0]}.{python[1]} crashes (none_dealloc)",
                       f'{pip} "PySide6>=6.8,!=6.12.0"')
    return Finding("PySide6", True, version)


def run_probe() -> dict:
    """The Qt probe's report (``explorer.qt.doctor_probe``, run in its own process), or ``{"failed": why}``."""
    try:
        run = subprocess.run([sys.executable, "-m", "explorer.qt.doctor_probe"], capture_output=True, text=True,
                             timeout=PROBE_TIMEOUT_S, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        return {"failed": f"Qt did not start within {PROBE_TIMEOUT_S} s"}
    for line in reversed(run.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    last = [line for line in run.stderr.splitlines() if line.strip()][-3:]
    return {"failed": f"Qt stopped with exit status {run.returncode}" + (": " + " / ".join(last) if last else "")}


def _webengine_libraries(ldd: LddRunner) -> list[str]:
    """Libraries QtWebEngine (its library and its helper process) needs but cannot find."""
    base = qt_dir()
    if base is None:
        return []
    missing: set[str] = set()
    for path in (base / "lib" / "libQt6WebEngineCore.so.6", base / "libexec" / "QtWebEngineProcess"):
        if path.exists():
            missing.update(missing_libraries(path, ldd))
    return sorted(missing)


def check_webengine(probe: dict, ldd: LddRunner = run_ldd) -> Finding:
    """QtWebEngine loaded a page and ran JavaScript in the probe; if not, which libraries it lacks."""
    engine = probe.get("webengine") or {}
    if engine.get("ok"):
        return Finding("QtWebEngine", True, f"a page loaded and ran JavaScript (helper {engine.get('process')})")
    why = probe.get("failed") or probe.get("import_error") or engine.get("error") or "did not answer"
    missing = _webengine_libraries(ldd)
    if missing:
        packages = [debian_package(name) for name in missing]
        return Finding("QtWebEngine", False, f"needs {', '.join(missing)} ({why})", install_command(packages), packages)
    if engine and not engine.get("process_found", True):
        return Finding("QtWebEngine", False, f"its helper {engine.get('process')} is missing ({why})",
                       "reinstall PySide6 (pip install --force-reinstall PySide6-Addons)")
    return Finding("QtWebEngine", False, why, "run `explorer doctor` again; if it still fails, reinstall PySide6")


def check_platforms(env=os.environ, ldd: LddRunner = run_ldd) -> list[Finding]:
    """For each platform plugin Qt will try for the window: the plugin is there and finds its libraries."""
    findings = []
    for name in platform_candidates(env):
        plugin = plugin_file(name, env)
        if plugin is None:
            findings.append(Finding(f'Qt platform "{name}"', False, "no such platform plugin",
                                    "set QT_QPA_PLATFORM to xcb (X11), wayland or offscreen"))
            continue
        missing = missing_libraries(plugin, ldd)
        if missing:
            packages = [debian_package(lib) for lib in missing]
            findings.append(Finding(f'Qt platform "{name}"', False, f"{plugin.name} needs {', '.join(missing)}",
                                    install_command(packages), packages))
        else:
            findings.append(Finding(f'Qt platform "{name}"', True, f"{plugin} and every library it links against"))
    return findings


def check_display(env=os.environ) -> Finding:
    """A display for the window: X11 or Wayland (whichever Qt will use), or an explicit headless platform."""
    names = platform_candidates(env)
    problems = [display_problem(name, env) for name in names]
    for name, problem in zip(names, problems):
        if problem is None:
            where = {"xcb": f"X11 display {env.get('DISPLAY')}",
                     "wayland": f"Wayland display {env.get('WAYLAND_DISPLAY')}"}
            return Finding("display", True, where.get(name, f"QT_QPA_PLATFORM={name}: windows are drawn off screen "
                                                               "(for headless commands; nothing shows on a monitor)"))
    packages = ["xvfb"] if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY") else []
    return Finding("display", False, problems[0], NO_DISPLAY_FIX, packages)


def check_fonts(probe: dict) -> Finding:
    """Qt finds fonts, and the default one has every letter of the English and German interface."""
    fonts = probe.get("fonts")
    if fonts is None:
        return Finding("fonts", False, "not checked: Qt did not start (see QtWebEngine above)")
    if not fonts["families"]:
        return Finding("fonts", False, "Qt finds no fonts: every text would be empty boxes",
                       install_command([FONT_PACKAGE]), [FONT_PACKAGE])
    if fonts["missing_letters"]:
        return Finding("fonts", False, f"the default font, {fonts['default']}, lacks {fonts['missing_letters']}",
                       install_command([FONT_PACKAGE]), [FONT_PACKAGE])
    return Finding("fonts", True, f"{fonts['families']} families; the default, {fonts['default']}, has every letter "
                                  "the interface uses")


def _writable(folder: Path) -> str | None:
    """Why the app could not create files in ``folder`` (made on first use), or None if it can: the nearest
    folder that exists is tried with a real file, since permission bits alone do not tell (root, read-only
    file systems)."""
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    try:
        handle, name = tempfile.mkstemp(prefix=".explorer-doctor-", dir=existing)
    except OSError as exc:
        return f"cannot write in {existing}: {exc.strerror}"
    os.close(handle)
    os.unlink(name)
    return None


def app_folders(env=os.environ) -> list[tuple[str, Path]]:
    """The folders the app writes to, named for a person: settings (under ``env``'s ``XDG_CONFIG_HOME``), the
    cache folder (page templates, page data, checked datasets) and the kiosk's state and logs (where their
    own modules put them)."""
    from explorer.kiosk.config import default_state_dir
    from explorer.disk_cache import cache_dir

    config = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    folders = [("settings folder", config / SETTINGS_FOLDER)]
    pages = cache_dir()
    if pages is not None:
        folders.append(("cache folder", pages))
    folders.append(("kiosk state and log folder", default_state_dir()))
    return folders


def check_folders(env=os.environ) -> list[Finding]:
    """Write access to each folder the app writes to."""
    findings = []
    for name, folder in app_folders(env):
        problem = _writable(folder)
        fix = "" if problem is None else (f"make {folder} writable for {Path.home().name}, or point "
                                          "XDG_CONFIG_HOME / XDG_CACHE_HOME / XDG_STATE_HOME elsewhere")
        findings.append(Finding(name, problem is None, str(folder) if problem is None else problem, fix))
    return findings


def notes() -> list[Finding]:
    """Where things are, for a person setting the app up (never a failure)."""
    from explorer.install_desktop import installed_entry
    from explorer.resources import KIOSK_EXAMPLE

    entry = installed_entry()
    return [Finding("kiosk example", True, f"{KIOSK_EXAMPLE} (`explorer kiosk-example --out kiosk.toml` copies it)",
                    info=True),
            Finding("menu entry", True, str(entry) if entry else "not installed (`explorer install-desktop` adds it)",
                    info=True)]


def run_checks(env=os.environ, ldd: LddRunner = run_ldd, probe: dict | None = None) -> list[Finding]:
    """Every check, in the order a person reads them."""
    probe = run_probe() if probe is None else probe
    findings = [check_python(), check_pyside6(probe.get("pyside6")), check_webengine(probe, ldd)]
    findings += check_platforms(env, ldd)
    findings += [check_display(env), check_fonts(probe)]
    findings += check_folders(env)
    return findings + notes()


def report(findings: list[Finding]) -> tuple[str, int]:
    """The text ``explorer doctor`` prints and its exit status (1 when anything is missing)."""
    lines = [f"Treaty Explorer {__version__} on {platform_module.system()} {platform_module.machine()}"]
    for item in findings:
        label = "info" if item.info else "ok" if item.ok else "MISSING"
        lines.append(f"  {label:<8} {item.name}: {item.detail}")
        if not item.ok and item.fix:
            lines.append(f"{'':11}fix: {item.fix}")
    failed = [item for item in findings if not item.ok and not item.info]
    if not failed:
        lines.append("Everything the app needs is here.")
        return "\n".join(lines), 0
    packages = [name for item in failed for name in item.packages]
    lines.append(f"{len(failed)} problem{'s' if len(failed) != 1 else ''} found."
                 + (f" The system packages for all of them: {install_command(packages)}" if packages else ""))
    return "\n".join(lines), 1


def cmd_doctor(args) -> int:
    """Print every check and exit 1 if anything the app needs is missing."""
    text, status = report(run_checks())
    print(text)
    return status
