"""Test set-up: Qt runs offscreen with QtWebEngine's sandbox and GPU off (set before Qt is imported)."""

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu --log-level=3")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# Cached map pages go to a folder of this run (subprocesses inherit it), not the user's cache.
os.environ.setdefault("EXPLORER_CACHE_DIR", tempfile.mkdtemp(prefix="explorer-test-cache-"))

DATA_DIR = Path(__file__).parent / "data"
MINI = DATA_DIR / "mini.json"


@pytest.fixture
def mini_path() -> Path:
    """The small test dataset."""
    return MINI


@pytest.fixture
def mini():
    """The small test dataset, loaded."""
    from explorer.model import load_dataset

    return load_dataset(MINI)


@pytest.fixture(scope="session")
def qapp():
    """The application as the app creates it (our URL scheme registered first), for every Qt test."""
    from explorer.qt.application import create_application

    return create_application()


@pytest.fixture(scope="module")
def web_context(qapp):
    """One web profile (URL scheme, network guard) for a test module's views."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    from explorer.qt.web_context import WebContext

    context = WebContext()
    yield context
    # The views' pages must go before their profile, or QtWebEngine warns at exit.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    shiboken6.delete(context)


@pytest.fixture
def open_window(qtbot, web_context, tmp_path):
    """Open the main window on a dataset, at a size, with settings of its own; returns it once its map is ready."""
    from PySide6.QtCore import QSettings

    from explorer.model.state import ExplorerState
    from explorer.desktop.qt.main_window import MainWindow

    def open_(dataset, size=(1280, 800), **state):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(ExplorerState(dataset, **state), web_context, settings, restore=False)
        win.map_view.animate = False
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        if not win.map_view.is_ready:
            with qtbot.waitSignal(win.map_view.ready, timeout=20000):
                pass
        return win

    return open_


@pytest.fixture
def window(open_window, mini, qtbot):
    """The main window on the mini dataset once its search index is ready (test files that need another
    window define their own ``window``)."""
    win = open_window(mini)
    qtbot.waitUntil(lambda: win.search_box.is_ready, timeout=10000)
    return win
