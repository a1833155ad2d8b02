"""The one playback object (Qt-free): desktop Play, the kiosk's tour and explorer animate all use it."""

import datetime as dt

import pytest

from explorer.model.playback import ManualClock, Playback, animation_frames
from explorer.model.state import ExplorerState


@pytest.fixture
def state(mini):
    return ExplorerState(mini, date=dt.date(1919, 1, 1))


def _run(playback, clock, seconds, step=0.033):
    for _ in range(round(seconds / step)):
        clock.advance(step)
        playback.tick()


def test_time_runs_at_its_speed_and_stops_at_each_event_it_passes(state):
    clock = ManualClock()
    playback = Playback(state, clock, speed=365.25, dwell_s=0.5)
    passed = []
    playback.events.passed.connect(passed.append)
    playback.play()
    _run(playback, clock, 1.9)                                    # 1.9 years: Rapallo 1920 is on the way
    assert passed == ["rapallo-1920"] and state.selected_id == "rapallo-1920"
    assert state.date == dt.date(1920, 11, 12)                    # held on it ...
    _run(playback, clock, 0.4)
    assert state.date == dt.date(1920, 11, 12)
    _run(playback, clock, 0.5)                                    # ... for dwell_s, then on
    assert state.date > dt.date(1920, 11, 12) and state.selected_id == "rapallo-1920"
    _run(playback, clock, 3.0)
    assert passed[:3] == ["rapallo-1920", "genoa-1922", "rapallo-1922"]


def test_a_stalled_loop_does_not_leap_years(state):
    clock = ManualClock()
    playback = Playback(state, clock, speed=365.25, dwell_s=0)
    playback.play()
    clock.advance(60)                                             # the machine slept a minute
    playback.tick()
    assert state.date <= dt.date(1919, 2, 7)                      # at most max_tick_s of play


def test_filters_decide_what_is_passed_and_the_end_pauses(state):
    clock = ManualClock()
    state.set_filters(kinds=frozenset({"conference"}))
    playback = Playback(state, clock, speed=3650, dwell_s=0)
    playing, passed = [], []
    playback.events.playing.connect(playing.append)
    playback.events.passed.connect(passed.append)
    playback.play()
    _run(playback, clock, 5.0)
    assert passed == ["genoa-1922"]
    assert state.date == state.dataset.last_date and playing == [True, False] and not playback.is_playing
    playback.play()                                               # from the end: starts over
    assert state.date == state.dataset.first_date and playback.is_playing


def test_someone_moving_the_date_while_it_plays_is_followed(state):
    clock = ManualClock()
    playback = Playback(state, clock, speed=30, dwell_s=0)
    playback.play()
    state.set_date(dt.date(1926, 1, 1))                           # the user dragged the handle
    _run(playback, clock, 0.5)
    assert dt.date(1926, 1, 1) < state.date < dt.date(1926, 2, 1)


def test_stepping_names_the_event_as_passing_it_does(state):
    playback = Playback(state, ManualClock())
    passed = []
    playback.events.passed.connect(passed.append)
    playback.step(+1)
    playback.step(+1)
    playback.step(-1)
    assert passed == ["rapallo-1920", "genoa-1922", "rapallo-1920"] and state.selected_id == "rapallo-1920"
    with pytest.raises(ValueError):
        playback.speed = 0


def test_a_tour_shows_each_stop_for_its_dwell_and_loops(state):
    clock = ManualClock()
    playback = Playback(state, clock, dwell_s=2.0)
    passed = []
    playback.events.passed.connect(passed.append)
    playback.play_tour(["berlin-1926", "atlantis-1923", "genoa-1922"])    # an unknown stop is skipped
    assert passed == ["berlin-1926"] and state.selected_id == "berlin-1926" and playback.tour_step == 0
    _run(playback, clock, 1.9)
    assert passed == ["berlin-1926"]
    _run(playback, clock, 0.2)
    assert passed == ["berlin-1926", "genoa-1922"] and state.date == dt.date(1922, 4, 10)
    _run(playback, clock, 2.0)
    assert passed[-1] == "berlin-1926" and playback.tour_step == 0
    playback.pause()
    _run(playback, clock, 10.0)
    assert passed[-1] == "berlin-1926" and not playback.is_playing


def test_animation_frames_play_the_whole_span_and_name_what_they_pass(mini):
    state = ExplorerState(mini)
    frames = animation_frames(state, mini.first_date, mini.last_date, 30)
    assert len(frames) == 30 and frames[0] == (mini.first_date, None) and frames[-1][0] == mini.last_date
    dates = [day for day, _event in frames]
    assert dates == sorted(dates)
    named = [event for _day, event in frames if event]
    assert named[0] == "rapallo-1920" and "berlin-1926" in named       # each passed event is named
    for day, event in frames:
        if event:
            assert mini.event(event).start <= day
