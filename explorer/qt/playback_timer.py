"""Drives a Qt-free ``Playback`` with a Qt timer: ticks it about 30 times a second while it plays."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer

from explorer.model.playback import Playback
from explorer.qt.evented import listen

TICK_MS = 33


class PlaybackTimer(QObject):
    """Starts ticking when ``playback`` starts playing and stops when it stops."""

    def __init__(self, playback: Playback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.playback = playback
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(playback.tick)
        listen(playback.events.playing, self._on_playing)
        if playback.is_playing:
            self._timer.start()

    def _on_playing(self, playing: bool) -> None:
        self._timer.start() if playing else self._timer.stop()
