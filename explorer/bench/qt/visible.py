"""What the user sees, timed: from a change until the view shows it, read from the view's own pixels.

Every page measured here (ours and the peers') carries a frame stamp: one pixel in the top-left corner whose
colour is the number of the change the frame shows (``TreatyMap.setFrameStamp``; the peers get the same
from ``peer_pages.PEER_DRIVER``). A change counts as visible when a grab of the view shows its stamp, so
the time includes the page's work, its paint, the compositor and Qt delivering the frame: what a person
would see, not the page's report that it finished its part. The corner is polled about every millisecond.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from PySide6.QtCore import QEventLoop, QRect, QUrl
from PySide6.QtWidgets import QApplication

from explorer.bench.qt.measure import SETTLE_MS, sample_dates, scripted_drag, scrub_dates, spin, timed_dates, wait_for
from explorer.qt.map_reading import frame_stamp, run_js

_CORNER = QRect(0, 0, 2, 1)


def _stamped(view, serial: int) -> bool:
    image = view.grab(_CORNER).toImage()
    return image.width() > 1 and 0 <= frame_stamp(image) - serial < 4096


def wait_visible(view, serial: int, timeout_ms: int = 10000) -> bool:
    """Run the event loop until a grab of ``view`` shows change ``serial`` (or a later one)."""
    deadline = time.perf_counter() + timeout_ms / 1000
    while not _stamped(view, serial):
        if time.perf_counter() > deadline:
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
    return True


def stamp_on(view) -> int:
    """Switch our page's frame stamp on; the change number it is at once visible."""
    serial = view.evaluate("TreatyMap.setFrameStamp(true)")
    if not wait_visible(view, serial, 10000):
        raise TimeoutError("the frame stamp never showed")
    return serial


def time_change_visible(session, count: int, scrub: bool = False, seed: int = 0) -> list[float]:
    """From ``state.set_date`` (what the slider calls) until the view shows that date: random jumps across
    the span, or (``scrub``) steps of a month. Each change starts at a random point of a frame."""
    view, state = session.view, session.state
    serial = stamp_on(view)
    dates = scrub_dates(state.dataset, count) if scrub else sample_dates(state.dataset, count, seed=7 + seed)
    times = timed_dates(state, dates, random.Random(count + seed), serial, lambda s: wait_visible(view, s),
                        "the view never showed")
    view.call("setFrameStamp", False)
    return times


#: A border change in the shipped data's span: Austria joined to Germany (13 March 1938).
BORDER_CHANGE = (dt.date(1938, 3, 1), dt.date(1938, 4, 1))


def border_change_visible(session, count: int, dates=BORDER_CHANGE) -> list[float]:
    """Date jumps across a border change (back and forth between ``dates``), each from ``state.set_date``
    until the view shows the new date: with a period-borders layer the frame includes the new borders;
    without one it is an ordinary date change and the figure still stands."""
    view, state = session.view, session.state
    serial = stamp_on(view)
    rng = random.Random(count)
    before, after = dates
    for date in (before, after, before):                 # warm-up: the layer draws both days once
        if state.date != date:
            state.set_date(date)
            serial += 1
            if not wait_visible(view, serial):
                raise TimeoutError(f"change {serial} never became visible")
    jumps = [after if i % 2 == 0 else before for i in range(count)]      # each a change: they alternate
    times = timed_dates(state, jumps, rng, serial, lambda s: wait_visible(view, s), "the view never showed")
    view.call("setFrameStamp", False)
    return times


class PeerSession:
    """A folium time-slider page (``peer_pages``) in a view of the same size as ours, loaded and stamped."""

    def __init__(self, kind: str, html: str, files: dict, context, size=(1280, 720)) -> None:
        from PySide6.QtWebEngineWidgets import QWebEngineView

        from explorer.qt.map_page import MapPage

        self.kind = kind
        self.context = context
        self.view = QWebEngineView()
        self.view.setPage(MapPage(context.profile, self.view))
        self.view.resize(*size)
        self.view.show()
        self.path = context.next_page_path("peer")
        served = {name: path.read_bytes() for name, path in files.items()}
        url = context.handler.add_page(self.path, html, served)
        loaded: list[bool] = []
        self.view.loadFinished.connect(loaded.append)
        t0 = time.perf_counter()
        self.view.load(QUrl(url))
        if not wait_for(self.view.loadFinished, 120000, lambda: bool(loaded)) or not loaded[0]:
            raise RuntimeError(f"the {kind} page did not load")
        self.load_ms = (time.perf_counter() - t0) * 1000
        if run_js(self.view.page(), "JSON.stringify(" + _driver() + ")", 30000) != "true":
            raise RuntimeError(f"the {kind} page has no driver")
        self.serial = 0
        if not wait_visible(self.view, 0, 30000):
            raise TimeoutError(f"the {kind} page never showed its stamp")
        spin(SETTLE_MS)
        self.errors = self.view.page().console_errors

    def set_date(self, ms: int) -> None:
        """Move the peer's slider to a time, as its own control does (the call returns at once)."""
        from explorer.bench.peer_pages import peer_driver_json

        self.view.page().runJavaScript(peer_driver_json(self.kind, ms))
        self.serial += 1

    def close(self) -> None:
        """Forget the page and let Qt delete the view."""
        self.context.handler.remove_page(self.path)
        self.view.close()
        self.view.page().deleteLater()
        self.view.deleteLater()
        spin(50)


def _driver() -> str:
    from explorer.bench.peer_pages import PEER_DRIVER

    return PEER_DRIVER.strip()


def peer_change_visible(peer: PeerSession, dataset, count: int, shift_days: int = 0) -> list[float]:
    """The peer's date change until visible, on the same random dates as ``time_change_visible``."""
    from explorer.bench.peer_pages import day_ms

    rng = random.Random(count)
    times = []
    for date in sample_dates(dataset, count, seed=7):
        spin(rng.uniform(0, 17))
        t0 = time.perf_counter()
        peer.set_date(day_ms(date, shift_days))
        if not wait_visible(peer.view, peer.serial, 60000):
            raise TimeoutError(f"the {peer.kind} page never showed change {peer.serial}")
        times.append((time.perf_counter() - t0) * 1000)
    return times


def drag_backlog(session, seconds: float) -> dict:
    """A scripted mouse drag of the timeline at about 60 Hz for ``seconds``; then the time from the release
    until the view shows the final date (the backlog a queue of date changes would leave), and how many
    page updates the drag made."""
    view, slider, state = session.view, session.window.timeline, session.state
    stamp_on(view)
    updates_before, dates = view.updates_sent, [0]
    listener = lambda _d: dates.__setitem__(0, dates[0] + 1)  # noqa: E731
    state.events.date.connect(listener)
    released = scripted_drag(slider, seconds)
    final = state.date
    updates_at_release = view.updates_sent
    # Visible: everything sent (nothing gathered, nothing in flight without a number) and the view shows
    # the last update the page applied, which carried the final date.
    deadline = released + 60
    while True:
        settled = not view._dirty and view._in_flight != 0
        if settled and _stamped(view, view.applied_serial):
            break
        if time.perf_counter() > deadline:
            raise TimeoutError("the final date of the drag never became visible")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
    backlog_ms = (time.perf_counter() - released) * 1000
    state.events.date.disconnect(listener)
    shown = view.page_state()["date"]
    view.call("setFrameStamp", False)
    return {"backlog_ms": backlog_ms, "date_changes": dates[0], "page_updates": view.updates_sent - updates_before,
            "updates_after_release": view.updates_sent - updates_at_release,
            "final_date_shown": shown == final.isoformat(), "seconds": seconds}
