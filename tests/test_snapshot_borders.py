"""Snapshots draw the period borders of their date, or today's with --borders present."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from explorer.model import load_dataset
from explorer.resources import DEFAULT_DATASET

pytestmark = pytest.mark.gui

VIENNA = (48.2082, 16.3738)


@pytest.fixture(scope="module")
def renderer(web_context):
    from explorer.snapshot.qt.renderer import SnapshotRenderer

    r = SnapshotRenderer(load_dataset(DEFAULT_DATASET), web_context)
    yield r
    r.close()


def test_a_snapshot_across_the_anschluss_draws_other_borders(renderer):
    from explorer.snapshot.spec import SnapshotSpec

    shots = {}
    for day in (dt.date(1938, 3, 1), dt.date(1938, 4, 1)):
        spec = SnapshotSpec(size=(1280, 720), date=day, center=VIENNA, zoom=6, caption=False)
        shots[day] = (renderer.render_image(spec), renderer.view.evaluate("TreatyMap.bordersState()"))
    (before, state_before), (after, state_after) = shots.values()
    assert any(i.startswith("austria@") for i in state_before["ids"])
    assert not any(i.startswith("austria@") for i in state_after["ids"])
    x, y = renderer.view.evaluate(f"TreatyMap.project({VIENNA[0] + 0.4}, {VIENNA[1] - 1.2})")
    assert before.pixelColor(round(x), round(y)) != after.pixelColor(round(x), round(y))


def test_present_day_borders_on_request(renderer):
    from explorer.snapshot.spec import SnapshotSpec

    renderer.render_image(SnapshotSpec(size=(1280, 720), date=dt.date(1938, 4, 1), borders="present"))
    state = renderer.view.evaluate("TreatyMap.bordersState()")
    assert state["mode"] == "present" and state["ids"] == []
    caption = renderer.view.evaluate("document.querySelector('.tm-caption').textContent")
    assert "Natural Earth" in caption and "GPL" not in caption
    renderer.render_image(SnapshotSpec(size=(1280, 720), date=dt.date(1938, 4, 1)))
    assert renderer.view.evaluate("TreatyMap.bordersState()")["mode"] == "period"
    assert "GPL-3.0" in renderer.view.evaluate("document.querySelector('.tm-caption').textContent")


def test_the_standalone_page_carries_the_borders_inline(renderer):
    from explorer.snapshot.spec import SnapshotSpec

    html = renderer.render_html(SnapshotSpec(event="anschluss-1938"))
    assert 'id="tm-basemap-borders-1918-1941"' in html and "explorer://" not in html


def test_borders_option_on_the_command_line(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "explorer", "snapshot", "--event", "anschluss-1938", "--borders",
                          "sideways", "--out", str(tmp_path / "a.png")], capture_output=True, text=True, timeout=60,
                         env=env)
    assert run.returncode == 2 and "--borders" in run.stderr and not (tmp_path / "a.png").exists()
