"""Playing through time: one object for the desktop's Play button, the kiosk's attract tour and
``explorer animate`` (QGIS's ``QgsTemporalNavigationObject`` is the model). Free of Qt.

A ``Playback`` moves an ``ExplorerState``. It never reads a clock by itself: it is given one (a callable
returning seconds) and ``tick()`` is called often (by a Qt timer in the app, by a loop over frames in
``animate``, by tests with a ``ManualClock``). Two ways of playing:

- **time** (``play``): the date runs forward at ``speed`` days per second; each event the filters let through
  is *passed*: selected (so the details follow and the map keeps it in view), named through
  ``events.passed``, and dwelt on for ``dwell_s`` seconds before time runs on;
- **tour** (``play_tour``): the given events one after another, each dwelt on for ``dwell_s``, looping.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence

from psygnal import Signal, SignalGroup

from explorer.model.state import ExplorerState

#: Choices for the play speed: label and days per second.
SPEEDS = (("1 month/s", 30.44), ("6 months/s", 182.62), ("1 year/s", 365.25), ("2 years/s", 730.5))
DEFAULT_SPEED = SPEEDS[1][1]
#: The longest step one tick may take: a stalled event loop must not leap years.
MAX_TICK_S = 0.1


class ManualClock:
    """A clock that moves only when told: for tests, and for rendering frames at exact times."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.now += seconds


class PlaybackEvents(SignalGroup):
    """``playing(bool)`` when it starts or stops; ``passed(event_id)`` for each event it comes to."""

    playing = Signal(bool)
    passed = Signal(str)


