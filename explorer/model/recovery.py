"""How many renderer crashes a window tolerates before giving up (the kiosk exits, the desktop stops
reloading). Free of Qt."""

from __future__ import annotations

from collections import deque


class CrashBudget:
    """Allows ``max_crashes`` crashes within any ``window_s`` seconds; one more means: give up and exit
    non-zero, so the supervisor (systemd) restarts the whole app."""

    def __init__(self, max_crashes: int = 3, window_s: float = 600.0) -> None:
        self.max_crashes, self.window_s = max_crashes, window_s
        self._times: deque[float] = deque()

    def record(self, now: float) -> bool:
        """Record a crash at ``now``; True while the kiosk should still recover by reloading."""
        self._times.append(now)
        while self._times and now - self._times[0] > self.window_s:
            self._times.popleft()
        return len(self._times) <= self.max_crashes

    @property
    def recent(self) -> int:
        """Crashes counted in the current window."""
        return len(self._times)
