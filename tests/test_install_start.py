"""Starting like an application: a start from the desktop menu (``--gui-errors``) with a broken dataset shows
its problems in a dialog, in the desktop's language; Chromium's harmless messages are kept off stderr while
real errors, from this process or its children, still reach it; the window gets its icon."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import stderr_filter

ROOT = Path(__file__).parents[1]
NOISE = [
    "GPUInfo not initialized on GpuInfoUpdate",
    "Sandboxing disabled by user.",
    "[2231:2231:1202/010203.456789:ERROR:gpu_init.cc(88)] Passthrough is not supported, GL is disabled",
    "[41:77:1202/010203.456789:ERROR:bus.cc(407)] Failed to connect to the bus: Failed to connect to socket "
    "/run/dbus/system_bus_socket: No such file or directory",
    "[41:77:1202/010203.456789:WARNING:sandbox_linux.cc(420)] InitializeSandbox() called with multiple threads",
    "libva error: vaGetDriverNameByIndex() failed with unknown libva error, driver_name = (null)",
    "Failed to load vulkan: Cannot load library vulkan: vulkan: cannot open shared object file: No such file",
    "Unable to detect GPU vendor for device: Mesa/X.org llvmpipe (LLVM 15.0.6, 256 bits) 4.5 Mesa 22.3.6",
]
REAL = [
    "Traceback (most recent call last):",
    "explorer: error: no event 'nope' in data.json",
    "[41:77:1202/010203.456789:ERROR:render_process_host_impl.cc(5210)] Terminating render process",
    "js: Uncaught TypeError: cannot read properties of undefined",
    "Release of profile requested but WebEnginePage still not deleted. Expect troubles !",
    "GPUInfo not initialized on GpuInfoUpdate, and then the renderer died",
    "Unable to detect GPU vendor for device: NVIDIA GeForce",
]


@pytest.mark.parametrize("line", NOISE)
def test_known_noise_is_harmless(line):
    assert stderr_filter.is_harmless(line)


@pytest.mark.parametrize("line", REAL)
def test_real_messages_are_not(line):
    assert not stderr_filter.is_harmless(line)


def test_the_filter_drops_noise_from_native_code_and_children_and_keeps_the_rest():
    """fd 2 written directly (as Chromium does), by a child process (as QtWebEngineProcess does), by Python,
    and a last line without a line end: only the noise is gone, and nothing after it is lost."""
    lines = "\n".join(NOISE[:3] + REAL[2:3]).encode() + b"\n"
    code = f"""
import os, subprocess, sys
from explorer import stderr_filter
stderr_filter.request()
assert stderr_filter.install_if_requested()
os.write(2, {lines!r})
subprocess.run(["sh", "-c", "echo 'Sandboxing disabled by user.' >&2; echo 'child: real error' >&2"])
print("python: a message", file=sys.stderr)
os.write(2, b"last words")
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={k: v for k, v in os.environ.items() if k != "EXPLORER_VERBOSE_STDERR"})
    assert run.returncode == 0, run.stderr
    kept = run.stderr.splitlines()
    assert sorted(kept) == sorted([REAL[2], "child: real error", "python: a message", "last words"]), run.stderr


def test_verbose_stderr_turns_the_filter_off():
    code = ("import os; from explorer import stderr_filter; stderr_filter.request(); "
            "print(stderr_filter.install_if_requested()); os.write(2, b'GPUInfo not initialized on GpuInfoUpdate\\n')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={**os.environ, "EXPLORER_VERBOSE_STDERR": "1"})
    assert run.stdout.strip() == "False" and "GPUInfo" in run.stderr


def test_qt_messages_that_are_noise_are_dropped_and_others_kept(capsys):
    """Qt passes some of Chromium's noise through its message handler (GPUInfo on PySide6 6.11)."""
    from PySide6.QtCore import QtMsgType

    from explorer.qt.application import _print_qt_message

    _print_qt_message(QtMsgType.QtWarningMsg, None, "GPUInfo not initialized on GpuInfoUpdate")
    _print_qt_message(QtMsgType.QtWarningMsg, None, "Failed to create RHI for backend: OpenGL")
    _print_qt_message(QtMsgType.QtWarningMsg, None, "QWebEnginePage: a real warning")
    assert capsys.readouterr().err == "QWebEnginePage: a real warning\n"


@pytest.fixture
def broken_dataset(tmp_path) -> Path:
    """A copy of a test dataset with several problems (so none of the test data is ever written)."""
    path = tmp_path / "broken.json"
    path.write_bytes((ROOT / "tests" / "data" / "broken" / "many_problems.json").read_bytes())
    return path


def _dialog_on_screen(qtbot, broken_dataset, tmp_path, language="en"):
    """Run ``explorer --gui-errors --data broken`` in this process; the dialog's texts and a picture of it."""
    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    from explorer.cli import main
    from explorer.qt.problems_dialog import ProblemsDialog

    seen = {}

    def look():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProblemsDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, look)
            return
        dialog = dialogs[0]
        seen.update(title=dialog.windowTitle(), summary=dialog.summary.text(),
                    problems=dialog.problems.toPlainText(),
                    buttons=[b.text() for b in dialog.findChildren(QPushButton)])
        dialog.grab().save(str(tmp_path / f"problems-{language}.png"))
        dialog.reject()

    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else QLocale.Language.English))
    try:
        QTimer.singleShot(0, look)
        code = main(["--gui-errors", "--data", str(broken_dataset)])
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English))
    return code, seen


@pytest.mark.gui
def test_a_menu_start_with_a_broken_dataset_shows_the_problems(qapp, qtbot, broken_dataset, tmp_path, capsys):
    code, seen = _dialog_on_screen(qtbot, broken_dataset, tmp_path)
    assert code == 1
    assert seen["title"] == "Treaty Explorer: problems in the dataset"
    assert str(broken_dataset) in seen["summary"] and "cannot be opened" in seen["summary"]
    assert seen["problems"].count("broken.json") >= 3
    on_stderr = [line for line in capsys.readouterr().err.splitlines() if line.startswith(str(broken_dataset))]
    assert len(on_stderr) >= 3
    # Each line as on stderr, starting with the file's name (the summary holds its folder).
    assert seen["problems"].splitlines() == [line.replace(str(broken_dataset), "broken.json") for line in on_stderr]


@pytest.mark.gui
def test_the_dialog_speaks_german_on_a_german_desktop(qapp, qtbot, broken_dataset, tmp_path):
    code, seen = _dialog_on_screen(qtbot, broken_dataset, tmp_path, language="de")
    assert code == 1
    assert seen["title"] == "Treaty Explorer: Fehler im Datensatz"
    assert "lässt sich nicht öffnen" in seen["summary"]
    assert seen["buttons"] == ["&Schließen"] or seen["buttons"] == ["Schließen"], seen["buttons"]


def test_without_gui_errors_a_broken_dataset_is_only_reported_on_stderr(broken_dataset):
    run = subprocess.run([sys.executable, "-m", "explorer", "--data", str(broken_dataset)], capture_output=True,
                         text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 1 and str(broken_dataset) in run.stderr


@pytest.mark.gui
def test_the_application_has_the_icon(qapp):
    from explorer.resources import ICON_SIZES

    icon = qapp.windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(n, n) for n in ICON_SIZES} <= sizes
    image = icon.pixmap(48, 48).toImage()
    assert image.pixelColor(24, 4).name() == "#234a72"        # the frame's blue, as drawn in the SVG
