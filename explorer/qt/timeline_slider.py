"""The timeline slider: a painted time axis with eras, event marks and a draggable date handle.

``TimelineSlider`` is a view of an ``ExplorerState``: it paints the state's dataset and current date and
writes what the user does (scrub, click a mark, keys, play) back through the state's methods, never by
poking other widgets. Its painting lives in ``timeline_paint``; ``play_controls`` holds the Play button.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAccessible, QAccessibleEvent, QColor, QFont, QPainter, QPalette, QPen,
)
from PySide6.QtWidgets import QWidget

from explorer.model.dataset import Event
from explorer.model.playback import Playback
from explorer.model.state import ExplorerState
from explorer.qt.evented import listen
from explorer.qt.timeline_input import MOUSE_HIT_RADIUS, SCRUB_INTERVAL_MS, TOUCH_HIT_RADIUS, TimelineInput, PendingPress
from explorer.qt.timeline_paint import (
    PAD_X, AxisView, MarksCache, Rows, date_label, paint_background, paint_handle, paint_marks, rows_for,
)

log = logging.getLogger(__name__)

SELECTED_COLOR = "#f5b700"
_LAST_ORDINAL = dt.date.max.toordinal()
MIN_SPAN_DAYS = 30              # the furthest one can zoom in


class TimelineSlider(TimelineInput, QWidget):
    """A painted timeline of the state's dataset: eras, event marks, and the current date as a handle.

    Drag the handle or the track to scrub, click a mark to select it, wheel or pinch to zoom
    (shift+wheel pans), keys to step; Space plays and pauses the ``playback`` it is given (which steps
    through events as the arrow keys do, naming them).
    """

    def __init__(self, state: ExplorerState, parent: QWidget | None = None, *, playback: Playback | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.playback = playback
        self._touch_mode = False
        self._hover_id: str | None = None
        self._press: PendingPress | None = None
        self._scrub_offset: float | None = None     # not None while scrubbing
        self._pending_x: float | None = None
        self._index_dataset()
        self._marks_cache = MarksCache()          # the marks, and the frame, eras and axis: date-independent
        self._background_cache = MarksCache()
        self._view_start, self._view_days = self._full_start, self._full_days

        self._scrub_timer = QTimer(self)
        self._scrub_timer.setSingleShot(True)
        self._scrub_timer.setInterval(SCRUB_INTERVAL_MS)
        self._scrub_timer.timeout.connect(self._on_scrub_timer_timeout)

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.setMinimumHeight(90)
        self.setAccessibleName("Timeline")
        self._describe()
        listen(state.events.date, self._on_date_changed)
        listen(state.events.selected_id, self._on_selection_changed)
        listen(state.events.filters, self._on_filters_changed)

    def _index_dataset(self) -> None:
        data = self._state.dataset
        self._points = [e for e in data.events if e.start == e.last]
        self._point_ords = [e.start.toordinal() for e in self._points]
        self._spans: list[tuple[Event, int]] = []
        lane_ends: list[dt.date] = []
        for e in (e for e in data.events if e.start != e.last):
            lane = next((i for i, end in enumerate(lane_ends) if end < e.start), len(lane_ends))
            lane_ends[lane:lane + 1] = [e.last]
            self._spans.append((e, lane))
        first, last = data.first_date.toordinal(), data.last_date.toordinal() + 1
        self._full_days = float(max(last - first, MIN_SPAN_DAYS))
        self._full_start = first - (self._full_days - (last - first)) / 2

    # --- public API --------------------------------------------------------------------------------
    @property
    def touch_mode(self) -> bool:
        """Whether marks are drawn tall with touch-sized hit areas (for a kiosk's touch screen)."""
        return self._touch_mode

    @touch_mode.setter
    def touch_mode(self, on: bool) -> None:
        self._touch_mode = bool(on)
        self.setMinimumHeight(150 if on else 90)
        self.updateGeometry()
        self.update()

    @property
    def hit_radius(self) -> float:
        """How far (px) from a mark a click still hits it."""
        return TOUCH_HIT_RADIUS if self._touch_mode else MOUSE_HIT_RADIUS

    def x_for_date(self, date: dt.date) -> float:
        """The x (widget px) of the middle of ``date``'s day in the current view."""
        return self._x_at(date.toordinal() + 0.5)

    def date_at(self, x: float) -> dt.date:
        """The day under ``x``, clamped to the dataset's span."""
        data = self._state.dataset
        ordinal = math.floor(self._view_start + (x - PAD_X) / self._px_per_day())
        ordinal = min(max(ordinal, data.first_date.toordinal()), data.last_date.toordinal())
        return dt.date.fromordinal(ordinal)

    def visible_span(self) -> tuple[dt.date, dt.date]:
        """The first and last day shown."""
        # The view can reach half a span past the dataset's ends: keep within the calendar (years 1..9999).
        start = min(max(math.floor(self._view_start), 1), _LAST_ORDINAL)
        end = min(max(math.ceil(self._view_start + self._view_days) - 1, start), _LAST_ORDINAL)
        return dt.date.fromordinal(start), dt.date.fromordinal(end)

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping the day under ``anchor_x`` in place (default: the handle)."""
        if anchor_x is None:
            anchor_x = self.x_for_date(self._state.date)
            if not PAD_X <= anchor_x <= self.width() - PAD_X:
                anchor_x = self.width() / 2
        anchor = self._ord_at(anchor_x)
        days = min(max(self._view_days / factor, MIN_SPAN_DAYS), self._full_days)
        self._set_view(anchor - (anchor_x - PAD_X) / self._track_width() * days, days)

    def pan_by(self, days: float) -> None:
        """Move the view ``days`` later (earlier when negative)."""
        self._set_view(self._view_start + days, self._view_days)

    def mark_rect(self, event_id: str) -> QRectF:
        """Where the event's mark is drawn (KeyError for an unknown id); may lie outside the widget."""
        event = self._state.dataset.event(event_id)
        lane = next((lane for e, lane in self._spans if e is event), None)
        return self._rect_for(event, lane, rows_for(self.height(), self._touch_mode))

    def event_at(self, pos: QPointF, radius: float | None = None) -> Event | None:
        """The event whose mark is nearest to ``pos`` within ``radius`` px (default ``hit_radius``)."""
        radius = self.hit_radius if radius is None else radius
        best, best_key = None, None
        for event, rect in self._marks_in_view(radius, around=pos.x()):
            dx = max(rect.left() - pos.x(), 0.0, pos.x() - rect.right())
            dy = max(rect.top() - pos.y(), 0.0, pos.y() - rect.bottom())
            distance = math.hypot(dx, dy)
            if distance <= radius:
                # Inside several marks: the narrower one (a point over a long bar), then the closer centre.
                key = (distance, rect.width(), abs(rect.center().x() - pos.x()))
                if best_key is None or key < best_key:
                    best, best_key = event, key
        return best

    # --- geometry ----------------------------------------------------------------------------------
    def _track_width(self) -> float:
        return max(1.0, self.width() - 2 * PAD_X)

    def _px_per_day(self) -> float:
        return self._track_width() / self._view_days

    def _x_at(self, ordinal: float) -> float:
        return PAD_X + (ordinal - self._view_start) * self._px_per_day()

    def _ord_at(self, x: float) -> float:
        return self._view_start + (x - PAD_X) / self._px_per_day()

    def _set_view(self, start: float, days: float) -> None:
        days = min(max(days, MIN_SPAN_DAYS), self._full_days)
        start = min(max(start, self._full_start), self._full_start + self._full_days - days)
        if (start, days) != (self._view_start, self._view_days):
            self._view_start, self._view_days = start, days
            self.update()

    def _follow(self, date: dt.date) -> None:
        """Keep the handle in view: turn a page when it just left, centre it after a jump."""
        ordinal, view_end = date.toordinal() + 0.5, self._view_start + self._view_days
        if self._view_start <= ordinal <= view_end:
            return
        near = 0.1 * self._view_days
        if view_end < ordinal <= view_end + near:
            self._set_view(ordinal - 0.2 * self._view_days, self._view_days)
        elif self._view_start - near <= ordinal < self._view_start:
            self._set_view(ordinal - 0.8 * self._view_days, self._view_days)
        else:
            self._set_view(ordinal - 0.5 * self._view_days, self._view_days)

    def _rect_for(self, event: Event, lane: int | None, rows: Rows) -> QRectF:
        width = 14.0 if self._touch_mode else 10.0
        if lane is None:
            x = self._x_at(event.start.toordinal() + 0.5)
            return QRectF(x - width / 2, rows.point_top, width, rows.point_h)
        left, right = self._x_at(event.start.toordinal()), self._x_at(event.last.toordinal() + 1)
        if right - left < width:
            middle = (left + right) / 2
            left, right = middle - width / 2, middle + width / 2
        top = rows.lane_tops[lane % len(rows.lane_tops)]
        return QRectF(left, top, right - left, rows.lane_h)

    def _marks_in_view(self, margin: float, around: float | None = None) -> list[tuple[Event, QRectF]]:
        """Marks that may show within the track (plus ``margin`` px), spans first, with their rects; only
        those within ``margin`` px of x = ``around`` when given (hit tests need not build 10,000 rects)."""
        rows = rows_for(self.height(), self._touch_mode)
        left, right = (-margin, self.width() + margin) if around is None else (around - margin, around + margin)
        lo = self._ord_at(left - 10)
        hi = self._ord_at(right + 10)
        marks = [(e, self._rect_for(e, lane, rows)) for e, lane in self._spans
                 if e.start.toordinal() <= hi and e.last.toordinal() + 1 >= lo]
        i0, i1 = bisect.bisect_left(self._point_ords, lo - 1), bisect.bisect_right(self._point_ords, hi + 1)
        marks += [(e, self._rect_for(e, None, rows)) for e in self._points[i0:i1]]
        return marks

    # --- model listeners -------------------------------------------------------------------------
    def _on_date_changed(self, date: dt.date) -> None:
        if self._scrub_offset is None:
            self._follow(date)
        self._describe()
        self.update()

    def _on_selection_changed(self, event_id: str | None) -> None:
        self.update()

    def _on_filters_changed(self, filters) -> None:
        self.update()

    def _describe(self) -> None:
        self.setAccessibleDescription(f"Current date: {date_label(self._state.date)}")
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))

    # --- Qt event handlers -------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        """800 x 110, taller in touch mode."""
        return QSize(800, 160 if self._touch_mode else 110)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Narrow is fine; the height keeps every row."""
        return QSize(200, self.minimumHeight())

    # --- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        """Background, eras, axis, marks, handle and focus frame, in that order. Everything that does not
        depend on the date comes from cached pixmaps, so moving the handle repaints little.

        An exception must never leave a Qt virtual (PySide6 turns it into a crash): a paint that fails is
        logged and the rest of the window goes on."""
        try:
            self._paint()
        except Exception:                         # noqa: BLE001 (logged; the widget stays blank)
            log.exception("the timeline could not be painted")

    def _paint(self) -> None:
        rows = rows_for(self.height(), self._touch_mode)
        pal = self.palette()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), self._view_start, self._view_days, self._touch_mode, pal.cacheKey(),
               ratio, small.key())
        background = self._background_cache.pixmap(key, self.width(), self.height(), ratio,
                                                   lambda painter: paint_background(painter, self._axis(), rows,
                                                                                    pal, small, self._state.dataset.eras))
        p = QPainter(self)
        try:
            self._paint_on(p, rows, pal, small, background)
        finally:
            p.end()

    def _paint_on(self, p: QPainter, rows: Rows, pal: QPalette, small: QFont, background) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.drawPixmap(0, 0, background)
        p.setFont(small)
        hx = self.x_for_date(self._state.date)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
        p.drawLine(QPointF(hx, rows.era_top), QPointF(hx, rows.axis_y))   # behind the marks
        p.save()
        p.setClipRect(QRectF(PAD_X - 8, 0, self._track_width() + 16, self.height()))
        self._paint_marks(p)
        p.restore()
        paint_handle(p, self._axis(), rows, pal, hx, self._state.date)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)

    def _axis(self) -> AxisView:
        first, last = self.visible_span()
        return AxisView(PAD_X, self.width() - PAD_X, self.width(), self.height(), self._x_at, self._px_per_day(),
                        first, last)

    def _paint_marks(self, p: QPainter) -> None:
        """The marks (from a cached pixmap: the date handle moves over it), then hover and selection outlines."""
        key = (self.width(), self.height(), self._view_start, self._view_days, self._touch_mode,
               self._state.filters, self.palette().cacheKey(), self.devicePixelRatioF())
        pixmap = self._marks_cache.pixmap(key, self.width(), self.height(), self.devicePixelRatioF(), lambda painter:
                                          paint_marks(painter, self._marks_in_view(8), self._state.filters.accepts,
                                                      self.palette(), self._track_width()))
        p.drawPixmap(0, 0, pixmap)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for event_id, pen in ((self._hover_id, QPen(self.palette().color(QPalette.ColorRole.Text), 1.5)),
                              (self._state.selected_id, QPen(QColor(SELECTED_COLOR), 2.5))):
            if event_id is not None and self._state.dataset.has_event(event_id):
                p.setPen(pen)
                p.drawRoundedRect(self.mark_rect(event_id).adjusted(-2.5, -2.5, 2.5, 2.5), 4, 4)
