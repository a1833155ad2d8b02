"""``explorer install-desktop``: a menu entry and an icon for this user, following the freedesktop.org
conventions, so museum staff and teachers start the explorer from their desktop's menu.

Writes ``$XDG_DATA_HOME/applications/treaty-explorer.desktop`` (Desktop Entry Specification 1.4, the newest
that Debian 12's ``desktop-file-validate`` knows) and the icon into the user's hicolor theme
(``$XDG_DATA_HOME/icons/hicolor/scalable/apps`` and ``NxN/apps``), with ``$XDG_DATA_HOME`` defaulting to
``~/.local/share``. The entry starts this very installation (the
``explorer`` script beside the running Python, so it works from a venv, pipx or ``uv tool``) with
``--gui-errors``: a dataset with problems is shown in a dialog, not only on an unread stderr.

Never over a file it did not create: what it writes is recorded with its checksum in
``$XDG_DATA_HOME/treaty-explorer/installed-files.json``; a file there already is replaced only if it is
byte-for-byte ours, or unchanged since we wrote it. ``--remove`` takes away exactly those files. Free of Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from explorer import __version__
from explorer.resources import APP_ID, ICON_SIZES, icon_png, icon_svg
from explorer.safe_write import write_bytes_atomic, write_text_atomic

DESKTOP_FILE = f"{APP_ID}.desktop"
#: Characters that make an ``Exec`` argument need double quotes (Desktop Entry Specification, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class InstallRefused(RuntimeError):
    """A file that is not ours is in the way; the message names it and says what to do."""


def data_home(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME`` (an absolute path; a relative one is ignored, as the spec says), else
    ``~/.local/share``."""
    value = env.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def manifest_path(env: Mapping[str, str] = os.environ) -> Path:
    """Where the files this command wrote are recorded, with their checksums."""
    return data_home(env) / APP_ID / "installed-files.json"


def launcher() -> list[str]:
    """The command that starts this installation: the ``explorer`` script beside the running Python (in a
    venv, pipx or ``uv tool`` folder; not resolved, since a venv's python is a link out of the venv), else
    ``python -m explorer``."""
    script = Path(sys.executable).parent / "explorer"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "explorer"]


def exec_argument(arg: str) -> str:
    """One argument of an ``Exec`` line: quoted when it holds a reserved character, with ``"`` `` ` `` ``$``
    and ``\\`` escaped inside the quotes, and ``%`` doubled (field codes start with it)."""
    arg = arg.replace("%", "%%")
    if not _RESERVED.intersection(arg):
        return arg
    return '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg) + '"'


