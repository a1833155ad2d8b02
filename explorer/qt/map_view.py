"""The embedded map: a QWebEngineView that loads the folium page once and then drives it.

Python → page: one ``TreatyMap.update(change)`` call per change of the state, with JSON arguments. Page →
Python: the ``bridge`` object over QWebChannel (ready, marker clicks, the camera once a move has settled,
painted frames). One update is in flight at a time: what changes while the page works on it is gathered and
sent as one update when the page reports it painted, so the latest state always wins and nothing queues
(a drag at 60 Hz over a slow page shows its final date as soon as the page can, not seconds later).
"""

from __future__ import annotations

import ctypes
import gc
import logging
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView

from explorer.model.state import Camera, ExplorerState
from explorer.qt.evented import listen
from explorer.qt.map_page import MapBridge, MapPage
from explorer.qt.map_reading import MapReading
from explorer.qt.web_context import url_for
from explorer.webmap.page import PageOptions, build_page, initial_state_json, js_call
from explorer.webmap.page_data import cached_page_data_bytes
from explorer.webmap.page_strings import page_strings

log = logging.getLogger(__name__)

#: An update whose painted report never comes (a hidden page paints nothing) stops holding the next one.
UPDATE_TIMEOUT_MS = 500
#: Builds the pages' data off the main thread (one at a time: two views of one dataset share nothing, and
#: the work is Python's, so two threads would not finish sooner).
_data_builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="map-page-data")


