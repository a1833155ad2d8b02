"""Keeps the kiosk's map page alive: loads it (again after an idle reset), locks it down once loaded, and
when the web renderer dies or a load never finishes, loads it again, within a crash budget.

The window shows its "Loading the map" cover while ``loading(True)`` holds, re-watches the map's input on
``ready`` (the focus proxy is new after a renderer restart) and ends the app on ``gave_up``.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal

from explorer.kiosk.qt.lockdown import lock_view
from explorer.model.recovery import CrashBudget

log = logging.getLogger(__name__)

LOAD_TIMEOUT_MS = 20000       # a page that is not ready by then counts as a crash and is loaded again
RELOAD_DELAY_MS = 150


class PageKeeper(QObject):
    """Loads and reloads ``map_view``'s page; ``crashes`` is the budget, ``interaction_log`` hears of each crash."""

    loading = Signal(bool)            # the page is loading (True) or ready (False)
    ready = Signal()                  # the page is ready and locked down (after each load)
    load_finished = Signal()          # the page finished loading (locked down; not necessarily ready)
    recovered = Signal()              # ready again after a renderer crash
    gave_up = Signal()                # too many crashes: the app should exit for its supervisor

    def __init__(self, map_view, crashes: CrashBudget, interaction_log, clock=time.monotonic, parent=None) -> None:
        super().__init__(parent)
        self.map_view, self.crashes, self.log, self.clock = map_view, crashes, interaction_log, clock
        self.stopped = False
        self._recovering = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOAD_TIMEOUT_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        map_view.ready.connect(self._on_map_ready)
        map_view.loadFinished.connect(self._on_map_load_finished)
        map_view.renderer_crashed.connect(self._on_renderer_crashed)

    def load(self, reload: bool) -> None:
        """Show the cover and (with ``reload``) load the page afresh; a load that is not ready in time counts
        as a crash."""
        self.loading.emit(True)
        if reload:
            self.map_view.load_page()
        self._timer.start()

    def stop(self) -> None:
        """No more reloads (the app is closing)."""
        self.stopped = True
        self._timer.stop()

    def _on_map_load_finished(self, ok: bool) -> None:
        lock_view(self.map_view)        # the focus proxy may be new after a renderer restart
        self.load_finished.emit()

    def _on_map_ready(self) -> None:
        self._timer.stop()
        lock_view(self.map_view)
        self.map_view.history().clear()           # no way back, and nothing kept for one
        self.loading.emit(False)
        self.ready.emit()
        if self._recovering:
            self._recovering = False
            self.recovered.emit()

    def _on_renderer_crashed(self) -> None:
        if not self.stopped:
            self._give_up_or_reload("renderer_crash")

    def _on_timer_timeout(self) -> None:
        self.log.write("error", message="the map page was not ready in time; loading it again")
        self._give_up_or_reload("error")

    def _give_up_or_reload(self, kind: str) -> None:
        within_budget = self.crashes.record(self.clock())
        if kind == "renderer_crash":
            self.log.write("renderer_crash", recent=self.crashes.recent)
        if not within_budget:
            log.error("the map's renderer died %d times within %g s; giving up", self.crashes.recent,
                      self.crashes.window_s)
            self.gave_up.emit()
            return
        self._recovering = True
        self.map_view.is_ready = False
        self.loading.emit(True)
        QTimer.singleShot(RELOAD_DELAY_MS, self, self._reload_after_crash)    # dropped if the keeper has gone

    def _reload_after_crash(self) -> None:
        if not self.stopped:
            self.map_view.load_page()
            self._timer.start()
