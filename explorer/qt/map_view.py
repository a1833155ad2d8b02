"""The embedded map: a QWebEngineView that loads the folium page once and then drives it.

Python → page: ``TreatyMap.*`` calls with JSON arguments. Page → Python: the ``bridge`` object over
QWebChannel (ready, marker clicks, painted frames).
"""

from __future__ import annotations

import ctypes
import gc
import json
import logging

import shiboken6
from PySide6.QtCore import QDeadlineTimer, QEventLoop, QObject, QRect, QTimer, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView

from explorer.model.state import ExplorerState
from explorer.qt.web_context import url_for
from explorer.webmap.page import PageOptions, build_page, initial_state_json, js_call, page_data_json

log = logging.getLogger(__name__)


class MapBridge(QObject):
    """The object the page sees as ``bridge``: its slots are called from JavaScript."""

    ready = Signal()
    event_clicked = Signal(str)
    frame_painted = Signal(int)

    @Slot()
    def pageReady(self) -> None:  # noqa: N802 (name seen from JavaScript)
        """The page has built the map and connected the channel."""
        self.ready.emit()

    @Slot(str)
    def eventClicked(self, event_id: str) -> None:  # noqa: N802
        """A marker (or link arc) was clicked in the page."""
        self.event_clicked.emit(event_id)

    @Slot(int)
    def painted(self, serial: int) -> None:  # noqa: N802
        """The page has painted the frame for change number ``serial``."""
        self.frame_painted.emit(serial)


class MapPage(QWebEnginePage):
    """A page that stays on our own documents: navigation is an allow-list, new windows are refused."""

    js_error = Signal(str)

    def __init__(self, profile, parent=None) -> None:
        super().__init__(profile, parent)
        self.console_errors: list[str] = []
        self.refused_navigations: list[str] = []

    def acceptNavigationRequest(self, url: QUrl, nav_type, is_main_frame: bool) -> bool:  # noqa: N802
        """Only our scheme may be shown; anything else (a link, a script's location change) is refused."""
        if url.scheme() in ("explorer", "about", "data") or url.toString() == "about:blank":
            return True
        self.refused_navigations.append(url.toString())
        log.info("refused navigation to %s", url.toString())
        return False

    def createWindow(self, window_type):  # noqa: N802
        """No pop-ups or new windows."""
        return None

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        """Log the page's console; keep errors so tests and the status bar can show them."""
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            text = f"{source}:{line}: {message}"
            self.console_errors.append(text)
            log.error("map page: %s", text)
            self.js_error.emit(text)
        else:
            log.debug("map page: %s", message)


