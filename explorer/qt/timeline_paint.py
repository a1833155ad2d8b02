"""Painting the timeline slider: layout rows, frame, eras, axis, date handle and the event marks.

The marks are cached: thousands are drawn once into a pixmap and reused until the view, the size, the
filters or the palette change, so moving the date repaints only the handle."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QPixmap

from explorer.model.dataset import Event
from explorer.webmap.page import KIND_COLORS


def paint_marks(p: QPainter, marks: list[tuple[Event, QRectF]], accepts: Callable[[Event], bool],
                palette: QPalette, track_width: float) -> None:
    """Greyed (filtered out) marks first, then the coloured ones on top; each pixel-identical mark once."""
    grey = QColor(palette.color(QPalette.ColorRole.Mid))
    grey.setAlpha(150)
    outlined = len(marks) * 12 < track_width    # dense marks with outlines smear into black
    seen: set = set()
    brushes: dict[str, tuple[QPen, QColor]] = {}
    for active in (False, True):
        for event, rect in marks:
            if accepts(event) != active:
                continue
            key = (round(rect.left()), round(rect.width()), round(rect.top()), event.kind, active)
            if key in seen:         # thousands of events share pixels when zoomed out: draw each once
                continue
            seen.add(key)
            radius = min(3.0, rect.height() / 2)
            if active:
                if event.kind not in brushes:
                    color = QColor(KIND_COLORS.get(event.kind, "#666666"))
                    brushes[event.kind] = (QPen(color.darker(150), 1), color)
                pen, color = brushes[event.kind]
                p.setPen(pen if outlined else Qt.PenStyle.NoPen)
                p.setBrush(color)
            else:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(grey)
            p.drawRoundedRect(rect, radius, radius)


class MarksCache:
    """One pixmap of a layer (the marks, the background) for one key (view, size, filters, palette ...);
    drawn again only for a new key."""

    def __init__(self) -> None:
        self._key: Hashable | None = None
        self._pixmap: QPixmap | None = None

    def invalidate(self) -> None:
        """Forget the pixmap (the next paint draws it again)."""
        self._key, self._pixmap = None, None

    def pixmap(self, key: Hashable, width: int, height: int, ratio: float,
               draw: Callable[[QPainter], None]) -> QPixmap:
        """The cached pixmap for ``key``, or a new transparent one of ``width``×``height`` filled by ``draw``."""
        if self._pixmap is None or key != self._key:
            pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            try:
                draw(painter)
            finally:
                painter.end()           # a painter left active on a pixmap crashes Qt when it is freed
            self._key, self._pixmap = key, pixmap
        return self._pixmap


# --- the rest of the slider: layout rows, frame, eras, axis and the date handle ---------------------------

ERA_ALPHA = 210                 # the era band in its own row; the wash behind the marks is fainter
ERA_WASH_ALPHA = 40
PAD_X = 16                      # room at both ends so marks at the first and last date are not cut
MONTH_MIN_PX = 30               # months get ticks and labels once they are this far apart


def date_label(date: dt.date) -> str:
    """A date as the handle shows it: 16 April 1922."""
    return f"{date.day} {calendar.month_name[date.month]} {date.year}"


@dataclass(frozen=True)
class Rows:
    """Where things go vertically, for one widget height."""

    era_top: float
    era_bottom: float
    point_top: float
    point_h: float
    lane_tops: tuple[float, ...]
    lane_h: float
    axis_y: float
    label_top: float
    pill_top: float
    pill_h: float


def rows_for(height: int, touch: bool) -> Rows:
    """The rows for a slider of this height (taller marks in touch mode)."""
    pill_h = 18
    pill_top = height - pill_h - 3
    label_top = pill_top - 16
    axis_y = label_top - 6
    era_top, era_bottom = 4.0, 21.0
    area_top, area_bottom = era_bottom + 4, axis_y - 4
    lane_h = 10 if touch else 6
    n_lanes = 2 if area_bottom - area_top >= 30 else 1
    lane_tops = tuple(area_bottom - (n_lanes - i) * (lane_h + 1) for i in range(n_lanes))
    room = lane_tops[0] - 3 - area_top
    point_h = max(6.0, min(room, 40.0 if touch else 16.0))
    point_top = area_top + max(0.0, (room - point_h) / 2)
    return Rows(era_top, era_bottom, point_top, point_h, lane_tops, lane_h, axis_y, label_top, pill_top, pill_h)


@dataclass(frozen=True)
class AxisView:
    """Where time lies across the slider: the track's ends, x of an ordinal day, and the visible span."""

    left: float
    right: float
    width: int
    height: int
    x_at: Callable[[float], float]
    px_per_day: float
    first: dt.date
    last: dt.date


def paint_background(p: QPainter, axis: AxisView, rows: Rows, pal: QPalette, font: QFont, eras) -> None:
    """The frame, the era bands and the axis (cached by the slider: they change with the view, not the date)."""
    frame = QRectF(0, 0, axis.width, axis.height).adjusted(0.5, 0.5, -0.5, -0.5)
    p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
    p.setBrush(pal.color(QPalette.ColorRole.Base))
    p.drawRoundedRect(frame, 4, 4)
    p.setFont(font)
    p.save()
    p.setClipRect(QRectF(axis.left, 0, axis.right - axis.left, axis.height))
    paint_eras(p, axis, rows, pal, eras)
    p.restore()
    paint_axis(p, axis, rows, pal)


