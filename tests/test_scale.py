"""At 10,000 events the app still works: it opens, filters by time and kind, selects, draws links and exports.

Not timed (``explorer bench`` measures); these check that the fast paths show the right things.
"""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from explorer.bench.synthetic import dumps, generate
from explorer.model.loader import load_dataset
from explorer.model.state import ExplorerState
from explorer.resources import DEFAULT_DATASET

pytestmark = [pytest.mark.gui, pytest.mark.slow]

N = 10_000


@pytest.fixture(scope="module")
def big_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / f"synthetic-{N}.json"
    path.write_text(dumps(generate(N, seed=1)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big(big_path):
    return load_dataset(big_path)


@pytest.fixture(scope="module")
def web_context():
    from explorer.qt.application import create_application
    from explorer.qt.web_context import WebContext

    create_application()
    context = WebContext()
    yield context
    context.deleteLater()
    _delete_now()


def _delete_now():
    """Run pending deleteLater()s (page before view before profile, or Qt warns at exit)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="module")
def window(big, web_context, tmp_path_factory):
    from explorer.desktop.qt.main_window import MainWindow

    settings = QSettings(str(tmp_path_factory.mktemp("settings") / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ExplorerState(big), web_context, settings, restore=False)
    win.map_view.animate = False
    win.resize(1280, 800)
    win.show()
    from explorer.bench.qt.measure import wait_for

    assert wait_for(win.map_view.ready, 60000, lambda: win.map_view.is_ready), "the 10,000-event page never loaded"
    yield win
    win.close()
    win.deleteLater()
    _delete_now()


def page(win) -> dict:
    return win.map_view.page_state()


def settle(qtbot, win, predicate, timeout=15000):
    qtbot.waitUntil(lambda: predicate(page(win)), timeout=timeout)


def test_window_opens_with_every_visible_event_on_the_canvas(window, qtbot):
    state = window.state
    p = page(window)
    assert p["ready"] and p["renderer"] == "canvas"
    assert window.map_view.page().console_errors == []
    assert p["visibleCount"] == len(state.visible_events()) > 0


def test_the_label_obstacles_shortcuts_agree_with_every_visible_event(window):
    """The stretch of the columns that P.forRecent walks holds exactly the recent visible events, and
    P.visibleMoreThan counts as far as it must, with and without a time window (the label obstacles take
    them at scale instead of every visible event)."""
    result = window.map_view.evaluate("""(() => {
        const P = TreatyMap._, out = [], keep = [P.state.date, P.state.windowDays];
        for (const w of [null, 400]) for (const iso of ["1912-03-01", "1938-09-30", "1995-01-01"]) {
            P.state.windowDays = w; P.state.date = P.dayNumber(iso); P.refresh(false);
            const all = [], recent = [];
            P.forVisible((i, code) => { all.push(i); if (code === 0) recent.push(i); });
            P.forRecent(i => recent.push(-1 - i));
            const fast = recent.filter(i => i < 0).map(i => -1 - i).sort((a, b) => a - b);
            const slow = recent.filter(i => i >= 0).sort((a, b) => a - b);
            out.push({w, iso, visible: all.length, recent: slow.length, same: fast.join() === slow.join(),
                      below: P.visibleMoreThan(all.length - 1), at: P.visibleMoreThan(all.length)});
        }
        P.state.date = keep[0]; P.state.windowDays = keep[1]; P.refresh(false);
        return out; })()""")
    assert all(r["same"] and r["below"] and not r["at"] for r in result), result
    assert all(r["visible"] > r["recent"] > 0 for r in result if r["iso"] != "1912-03-01"), result


def test_date_change_shows_exactly_the_events_up_to_that_date(window, qtbot):
    state = window.state
    for date in (dt.date(1912, 3, 1), dt.date(1938, 9, 30), dt.date(1995, 1, 1)):
        state.set_date(date)
        settle(qtbot, window, lambda p, d=date: p["date"] == d.isoformat())
        expected = state.visible_events()
        p = page(window)
        assert p["visibleCount"] == len(expected)
        if p["visibleIds"] is not None:
            assert set(p["visibleIds"]) == {e.id for e in expected}
    counts = [len([e for e in state.dataset.events if e.start <= d])
              for d in (dt.date(1912, 3, 1), dt.date(1995, 1, 1))]
    assert counts[0] < counts[1]


def test_filter_by_kind_reduces_the_markers(window, qtbot):
    state = window.state
    state.set_date(dt.date(1990, 1, 1))
    settle(qtbot, window, lambda p: p["date"] == "1990-01-01")
    everything = page(window)["visibleCount"]
    state.set_filters(kinds=frozenset({"treaty"}))
    try:
        expected = len(state.visible_events())
        settle(qtbot, window, lambda p: p["visibleCount"] == expected)
        assert 0 < expected < everything
        assert all(e.kind == "treaty" for e in state.visible_events())
    finally:
        state.set_filters(kinds=frozenset())
    settle(qtbot, window, lambda p: p["visibleCount"] == everything)


def test_marker_click_selects_fills_details_and_draws_links(window, qtbot):
    state, view = window.state, window.map_view
    event = next(e for e in state.dataset.events[N // 2:] if len(state.dataset.links_of(e.id)) >= 2)
    state.set_date(event.start)
    settle(qtbot, window, lambda p: p["date"] == event.start.isoformat())
    with qtbot.waitSignal(view.bridge.event_clicked, timeout=10000) as blocker:
        assert view.evaluate(f"TreatyMap.clickMarker({json.dumps(event.id)})") is True
    assert blocker.args == [event.id]
    assert state.selected_id == event.id
    settle(qtbot, window, lambda p: p["selected"] == event.id)
    p = page(window)
    links = state.dataset.links_of(event.id)
    assert p["linkCount"] == len(links)
    # One arc per other place the links go to (a link to the same place is a ring, not an arc).
    places = {state.dataset.event(v.other_id).place_id for v in links} - {event.place_id}
    assert p["linkArcs"] == len(places)
    text = window.details.toPlainText()
    assert event.title in text and event.date_label() in text
    state.select(None)


def test_canvas_markers_answer_real_mouse_clicks(window, qtbot):
    """A click at a marker's pixel (not a script) reaches Python through the canvas layer's hit test."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    state, view = window.state, window.map_view
    state.set_date(dt.date(1930, 1, 1))
    settle(qtbot, window, lambda p: p["date"] == "1930-01-01")
    # A recent event (drawn on top) whose marker is well inside the map, clear of the controls.
    width, height = page(window)["size"]
    for event in reversed(state.visible_events()):
        place = state.dataset.place_of(event)
        x, y = view.evaluate(f"TreatyMap.project({place.lat}, {place.lon})")
        dx, dy = view.evaluate(f"(TreatyMap.markerOffset({json.dumps(event.id)}))")
        x, y = x + dx, y + dy
        if 80 < x < width - 80 and 80 < y < height - 80:
            break
    else:
        pytest.fail("no visible marker inside the map to click")
    before = page(window)
    target = view.focusProxy() or view
    with qtbot.waitSignal(view.bridge.event_clicked, timeout=10000) as blocker:
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(x), round(y)))
    clicked = blocker.args[0]
    assert state.dataset.has_event(clicked)
    assert state.selected_id == clicked
    # The hit test picks a marker under the pointer: in the view as it was (selecting re-frames the map),
    # the clicked event's own marker lies within a marker's radius of the click.
    view.evaluate(f"TreatyMap.setView({before['center'][0]}, {before['center'][1]}, {before['zoom']})")
    hit = state.dataset.place_of(state.dataset.event(clicked))
    hx, hy = view.evaluate(f"TreatyMap.project({hit.lat}, {hit.lon})")
    ox, oy = view.evaluate(f"(TreatyMap.markerOffset({json.dumps(clicked)}))")
    assert abs(hx + ox - x) <= 11 and abs(hy + oy - y) <= 11
    state.select(None)


