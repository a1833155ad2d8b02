"""Painting the timeline slider's frame, eras, axis, date handle (with its pill, and an arrow at the edge
when the date is out of view), the time-window band and the callouts a tap opens.

The frame, eras and axis do not depend on the date: the slider draws them into a cached pixmap with the
border row and the overview's density (see ``timeline_slider``), so moving the date repaints only the
handle, the band and the callouts. The marks are painted by ``timeline_marks``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QPolygonF

from explorer.model.dataset import Era
from explorer.qt.timeline_labels import day_label, month_names
from explorer.qt.timeline_rows import Rows

ERA_ALPHA = 210                 # the era band in its own row; the wash behind the marks is fainter
ERA_WASH_ALPHA = 40
PAD_X = 16                      # room at both ends so marks at the first and last date are not cut
MONTH_MIN_PX = 30               # months get ticks and labels once they are this far apart
ARROW_LEFT, ARROW_RIGHT = "◀", "▶"


def date_label(date: dt.date, language: str = "en") -> str:
    """A date as the handle shows it: 16 April 1922 (16. April 1922 in German)."""
    return day_label(date, language)


@dataclass(frozen=True)
class AxisView:
    """Where time lies across the slider: the track's ends, x of an ordinal day, the visible span, and the
    language its labels are in."""

    left: float
    right: float
    width: int
    height: int
    x_at: Callable[[float], float]
    px_per_day: float
    first: dt.date
    last: dt.date
    language: str = "en"


def paint_frame(p: QPainter, axis: AxisView, pal: QPalette) -> None:
    """The widget's rounded frame on the base colour."""
    frame = QRectF(0, 0, axis.width, axis.height).adjusted(0.5, 0.5, -0.5, -0.5)
    p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
    p.setBrush(pal.color(QPalette.ColorRole.Base))
    p.drawRoundedRect(frame, 4, 4)


def era_band(era: Era, axis: AxisView, rows: Rows) -> QRectF | None:
    """The visible part of an era's band in the top row, or None when it is out of view."""
    left = max(axis.x_at(era.start.toordinal()), axis.left)
    right = min(axis.x_at(era.end.toordinal() + 1), axis.right)
    if right <= left:
        return None
    return QRectF(left, rows.era_top, right - left, rows.era_bottom - rows.era_top)


def era_name_shown(name: str, band: QRectF, metrics: QFontMetricsF) -> str:
    """The part of the era's name its band has room for ("" when not even a letter and an ellipsis fit)."""
    shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, band.width() - 8)
    return "" if shown == "…" else shown


def paint_eras(p: QPainter, axis: AxisView, rows: Rows, pal: QPalette, eras: Sequence[Era]) -> None:
    """Each era as a named band on top (its name cut short with an ellipsis where the band is narrow: hover
    or tap shows all of it) and a faint wash behind the marks."""
    base = pal.color(QPalette.ColorRole.Base)
    metrics = QFontMetricsF(p.font())
    for era in eras:
        band = era_band(era, axis, rows)
        if band is None:
            continue
        color = QColor(era.color)
        p.setPen(Qt.PenStyle.NoPen)
        color.setAlpha(ERA_WASH_ALPHA)
        p.setBrush(color)
        p.drawRect(QRectF(band.left(), rows.era_bottom, band.width(), rows.marks_bottom - rows.era_bottom))
        color.setAlpha(ERA_ALPHA)
        p.setBrush(color)
        p.drawRoundedRect(band, 3, 3)
        name = era_name_shown(era.text("name", axis.language), band, metrics)
        if name:
            a = ERA_ALPHA / 255     # the band as it looks over the base, to pick a readable text colour
            lum = sum(w * (c * a + b * (1 - a)) for w, c, b in zip(
                (0.299, 0.587, 0.114), color.getRgb()[:3], base.getRgb()[:3]))
            p.setPen(QColor("#1b1b1b") if lum > 140 else QColor("#f4f4f4"))
            p.drawText(band.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, name)


def paint_axis(p: QPainter, axis: AxisView, rows: Rows, pal: QPalette) -> list[tuple[str, QRectF]]:
    """The axis line, year ticks (and month and day ticks when zoomed in, month names in the axis's
    language), labels that never overlap. Returns the labels drawn, with their rectangles."""
    text, faint = pal.color(QPalette.ColorRole.Text), QColor(pal.color(QPalette.ColorRole.Text))
    faint.setAlpha(110)
    metrics = QFontMetricsF(p.font())
    left, right = axis.left, axis.right
    p.setPen(QPen(faint, 1))
    p.drawLine(QPointF(left, rows.axis_y), QPointF(right, rows.axis_y))
    ppd, first, last = axis.px_per_day, axis.first, axis.last
    placed: list[QRectF] = []
    labels: list[tuple[str, QRectF]] = []
    bold_font, plain_font = QFont(p.font()), QFont(p.font())
    bold_font.setBold(True)
    tick_scale = max(1.0, rows.label_h / 16)

    def tick(date: dt.date, length: float, label: str | None = None, bold: bool = False) -> None:
        x = axis.x_at(date.toordinal())
        if not left - 0.5 <= x <= right + 0.5:
            return
        p.setPen(QPen(text if label else faint, 1))
        p.drawLine(QPointF(x, rows.axis_y), QPointF(x, rows.axis_y + length * tick_scale))
        if not label:
            return
        font = bold_font if bold else plain_font
        width = QFontMetricsF(font).horizontalAdvance(label) + 2
        x0 = min(max(x - width / 2, 2.0), axis.width - 2 - width)
        rect = QRectF(x0, rows.label_top, width, rows.label_h)
        if any(rect.adjusted(-4, 0, 4, 0).intersects(r) for r in placed):
            return
        placed.append(rect)
        labels.append((label, rect))
        p.setFont(font)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        p.setFont(plain_font)

    ppm = ppd * 30.44
    years = range(first.year, min(last.year + 2, dt.MAXYEAR + 1))     # no year 10000 after 9999
    if ppm >= MONTH_MIN_PX * tick_scale:
        months = month_names(axis.language)
        for year in years:      # years first: they win any overlap
            tick(dt.date(year, 1, 1), 9, str(year), bold=True)
        shown = [day for day in (dt.date(y, m, 1) for y in years for m in range(1, 13)) if first <= day <= last]
        for i, day in enumerate(shown):
            label = months[day.month - 1]
            tick(day, 6, f"{label} {day.year}" if i == 0 and day.month != 1 else label)
        if ppd >= 6 * tick_scale:
            step = next((s for s in (1, 2, 5, 10) if s * ppd >= 24 * tick_scale), 10)
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
    return labels


