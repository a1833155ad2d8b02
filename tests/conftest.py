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
    from explorer.ui.app import create_application

    return create_application()
