"""Reading the map page from Python: its state, its painted reports and grabs proven to show a change.

For tests, exports and the benchmark; the app itself never waits on the page (it hears from it over the
bridge). ``MapReading`` is mixed into ``MapView``.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QRect, QTimer
from PySide6.QtWebEngineCore import QWebEnginePage

from explorer.webmap.page import js_call


class MapReading:
    """What a map view can tell about its page (``page()``, ``bridge``, ``last_painted`` and ``call`` come
    from ``MapView``)."""

    def evaluate(self, expression: str, timeout_ms: int = 5000):
        """The value of a JavaScript expression in the page, passed through JSON (objects and arrays arrive
        as dicts and lists, ``undefined`` as None). For tests, exports and the benchmark."""
        value = run_js(self.page(), f"JSON.stringify((() => ({expression}))())", timeout_ms)
        return None if value is None or value == "" else json.loads(value)

    def page_state(self) -> dict:
        """The page's own account of what it shows (visible events, selection, arcs, view)."""
        return self.evaluate("window.TreatyMap && TreatyMap.ready ? TreatyMap.state() : {}")

    def layout_report(self) -> dict:
        """What the page has drawn, in output pixels: size, selected marker, markers, labels and overlays
        (``TreatyMap.layout()``; the JSON ``explorer snapshot --layout`` writes)."""
        return self.evaluate("TreatyMap.layout()")

    def wait_painted(self, serial: int | None = None, timeout_ms: int = 5000) -> bool:
        """Wait until the page reports having painted change ``serial`` (default: the latest it made)."""
        if serial is None:
            serial = self.evaluate("TreatyMap.state()")["serial"]
        if self.last_painted >= serial:
            return True
        loop = QEventLoop()
        done = lambda s: loop.quit() if s >= serial else None  # noqa: E731
        self.bridge.frame_painted.connect(done)
        QTimer.singleShot(timeout_ms, loop.quit)
        if self.last_painted < serial:
            loop.exec()
        self.bridge.frame_painted.disconnect(done)
        return self.last_painted >= serial

    def grab_settled(self, timeout_ms: int = 5000):
        """A grab of the view proven to show the page's latest change (a plain grab can be a frame, or under
        load many frames, old): the frame stamp is switched on for it, then off again. None after the
        timeout."""
        serial = self.evaluate(js_call("setFrameStamp", True), timeout_ms)
        try:
            return self.grab_frame(serial, timeout_ms)
        finally:
            self.call("setFrameStamp", False)

    def grab_frame(self, serial: int, timeout_ms: int = 5000):
        """A grab proven to show change ``serial`` or later, or None after the timeout. Needs the page in
        snapshot mode (``TreatyMap.setSnapshotMode(true)``): its top-left pixel carries the change number,
        and is given back its neighbour's colour in the returned image."""
        deadline = QDeadlineTimer(timeout_ms)
        corner = QRect(0, 0, 2, 1)
        while True:
            # Watch the stamp through a tiny grab (a 4K grab costs ~25 ms); grab it all once it has arrived.
            if _is_stamped(self.grab(corner).toImage(), serial):
                image = self.grab().toImage()
                if _is_stamped(image, serial):
                    image.setPixel(0, 0, image.pixel(1, 0))
                    return image
            if deadline.hasExpired():
                return None
            loop = QEventLoop()
            QTimer.singleShot(8, loop.quit)
            loop.exec()


def run_js(page: QWebEnginePage, code: str, timeout_ms: int = 5000):
    """Run JavaScript in ``page`` and wait for its value; TimeoutError when the page does not answer."""
    result: list = []
    loop = QEventLoop()
    page.runJavaScript(code, 0, lambda value: (result.append(value), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    if not result:
        loop.exec()
    if not result:
        raise TimeoutError(f"the map page did not answer within {timeout_ms} ms: {code[:60]}")
    return result[0]


def frame_stamp(image) -> int:
    """The change number a snapshot-mode page stamped into the image's top-left pixel."""
    return image.pixel(0, 0) & 0xFFFFFF


def _is_stamped(image, serial: int) -> bool:
    """Whether the image shows change ``serial`` or a later one (not an older frame, nor a frame before the
    stamp existed, whose corner is map colour: a number far above any change number)."""
    return image.width() > 1 and 0 <= frame_stamp(image) - serial < 4096
