"""What the start leaves for after the first painted frame, and the columns it reads instead of walking every
event: the timeline's marks index built later (on a thread, or at once when a mark is asked for), the
dataset's day columns, the count shown. Not timed (``explorer bench`` measures the start)."""

import datetime as dt
import os

import pytest

from explorer.model.state import ExplorerState

pytestmark = pytest.mark.gui


def test_a_timeline_made_with_its_index_later_draws_no_marks_until_the_index_is_built(qtbot, mini):
    from explorer.qt.timeline_slider import TimelineSlider

    slider = TimelineSlider(ExplorerState(mini), index_later=True)
    qtbot.addWidget(slider)
    slider.resize(900, 140)
    slider.show()
    assert slider.index_pending and slider._drawn_between(0, slider.width()) == []
    with qtbot.waitSignal(slider.index_ready, timeout=10000):
        slider.build_index_later()
    assert not slider.index_pending
    assert len(slider._index.marks) == len(mini.events)
    assert slider._drawn_between(0, slider.width())


def test_asking_for_a_mark_before_the_index_is_built_builds_it_at_once(qtbot, mini):
    from explorer.qt.timeline_slider import TimelineSlider

    slider = TimelineSlider(ExplorerState(mini), index_later=True)
    qtbot.addWidget(slider)
    slider.resize(900, 140)
    rect = slider.mark_rect(mini.events[0].id)
    assert rect.width() > 0 and len(slider._index.marks) == len(mini.events)
    slider.build_index_later()                           # nothing left to build
    assert not slider.index_pending


def test_the_day_columns_are_every_events_first_and_last_day(mini):
    starts, lasts = mini.day_columns
    assert starts == [e.start.toordinal() for e in mini.events]
    assert lasts == [e.last.toordinal() for e in mini.events]
    assert mini.first_date == min([e.start for e in mini.events] + [era.start for era in mini.eras])
    assert mini.last_date == max([e.last for e in mini.events] + [era.end for era in mini.eras])


@pytest.mark.parametrize("kinds", [frozenset(), frozenset({"treaty"})])
def test_the_count_shown_is_the_events_on_the_map(mini, kinds):
    from explorer.qt.filter_bar import ShownCount

    state = ExplorerState(mini)
    state.set_filters(kinds=kinds)
    for day in (dt.date(1918, 3, 3), dt.date(1922, 4, 17), dt.date(1939, 9, 1)):
        state.set_date(day)
        assert ShownCount(state).count() == len(state.visible_events())


def synthetic_view(qtbot, web_context, tmp_path, events: int, seed: int, when: float):
    """A map view (1000×700) on ``events`` synthetic events, at the point ``when`` (0 to 1) of their span."""
    from explorer.bench.synthetic import dumps, generate
    from explorer.model.loader import load_dataset
    from explorer.qt.map_view import MapView

    path = tmp_path / f"synthetic-{events}.json"
    path.write_text(dumps(generate(events, seed=seed)), encoding="utf-8")
    dataset = load_dataset(path)
    state = ExplorerState(dataset, date=dataset.first_date + (dataset.last_date - dataset.first_date) * when)
    view = MapView(state, web_context, animate=False)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=60000):
        pass
    return view


@pytest.fixture
def canvas_view(qtbot, web_context, tmp_path):
    """A map view on 3,000 synthetic events (the canvas layer), a third of the way through their span."""
    return synthetic_view(qtbot, web_context, tmp_path, 3000, seed=2, when=1 / 3)


def test_the_event_canvas_draws_the_events_once_at_the_start(canvas_view):
    """Above the canvas threshold the events layer is added before the page has its date and filters; it
    once drew then, for nothing, and the first refresh drew again. It draws when the page first asks, and
    what it drew is the start date's events."""
    view, state = canvas_view, canvas_view.state
    stats = view.evaluate("TreatyMap.drawStats()")
    assert stats["draws"] == 1, stats
    shown = view.page_state()["visibleCount"]
    assert shown == len(state.visible_events()) and 0 < shown < len(state.dataset.events)
    assert stats["oldMarks"] < shown, stats          # the start date's old events, not every event


def test_the_page_fans_out_each_places_events_and_finds_every_row_by_id(canvas_view):
    """The k-th event at a place sits on a spiral around it (offsets worked out once per k, not per event);
    the rows by id, made after the first frame, hold every event at its index."""
    import math
    from collections import Counter

    view, events = canvas_view, canvas_view.state.dataset.events
    count, expected = Counter(), []
    for event in events:
        count[event.place_id] += 1
        k = count[event.place_id]
        ring, angle = 9 + 2.2 * math.sqrt(k), k * 2.39996
        expected.append((0, 0) if k == 1 else (math.floor(ring * math.cos(angle) + 0.5),
                                               math.floor(ring * math.sin(angle) + 0.5)))
    dx, dy = view.evaluate("[Array.from(TreatyMap._.cols.dx), Array.from(TreatyMap._.cols.dy)]")
    assert list(zip(dx, dy)) == expected
    assert max(count.values()) > 2                    # some places hold a crowd
    rows = view.evaluate("(function () { const P = TreatyMap._, out = {};"
                         " Object.keys(P.byId).forEach(function (id) { out[id] = P.byId[id].i; }); return out; })()")
    assert rows == {event.id: i for i, event in enumerate(events)}


