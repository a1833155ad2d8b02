"""The staff exit's counters: the hidden corner gesture and the PIN attempt limiter. Free of Qt.

Both take the time as an argument (seconds, any monotonic clock), so tests need no waiting.
"""

from __future__ import annotations

from collections import deque

CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


class StaffGesture:
    """Counts taps in one corner: ``taps`` of them within ``within_s`` seconds open the PIN pad.

    A tap anywhere else starts the count over, so visitors tapping around the screen do not trigger it.
    """

    def __init__(self, corner: str = "top-left", size_px: int = 96, taps: int = 5, within_s: float = 3.0) -> None:
        if corner not in CORNERS:
            raise ValueError(f"corner must be one of {', '.join(CORNERS)}")
        self.corner, self.size_px, self.taps, self.within_s = corner, size_px, taps, within_s
        self._times: deque[float] = deque()

    def in_corner(self, x: float, y: float, width: float, height: float) -> bool:
        """Whether a point (window coordinates) lies in the gesture's corner square."""
        left = x < self.size_px if self.corner.endswith("left") else x >= width - self.size_px
        top = y < self.size_px if self.corner.startswith("top") else y >= height - self.size_px
        return left and top

    def tap(self, x: float, y: float, width: float, height: float, now: float) -> bool:
        """Record a tap; True when it completes the gesture (the count then starts over)."""
        if not self.in_corner(x, y, width, height):
            self._times.clear()
            return False
        self._times.append(now)
        while self._times and now - self._times[0] > self.within_s:
            self._times.popleft()
        if len(self._times) >= self.taps:
            self._times.clear()
            return True
        return False


class PinLimiter:
    """Rate-limits PIN attempts: ``free`` wrong PINs in a row are allowed, then each further wrong PIN
    locks the pad for ``base_s`` seconds, doubling up to ``max_s``. A right PIN clears the count."""

    def __init__(self, free: int = 3, base_s: float = 30.0, max_s: float = 900.0) -> None:
        self.free, self.base_s, self.max_s = free, base_s, max_s
        self.failures = 0
        self.locked_until = 0.0

    def wait_s(self, now: float) -> float:
        """Seconds until the next attempt is allowed (0 when it is allowed now)."""
        return max(0.0, self.locked_until - now)

    def allowed(self, now: float) -> bool:
        """Whether a PIN may be tried now."""
        return self.wait_s(now) == 0.0

    def record(self, ok: bool, now: float) -> None:
        """Record the result of an attempt made at ``now``."""
        if ok:
            self.failures, self.locked_until = 0, 0.0
            return
        self.failures += 1
        over = self.failures - self.free
        if over > 0:
            self.locked_until = now + min(self.max_s, self.base_s * 2 ** (over - 1))
