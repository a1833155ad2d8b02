"""The kiosk's idle → prompt → reset → attract cycle as a state machine with an injected clock. Free of Qt.

``touch(now)`` reports visitor input, ``tick(now)`` lets time pass; both return the actions the window must
carry out, in order. The machine never reads a clock itself, so tests drive it with plain numbers.

    ACTIVE --prompt_after_s without input--> PROMPT ("Are you still exploring?", counting down)
    PROMPT --touch--> ACTIVE                  PROMPT --reset_after_s--> HOME (reset to the home view)
    HOME --attract_start_after_s--> ATTRACT (the tour plays)
    HOME --touch--> ACTIVE                    ATTRACT --touch--> ACTIVE (tour ends, home shown)

The tour itself (which stop, for how long) is played by ``explorer.model.playback.Playback``, the same
object that plays the desktop's timeline and ``explorer animate``; the machine only says when it starts
and ends.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass


class Phase(enum.Enum):
    """Where the kiosk is in its idle cycle."""

    ACTIVE = "active"        # a visitor is exploring
    PROMPT = "prompt"        # "Are you still exploring?" with a countdown
    HOME = "home"            # reset to home, nobody here, tour not started yet
    ATTRACT = "attract"      # the automatic tour runs


class Act(enum.Enum):
    """What the window must do."""

    SESSION_START = "session_start"      # a visitor started exploring
    SHOW_PROMPT = "show_prompt"          # value: whole seconds left
    COUNTDOWN = "countdown"              # value: whole seconds left (only when the number changes)
    DISMISS_PROMPT = "dismiss_prompt"
    RESET = "reset"                      # back to home: language, view, date, panels, page reload
    SESSION_END = "session_end"          # value: (visit length, first to last touch), in seconds
    TOUR_START = "tour_start"
    TOUR_END = "tour_end"
    SHOW_HOME = "show_home"              # the home view, without reloading the page


@dataclass(frozen=True)
class Action:
    """One thing to do, with its value (see ``Act``)."""

    act: Act
    value: object = None


@dataclass(frozen=True)
class IdleTimings:
    """The machine's timeouts in seconds and the tour's event ids."""

    prompt_after_s: float
    reset_after_s: float
    attract_start_after_s: float
    dwell_s: float
    tour: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, config) -> IdleTimings:
        """The timings of a KioskConfig."""
        return cls(config.prompt_after_s, config.reset_after_s, config.attract_start_after_s,
                   config.attract_dwell_s, tuple(config.attract_events))


class IdleMachine:
    """The idle/attract/reset logic. Starts in HOME (the kiosk opens at its home view, waiting)."""

    def __init__(self, timings: IdleTimings, now: float, listener=None) -> None:
        self.timings = timings
        self.phase = Phase.HOME
        self.last_input = now          # last visitor input (ACTIVE) or when the phase began
        self.phase_since = now
        self.session_start: float | None = None
        self._shown_seconds: int | None = None
        self.listener = listener       # optional callable(Action), called for each action as well

    # --- input ---------------------------------------------------------------------------------------
    def touch(self, now: float) -> list[Action]:
        """A visitor touched, clicked, typed or scrolled."""
        actions: list[Action] = []
        self.last_input = now
        if self.phase is Phase.PROMPT:
            actions.append(Action(Act.DISMISS_PROMPT))
            self._enter(Phase.ACTIVE, now)
        elif self.phase is Phase.ATTRACT:
            actions += [Action(Act.TOUR_END), Action(Act.SHOW_HOME)]
            actions += self._start_session(now)
        elif self.phase is Phase.HOME:
            actions += self._start_session(now)
        return self._emit(actions)

    def would_wake(self) -> bool:
        """Whether the next touch only wakes the kiosk (ends the prompt or the tour) rather than acting."""
        return self.phase in (Phase.PROMPT, Phase.ATTRACT)

    # --- time ----------------------------------------------------------------------------------------
    def tick(self, now: float) -> list[Action]:
        """Let time pass up to ``now``; several transitions may happen in one tick after a long pause."""
        actions: list[Action] = []
        t = self.timings
        for _ in range(8):             # bounded: each pass makes at most one transition
            before = self.phase
            if self.phase is Phase.ACTIVE and now - self.last_input >= t.prompt_after_s:
                self._enter(Phase.PROMPT, self.last_input + t.prompt_after_s)
                self._shown_seconds = self._seconds_left(now)
                actions.append(Action(Act.SHOW_PROMPT, self._shown_seconds))
            elif self.phase is Phase.PROMPT:
                if now - self.phase_since >= t.reset_after_s:
                    reset_at = self.phase_since + t.reset_after_s
                    if self.session_start is not None:
                        # A visit lasts from its first touch until the exhibit starts over (the visitor may
                        # have been reading all along); how long they kept touching is reported beside it.
                        # It ends before the reset, which puts the visitor's language back to the default.
                        actions.append(Action(Act.SESSION_END, (round(reset_at - self.session_start, 1),
                                                                round(self.last_input - self.session_start, 1))))
                        self.session_start = None
                    actions.append(Action(Act.RESET))
                    self._enter(Phase.HOME, reset_at)
                else:
                    left = self._seconds_left(now)
                    if left != self._shown_seconds:
                        self._shown_seconds = left
                        actions.append(Action(Act.COUNTDOWN, left))
            elif self.phase is Phase.HOME and t.tour and now - self.phase_since >= t.attract_start_after_s:
                self._enter(Phase.ATTRACT, self.phase_since + t.attract_start_after_s)
                actions.append(Action(Act.TOUR_START))
            if self.phase is before:
                break
        return self._emit(actions)

    def next_deadline(self, now: float) -> float | None:
        """Seconds until something would happen without input (for choosing a timer interval)."""
        t = self.timings
        if self.phase is Phase.ACTIVE:
            return max(0.0, self.last_input + t.prompt_after_s - now)
        if self.phase is Phase.PROMPT:
            return max(0.0, min(self.phase_since + t.reset_after_s - now, 1.0))
        if self.phase is Phase.HOME:
            return max(0.0, self.phase_since + t.attract_start_after_s - now) if t.tour else None
        return None                        # ATTRACT: nothing happens until a touch (the tour plays itself)

    # --- helpers -------------------------------------------------------------------------------------
    def _start_session(self, now: float) -> list[Action]:
        self._enter(Phase.ACTIVE, now)
        self.session_start = now
        return [Action(Act.SESSION_START)]

    def _enter(self, phase: Phase, since: float) -> None:
        self.phase, self.phase_since = phase, since

    def _seconds_left(self, now: float) -> int:
        return max(0, math.ceil(self.phase_since + self.timings.reset_after_s - now - 1e-9))

    def _emit(self, actions: list[Action]) -> list[Action]:
        if self.listener is not None:
            for action in actions:
                self.listener(action)
        return actions