class Playback:
    """Plays ``state`` through time (or a tour of events) as ``clock`` advances and ``tick`` is called."""

    def __init__(self, state: ExplorerState, clock: Callable[[], float], *, speed: float = DEFAULT_SPEED,
                 dwell_s: float = 0.8, loop: bool = False, max_tick_s: float = MAX_TICK_S) -> None:
        self.state = state
        self.clock = clock
        self.events = PlaybackEvents()
        self.dwell_s = dwell_s
        self.loop = loop
        self.max_tick_s = max_tick_s
        self.speed = speed
        self.mode: str | None = None          # None (stopped), "time" or "tour"
        self._last = 0.0
        self._pos = 0.0                        # the date as a fractional day ordinal
        self._hold = 0.0                       # seconds left to dwell
        self._stops: tuple[str, ...] = ()
        self._stop = -1
        self._starts, self._ordered = state.dataset.day_columns[0], state.dataset.events   # read, never changed

    # --- control -------------------------------------------------------------------------------------
    @property
    def speed(self) -> float:
        """Days per second while playing through time."""
        return self._speed

    @speed.setter
    def speed(self, days_per_second: float) -> None:
        if not days_per_second > 0:
            raise ValueError(f"play speed must be positive, got {days_per_second}")
        self._speed = float(days_per_second)

    @property
    def is_playing(self) -> bool:
        """Whether it is running (through time or a tour)."""
        return self.mode is not None

    @property
    def tour_step(self) -> int:
        """The index of the tour stop shown now (-1 outside a tour)."""
        return self._stop if self.mode == "tour" else -1

    def play(self) -> None:
        """Run time forward from the state's date (from the first date when at the end)."""
        if self.mode == "time":
            return
        data = self.state.dataset
        if self.state.date >= data.last_date:
            self.state.jump_to(data.first_date)
        self._start("time")
        self._pos = float(self.state.date.toordinal())
        self._hold = 0.0

    def play_tour(self, stops: Sequence[str]) -> None:
        """Show ``stops`` (event ids) one after another, each for ``dwell_s``, looping; the first at once."""
        self._stops = tuple(s for s in stops if self.state.dataset.has_event(s))
        if not self._stops:
            return
        self._start("tour")
        self._stop = -1
        self._next_stop()

    def pause(self) -> None:
        """Stop where it is."""
        if self.mode is not None:
            self.mode = None
            self.events.playing.emit(False)

    def toggle(self) -> None:
        """Play when paused, pause when playing."""
        self.pause() if self.is_playing else self.play()

    def step(self, direction: int) -> None:
        """Go to the next (+1) or previous (-1) event the filters let through, and name it, as passing it
        while playing does (keyboard stepping tells the story the same way)."""
        before = self.state.selected_id
        self.state.step_event(direction)
        if self.state.selected_id != before and self.state.selected_id is not None:
            self._pos = float(self.state.date.toordinal())
            self.events.passed.emit(self.state.selected_id)

    # --- time passing --------------------------------------------------------------------------------
    def tick(self) -> None:
        """Let the time since the last tick pass (playing through time, at most ``max_tick_s`` of it: a
        stalled event loop must not leap years; a tour just goes on to its next stop)."""
        if self.mode is None:
            return
        now = self.clock()
        elapsed = max(now - self._last, 0.0)
        self._last = now
        if self.mode == "tour":
            self._tick_tour(elapsed)
        else:
            self._tick_time(min(elapsed, self.max_tick_s))

    def _start(self, mode: str) -> None:
        was = self.mode
        self.mode = mode
        self._last = self.clock()
        if was is None:
            self.events.playing.emit(True)

    def _tick_time(self, elapsed: float) -> None:
        state = self.state
        if int(self._pos) != state.date.toordinal():
            self._pos = float(state.date.toordinal())     # someone else moved the date: play on from there
        if self._hold > 0:
            self._hold -= elapsed
            return
        new = self._pos + self._speed * elapsed
        last = state.dataset.last_date.toordinal()
        passed = self._shown_between(int(self._pos), int(new))
        if passed and self.dwell_s > 0:
            # Stop at the first event on the way and dwell on it.
            self._pos, self._hold = float(passed[0].start.toordinal()), self.dwell_s
            state.select(passed[0].id)
            self.events.passed.emit(passed[0].id)
            return
        self._pos = min(new, float(last))
        with state.batch():
            if passed:                                     # no dwelling: name the last one passed
                state.selected_id = passed[-1].id
            state.set_date(dt.date.fromordinal(int(self._pos)))
        for event in passed:
            self.events.passed.emit(event.id)
        if self._pos >= last:
            if self.loop:
                state.jump_to(state.dataset.first_date)
                self._pos = float(state.date.toordinal())
            else:
                self.pause()

    def _shown_between(self, after: int, upto: int) -> list:
        """The events starting in (after, upto] that the filters let through, in date order."""
        accepts, parties = self.state.filters.accepts, self.state.party_filter()
        found, i = [], bisect.bisect_right(self._starts, after)
        while i < len(self._ordered) and self._starts[i] <= upto:
            if accepts(self._ordered[i], parties):
                found.append(self._ordered[i])
                if self.dwell_s > 0:
                    break                                   # only the first is needed
            i += 1
        return found

    def _tick_tour(self, elapsed: float) -> None:
        self._hold -= elapsed
        if self._hold <= 0:
            self._next_stop()

    def _next_stop(self) -> None:
        self._stop = (self._stop + 1) % len(self._stops)
        self._hold = self.dwell_s
        event_id = self._stops[self._stop]
        self.state.select(event_id)
        self.events.passed.emit(event_id)


def animation_frames(state: ExplorerState, first: dt.date, last: dt.date, count: int,
                     dwell_s: float = 0.0) -> list[tuple[dt.date, str | None]]:
    """``count`` frames of playing from ``first`` to ``last`` (what ``explorer animate`` renders): the date
    of each and the event last passed (named in the frame's caption), played at the speed that fits."""
    if count < 2:
        raise ValueError("an animation needs at least two frames")
    span_days = max((last - first).days, 1)
    fps_clock = ManualClock()
    duration = count - 1                                  # seconds, one frame per second of play
    playback = Playback(state, fps_clock, speed=span_days / duration, dwell_s=dwell_s, max_tick_s=1.0)
    state.jump_to(first)
    state.select(None)
    playback.play()
    frames = [(state.date, None)]
    for _ in range(count - 1):
        fps_clock.advance(1.0)
        playback.tick()
        frames.append((state.date, state.selected_id))
    frames[-1] = (last, frames[-1][1])
    return frames
