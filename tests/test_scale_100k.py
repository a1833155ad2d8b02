"""At 100,000 events the map page still shows the right things: compact page data, the events at each date,
filters, clicks, and latest-wins updates. Only the map view is opened (the window's other views are tested
at 10,000 in test_scale.py), so this stays within a few tens of seconds.

Not timed (``explorer bench`` measures at 100,000).
"""

import datetime as dt
import json

import pytest

from explorer.bench.synthetic import dumps, generate
from explorer.model.loader import load_dataset
from explorer.model.state import ExplorerState

pytestmark = [pytest.mark.gui, pytest.mark.slow]

N = 100_000


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale100k") / f"synthetic-{N}.json"
    path.write_text(dumps(generate(N, seed=1)), encoding="utf-8")
    return load_dataset(path)


@pytest.fixture(scope="module")
def view(huge, web_context):
    from explorer.bench.qt.measure import wait_for
    from explorer.qt.map_view import MapView

    view = MapView(ExplorerState(huge), web_context, animate=False)
    view.resize(1100, 700)
    view.show()
    assert wait_for(view.ready, 120000, lambda: view.is_ready), "the 100,000-event page never loaded"
    yield view
    view.close()
    view.deleteLater()


def test_page_data_is_columns_of_a_few_bytes_per_event(huge):
    from explorer.webmap.page import page_data_bytes

    data = page_data_bytes(huge)
    head_length = int.from_bytes(data[:4], "little")
    head = json.loads(data[4:4 + head_length])
    assert head["events"]["count"] == sum(1 for e in huge.events if e.place_id is not None)
    assert [name for name, _ in head["columnOrder"]][:4] == ["start", "last", "place", "kind"]
    # Ids, titles and labels are most of it; the numbers are six int32 columns (and the links').
    assert len(data) < 150 * N


def test_the_page_shows_exactly_the_events_up_to_each_date(view, qtbot):
    state = view.state
    assert view.page_state()["renderer"] == "canvas"
    for date in (dt.date(1905, 1, 1), dt.date(1931, 7, 1), dt.date(1929, 1, 1), dt.date(1999, 6, 1)):
        state.set_date(date)
        qtbot.waitUntil(lambda d=date: view.page_state()["date"] == d.isoformat(), timeout=20000)
        assert view.page_state()["visibleCount"] == len(state.visible_events())
    stats = view.evaluate("TreatyMap.drawStats()")
    assert stats["oldMarks"] > 50_000, stats            # most of the century is drawn as old marks
    assert view.page().console_errors == []


def test_filters_and_a_click_at_scale(view, qtbot):
    state = view.state
    state.set_date(dt.date(1990, 1, 1))
    state.set_filters(kinds=frozenset({"treaty"}))
    expected = len(state.visible_events())
    qtbot.waitUntil(lambda: view.page_state()["visibleCount"] == expected, timeout=20000)
    event = next(e for e in reversed(state.visible_events()))
    with qtbot.waitSignal(view.bridge.event_clicked, timeout=10000) as blocker:
        assert view.evaluate(f"TreatyMap.clickMarker({json.dumps(event.id)})") is True
    assert blocker.args == [event.id] and state.selected_id == event.id
    qtbot.waitUntil(lambda: view.page_state()["selected"] == event.id, timeout=20000)
    state.set_filters(kinds=frozenset())
    state.select(None)


def test_date_changes_while_busy_are_gathered_at_scale(view, qtbot):
    state = view.state
    before = view.updates_sent
    view.page().runJavaScript("(function () { const t = performance.now(); while (performance.now() - t < 300) {} })()")
    first, last = state.dataset.first_date.toordinal(), state.dataset.last_date.toordinal()
    dates = [dt.date.fromordinal(first + (last - first) * k // 80) for k in range(1, 80)]
    for date in dates:
        state.set_date(date)
    qtbot.waitUntil(lambda: view._in_flight is None and not view._dirty, timeout=30000)
    assert view.updates_sent - before <= 3
    assert view.page_state()["date"] == dates[-1].isoformat()


def test_a_time_window_shows_only_the_events_around_the_date(view, qtbot):
    state = view.state
    for window_days, date in ((365, dt.date(1930, 6, 1)), (365, dt.date(1931, 6, 1)), (8 * 365, dt.date(1960, 1, 1))):
        state.set_filters(window_days=window_days)
        state.set_date(date)
        expected = len(state.visible_events())
        qtbot.waitUntil(lambda d=date, n=expected: view.page_state()["date"] == d.isoformat()
                        and view.page_state()["visibleCount"] == n, timeout=20000)
        assert 0 < expected < N
    state.set_filters(window_days=None)
    qtbot.waitUntil(lambda: view.page_state()["visibleCount"] == len(state.visible_events()), timeout=20000)