def handle_side(hx: float, axis: AxisView) -> int:
    """-1 when the date lies left of the view, +1 right of it, 0 when the handle shows."""
    return -1 if hx < axis.left - 1 else 1 if hx > axis.right + 1 else 0


def pill_text(date: dt.date, side: int, language: str, window: str = "") -> str:
    """The pill's text: the date (and the time window's width, when there is one), with an arrow towards it
    when it is out of view."""
    label = f"{date_label(date, language)}  {window}" if window else date_label(date, language)
    return f"{ARROW_LEFT} {label}" if side < 0 else f"{label} {ARROW_RIGHT}" if side > 0 else label


def pill_rect(metrics: QFontMetricsF, text: str, hx: float, axis: AxisView, rows: Rows) -> QRectF:
    """Where the date pill goes: under the handle, kept inside the widget (at its edge when out of view)."""
    width = metrics.horizontalAdvance(text) + rows.pill_h * 0.8
    x0 = min(max(hx - width / 2, 2.0), axis.width - 2 - width)
    return QRectF(x0, rows.pill_top, width, rows.pill_h)


def paint_handle(p: QPainter, axis: AxisView, rows: Rows, pal: QPalette, hx: float, text: str, pill: QRectF) -> None:
    """The date handle on the axis and the date in a pill below it (``text`` in ``pill``, from ``pill_text``
    and ``pill_rect``); when the date is out of view, an arrow at that edge of the axis points to it."""
    highlight = pal.color(QPalette.ColorRole.Highlight)
    side = handle_side(hx, axis)
    knob = max(6.0, rows.label_h * 0.4)
    p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1.5))
    p.setBrush(highlight)
    if side == 0:
        p.drawEllipse(QPointF(hx, rows.axis_y), knob, knob)
    else:
        tip = 3.0 if side < 0 else axis.width - 3.0          # in the margin, pointing off the widget's edge
        back = axis.left + 2 if side < 0 else axis.right - 2
        p.drawPolygon(QPolygonF([QPointF(tip, rows.axis_y), QPointF(back, rows.axis_y - knob),
                                 QPointF(back, rows.axis_y + knob)]))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(pill, rows.pill_h / 2, rows.pill_h / 2)
    p.setPen(pal.color(QPalette.ColorRole.HighlightedText))
    p.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)


def paint_window_band(p: QPainter, x0: float, x1: float, rows: Rows, pal: QPalette) -> None:
    """The time window (±N days around the date) as a band over the marks with dashed edges (the pill
    names its width)."""
    highlight = QColor(pal.color(QPalette.ColorRole.Highlight))
    fill = QColor(highlight)
    fill.setAlpha(38)
    band = QRectF(x0, rows.era_bottom + 1, max(x1 - x0, 1.0), rows.axis_y - rows.era_bottom - 1)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRect(band)
    edge = QColor(highlight)
    edge.setAlpha(230)
    p.setPen(QPen(edge, 1.5, Qt.PenStyle.DashLine))
    p.drawLine(QPointF(x0, band.top()), QPointF(x0, band.bottom()))
    p.drawLine(QPointF(x1, band.top()), QPointF(x1, band.bottom()))


def callout_rect(metrics: QFontMetricsF, lines: Sequence[str], anchor_x: float, top: float, width: int,
                 height: float) -> QRectF:
    """Where a callout with ``lines`` goes: below ``top``, centred on ``anchor_x``, inside the widget,
    no wider than it (long lines wrap)."""
    pad = metrics.height() * 0.4
    limit = max(80.0, min(width - 8.0, metrics.averageCharWidth() * 90))
    text_w = min(limit, max(metrics.horizontalAdvance(line) for line in lines) + 2)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    text_h = metrics.boundingRect(QRectF(0, 0, text_w, 10000), flags, "\n".join(lines)).height()
    w, h = text_w + 2 * pad, min(text_h + 2 * pad, max(height - top - 2, metrics.height() + 2 * pad))
    x0 = min(max(anchor_x - w / 2, 4.0), width - 4 - w)
    return QRectF(x0, top, w, h)


def paint_callout(p: QPainter, rect: QRectF, lines: Sequence[str], pal: QPalette) -> None:
    """A box of text (what a tap on an era or a border change shows): the tool tip colours, wrapped."""
    metrics = QFontMetricsF(p.font())
    pad = metrics.height() * 0.4
    p.setPen(QPen(pal.color(QPalette.ColorRole.ToolTipText), 1))
    p.setBrush(pal.color(QPalette.ColorRole.ToolTipBase))
    p.drawRoundedRect(rect, 4, 4)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    p.drawText(rect.adjusted(pad, pad, -pad, -pad), flags, "\n".join(lines))