@pytest.mark.parametrize("own, expected", [
    ("--disable-gpu", "--js-flags=--max-semi-space-size=2"),
    ("--disable-gpu --js-flags=--expose-gc", "--js-flags=--expose-gc"),       # the environment's own kept
])
def test_every_start_gives_the_page_small_young_generation_semi_spaces(monkeypatch, own, expected):
    """The page process's young objects get 2 MB semi-spaces (what that saves is the bench's memory figure),
    unless whoever starts the app passes V8 flags of their own."""
    from explorer.qt.application import prepare_environment

    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", own)
    prepare_environment()
    flags = os.environ["QTWEBENGINE_CHROMIUM_FLAGS"].split()
    assert [flag for flag in flags if flag.startswith("--js-flags")] == [expected]
    assert flags[0] == "--disable-gpu" and "--log-level=3" in flags


def test_the_old_marks_copies_taken_in_idle_time_hold_the_same_pixels(qtbot, web_context, tmp_path):
    """After the view moves (a selection framed, a pan) the old events' buffer is drawn again from the start
    of its index; the copies along that index (what a jump back starts from) are then taken in the page's
    idle time instead of in that frame. Each copy, and the buffer after a jump back that starts from one,
    holds exactly the marks of its prefix of the index, blended in order."""
    view = synthetic_view(qtbot, web_context, tmp_path, 30_000, seed=3, when=1)
    state = view.state
    dataset = state.dataset
    # The view moves: the buffer starts again, in that frame without its copies.
    moved = view.evaluate("(TreatyMap.setView(50, 12, 5), TreatyMap.drawStats())")
    assert moved["copies"] == 0 and moved["copiesPending"], moved
    qtbot.waitUntil(lambda: view.evaluate("TreatyMap.drawStats().copies") >= 2
                    and not view.evaluate("TreatyMap.drawStats().copiesPending"), timeout=20000)
    check = """(function () {
      const c = TreatyMap._.eventCanvas, st = c._oldState;
      const same = function (a, b) {
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
        return true;
      };
      const drawn = function (to) {
        const pixels = new Uint32Array(st.W * st.H);
        c._rasterise(pixels, st.from, to, st.W, st.H);
        return pixels;
      };
      const grid = Object.keys(st.snapshots).map(Number);
      return { to: st.to, every: st.every, grid: grid, buffer: same(st.pixels, drawn(st.to)),
               copies: grid.map(function (k) { return same(st.snapshots[k], drawn(st.from + k * st.every)); }),
               rebuilds: c.stats.fullRebuilds, inked: st.pixels.some(function (v) { return v !== 0; }) };
    })()"""
    late = view.evaluate(check)
    assert late["inked"] and late["buffer"] and len(late["grid"]) >= 2, late
    assert late["copies"] == [True] * len(late["grid"]), late
    # Back to a date whose old marks end between the copies: the buffer starts from one, not from nothing.
    old_days = view.evaluate("TreatyMap._.OLD_DAYS")
    lasts = sorted(e.last.toordinal() for e in dataset.events if e.place_id is not None)
    middle = dt.date.fromordinal(lasts[int(late["every"] * 1.5)] + old_days + 1)    # 1.5 copies' worth of old marks
    state.set_date(middle)
    qtbot.waitUntil(lambda: view.page_state()["date"] == middle.isoformat(), timeout=10000)
    back = view.evaluate(check)
    assert back["buffer"] and back["rebuilds"] == late["rebuilds"] and back["to"] < late["to"], (late, back)


def test_place_names_read_their_events_rank_and_reach_without_walking_every_visible_event(canvas_view):
    """Each time labels are placed (every border change) the place names need, by place, whether its
    events on the map include a recent one and how far its largest marker reaches. Above the canvas
    threshold that is read from each place's earliest accepted start and the fresh events only; at every
    date, with a kind filter and with a time window, it is what visiting every visible event gives."""
    view, state = canvas_view, canvas_view.state
    compare = """(function () {
        const P = TreatyMap._, quick = P.placeMarks(), every = P.placeMarks(true);
        let named = 0, recent = 0;
        for (let k = 0; k < quick.rank.length; k++) {
          if (quick.rank[k] !== every.rank[k] || quick.radius[k] !== every.radius[k]) return "place " + k;
          named += every.rank[k] > 0; recent += every.rank[k] === 48;
        }
        return [named, recent, P.data.places.length];
    })()"""
    first, last = state.dataset.first_date, state.dataset.last_date
    seen_recent = seen_partial = 0
    kinds = sorted({e.kind for e in state.dataset.events})
    for kind_filter, window in ((None, None), (kinds[:2], None), (None, 365)):
        state.set_filters(kinds=frozenset(kind_filter or ()), window_days=window)
        for step in range(0, 41):
            state.set_date(first + (last - first) * step / 40)
            view.wait_painted(view.evaluate("TreatyMap.serial()"), 10000)
            result = view.evaluate(compare)
            assert isinstance(result, list), (kind_filter, window, state.date, result)
            named, recent, places = result
            seen_recent += recent > 0
            seen_partial += 0 < named < places
    assert seen_recent > 10 and seen_partial > 10