class MapView(MapReading, QWebEngineView):
    """Shows the state's dataset on the map and follows the state; reports clicks and the camera back to it."""

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
        self.updates_sent = 0               # page updates made (tests count them: one per click)
        self.applied_serial = 0             # the change number of the last update the page applied
        self._dirty: set[str] = set()
        self._in_flight: int | None = None  # the update the page is working on (0 until its serial is known)
        self._page_camera: Camera | None = None
        self._display: dict = {}            # how the page is shown where it is embedded (set_display)
        self._released = False              # transient memory of the first load handed back
        self._page_path = context.next_page_path()
        self._data_path = self._page_path.rsplit(".", 1)[0] + "-data.bin"
        # The page data, made off the main thread once per dataset (a kiosk reloads its page on every reset).
        self._data: Future | None = None
        self._data_of = None
        self.setPage((page_class or MapPage)(context.profile, self))   # the kiosk passes a locked-down page
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.page().setWebChannel(self.channel)
        self.bridge.ready.connect(self._on_bridge_ready)
        self.bridge.event_clicked.connect(self._on_event_clicked)
        self.bridge.frame_painted.connect(self._on_painted)
        self.bridge.camera_changed.connect(self._on_camera_changed)
        self.loadFinished.connect(self._on_load_finished)
        self.page().renderProcessTerminated.connect(self._on_render_process_terminated)
        self._update_timer = QTimer(self)
        self._update_timer.setSingleShot(True)
        self._update_timer.setInterval(UPDATE_TIMEOUT_MS)
        self._update_timer.timeout.connect(self._on_update_timer_timeout)
        self._options = page_options or PageOptions()
        listen(state.events.changed, self._on_state_changed)
        self.load_page()

    # --- loading ------------------------------------------------------------------------------------
    def load_page(self, *, cache: bool = True) -> None:
        """Build the page for the current state and load it (once; later changes are driven in place).
        ``cache=False`` renders the page afresh instead of from the cached template."""
        self.is_ready = self._loaded = self._bridge_ready = False
        self._in_flight, self._dirty = None, set()
        options = PageOptions(inline=False, renderer=self._options.renderer, bridge=True,
                              initial={**initial_state_json(self.state), **(self._options.initial or {}),
                                       **({"display": self._display} if self._display else {})},
                              data_url=url_for(self._data_path))
        if self._data is None or self._data_of is not self.state.dataset:
            # The page shows its base map meanwhile and asks for the data at once: the scheme handler answers
            # when it is built, or read from the page cache for a file opened before.
            self._data_of = self.state.dataset
            self._data = _data_builder.submit(cached_page_data_bytes, self.state.dataset)
        html = build_page(self.state.dataset, options, cache=cache)
        url = self.context.handler.add_page(self._page_path, html, {self._data_path: self._data})
        self.load(QUrl(url))

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
        # loadFinished and the page's own ready call can arrive in either order. What changed while the page
        # loaded (it started from the state of load_page) is sent now.
        if self._loaded and self._bridge_ready and not self.is_ready:
            self.is_ready = True
            self._send()
            self.ready.emit()
            if not self._released:
                self._released = True
                QTimer.singleShot(0, _release_freed_memory)

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

    def set_display(self, display: dict) -> None:
        """How the page is shown where it is embedded (the kiosk: text scale, high-contrast palette, the
        legend's size, rectangles its own panels cover; see tm_display.js): sent as ``display`` with the next
        update when it changed, and in the start state of every later load of the page."""
        if display == self._display:
            return
        self._display = dict(display)
        self._dirty.add("display")
        self._send()

    def _on_state_changed(self, names: frozenset) -> None:
        self._dirty |= names
        self._send()

    def _send(self) -> None:
        """Send what changed as one update, unless the page is still loading or working on the last one."""
        if not self.is_ready or self._in_flight is not None or not self._dirty:
            return
        change = self._change(self._dirty)
        self._dirty = set()
        if not change:
            return
        self._in_flight = 0
        self.updates_sent += 1
        self._update_timer.start()
        self.call("update", change, callback=self._on_update_applied)

    def _change(self, names: set[str]) -> dict:
        """The page update for the changed state fields (the camera left out when it is where the page
        already is: the page itself reported it)."""
        state, change = self.state, {}
        if "date" in names:
            change["date"] = state.date.isoformat()
        if "filters" in names:
            change["filters"] = {"kinds": sorted(state.filters.kinds), "parties": sorted(state.party_filter()),
                                 "windowDays": state.filters.window_days}
        if "language" in names:
            change["language"] = state.language
            change["strings"] = page_strings(state.dataset, state.language)
        if "selected_id" in names:
            change["selected"] = state.selected_id
            change["animate"] = self.animate
        if "borders" in names:
            change["borders"] = state.borders
        if "display" in names:
            change["display"] = self._display
        camera = state.camera
        if "camera" in names and camera is not None and not camera.close_to(self._page_camera):
            change["camera"] = [camera.center[0], camera.center[1], camera.zoom]
        return change

    def _on_update_applied(self, serial) -> None:
        if self._in_flight == 0 and isinstance(serial, (int, float)):
            self._in_flight = self.applied_serial = int(serial)
            if self.last_painted >= self._in_flight:
                self._update_done()

    def _update_done(self) -> None:
        self._in_flight = None
        self._update_timer.stop()
        self._send()

    def _on_update_timer_timeout(self) -> None:
        if self._in_flight is not None:
            log.debug("the map page did not report painting update %s in time", self._in_flight)
            self._update_done()

    def _on_painted(self, serial: int) -> None:
        self.last_painted = max(self.last_painted, serial)
        if self._in_flight and serial >= self._in_flight:
            self._update_done()
        self.painted.emit(serial)

    def _on_camera_changed(self, lat: float, lon: float, zoom: float) -> None:
        self._page_camera = Camera((lat, lon), zoom)
        self.state.camera = self._page_camera

    def _on_event_clicked(self, event_id: str) -> None:
        if self.state.dataset.has_event(event_id):
            self.state.select(event_id)

    def closeEvent(self, event) -> None:  # noqa: N802
        """Forget our page in the scheme handler."""
        self.context.handler.remove_page(self._page_path)
        super().closeEvent(event)


def _release_freed_memory() -> None:
    """Once the first page is up: hand the memory freed since the start (megabytes of transient page data
    and text) back to the system, which glibc does not do by itself, and take the long-lived objects (the
    dataset) out of the garbage collector's passes, which at 100,000 events would stall the main thread for
    a second at random moments. Only the young generations are collected first: a full collection would
    itself walk every object of the dataset (a second at 100,000 events); the loader built the dataset with
    the collector paused, so it holds no cyclic garbage to free."""
    gc.collect(1)
    gc.freeze()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
