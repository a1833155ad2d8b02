"""The map's page and its bridge: what runs on the web side of the map view, seen from Qt.

``MapBridge`` is the object the page sees as ``bridge`` over QWebChannel; ``MapPage`` keeps the page on our
own documents. The protocol is described in ``docs/architecture.md``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtWebEngineCore import QWebEnginePage

log = logging.getLogger(__name__)


class MapBridge(QObject):
    """The object the page sees as ``bridge``: its slots are called from JavaScript."""

    ready = Signal()
    event_clicked = Signal(str)
    frame_painted = Signal(int)
    camera_changed = Signal(float, float, float)

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

    @Slot(float, float, float)
    def cameraChanged(self, lat: float, lon: float, zoom: float) -> None:  # noqa: N802
        """The map has come to rest at a new centre and zoom (reported once a move has settled)."""
        self.camera_changed.emit(lat, lon, zoom)


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
