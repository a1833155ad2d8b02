"""The Qt adapter of the idle state machine: notices every input in the kiosk, and ticks the clock.

An event filter on the kiosk's QWindow sees every real mouse, touch, key and wheel event before any widget
does; the same filter on the QWebEngineView's ``focusProxy()`` (the widget that really receives the map's
input) and a few other widgets also catches events sent straight to them. A QTimer ticks the Qt-free
``IdleMachine`` and its actions become Qt signals.

Why not one filter on the QApplication: with PySide6 6.11 a Python application-wide filter crashes
(``getWrapperForQObject`` recursing through the filter for internal QtWebEngine objects).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QInputDevice

from explorer.kiosk.idle import Act, IdleMachine, IdleTimings, Phase

_T = QEvent.Type
#: Events that mean "someone is here".
INPUT_EVENTS = {_T.MouseButtonPress, _T.MouseButtonRelease, _T.MouseButtonDblClick, _T.MouseMove,
                _T.TouchBegin, _T.TouchUpdate, _T.TouchEnd, _T.KeyPress, _T.Wheel, _T.TabletPress,
                _T.NativeGesture}
#: The events that start a tap (counted by the staff gesture; the waking touch is swallowed from here).
PRESS_EVENTS = {_T.MouseButtonPress, _T.TouchBegin}
#: The events that end one.
RELEASE_EVENTS = {_T.MouseButtonRelease, _T.TouchEnd, _T.TouchCancel}


def _from_touch_screen(event) -> bool:
    """Whether a mouse event was made by Qt from a touch (that touch was already seen as a TouchBegin)."""
    device = event.pointingDevice()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class IdleController(QObject):
    """Drives an IdleMachine from real input and a timer; each machine action is emitted as a signal.

    The touch that only wakes the kiosk (ending the "still exploring?" prompt or the tour) is swallowed
    up to its release, so it does not also select whatever lay under the finger.
    """

    session_started = Signal()
    prompt_shown = Signal(int)
    countdown = Signal(int)
    prompt_dismissed = Signal()
    reset_requested = Signal()
    session_ended = Signal(float, float)       # the visit's length, and from its first to its last touch
    tour_started = Signal()
    tour_ended = Signal()
    home_requested = Signal()
    activity = Signal()
    #: A press (mouse or first touch point) at a global screen position, once per real press.
    pressed = Signal(QPoint)

    def __init__(self, timings: IdleTimings, clock=time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.machine = IdleMachine(timings, clock())
        self.enabled = True
        self.swallow_wake = True
        self._swallowing_until: float | None = None
        self._last_press_key = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)
        shortest = min(timings.prompt_after_s, timings.reset_after_s, timings.dwell_s,
                       timings.attract_start_after_s or timings.dwell_s)
        # A few ticks per shortest timeout, but never busier than 100 Hz nor lazier than 4 Hz.
        self._timer.setInterval(int(min(250, max(10, shortest * 1000 / 5))))

    @property
    def phase(self) -> Phase:
        """The machine's current phase."""
        return self.machine.phase

    @property
    def running(self) -> bool:
        """Whether the controller is ticking (between ``start`` and ``stop``)."""
        return self._timer.isActive()

    def watch(self, objects) -> None:
        """Watch input to these objects (a QWindow, widgets); watching one twice is harmless."""
        for obj in objects:
            if obj is not None:
                obj.installEventFilter(self)

    def start(self) -> None:
        """Start ticking."""
        self._timer.start()

    def stop(self) -> None:
        """Stop ticking (and swallowing)."""
        self._timer.stop()
        self.enabled = False

    def touch(self) -> None:
        """Report input (the event filter calls this; tests and the soak script may too)."""
        self._dispatch(self.machine.touch(self.clock()))
        self.activity.emit()

    def tick(self) -> None:
        """Let the machine see the time now."""
        self._dispatch(self.machine.tick(self.clock()))

    # --- Qt ----------------------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Report input to the machine; swallow the touch that only wakes the kiosk."""
        kind = event.type()
        if not self.enabled or kind not in INPUT_EVENTS and kind not in RELEASE_EVENTS:
            return False
        if self._swallowing_until is not None:
            if self.clock() > self._swallowing_until:
                self._swallowing_until = None
            else:
                if kind in RELEASE_EVENTS:
                    self._swallowing_until = None
                return True
        if kind == _T.MouseButtonPress and _from_touch_screen(event):
            self.touch()                            # Qt's mouse copy of a touch: the touch was counted
            return False
        if kind in PRESS_EVENTS:
            key = (int(kind.value), event.timestamp())
            if key != self._last_press_key:         # the same press reaches the window, then the widget
                self._last_press_key = key
                waking = self.swallow_wake and self.machine.would_wake()
                self.touch()
                points = event.points() if hasattr(event, "points") else []
                position = points[0].globalPosition() if points else event.globalPosition()
                self.pressed.emit(position.toPoint())
                if waking:
                    self._swallowing_until = self.clock() + 2.0
                    return True
            return False
        if kind in RELEASE_EVENTS:
            self._last_press_key = None              # the next press is a new one, whatever its timestamp
        if kind != _T.MouseMove or event.buttons():  # hover alone (a mouse lying on the frame) is no visitor
            self.touch()
        return False

    def _on_timer_timeout(self) -> None:
        self.tick()

    def _dispatch(self, actions) -> None:
        for action in actions:
            act, value = action.act, action.value
            if act is Act.SESSION_START:
                self.session_started.emit()
            elif act is Act.SHOW_PROMPT:
                self.prompt_shown.emit(value)
            elif act is Act.COUNTDOWN:
                self.countdown.emit(value)
            elif act is Act.DISMISS_PROMPT:
                self.prompt_dismissed.emit()
            elif act is Act.RESET:
                self.reset_requested.emit()
            elif act is Act.SESSION_END:
                self.session_ended.emit(float(value[0]), float(value[1]))
            elif act is Act.TOUR_START:
                self.tour_started.emit()
            elif act is Act.TOUR_END:
                self.tour_ended.emit()
            elif act is Act.SHOW_HOME:
                self.home_requested.emit()