def test_layout_report_lists_canvas_markers_where_and_as_large_as_they_are_drawn(window, qtbot):
    """The layout report (issue 13) reads the canvas layer's markers: each at the point the canvas drew it,
    recent ones at their look's size, long-ended ones as the canvas's small marks."""
    view = window.map_view
    window.state.set_date(dt.date(1960, 6, 1))
    settle(qtbot, window, lambda p: p["date"] == "1960-06-01" and p["paintedSerial"] == p["serial"])
    drawn = view.evaluate("""(function () {
        const P = TreatyMap._, c = P.eventCanvas, out = {}, k = window.devicePixelRatio || 1;
        const old = [];
        for (let j = 0; j < P.n && old.length < 20; j++) if (P.isVisible(P.byLast[j])) old.push(P.byLast[j]);
        const fresh = P.freshEvents(), recent = fresh.filter(function (i) { return P.lookCode(i) === 0; });
        fresh.slice(0, 20).concat(recent.slice(0, 20), old).forEach(function (i) {
          const pt = P.map.layerPointToContainerPoint(c.layerPointOf(i));
          out[P.text.id[i]] = [pt.x * k, pt.y * k, P.lookCode(i)];
        });
        return out; })()""")
    markers = {m["id"]: m["rect"] for m in view.layout_report()["markers"]}
    checked = {"recent": 0, "old": 0}
    for event_id, (x, y, code) in drawn.items():
        rect = markers.get(event_id)
        if rect is None:
            continue                                   # drawn outside the view
        assert abs(rect[0] + rect[2] / 2 - x) <= 1 and abs(rect[1] + rect[3] / 2 - y) <= 1, event_id
        if code == 0:
            assert rect[2] >= 16, (event_id, rect)      # a recent marker: 8.5 px of its shape and the outline
            checked["recent"] += 1
        elif code == 5:
            assert rect[2] <= 8, (event_id, rect)       # an old event's small mark
            checked["old"] += 1
    assert checked["recent"] and checked["old"]


