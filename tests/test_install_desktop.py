"""``explorer install-desktop``: a valid freedesktop.org entry and hicolor icons for the user, an Exec line that
starts this installation with ``--gui-errors`` (quoted by the spec's rules), never a write over a file it did
not create (or that the user changed since), and ``--remove`` taking away only its own files."""

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from explorer import install_desktop as desk
from explorer.resources import ICON_SIZES, icon_svg

ROOT = Path(__file__).parents[1]


def _run(tmp_path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    return subprocess.run([sys.executable, "-m", "explorer", "install-desktop", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def _entry(path: Path) -> dict:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str          # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def _exec_arguments(value: str) -> list[str]:
    """An Exec value split the way a desktop environment does (string unescaping, then quoting rules)."""
    value = value.replace("\\\\", "\\")
    args, current, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\" and i + 1 < len(value) and value[i + 1] in '"`$\\':
            current += value[i + 1]
            i += 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += ch
        i += 1
    if started or current:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def test_install_writes_a_valid_entry_and_every_icon(tmp_path):
    run = _run(tmp_path)
    assert run.returncode == 0, run.stderr
    share = tmp_path / "share"
    entry_file = share / "applications" / "treaty-explorer.desktop"
    entry = _entry(entry_file)
    assert entry["Type"] == "Application" and entry["Name"] == "Treaty Explorer"
    assert entry["Icon"] == "treaty-explorer" and entry["Terminal"] == "false"
    assert "Education" in entry["Categories"].split(";")
    command = _exec_arguments(entry["Exec"])
    assert command[-1] == "--gui-errors"
    assert Path(command[0]).is_absolute() and os.access(command[0], os.X_OK)
    assert entry["TryExec"] == command[0]
    svg = share / "icons" / "hicolor" / "scalable" / "apps" / "treaty-explorer.svg"
    assert svg.read_bytes() == icon_svg().read_bytes()
    for size in ICON_SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "treaty-explorer.png"
        assert Image.open(png).size == (size, size)
    validator = shutil.which("desktop-file-validate")
    if validator:                      # Debian's desktop-file-utils, where installed: the spec's own checker
        check = subprocess.run([validator, str(entry_file)], capture_output=True, text=True)
        assert check.returncode == 0 and check.stdout.strip() == "", check.stdout


def test_the_entry_starts_this_installation_and_its_command_runs(tmp_path):
    """The Exec command, run as the menu would (without --gui-errors, plus --version), is this explorer."""
    text = desk.entry_text()
    (tmp_path / "e.desktop").write_text(text, encoding="utf-8")
    entry = _entry(tmp_path / "e.desktop")
    command = _exec_arguments(entry["Exec"])[:-1]
    run = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.startswith("explorer "), run.stdout + run.stderr


@pytest.mark.parametrize("arg", ["/opt/Treaty Explorer/bin/explorer", '/home/a"b/explorer', "/srv/$HOME/`x`/explorer",
                                 "C:\\odd\\path", "/tmp/100%/explorer"])
def test_exec_arguments_are_quoted_by_the_spec(tmp_path, arg):
    text = desk.entry_text([arg, "-m", "explorer"])
    (tmp_path / "e.desktop").write_text(text, encoding="utf-8")
    assert _exec_arguments(_entry(tmp_path / "e.desktop")["Exec"]) == [arg, "-m", "explorer", "--gui-errors"]


def test_install_again_replaces_only_its_own_files(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "share")}
    desk.install(env, ["/old/venv/bin/explorer"])
    written = desk.install(env, ["/new/venv/bin/explorer"])        # moved installation: the entry follows
    assert "/new/venv/bin/explorer --gui-errors" in written[0].read_text(encoding="utf-8")
    assert desk.installed_entry(env) == written[0]


def test_never_over_a_file_it_did_not_create(tmp_path):
    """A foreign entry (or icon) in the way: refused with exit 2, the file untouched, nothing else written."""
    apps = tmp_path / "share" / "applications"
    apps.mkdir(parents=True)
    theirs = apps / "treaty-explorer.desktop"
    theirs.write_text("[Desktop Entry]\nName=Someone else's\n", encoding="utf-8")
    run = _run(tmp_path)
    assert run.returncode == 2
    assert str(theirs) in run.stderr and "not written by `explorer install-desktop`" in run.stderr
    assert theirs.read_text(encoding="utf-8") == "[Desktop Entry]\nName=Someone else's\n"
    assert not (tmp_path / "share" / "icons").exists()


def test_a_file_the_user_changed_is_not_replaced_nor_removed(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "share")}
    entry = desk.install(env)[0]
    entry.write_text(entry.read_text(encoding="utf-8").replace("--gui-errors", "--gui-errors --kiosk"),
                     encoding="utf-8")
    with pytest.raises(desk.InstallRefused):
        desk.install(env)
    removed, kept = desk.remove(env)
    assert kept == [entry] and entry.exists()
    assert len(removed) == 1 + len(ICON_SIZES)
    assert not any(path.exists() for path in removed)


def test_remove_takes_away_what_it_installed(tmp_path):
    assert _run(tmp_path).returncode == 0
    run = _run(tmp_path, "--remove")
    assert run.returncode == 0 and run.stdout.count("removed ") == 2 + len(ICON_SIZES)
    files = [p for p in (tmp_path / "share").rglob("*") if p.is_file()]
    assert files == []


def test_print_shows_the_entry_without_installing(tmp_path):
    run = _run(tmp_path, "--print")
    assert run.returncode == 0 and run.stdout.startswith("[Desktop Entry]\n")
    assert not (tmp_path / "share").exists()
