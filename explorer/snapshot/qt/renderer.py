"""Render snapshots with one hidden map view: loaded once, then driven in place for every snapshot.

A bigger output is a sharper picture of the same view: the hidden view is resized to the output size and the
page zoomed by ``output / view_size``, so the page's CSS viewport (and so Leaflet's framing, label and caption
sizes) stays that of the on-screen view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer, QByteArray, QCoreApplication, QDeadlineTimer, QEvent, QEventLoop, QIODevice, QMarginsF, QSizeF, Qt,
    QTimer,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize

from explorer.model.state import ExplorerState
from explorer.safe_write import write_bytes_atomic, write_text_atomic
from explorer.snapshot.pdf import finish_pdf, pdf_metadata
from explorer.snapshot.spec import SnapshotSpec, caption_for, format_for, snapshot_title
from explorer.qt.map_view import MapView
from explorer.webmap.page import PageOptions, build_page, js_call
from explorer.webmap.page_strings import page_strings

#: Points per CSS pixel (CSS: 96 px per inch; PDF: 72 pt per inch).
PT_PER_CSS_PX = 72 / 96


class SnapshotError(RuntimeError):
    """The page could not be brought to the asked state in time (it did not load, paint or print)."""


class SnapshotRenderer:
    """Renders :class:`SnapshotSpec` s of one dataset as images, PDF or standalone HTML, without a window.

    Owns one hidden :class:`MapView` (never shown on screen) that loads the page once; every snapshot drives
    it through ``TreatyMap`` calls, waits for the page's painted report, then grabs until the image carries the
    page's stamp for that change (a grab can lag the report by a frame or more, at 4K by ~0.3 s).
    ``renderer="auto"`` draws with SVG below ``CANVAS_THRESHOLD`` events; PDFs stay vector only with SVG.
    """

    def __init__(self, dataset, context=None, *, renderer: str = "auto", timeout_ms: int = 20000) -> None:
        from explorer.qt.application import create_application
        from explorer.qt.web_context import WebContext

        create_application()
        self.dataset = dataset
        self.timeout_ms = timeout_ms
        self._own_context = context is None
        self.context = context if context is not None else WebContext()
        self.view = MapView(ExplorerState(dataset), self.context, animate=False,
                            page_options=PageOptions(renderer=renderer))
        # Shown to Qt (so Chromium paints and runs animation frames) but never mapped on a screen.
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.view.resize(1280, 720)
        self.view.show()
        self._applied: SnapshotSpec | None = None
        self._wait(lambda: self.view.is_ready, "the map page did not load")
        self.view.call("setInteractive", False)
        serial = self.view.evaluate(js_call("setSnapshotMode", True), timeout_ms)
        if self.view.grab_frame(serial, timeout_ms) is None:
            raise SnapshotError("the hidden map view did not paint")

    # --- public API ----------------------------------------------------------------------------------
    def render_image(self, spec: SnapshotSpec) -> QImage:
        """The map for ``spec`` as an image of exactly ``spec.size`` pixels, painted for that state."""
        serial = self._apply(spec)
        image = self.view.grab_frame(serial, self.timeout_ms)
        if image is None:
            raise SnapshotError(f"the hidden map view did not show the new state within {self.timeout_ms} ms")
        if (image.width(), image.height()) != tuple(spec.size):
            # A high-DPI screen grabs at its device pixel ratio; give back the size that was asked for.
            image = image.scaled(*spec.size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        return image

    def render_pdf(self, spec: SnapshotSpec) -> bytes:
        """The map for ``spec`` as a one-page PDF, vector where the page is (SVG renderer): on its paper when
        ``spec.paper`` says (A4 landscape: 842 × 595 pt), else sized to the view; with title and author."""
        self._apply(spec)
        width, height = spec.css_size
        page_size = QPageSize(QSizeF(width * PT_PER_CSS_PX, height * PT_PER_CSS_PX), QPageSize.Unit.Point,
                              "snapshot", QPageSize.SizeMatchPolicy.ExactMatch)
        layout = QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        result: list[QByteArray] = []
        loop = QEventLoop()
        self.view.page().printToPdf(lambda data: (result.append(data), loop.quit()), layout)
        QTimer.singleShot(self.timeout_ms, loop.quit)
        if not result:
            loop.exec()
        if not result or result[0].isEmpty():
            raise SnapshotError("printing the map to PDF failed")
        return finish_pdf(bytes(result[0].data()), spec.pdf_points, pdf_metadata(self.dataset, snapshot_title(
            self.dataset, spec)))

    def layout_report(self, spec: SnapshotSpec) -> dict:
        """What the snapshot of ``spec`` shows where, in its output pixels (issue 13's layout report): size,
        selected marker, visible markers, placed labels and overlays."""
        if self._applied != spec:
            self._apply(spec)
        report = self.view.layout_report()
        report["size"] = list(spec.size)
        return report

    def render_html(self, spec: SnapshotSpec) -> str:
        """A standalone, self-contained interactive page (Leaflet and data inlined) starting in ``spec``'s view."""
        return build_page(self.dataset, PageOptions(inline=True, bridge=False, initial=spec.initial_state(self.dataset)))

    def save(self, spec: SnapshotSpec, path: str | Path, fmt: str | None = None) -> Path:
        """Render ``spec`` into ``path`` (format from ``fmt`` or the extension), atomically: a failure leaves
        no partial file. Returns the path; OSError when the file cannot be written."""
        path = Path(path)
        fmt = fmt or format_for(path)
        if fmt == "png":
            write_bytes_atomic(path, image_bytes(self.render_image(spec), "PNG", dpi=spec.dpi))
        elif fmt == "pdf":
            write_bytes_atomic(path, self.render_pdf(spec))
        elif fmt == "html":
            write_text_atomic(path, self.render_html(spec))
        else:
            raise ValueError(f"unknown snapshot format '{fmt}' (png, pdf or html)")
        return path

    def close(self) -> None:
        """Let the hidden view go (page before view before profile, so Qt stays quiet)."""
        if self.view is None:
            return
        view, self.view = self.view, None
        page = view.page()
        page.renderProcessTerminated.disconnect()     # its renderer ending now is expected, not an error
        view.close()
        page.deleteLater()
        view.deleteLater()
        if self._own_context:
            self.context.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def __enter__(self) -> SnapshotRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- driving the page ----------------------------------------------------------------------------
    def _apply(self, spec: SnapshotSpec) -> int:
        """Bring the page to ``spec``; return the serial of the last change (to wait for its paint).

        Only what differs from the previous snapshot is sent: an animation that only moves the date does not
        re-frame the map each frame.
        """
        if spec.event is not None:
            self.dataset.event(spec.event)           # KeyError naming the id, before touching the page
        last, view = self._applied, self.view
        self._applied = None          # until the page is known to be in the new state
        if last is None or (last.size, last.view_size) != (spec.size, spec.view_size):
            self._resize(spec)
            last = None
        if last is None or (last.kinds, last.parties, last.window_days) != (spec.kinds, spec.parties,
                                                                             spec.window_days):
            view.call("setFilters", {"kinds": list(spec.kinds or []), "parties": list(spec.parties or []),
                                     "windowDays": spec.window_days})
        if last is None or last.language != spec.language:
            view.call("update", {"language": spec.language, "strings": page_strings(self.dataset, spec.language)})
        if last is None or last.borders != spec.borders:
            view.call("update", {"borders": spec.borders})
        view.call("setDate", spec.shown_date(self.dataset).isoformat())
        # The caption before the framing: framing keeps the selection clear of it (and of the legend).
        if last is None or last.caption != spec.caption or spec.caption:
            view.call("setCaption", caption_for(self.dataset, spec) if spec.caption else None)
        if last is None or (last.event, last.center, last.zoom) != (spec.event, spec.center, spec.zoom):
            self._frame(spec)
        # Close zooms draw 1:10m layers the page fetches the first time: wait for them, then for the frame.
        self._wait(lambda: not view.evaluate("TreatyMap.pending()", self.timeout_ms),
                   "the map's close-zoom layers did not load")
        serial = view.evaluate("TreatyMap.state()", self.timeout_ms)["serial"]
        if not view.wait_painted(serial, self.timeout_ms):
            raise SnapshotError(f"the map did not paint within {self.timeout_ms} ms")
        self._applied = spec
        return serial

    def _frame(self, spec: SnapshotSpec) -> None:
        """Frame the view: the explicit centre/zoom, else on the selected event, else the dataset's view."""
        view, default = self.view, self.dataset.default_view
        # Start from the default view so that framing an event never depends on the previous snapshot.
        view.call("setView", *default.center, default.zoom)
        keep = spec.center is not None or spec.zoom is not None
        view.call("select", spec.event, {"animate": False, "frame": not keep})
        if keep:
            # Half a view given: the rest from the event's place (a centre) or the dataset's view (a zoom).
            place = self.dataset.place_of(self.dataset.event(spec.event)) if spec.event else None
            center = spec.center or ((place.lat, place.lon) if place else default.center)
            zoom = spec.zoom if spec.zoom is not None else default.zoom
            view.call("setView", center[0], center[1], zoom)

    def _resize(self, spec: SnapshotSpec) -> None:
        """Size the view to the output and zoom the page so its CSS viewport stays the on-screen size."""
        width, height = spec.size
        css_w, css_h = spec.css_size
        self.view.setZoomFactor(spec.zoom_factor)
        self.view.resize(width, height)

        def arrived() -> bool:
            w, h = self.view.evaluate("([window.innerWidth, window.innerHeight])", self.timeout_ms)
            return abs(w - css_w) <= 1.5 and abs(h - css_h) <= 1.5

        self._wait(arrived, f"the page did not take the size {width}x{height}")
        self.view.call("invalidate")

    def _wait(self, condition, message: str) -> None:
        """Process events until ``condition()`` holds; SnapshotError with ``message`` after the timeout."""
        deadline = QDeadlineTimer(self.timeout_ms)
        while not condition():
            if deadline.hasExpired():
                raise SnapshotError(f"{message} within {self.timeout_ms} ms")
            loop = QEventLoop()
            QTimer.singleShot(10, loop.quit)
            loop.exec()


#: Qt's PNG "quality" 80 is zlib level 2: a third faster than the default at 4K for files ~10 % bigger.
PNG_QUALITY = 80


def image_bytes(image: QImage, fmt: str = "PNG", dpi: int | None = None) -> bytes:
    """An image encoded in memory (so it can be written atomically). Snapshots are opaque: no alpha channel.
    ``dpi``: the resolution the file declares (a paper size's PNG says 300 dpi, so it prints at A4)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    if dpi:
        dots_per_metre = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
    if not image.save(buffer, fmt, PNG_QUALITY if fmt.upper() == "PNG" else -1):
        raise SnapshotError(f"could not encode the image as {fmt}")
    return bytes(buffer.data().data())