def test_snapshot_export_at_scale(big, web_context, tmp_path):
    from PySide6.QtGui import QImage

    from explorer.snapshot.qt.renderer import SnapshotRenderer
    from explorer.snapshot.spec import SnapshotSpec

    out = tmp_path / "scale.png"
    event = big.events[N // 2]
    with SnapshotRenderer(big, web_context) as renderer:
        renderer.save(SnapshotSpec(size=(1920, 1080), event=event.id), out)   # caption placed "auto"
        assert renderer.view.page().console_errors == []
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1920, 40) for y in range(0, 1080, 40)}
    assert len(colours) > 20, "the snapshot is (nearly) blank"


def test_bench_quick_smoke_prints_one_json_object_with_every_key(tmp_path):
    from explorer.bench.qt.cli import REQUIRED_KEYS

    # Its temporary files (datasets, settings of each cold start) go to a folder of the test's own.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "explorer", "bench", "--quick", "--sizes", "40", "--json"],
                         capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)          # exactly one JSON object, nothing else on stdout
    assert result["missing"] == [], result["missing"]
    assert result["size_labels"] == {"40": f"shipped ({result['shipped_events']})"}
    assert result["shipped_events"] == len(load_dataset(DEFAULT_DATASET).events)
    assert result["border_change_visible_ms_median"] > 0
    for key in REQUIRED_KEYS:
        # A figure for a size that was measured is a number; one for a size that was not is None.
        size = key.rsplit("_", 1)[-1]
        measured = not size.isdigit() or int(size) in result["sizes"]
        value = result[key]
        assert (isinstance(value, (int, float)) and value > 0) if measured else value is None, (key, value)
    assert result["load_validate_ms_40"] > 0
    assert result["cold_start_ms_median"] > 0
    assert result["time_change_ms_median_40"] > 0
    assert result["select_ms_median_40"] > 0
    assert result["time_change_visible_ms_median_40"] > 0
    assert result["cold_start_nocache_ms_median"] > 0
    # Every timing with its spread; the targets of issue 18 beside the figures; the machine's load.
    spread = result["spread"]["time_change_visible_ms_median_40"]
    assert spread["min"] <= spread["median"] <= spread["p95"] and spread["n"] >= 10
    assert set(result["targets"]) >= {"time_change_visible_ms_median_10000", "time_change_visible_ms_p95_10000",
                                      "time_change_visible_ms_median_100000", "speedup_vs_timeline_plugin_10000",
                                      "drag_backlog_ms_100000", "cold_start_nocache_ms_median",
                                      "cold_start_ms_100000", "load_validate_ms_100000",
                                      "search_keystroke_ms_p95_100000", "memory_mb_100000"}
    assert result["targets"]["cold_start_nocache_ms_median"]["met"] in (True, False)
    assert result["targets"]["time_change_visible_ms_median_10000"]["met"] is None      # 10,000 not measured
    assert result["load_average"]["samples"] > 0 and result["load_average"]["max"] >= 0
    assert {"cpu_count", "python", "pyside6", "date"} <= set(result["machine"])
    # The folium time-slider plugins ran side by side (their JavaScript from npm), or a note says why not.
    assert result.get("timeline_plugin_visible_ms_median_40") or any("folium plugins" in n for n in result["notes"])
    # and it removed every one of them (each cold start once left its settings folder behind).
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_bench_fills_every_figure_at_every_size_it_measures(monkeypatch, tmp_path):
    """The bench's bookkeeping at the sizes the smoke run cannot afford (10,000 and 100,000): every
    measurement faked to return a few samples, and the result must still hold every figure of every size,
    memory and cold start at each size from 10,000 on, with their spreads (memory at 10,000 was once never
    measured, since only the largest size was)."""
    from explorer.bench import command_runs, peer_pages
    from explorer.bench.plan import expected_keys
    from explorer.bench.qt import cli, measure, runs, visible
    from explorer.qt import application, web_context

    sizes = [40, 1000, 10_000, 100_000]
    calls = {"cold": []}

    class FakeSession:
        def __init__(self, dataset, context):
            self.view = type("View", (), {"page": lambda self: type("P", (), {"console_errors": []})()})()

        def close(self):
            pass

    def fake_cold_start(path, settle_ms=0, cache_dir=None):
        calls["cold"].append((str(path), settle_ms, cache_dir is not None))
        return {"cold_start_ms": 1000.0 + len(calls["cold"]), "phases": {},
                "memory": {"pss_mb": 300.0 + len(calls["cold"]), "rss_mb": 400.0, "processes": 3}}

    samples = lambda *args, **kwargs: [3.0, 4.0, 5.0]  # noqa: E731
    monkeypatch.setattr(cli, "dataset_paths", lambda sizes, work: {n: DEFAULT_DATASET for n in sizes})
    monkeypatch.setattr(cli, "load_validate", samples)
    monkeypatch.setattr(cli, "validate_problems", samples)
    monkeypatch.setattr(cli, "cold_start", fake_cold_start)
    monkeypatch.setattr(application, "create_application", lambda: None)
    monkeypatch.setattr(web_context, "WebContext", lambda: type("C", (), {"deleteLater": lambda self: None})())
    monkeypatch.setattr(measure, "WindowSession", FakeSession)
    for name in ("time_change", "folium_recipe_reload", "rebuild_reload"):
        monkeypatch.setattr(measure, name, samples)
    monkeypatch.setattr(measure, "spin", lambda ms: None)
    monkeypatch.setattr(measure, "selection", lambda s, n: ([3.0, 4.0], {"n": 0}))
    monkeypatch.setattr(measure, "search", lambda s: ([1.0, 2.0, 9.0], 5))
    monkeypatch.setattr(measure, "snapshot", lambda *a, **k: ([100.0, 120.0], None))
    monkeypatch.setattr(measure, "drag_stall", lambda s, sec: {"max_stall_ms": 20.0, "frames_painted": 9,
                                                             "date_changes": 300})
    for name in ("time_change_visible", "border_change_visible", "peer_change_visible"):
        monkeypatch.setattr(visible, name, samples)
    monkeypatch.setattr(visible, "drag_backlog", lambda s, sec: {"backlog_ms": 30.0, "page_updates": 20,
                                                                "date_changes": 300, "final_date_shown": True})
    monkeypatch.setattr(visible, "PeerSession", lambda *a: type("Peer", (), {
        "load_ms": 1.0, "errors": [], "close": lambda self: None})())
    monkeypatch.setattr(peer_pages, "peer_files", lambda: {})
    monkeypatch.setattr(command_runs, "run_command", lambda args: {"returncode": 0, "ms": 2000.0, "peak_mb": 300.0,
                                                                  "stderr": ""})
    monkeypatch.setattr(runs, "measure_in_process", runs.measure_in_process)

    result = cli.run_bench(sizes, quick=False)

    assert result["missing"] == []
    for key in expected_keys(sizes):
        assert isinstance(result[key], (int, float)), key
    for n in (10_000, 100_000):
        assert result[f"memory_mb_{n}"] > 0 and result[f"cold_start_ms_{n}"] > 0
        assert result["spread"][f"memory_mb_{n}"]["n"] >= 3, "memory wants at least three samples"
        assert result["spread"][f"cold_start_ms_{n}"]["n"] >= 3
    assert {"cold starts", "window, 100000 events", "folium plugins, 10000 events"} <= set(result["phase_seconds"])
    assert "folium plugins, 100000 events" not in result["phase_seconds"]