class MapView(QWebEngineView):
    """Shows the state's dataset on the map and follows the state; reports clicks back to it."""

    ready = Signal()
    painted = Signal(int)
    renderer_crashed = Signal()          # the page's renderer process died; load_page() brings the map back

    def __init__(self, state: ExplorerState, context, parent=None, *, animate: bool = True,
                 page_options: PageOptions | None = None, page_class: type[MapPage] | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.context = context
        self.animate = animate
        self.is_ready = False
        self._loaded = False
        self._bridge_ready = False
        self.last_painted = 0
        self._page_path = context.next_page_path()
        self._data_path = self._page_path.rsplit(".", 1)[0] + "-data.json"
        self._data_json: bytes | None = None       # made once: a kiosk reloads its page on every reset
        self.setPage((page_class or MapPage)(context.profile, self))   # the kiosk passes a locked-down page
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.page().setWebChannel(self.channel)
        self.bridge.ready.connect(self._on_bridge_ready)
        self.bridge.event_clicked.connect(self._on_event_clicked)
        self.bridge.frame_painted.connect(self._on_painted)
        self.loadFinished.connect(self._on_load_finished)
        self.page().renderProcessTerminated.connect(self._on_render_process_terminated)
        self._options = page_options or PageOptions()
        state.date_changed.connect(self._on_date_changed)
        state.selection_changed.connect(self._on_selection_changed)
        state.filters_changed.connect(self._on_filters_changed)
        state.language_changed.connect(self._on_language_changed)
        self.load_page()

    # --- loading ------------------------------------------------------------------------------------
    def load_page(self, *, cache: bool = True) -> None:
        """Build the page for the current state and load it (once; later changes are driven in place).
        ``cache=False`` renders the page afresh instead of from the cached template."""
        self.is_ready = self._loaded = self._bridge_ready = self._behind = False
        options = PageOptions(inline=False, renderer=self._options.renderer, bridge=True,
                              initial={**initial_state_json(self.state), **(self._options.initial or {}),
                                       "language": self.state.language},
                              data_url=url_for(self._data_path))
        if self._data_json is None:
            self._data_json = page_data_json(self.state.dataset)
        html = build_page(self.state.dataset, options, cache=cache)
        url = self.context.handler.add_page(self._page_path, html, {self._data_path: self._data_json})
        self.load(QUrl(url))
        _release_freed_memory()

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            # A refused navigation also ends in loadFinished(False) while our page stays; only log real failures.
            if not self.url().toString().endswith(self._page_path):
                log.error("the map page failed to load: %s", self.url().toString())
            return
        self._loaded = True
        self._check_ready()

    def _on_bridge_ready(self) -> None:
        self._bridge_ready = True
        self._check_ready()

    def _check_ready(self) -> None:
        # loadFinished and the page's own ready call can arrive in either order.
        if self._loaded and self._bridge_ready and not self.is_ready:
            self.is_ready = True
            if self._behind:
                self._catch_up()
            self.ready.emit()

    def _catch_up(self) -> None:
        """The state changed while the page was loading (it started from the state of ``load_page``):
        bring the page to the current state now that it can be driven."""
        self._behind = False
        state = self.state
        self._on_filters_changed(state.filters)
        self._on_language_changed(state.language)
        self._on_date_changed(state.date)
        self.call("select", state.selected_id, {"animate": False})

    def _on_render_process_terminated(self, status, exit_code: int) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            log.debug("the map's renderer process ended normally")   # its page is going away
            return
        log.error("the map's renderer process ended (status %s, code %s)", status.name, exit_code)
        self.is_ready = False
        self.renderer_crashed.emit()
        self.context.renderer_died.emit()

    # --- driving the page ----------------------------------------------------------------------------
    def call(self, function: str, *args, callback=None) -> None:
        """Call ``TreatyMap.<function>(*args)`` in the page, arguments JSON-encoded."""
        if callback is None:
            self.page().runJavaScript(js_call(function, *args))
        else:
            self.page().runJavaScript(js_call(function, *args), 0, callback)

    def _on_date_changed(self, date) -> None:
        if self._alive():
            self.call("setDate", date.isoformat())

    def _on_selection_changed(self, event_id) -> None:
        if self._alive():
            self.call("select", event_id, {"animate": self.animate})

    def _on_filters_changed(self, filters) -> None:
        if self._alive():
            self.call("setFilters", {"kinds": sorted(filters.kinds), "parties": sorted(filters.parties),
                                     "windowDays": filters.window_days})

    def _on_language_changed(self, language) -> None:
        if self._alive():
            self.call("setLanguage", language)

    def _on_event_clicked(self, event_id: str) -> None:
        if self.state.dataset.has_event(event_id):
            self.state.select(event_id)

    def _on_painted(self, serial: int) -> None:
        self.last_painted = max(self.last_painted, serial)
        self.painted.emit(serial)

    def _alive(self) -> bool:
        """Whether the page can be driven now. Changes made while it loads are caught up when it is ready
        (a call before ``TreatyMap.init`` has run would fail in the page)."""
        if not shiboken6.isValid(self):
            return False
        if not self.is_ready:
            self._behind = True
        return self.is_ready

    # --- reading the page ----------------------------------------------------------------------------
    def evaluate(self, expression: str, timeout_ms: int = 5000):
        """The value of a JavaScript expression in the page, passed through JSON (objects and arrays arrive
        as dicts and lists, ``undefined`` as None). For tests, exports and the benchmark."""
        value = run_js(self.page(), f"JSON.stringify((() => ({expression}))())", timeout_ms)
        return None if value is None or value == "" else json.loads(value)

    def page_state(self) -> dict:
        """The page's own account of what it shows (visible events, selection, arcs, view)."""
        return self.evaluate("window.TreatyMap && TreatyMap.ready ? TreatyMap.state() : {}")

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

    def closeEvent(self, event) -> None:  # noqa: N802
        """Forget our page in the scheme handler."""
        self.context.handler.remove_page(self._page_path)
        super().closeEvent(event)


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


def _release_freed_memory() -> None:
    """After loading a dataset and building its page: hand the memory freed since (megabytes of transient
    JSON and HTML text at 10,000 events) back to the system, which glibc does not do by itself, and take the
    long-lived objects (the dataset) out of the garbage collector's full passes, which at 10,000 events
    would stall the main thread for tens of milliseconds at random moments. Collect first: cyclic garbage
    frozen now would never be freed (the kiosk reloads its page on every reset)."""
    gc.collect()
    gc.freeze()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def frame_stamp(image) -> int:
    """The change number a snapshot-mode page stamped into the image's top-left pixel."""
    return image.pixel(0, 0) & 0xFFFFFF


def _is_stamped(image, serial: int) -> bool:
    """Whether the image shows change ``serial`` or a later one (not an older frame, nor a frame before the
    stamp existed, whose corner is map colour: a number far above any change number)."""
    return image.width() > 1 and 0 <= frame_stamp(image) - serial < 4096