def paint_eras(p: QPainter, axis: AxisView, rows: Rows, pal: QPalette, eras) -> None:
    """Each era as a named band on top and a faint wash behind the marks."""
    base = pal.color(QPalette.ColorRole.Base)
    metrics = QFontMetricsF(p.font())
    for era in eras:
        left = max(axis.x_at(era.start.toordinal()), axis.left)
        right = min(axis.x_at(era.end.toordinal() + 1), axis.right)
        if right <= left:
            continue
        color = QColor(era.color)
        p.setPen(Qt.PenStyle.NoPen)
        color.setAlpha(ERA_WASH_ALPHA)
        p.setBrush(color)
        p.drawRect(QRectF(left, rows.era_bottom, right - left, rows.axis_y - rows.era_bottom))
        color.setAlpha(ERA_ALPHA)
        p.setBrush(color)
        band = QRectF(left, rows.era_top, right - left, rows.era_bottom - rows.era_top)
        p.drawRoundedRect(band, 3, 3)
        name = metrics.elidedText(era.name, Qt.TextElideMode.ElideRight, band.width() - 8)
        if name and name != "…":
            a = ERA_ALPHA / 255     # the band as it looks over the base, to pick a readable text colour
            lum = sum(w * (c * a + b * (1 - a)) for w, c, b in zip(
                (0.299, 0.587, 0.114), color.getRgb()[:3], base.getRgb()[:3]))
            p.setPen(QColor("#1b1b1b") if lum > 140 else QColor("#f4f4f4"))
            p.drawText(band.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, name)


def paint_axis(p: QPainter, axis: AxisView, rows: Rows, pal: QPalette) -> None:
    """The axis line, year ticks (and month and day ticks when zoomed in), labels that never overlap."""
    text, faint = pal.color(QPalette.ColorRole.Text), QColor(pal.color(QPalette.ColorRole.Text))
    faint.setAlpha(110)
    metrics = QFontMetricsF(p.font())
    left, right = axis.left, axis.right
    p.setPen(QPen(faint, 1))
    p.drawLine(QPointF(left, rows.axis_y), QPointF(right, rows.axis_y))
    ppd, first, last = axis.px_per_day, axis.first, axis.last
    placed: list[QRectF] = []

    def tick(date: dt.date, length: float, label: str | None = None, bold: bool = False) -> None:
        x = axis.x_at(date.toordinal())
        if not left - 0.5 <= x <= right + 0.5:
            return
        p.setPen(QPen(text if label else faint, 1))
        p.drawLine(QPointF(x, rows.axis_y), QPointF(x, rows.axis_y + length))
        if not label:
            return
        width = metrics.horizontalAdvance(label) + 2
        x0 = min(max(x - width / 2, 2.0), axis.width - 2 - width)
        rect = QRectF(x0, rows.label_top, width, 14)
        if any(rect.adjusted(-4, 0, 4, 0).intersects(r) for r in placed):
            return
        placed.append(rect)
        font = QFont(p.font())
        font.setBold(bold)
        p.setFont(font)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        font.setBold(False)
        p.setFont(font)

    ppm = ppd * 30.44
    years = range(first.year, min(last.year + 2, dt.MAXYEAR + 1))     # no year 10000 after 9999
    if ppm >= MONTH_MIN_PX:
        for year in years:      # years first: they win any overlap
            tick(dt.date(year, 1, 1), 9, str(year), bold=True)
        shown = [day for day in (dt.date(y, m, 1) for y in years for m in range(1, 13)) if first <= day <= last]
        for i, day in enumerate(shown):
            label = calendar.month_abbr[day.month]
            tick(day, 6, f"{label} {day.year}" if i == 0 and day.month != 1 else label)
        if ppd >= 6:
            step = next(s for s in (1, 2, 5, 10) if s * ppd >= 24)
            for ordinal in range(first.toordinal(), last.toordinal() + 1):
                day = dt.date.fromordinal(ordinal)
                if day.day != 1:
                    tick(day, 3, str(day.day) if day.day % step == 0 and day.day < 30 else None)
    else:
        ppy = ppd * 365.25
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500)
                     if s * ppy >= metrics.horizontalAdvance("8888") + 14), 1000)
        for year in years:
            if year % step == 0:
                tick(dt.date(year, 1, 1), 7, str(year))
            elif ppy >= 5 and (step < 10 or year % (step // 5 or 1) == 0):
                tick(dt.date(year, 1, 1), 3)


def paint_handle(p: QPainter, axis: AxisView, rows: Rows, pal: QPalette, hx: float, date: dt.date) -> None:
    """The date handle on the axis and the date in a pill below it."""
    highlight = pal.color(QPalette.ColorRole.Highlight)
    if axis.left - 1 <= hx <= axis.right + 1:
        p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1.5))
        p.setBrush(highlight)
        p.drawEllipse(QPointF(hx, rows.axis_y), 6, 6)
    label = date_label(date)
    width = QFontMetricsF(p.font()).horizontalAdvance(label) + 14
    x0 = min(max(hx - width / 2, 2.0), axis.width - 2 - width)
    pill = QRectF(x0, rows.pill_top, width, rows.pill_h)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(highlight)
    p.drawRoundedRect(pill, rows.pill_h / 2, rows.pill_h / 2)
    p.setPen(pal.color(QPalette.ColorRole.HighlightedText))
    p.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
