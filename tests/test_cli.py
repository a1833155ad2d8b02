"""The app's own command line: a bad start state is a clear error before any window opens."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BROKEN = Path(__file__).parent / "data" / "broken"


def _run(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_unknown_event_id_is_a_clear_error():
    run = _run("--event", "rapallo-1923")
    assert run.returncode == 2
    assert "no event 'rapallo-1923'" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("date, words", [("1922-02-30", "1922-02-30"), ("16 April 1922", "YYYY-MM-DD"),
                                         ("1922-13-01", "1922-13-01")])
def test_impossible_or_malformed_date_is_a_clear_error(date, words):
    run = _run("--date", date)
    assert run.returncode == 2
    assert run.stderr.startswith("explorer: error: --date:")
    assert words in run.stderr
    assert "Traceback" not in run.stderr


def test_broken_dataset_lists_its_problems_and_opens_nothing():
    path = BROKEN / "unknown_place.json"
    before = path.read_bytes()
    run = _run("--data", str(path))
    assert run.returncode == 1
    assert str(path) in run.stderr and "nothing was changed" in run.stderr
    assert "Traceback" not in run.stderr
    assert path.read_bytes() == before


def test_missing_dataset_file_is_named():
    run = _run("--data", "/nonexistent/data.json")
    assert run.returncode == 1
    assert "/nonexistent/data.json" in run.stderr
    assert "Traceback" not in run.stderr


def test_no_display_is_a_clear_error_not_a_crash():
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    run = _run("--event", "rapallo-1922", env_extra=env)
    assert run.returncode == 2
    assert "no display" in run.stderr
    assert "Traceback" not in run.stderr
