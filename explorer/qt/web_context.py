"""The web side of the app: our URL scheme, the offline profile and the request guard.

Pages and assets are served through ``explorer://app/...`` (never ``setHtml``, which fails silently above
2 MB and gives the page no origin). Every http(s) request from a page is blocked and logged.
"""

from __future__ import annotations

import json
import logging
import mimetypes
from concurrent.futures import Future

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QObject, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineProfile, QWebEngineScript, QWebEngineSettings, QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler,
)

from explorer.webmap.assets import served_files

log = logging.getLogger(__name__)

SCHEME = b"explorer"
HOST = "app"
BLOCKED_SCHEMES = {"http", "https", "ws", "wss", "ftp"}


def url_for(path: str) -> str:
    """The URL of ``path`` on the app's scheme."""
    return f"{SCHEME.decode()}://{HOST}/{path}"


def register_scheme() -> None:
    """Declare ``explorer:`` to Chromium. Must run before the QApplication is created (idempotent)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalScheme
                    | QWebEngineUrlScheme.Flag.LocalAccessAllowed | QWebEngineUrlScheme.Flag.CorsEnabled
                    | QWebEngineUrlScheme.Flag.FetchApiAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)


def _mime_type(path: str) -> bytes:
    if path.endswith(".js"):
        return b"text/javascript"
    return (mimetypes.guess_type(path)[0] or "application/octet-stream").encode()


class AppSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves registered pages (kept in memory) and the allow-listed asset files; 404 for anything else.

    A page's data may be still in the making (a ``concurrent.futures.Future`` of its bytes, built off the
    main thread): a request for it is answered when it is done, and meanwhile the page shows what it has.
    """

    _data_done = Signal(str)             # a data path whose Future is done (emitted from the worker thread)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages: dict[str, tuple[bytes | Future, bytes]] = {}   # path -> (body, MIME type)
        self._owned: dict[str, list[str]] = {}               # page path -> the paths served with it
        self._waiting: dict[str, list[QWebEngineUrlRequestJob]] = {}  # data path -> jobs held until it is done
        self._files = served_files()
        self._data_done.connect(self._on_data_done)

    def add_page(self, path: str, html: str, data: dict[str, bytes | Future] | None = None) -> str:
        """Serve ``html`` at ``explorer://app/<path>`` (and each document of ``data`` at its own path, for
        the page to fetch: bytes, or a Future of them); return the page's URL."""
        self.remove_page(path)
        self._pages[path] = (html.encode("utf-8"), b"text/html")
        for data_path, body in (data or {}).items():
            mime = _mime_type(data_path)
            self._pages[data_path] = (body, mime)
            if isinstance(body, Future):
                body.add_done_callback(lambda _future, p=data_path: self._data_done.emit(p))
        self._owned[path] = [path, *(data or {})]
        return url_for(path)

    def remove_page(self, path: str) -> None:
        """Forget a page and its data (its view has gone)."""
        for owned in self._owned.pop(path, []):
            self._pages.pop(owned, None)
            for job in self._waiting.pop(owned, []):
                if shiboken6.isValid(job):
                    job.fail(QWebEngineUrlRequestJob.Error.RequestAborted)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt API)
        """Answer one request from the page."""
        url = job.requestUrl()
        path = url.path().lstrip("/")
        if url.host() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        if path in self._pages:
            body, mime = self._pages[path]
            if isinstance(body, Future) and not body.done():
                self._waiting.setdefault(path, []).append(job)
                return
        elif path in self._files:
            try:
                body = self._files[path].read_bytes()
            except OSError:
                log.error("cannot read asset %s", self._files[path])
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
            mime = _mime_type(path)
        else:
            log.warning("page asked for unknown %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, body, mime)

    def _reply(self, job: QWebEngineUrlRequestJob, body: bytes | Future, mime: bytes) -> None:
        if isinstance(body, Future):
            try:
                body = body.result()
            except Exception:   # noqa: BLE001 (the builder's error is logged; the page shows no events)
                log.exception("the map page's data could not be built")
                job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
                return
        buffer = QBuffer(job)
        buffer.setData(QByteArray(body))
        job.reply(mime, buffer)

    def _on_data_done(self, path: str) -> None:
        entry = self._pages.get(path)
        for job in self._waiting.pop(path, []):
            if entry is not None and shiboken6.isValid(job):
                self._reply(job, *entry)


class NetworkGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine and remembers it (the list should stay empty)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt API)
        """Block http(s) and friends; let our scheme, qrc and data: through."""
        url = info.requestUrl()
        if url.scheme().lower() in BLOCKED_SCHEMES:
            info.block(True)
            self.blocked.append(url.toString())
            log.warning("blocked a network request from the map page: %s", url.toString())


#: WebRTC's constructors, removed from every frame of our pages: no page of ours uses them.
_WEBRTC_NAMES = ("RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel", "RTCIceCandidate",
                 "RTCSessionDescription", "RTCIceTransport", "RTCRtpTransceiver")


def _no_webrtc_script() -> QWebEngineScript:
    """A script run in every frame before the page's own, taking WebRTC out of reach. Defence in depth
    only: the page's Content-Security-Policy already lets no foreign script run, and the IP handling policy
    keeps WebRTC from sending UDP even where a constructor is reached (a frame's first moments)."""
    source = ("(function () { %s.forEach(function (name) { try { Object.defineProperty(window, name, "
              "{ value: undefined, writable: false, configurable: false }); } catch (e) {} }); })();"
              % json.dumps(list(_WEBRTC_NAMES)))
    script = QWebEngineScript()
    script.setName("no-webrtc")
    script.setSourceCode(source)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(True)
    return script


class WebContext(QObject):
    """One off-the-record profile with our scheme handler and network guard, shared by the app's views."""

    renderer_died = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = QWebEngineProfile(self)          # no storage name: off the record, nothing on disk
        self.handler = AppSchemeHandler(self)
        self.guard = NetworkGuard(self)
        self.profile.installUrlSchemeHandler(SCHEME, self.handler)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        settings = self.profile.settings()
        A = QWebEngineSettings.WebAttribute
        # Remote requests are let through to the guard on purpose: it blocks every one AND logs it. With this
        # off, Chromium refuses them silently and an attempt would leave no trace to test or report.
        settings.setAttribute(A.LocalContentCanAccessRemoteUrls, True)
        settings.setAttribute(A.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(A.JavascriptCanOpenWindows, False)
        settings.setAttribute(A.PluginsEnabled, False)
        settings.setAttribute(A.PdfViewerEnabled, False)
        settings.setAttribute(A.ShowScrollBars, False)
        # With the IP handling policy of ``explorer.qt.application.CHROMIUM_SWITCHES``: never a private address.
        settings.setAttribute(A.WebRTCPublicInterfacesOnly, True)
        self.profile.scripts().insert(_no_webrtc_script())
        self._page_counter = 0

    def next_page_path(self, stem: str = "map") -> str:
        """A fresh path for a new page, so two views never share one."""
        self._page_counter += 1
        return f"{stem}-{self._page_counter}.html"
