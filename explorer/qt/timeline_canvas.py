"""How the timeline slider paints itself: which layers, in which order, and which of them are cached.

Three cached pixmaps hold what does not depend on the date: the background (frame, eras, border row, axis),
the marks (or the density strip), both drawn again when the view moves, and the overview's trough and
density, which no view changes. A date change repaints only the
live layers over them: the time-window band, the handle's line, the hover and selection rings, the change
of the day in the border row, the handle and its pill, the overview's window, a callout, the focus frame.
Mixed into ``TimelineSlider``, which provides the geometry.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen

from explorer.qt.timeline_borders import paint_border_row, paint_current_border
from explorer.qt.timeline_marks import MarksCache, paint_density, paint_marks
from explorer.qt.timeline_overview import paint_overview, paint_overview_window
from explorer.qt.timeline_paint import (
    PAD_X, callout_rect, paint_axis, paint_callout, paint_eras, paint_frame, paint_handle, paint_window_band,
)

log = logging.getLogger("explorer.qt.timeline_slider")

SELECTED_COLOR = "#f5b700"
DENSITY_BIN_PX = 3


class TimelineCanvas:
    """The slider's paintEvent and its caches."""

    def _init_painting(self) -> None:
        self._background_cache = MarksCache()
        self._marks_cache = MarksCache()
        self._overview_cache = MarksCache()         # the whole span in miniature: the same for every view
        self._overview_counts: tuple[tuple, list[int]] = ((), [])
        self._axis_labels: list = []                 # (text, rect) of the axis labels drawn last

    def _invalidate(self) -> None:
        for cache in (self._background_cache, self._marks_cache, self._overview_cache):
            cache.invalidate()
        self.update()

    def _accepts(self):
        """The filters' test for one event (kinds and parties; renamed states count as one), and a key for it."""
        filters, parties = self._state.filters, self._state.party_filter()
        self._index.use_filter(filters, parties)
        return (filters.kinds, parties), (lambda event: filters.accepts(event, parties))

    def paintEvent(self, event) -> None:  # noqa: N802
        """Background, band, marks, rings, handle, overview window, callout and focus frame, in that order.

        An exception must never leave a Qt virtual (PySide6 turns it into a crash): a paint that fails is
        logged and the rest of the window goes on."""
        try:
            self._paint()
        except Exception:                         # noqa: BLE001 (logged; the widget stays blank)
            log.exception("the timeline could not be painted")

    def _paint(self) -> None:
        rows, pal, font = self._rows(), self.palette(), self._label_font()
        ratio, width, height = self.devicePixelRatioF(), self.width(), self.height()
        filter_key, accepts = self._accepts()
        view = (width, height, self._view_start, self._view_days, self._sizes, pal.cacheKey(), ratio, font.key())
        axis = self._axis()

        def background(p: QPainter) -> None:
            p.setFont(font)
            paint_frame(p, axis, pal)
            p.save()
            p.setClipRect(QRectF(axis.left, 0, axis.right - axis.left, height))
            paint_eras(p, axis, rows, pal, self._state.dataset.eras)
            visible = self._border_row.in_span(self._ord_at(axis.left - 8), self._ord_at(axis.right + 8))
            paint_border_row(p, visible, axis.x_at, rows, self._sizes, pal, axis.left, axis.right)
            p.restore()
            self._axis_labels = paint_axis(p, axis, rows, pal)

        def marks(p: QPainter) -> None:
            p.setClipRect(QRectF(PAD_X - 8, 0, self._track_width() + 16, height))
            if self.density_mode:
                edges = self._density_edges()
                paint_density(p, PAD_X, DENSITY_BIN_PX, self._index.counts(edges, accepted=True),
                              self._index.counts(edges), rows.marks_top, rows.marks_bottom, pal)
            else:
                paint_marks(p, self._drawn_between(-8, width + 8), accepts, pal, self._sizes, font)

        back = self._background_cache.pixmap(view + (axis.language,), width, height, ratio, background)
        strip = self.overview()
        whole = self._overview_cache.pixmap((width, height, self._sizes, pal.cacheKey(), ratio, font.key()),
                                            width, height, ratio,
                                            lambda p: paint_overview(p, strip, self._overview_density(), pal))
        front = self._marks_cache.pixmap(view + (filter_key,), width, height, ratio, marks)
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setFont(font)
            p.drawPixmap(0, 0, back)
            p.drawPixmap(0, 0, whole)
            self._paint_live(p, rows, pal, front, accepts)
        finally:
            p.end()

    def _paint_live(self, p: QPainter, rows, pal: QPalette, front, accepts) -> None:
        state = self._state
        hx = self.x_for_date(state.date)
        window = state.filters.window_days
        p.save()
        p.setClipRect(QRectF(PAD_X, 0, self._track_width(), self.height()))
        if window is not None:
            x0 = self._x_at(state.date.toordinal() - window)
            x1 = self._x_at(state.date.toordinal() + window + 1)
            paint_window_band(p, x0, x1, rows, pal)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
        p.drawLine(QPointF(hx, rows.era_top), QPointF(hx, rows.axis_y))   # behind the marks
        p.restore()
        p.drawPixmap(0, 0, front)
        p.save()
        p.setClipRect(QRectF(PAD_X - 8, 0, self._track_width() + 16, self.height()))
        self._paint_rings(p, pal, accepts)
        today = self._border_row.on(state.date)
        if today:
            paint_current_border(p, today, self._x_at, rows, self._sizes, pal)
        p.restore()
        text, pill, _ = self.pill()
        paint_handle(p, self._axis(), rows, pal, hx, text, pill)
        overview = self.overview()
        paint_overview_window(p, overview, overview.window(self._view_start, self._view_days),
                              overview.x_at(state.date.toordinal() + 0.5), pal, not self.is_zoomed)
        if self._callout is not None:
            lines, anchor = self._callout
            top = (rows.border_top + rows.border_h if rows.border_h else rows.era_bottom) + 1   # under the ringed change
            rect = callout_rect(QFontMetricsF(p.font()), lines, self._x_at(anchor), top, self.width(), self.height())
            paint_callout(p, rect, lines, pal)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)

    def _paint_rings(self, p: QPainter, pal: QPalette, accepts) -> None:
        """The hovered mark's outline and the selected one's ring (over the density strip, the selected mark
        itself, so it can be found among a hundred thousand)."""
        data = self._state.dataset
        selected = self._state.selected_id
        if self.density_mode and selected is not None and data.has_event(selected):
            paint_marks(p, [self._place(self._index.mark(data.event(selected)))], accepts, pal, self._sizes, p.font())
        p.setBrush(Qt.BrushStyle.NoBrush)
        for event_id, pen in ((self._hover_id, QPen(pal.color(QPalette.ColorRole.Text), 1.5)),
                              (selected, QPen(QColor(SELECTED_COLOR), max(2.5, self._sizes.px(2.5))))):
            if event_id is not None and data.has_event(event_id):
                p.setPen(pen)
                p.drawRoundedRect(self.mark_rect(event_id).adjusted(-2.5, -2.5, 2.5, 2.5), 4, 4)

    def axis_labels(self) -> list[tuple[str, QRectF]]:
        """The axis labels as painted last (text and rectangle), e.g. ``("Mär", ...)`` in German."""
        return list(self._axis_labels)

    def _density_edges(self) -> list[float]:
        """Day ordinals of the density strip's bin edges across the track."""
        n = max(1, math.ceil(self._track_width() / DENSITY_BIN_PX))
        step = DENSITY_BIN_PX / self._px_per_day()
        return [self._view_start + i * step for i in range(n + 1)]

    def density_bin_at(self, x: float) -> tuple[int, float, float] | None:
        """Over the density strip: how many shown events fall in the bin under ``x``, and its first and last
        day ordinals."""
        if not self.density_mode or not PAD_X <= x <= self.width() - PAD_X:
            return None
        i = int((x - PAD_X) // DENSITY_BIN_PX)
        step = DENSITY_BIN_PX / self._px_per_day()
        lo = self._view_start + i * step
        self._accepts()
        return self._index.count(lo, lo + step, accepted=True), lo, lo + step

    def _overview_density(self) -> list[int]:
        overview = self.overview()
        key = (overview.rect.width(), overview.start, overview.days)
        if self._overview_counts[0] != key:
            self._overview_counts = (key, self._index.starts_in(overview.edges()))
        return self._overview_counts[1]
