"""What each point of the timeline slider is, for presses, tool tips and layout checks: event marks (with
hit areas larger than drawn: 48 px at 1080p in touch mode), border changes, era bands and the overview
strip; and the layout report that lists them. Mixed into ``TimelineSlider``, which provides the geometry.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF

from explorer.model.borders import BorderChange
from explorer.model.dataset import Era, Event
from explorer.qt.timeline_borders import mark_rect as border_mark_rect
from explorer.qt.timeline_marks import Drawn, place
from explorer.qt.timeline_overview import Overview
from explorer.model.i18n import tr
from explorer.qt.timeline_paint import PAD_X, era_band, era_name_shown, handle_side, pill_rect, pill_text
from explorer.qt.timeline_rows import grown


class TimelineTargets:
    """Hit tests and the layout report of the timeline slider."""

    def mark_rect(self, event_id: str) -> QRectF:
        """Where the event's mark is drawn (its shape, or its bar for a lasting event; KeyError for an unknown
        id); may lie outside the widget."""
        return self._place(self._index_now().mark(self._state.dataset.event(event_id))).body

    def hit_rect(self, drawn: Drawn, radius: float | None = None) -> QRectF:
        """The area a press hits a placed mark in: its shape and bar (not an uncertain date's gradient, which
        may span the view), ``radius`` px around, at least 48 px tall and wide at 1080p in touch mode."""
        r = self.hit_radius if radius is None else radius
        return grown(drawn.body.united(drawn.shape).adjusted(-r, -r, r, r), self._sizes.min_target)

    def event_at(self, pos: QPointF, radius: float | None = None) -> Event | None:
        """The event whose mark is nearest to ``pos`` within ``radius`` px (default ``hit_radius``); None
        over the density strip (too many to pick one: zoom in)."""
        radius = self.hit_radius if radius is None else radius
        if self.density_mode:
            return None
        best, best_key = None, None
        reach = radius + self._sizes.mark_px + self._sizes.min_target
        at, days = self._ord_at(pos.x()), reach / self._px_per_day()
        rows, x_at = self._rows(), self._x_mapper()
        for mark in self._index.in_span(at - days, at + days):
            if mark.lane is None and abs(mark.centre - at) > days:
                continue                    # an uncertain date whose span reaches here, its shape far away
            drawn = place(mark, x_at, rows, self._sizes)
            if not self.hit_rect(drawn, radius).contains(pos):
                continue
            body = drawn.body
            dx = max(body.left() - pos.x(), 0.0, pos.x() - body.right())
            dy = max(body.top() - pos.y(), 0.0, pos.y() - body.bottom())
            # Inside several marks: the closer body, then the narrower (a point over a long bar), then the centre.
            key = (math.hypot(dx, dy), body.width(), abs(body.center().x() - pos.x()))
            if best_key is None or key < best_key:
                best, best_key = drawn.mark.event, key
        return best

    @property
    def border_changes(self) -> tuple[BorderChange, ...]:
        """The border changes the slider shows (those within the dataset's span; empty: no border row)."""
        return self._border_row.changes

    def border_rect(self, change: BorderChange) -> QRectF:
        """Where a border change's mark is drawn."""
        return border_mark_rect(change, self._x_at, self._rows(), self._sizes)

    def border_changes_at(self, pos: QPointF) -> list[BorderChange]:
        """The border changes whose marks ``pos`` hits, nearest first (several where they share pixels)."""
        rows = self._rows()
        if not self._border_row or self.event_at(pos) is not None:
            return []
        r = self.hit_radius
        mid = rows.border_top + rows.border_h / 2
        reach = max(rows.border_h / 2 + r, self._sizes.min_target / 2)
        if abs(pos.y() - mid) > reach:
            return []
        return self._border_row.near(pos.x(), max(r + rows.border_h / 2, self._sizes.min_target / 2),
                                     self._x_at, self._ord_at)

    def era_at(self, pos: QPointF) -> Era | None:
        """The era whose band ``pos`` is on."""
        axis, rows = self._axis(), self._rows()
        for era in self._state.dataset.eras:
            band = era_band(era, axis, rows)
            if band is not None and grown(band, self._sizes.min_target).contains(pos):
                return era
        return None

    def pill(self) -> tuple[str, QRectF, int]:
        """The date pill: its text (the date, the time window's width, an arrow towards a date out of view),
        where it is, and which side the date lies on when out of view (-1 left, +1 right, 0 in view)."""
        state, axis = self._state, self._axis()
        hx = self.x_for_date(state.date)
        side = handle_side(hx, axis)
        window = state.filters.window_days
        text = pill_text(state.date, side, state.language,
                         "" if window is None else tr(state.language, "timeline_window", n=window))
        return text, pill_rect(self._label_metrics(), text, hx, axis, self._rows()), side

    def overview(self) -> Overview:
        """The overview strip: its rectangle and the whole span it stands for."""
        rows = self._rows()
        rect = QRectF(PAD_X, rows.overview_top, self._track_width(), rows.overview_h)
        return Overview(rect, self._full_start, self._full_days)

    def overview_zone(self) -> QRectF:
        """Where a press works the overview: the strip, grown upwards to a touch target's height."""
        rect = self.overview().rect
        h = max(rect.height(), self._sizes.min_target)
        return QRectF(rect.left(), rect.bottom() - h, rect.width(), h + self._rows().height - rect.bottom())

    def layout_report(self) -> dict:
        """What the slider shows and where, in widget px, for layout checks (the kiosk's report): the span
        and what is visible of it; the drawn and hit rectangles of the marks and border changes in view; the
        other touch targets (the overview strip, the arrow to a date out of view); the labels with the width
        their text needs; and the smallest hit area of all (``min_hit``, width and height)."""
        first, last = self.visible_span()
        data = self._state.dataset
        whole = (self.x_for_date(data.first_date) >= 0 and self.x_for_date(data.last_date) <= self.width())
        marks = [] if self.density_mode else [
            {"id": d.mark.event.id, "rect": _box(d.body), "hit": _box(self.hit_rect(d))}
            for d in self._drawn_between(PAD_X, self.width() - PAD_X)]
        changes = [{"date": c.date.isoformat(), "rect": _box(self.border_rect(c)),
                    "hit": _box(grown(self.border_rect(c).adjusted(-self.hit_radius, -self.hit_radius,
                                                                        self.hit_radius, self.hit_radius),
                                          self._sizes.min_target))}
                   for c in self._border_row.in_span(self._view_start, self._view_start + self._view_days)]
        text, pill, side = self.pill()
        controls = [{"name": "overview", "hit": _box(self.overview_zone())}]
        if side:
            controls.append({"name": "arrow", "hit": _box(grown(pill, self._sizes.min_target))})
        hits = [m["hit"] for m in marks + changes + controls]
        metrics, axis, rows = self._label_metrics(), self._axis(), self._rows()
        labels = [{"text": text, "kind": "axis", "rect": _box(rect), "text_width": round(metrics.horizontalAdvance(text))}
                  for text, rect in self.axis_labels()]
        for era in data.eras:
            band = era_band(era, axis, rows)
            if band is not None:
                name = era.text("name", self._state.language)
                labels.append({"text": era_name_shown(name, band, metrics), "full": name, "kind": "era",
                               "rect": _box(band), "text_width": round(metrics.horizontalAdvance(name))})
        labels.append({"text": text, "kind": "pill", "rect": _box(pill),
                       "text_width": round(metrics.horizontalAdvance(text))})
        return {"size": [self.width(), self.height()], "span": [data.first_date.isoformat(), data.last_date.isoformat()],
                "visible": [first.isoformat(), last.isoformat()], "whole_span_visible": whole,
                "density": self.density_mode, "touch": self._sizes.touch, "marks": marks, "borders": changes,
                "labels": labels, "controls": controls,
                "min_hit": [min((h[2] for h in hits), default=0), min((h[3] for h in hits), default=0)]}


def _box(rect: QRectF) -> list[float]:
    return [round(rect.x(), 1), round(rect.y(), 1), round(rect.width(), 1), round(rect.height(), 1)]
