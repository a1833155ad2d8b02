"""What this machine needs before Qt can open a window, found without importing Qt: which platform plugin Qt
will load, whether a display is there for it, and which system libraries the plugin (or QtWebEngine) links
against but cannot find, with the Debian package and the command that installs them.

``explorer doctor`` reports all of it (``explorer.doctor``); the window start calls :func:`start_problem` first
and prints its one line instead of Qt's plugin dump (``explorer.app``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

#: Library file names whose Debian package does not follow the usual naming rule (see :func:`debian_package`).
PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0", "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0", "libgmodule-2.0.so.0": "libglib2.0-0",
    "libsmime3.so": "libnss3", "libnssutil3.so": "libnss3", "libnss3.so": "libnss3",
    "libplc4.so": "libnspr4", "libplds4.so": "libnspr4", "libnspr4.so": "libnspr4",
    "libz.so.1": "zlib1g", "libxslt.so.1": "libxslt1.1", "libxml2.so.2": "libxml2",
    "libwayland-client.so.0": "libwayland-client0", "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb-util.so.1": "libxcb-util1",
}

#: Runs ``ldd`` on a file and returns its output (tests give a fake one).
LddRunner = Callable[[Path], str]


def pyside6_dir() -> Path | None:
    """The installed PySide6 package folder, found without importing it (None when PySide6 is missing)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def qt_dir() -> Path | None:
    """The Qt that PySide6 wheels carry (``PySide6/Qt``: lib, libexec, plugins, resources)."""
    base = pyside6_dir()
    return base / "Qt" if base and (base / "Qt").is_dir() else None