def _string_value(text: str) -> str:
    """A value of type string in a desktop file: backslashes escaped (so an ``Exec`` line's own escapes
    survive), no line ends."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def entry_text(command: list[str] | None = None) -> str:
    """The desktop entry that starts ``command`` (default: :func:`launcher`) with ``--gui-errors``."""
    command = command or launcher()
    exec_line = " ".join(exec_argument(arg) for arg in [*command, "--gui-errors"])
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=Treaty Explorer",
        "GenericName=Map and timeline of interwar agreements",
        "GenericName[de]=Karte und Zeitleiste der Verträge der Zwischenkriegszeit",
        "Comment=Explore German–Soviet agreements 1918–1941 on a map and a timeline",
        "Comment[de]=Deutsch-sowjetische Abkommen 1918–1941 auf Karte und Zeitleiste erkunden",
        f"Exec={_string_value(exec_line)}",
        f"TryExec={_string_value(command[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Education;History;Geography;",
        "Keywords=treaty;agreement;map;timeline;history;interwar;Rapallo;",
        "Keywords[de]=Vertrag;Abkommen;Karte;Zeitleiste;Geschichte;Zwischenkriegszeit;Rapallo;",
        "StartupNotify=true",
        f"X-TreatyExplorer-Version={__version__}",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Planned:
    """One file to write: where, and its bytes."""

    path: Path
    data: bytes


def plan(env: Mapping[str, str] = os.environ, command: list[str] | None = None) -> list[Planned]:
    """Every file the command writes: the entry, the scalable icon and each PNG size."""
    icons = data_home(env) / "icons" / "hicolor"
    files = [Planned(data_home(env) / "applications" / DESKTOP_FILE, entry_text(command).encode("utf-8")),
             Planned(icons / "scalable" / "apps" / f"{APP_ID}.svg", icon_svg().read_bytes())]
    files += [Planned(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png", icon_png(size).read_bytes())
              for size in ICON_SIZES]
    return files


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(env: Mapping[str, str]) -> dict[str, str]:
    """Path → checksum of each file this command wrote (empty when there is no readable record)."""
    try:
        recorded = json.loads(manifest_path(env).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in recorded.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _ours(path: Path, manifest: dict[str, str], new: bytes | None = None) -> bool:
    """Whether an existing ``path`` may be replaced or removed: it holds exactly ``new``, or it is unchanged
    since this command wrote it."""
    current = path.read_bytes()
    return current == new or manifest.get(str(path)) == _digest(current)


def install(env: Mapping[str, str] = os.environ, command: list[str] | None = None) -> list[Path]:
    """Write the entry and the icons (all or nothing: every file is checked before the first is written);
    the paths written. InstallRefused names a file in the way that is not ours."""
    files = plan(env, command)
    manifest = _read_manifest(env)
    for item in files:
        if (item.path.exists() or item.path.is_symlink()) and not (item.path.is_file() and
                                                                  _ours(item.path, manifest, item.data)):
            raise InstallRefused(f"{item.path} exists and was not written by `explorer install-desktop`; it was "
                                 "left as it is (move it away to install the menu entry)")
    for item in files:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(item.path, item.data)
        manifest[str(item.path)] = _digest(item.data)
    manifest_path(env).parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(manifest_path(env), json.dumps({"files": manifest}, indent=1, sort_keys=True) + "\n")
    return [item.path for item in files]


def remove(env: Mapping[str, str] = os.environ) -> tuple[list[Path], list[Path]]:
    """Delete the files this command wrote and nobody changed since; ``(removed, kept)``, where ``kept`` are
    files it wrote that were changed (they are left alone)."""
    manifest = _read_manifest(env)
    removed, kept = [], []
    for name in sorted(manifest):
        path = Path(name)
        if not path.is_file():
            continue
        if _ours(path, manifest):
            path.unlink()
            removed.append(path)
        else:
            kept.append(path)
    remaining = {str(p): manifest[str(p)] for p in kept}
    if remaining:
        write_text_atomic(manifest_path(env), json.dumps({"files": remaining}, indent=1, sort_keys=True) + "\n")
    elif manifest_path(env).exists():
        manifest_path(env).unlink()
    return removed, kept


def installed_entry(env: Mapping[str, str] = os.environ) -> Path | None:
    """The menu entry, if this command installed it and it is still there."""
    path = data_home(env) / "applications" / DESKTOP_FILE
    return path if str(path) in _read_manifest(env) and path.is_file() else None


def cmd_install_desktop(args) -> int:
    """Install (or with ``--remove`` take away) the menu entry and icon; ``--print`` only shows the entry."""
    if args.print:
        sys.stdout.write(entry_text())
        return 0
    if args.remove:
        removed, kept = remove()
        for path in removed:
            print(f"removed {path}")
        for path in kept:
            print(f"explorer: {path} was changed since it was installed; it was left as it is", file=sys.stderr)
        if not removed and not kept:
            print("no menu entry of Treaty Explorer is installed for this user")
        return 0
    try:
        written = install()
    except InstallRefused as exc:
        print(f"explorer: error: {exc}", file=sys.stderr)
        return 2
    print(f"installed the menu entry {written[0]}")
    print(f"and the icon in {data_home() / 'icons' / 'hicolor'} ({len(written) - 1} sizes)")
    print("It starts: " + " ".join(launcher()) + " --gui-errors")
    return 0
