"""Layering and platform guards: imports follow the layers, Qt stays in qt folders, no cycles, and no known-bad
PySide6 is installed."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _lint(root: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail("import-linter is not installed; install the test extras: pip install -e '.[test]'")
    return subprocess.run([str(lint), "--no-cache", str(root / "pyproject.toml")], cwd=root, capture_output=True,
                          text=True, env=env)


def test_import_linter_contracts_hold():
    """The contracts in pyproject.toml (layers, Qt only in qt folders, no cycles): none broken."""
    run = _lint()
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"Contracts: \d+ kept, 0 broken", run.stdout), run.stdout


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory):
    """A copy of the package and its contracts, to break on purpose."""
    root = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "explorer", root / "explorer", ignore=shutil.ignore_patterns("__pycache__", "*.json",
                                                                                      "*.geojson", "assets"))
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize("module, code, contract", [
    ("explorer/model/dates.py", "import explorer.qt.map_view", "Layers"),                # an upward import
    ("explorer/kiosk/brand_new_module.py", "from PySide6 import QtCore", "Qt only in qt folders"),   # any name
    ("explorer/kiosk/idle.py", "def later():\n    from explorer.kiosk.qt import window", "Qt only in qt folders"),
    ("explorer/model/relations.py", "import explorer.model.search", "No import cycles"),  # search -> ... -> here
])
def test_the_contracts_catch_what_they_forbid(tree_copy, module, code, contract):
    """Each contract fails when its rule is broken, including for a module nobody listed anywhere."""
    path = tree_copy / module
    before = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text((before or "") + "\n" + code + "\n", encoding="utf-8")
    try:
        env = {**os.environ, "PYTHONPATH": str(tree_copy)}
        run = _lint(tree_copy, env)
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
    assert run.returncode != 0, run.stdout
    broken = run.stdout.split("Broken contracts", 1)[1]
    assert contract in broken, run.stdout


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