def platform_candidates(env: Mapping[str, str] = os.environ) -> list[str]:
    """The platform plugins Qt will try, in order: ``QT_QPA_PLATFORM`` when set (``wayland;xcb`` names two),
    else Wayland first in a Wayland session (falling back to X11, as Qt does), else X11 (``xcb``)."""
    explicit = env.get("QT_QPA_PLATFORM", "").strip()
    if explicit:
        return [name.split(":", 1)[0] for name in explicit.split(";") if name]
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def plugin_file(platform: str, env: Mapping[str, str] = os.environ) -> Path | None:
    """The shared library of a platform plugin, where Qt looks for it (``QT_QPA_PLATFORM_PLUGIN_PATH``, then
    ``QT_PLUGIN_PATH``, then PySide6's own plugins); None if no such plugin is installed."""
    folders = [Path(p) for p in env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders += [Path(p) / "platforms" for p in env.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    if qt_dir():
        folders.append(qt_dir() / "plugins" / "platforms")
    for folder in folders:
        candidate = folder / f"libq{platform}.so"
        if candidate.is_file():
            return candidate
    return None


def run_ldd(path: Path) -> str:
    """``ldd``'s report of what ``path`` links against ('' where there is no ``ldd``, e.g. not on Linux).
    ``ldd`` follows the whole chain, so a library the plugin needs only through Qt's own libraries shows."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return ""
    run = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=30)
    return run.stdout


def missing_libraries(path: Path, ldd: LddRunner = run_ldd) -> list[str]:
    """The library files ``path`` needs that the system's loader cannot find, by name, sorted."""
    found = re.findall(r"^\s*(\S+)\s*=>\s*not found", ldd(path), flags=re.MULTILINE)
    return sorted(set(found))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships a library file, by Debian's naming rule (``libxcb-cursor.so.0``
    → ``libxcb-cursor0``, ``libX11.so.6`` → ``libx11-6``: a name ending in a digit gets a hyphen before the
    version), with the exceptions in :data:`PACKAGE_EXCEPTIONS`."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    match = re.fullmatch(r"(.+?)\.so(?:\.(\d+))?(?:\.[\d.]+)?", soname)
    if match is None:
        return soname
    base, version = match.group(1).lower().replace("_", "-"), match.group(2)
    if version is None:
        return base
    return f"{base}-{version}" if base[-1].isdigit() else f"{base}{version}"


def install_command(packages: list[str]) -> str:
    """The command that installs ``packages`` here (``apt-get`` on Debian and Ubuntu, with ``sudo`` unless we
    are root); on other systems, what to ask the package manager for."""
    names = " ".join(dict.fromkeys(packages))
    if shutil.which("apt-get") is None:
        return f"install the system packages that provide: {names}"
    prefix = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    return f"{prefix}apt-get install {names}"


def display_problem(platform: str, env: Mapping[str, str] = os.environ) -> str | None:
    """Why ``platform`` has no display to draw on here, or None if it has one (or needs none)."""
    if platform == "xcb":
        display = env.get("DISPLAY", "")
        if not display:
            return "no display (DISPLAY is not set)"
        local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
        if local and not Path(f"/tmp/.X11-unix/X{local.group(1)}").exists():
            return f"no display: no X server is running on {display}"
        return None
    if platform == "wayland":
        name = env.get("WAYLAND_DISPLAY", "")
        if not name:
            return "no display (WAYLAND_DISPLAY is not set)"
        socket = Path(name) if os.path.isabs(name) else Path(env.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
        return None if socket.exists() else f"no display: no Wayland compositor at {socket}"
    return None


NO_DISPLAY_FIX = "start it in a desktop session, or headless under `xvfb-run -a explorer` (apt-get install xvfb)"


def platform_problems(platform: str, env: Mapping[str, str] = os.environ,
                      ldd: LddRunner = run_ldd) -> list[tuple[str, str]]:
    """What stops Qt's ``platform`` plugin from starting here, each with its fix (none: it can start). A
    missing display comes first: on a server that is the news, and the libraries are needed under Xvfb too."""
    plugin = plugin_file(platform, env)
    if plugin is None:
        return [(f'Qt has no "{platform}" platform plugin', "set QT_QPA_PLATFORM to xcb, wayland or offscreen")]
    problems = []
    display = display_problem(platform, env)
    if display:
        problems.append((display, NO_DISPLAY_FIX))
    missing = missing_libraries(plugin, ldd)
    if missing:
        problems.append((f'Qt\'s "{platform}" platform plugin needs {", ".join(missing)}, which '
                         f'{"is" if len(missing) == 1 else "are"} not installed',
                         install_command([debian_package(name) for name in missing])))
    return problems


def start_problem(env: Mapping[str, str] = os.environ, ldd: LddRunner = run_ldd) -> str | None:
    """One line saying why the window cannot start here, with what to do, or None when it can: checked
    before the QApplication exists, so a user reads this instead of Qt's plugin error and abort. The start
    works when any platform Qt would try works, as Qt falls back from one to the next; otherwise the first
    platform's problems are named, and their fixes given in the order to do them (libraries first)."""
    if pyside6_dir() is None:
        return "PySide6 is not installed; reinstall Treaty Explorer (pip install treaty-explorer)"
    found = [platform_problems(platform, env, ldd) for platform in platform_candidates(env)]
    if any(not problems for problems in found):
        return None
    problems = found[0]
    return (f"the window cannot start: {'; '.join(problem for problem, _ in problems)}. "
            f"Fix: {'; then '.join(fix for _, fix in reversed(problems))}. (`explorer doctor` checks everything.)")


def import_error_advice(exc: ImportError) -> str:
    """One line for a Qt module that would not load: which system library it lacks and the command that
    installs it (``libnss3.so: cannot open shared object file`` → ``apt-get install libnss3``)."""
    match = re.search(r"([\w.+-]+\.so(?:\.[\d.]+)?): cannot open shared object file", str(exc))
    if match is None:
        return f"Qt cannot load: {exc}. (`explorer doctor` checks everything.)"
    return (f"Qt cannot load: {match.group(1)} is not installed. Fix: "
            f"{install_command([debian_package(match.group(1))])}. (`explorer doctor` checks everything.)")
