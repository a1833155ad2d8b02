"""Layering and platform guards: the model never imports Qt, and no known-bad PySide6 is installed."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_import_linter_contract_holds():
    """The contract in pyproject.toml: explorer.model and explorer.webmap never import PySide6."""
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail("import-linter is not installed; install the test extras: pip install -e '.[test]'")
    run = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 1 kept, 0 broken" in run.stdout


def test_pure_commands_load_no_qt():
    """validate/export and the model import without loading Qt at all (fast, and no display needed)."""
    code = ("import sys, explorer.cli, explorer.model.export, explorer.model.details, explorer.webmap.page; "
            "explorer.cli.build_parser(); print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_no_pyside_release_that_leaks_none():
    """PySide6 6.12.0 on Python < 3.12 leaks a reference to None per void call and aborts the interpreter."""
    import PySide6

    assert not (PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12)), (
        "PySide6 6.12.0 on Python < 3.12 aborts with none_dealloc; pyproject.toml excludes it")


def test_void_qt_calls_do_not_leak_references_to_none(qapp):
    """Measure it: a few thousand void Qt calls must leave None's reference count where it was."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    for _ in range(50):        # warm up caches
        label.setText("x")
    before = sys.getrefcount(None)
    for i in range(3000):
        label.setText("y" if i % 2 else "z")
        label.resize(10 + i % 3, 10)
    after = sys.getrefcount(None)
    if sys.version_info >= (3, 12) and before > 1 << 30:
        return   # None is immortal from 3.12; its count is a fixed large number
    assert after - before < 100, f"None's reference count grew by {after - before} over 6000 void Qt calls"
