"""Painting the timeline's events: each as its kind's shape (and letter, where there is room), in its kind's
colour, so that nothing is told by colour alone; a lasting event as a bar in its lane; an uncertain or
partial date as a gradient over the span it may mean (Neatline's fuzzy look); and, where marks would pile
up, a density strip of how many events fall in each few pixels.

The slider caches what this draws in a pixmap (see ``MarksCache``), so moving the date does not repaint it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QLinearGradient, QPainter, QPalette, QPen, QPixmap

from explorer.model.dataset import Event
from explorer.model.kinds import KIND_COLORS, KIND_LETTERS
from explorer.qt.kind_shapes import shape_path
from explorer.qt.timeline_index import Mark
from explorer.qt.timeline_rows import Rows, Sizes

#: Below this drawn size (px) a shape carries no letter: it would not read.
LETTER_MIN_PX = 18
UNKNOWN_COLOR = "#666666"


@dataclass(frozen=True, slots=True)
class Drawn:
    """A mark placed on the widget: ``body`` is its shape (a point event) or its bar (a lasting one),
    ``shape`` the kind's shape drawn at it, ``fuzz`` the x of its possible span's four corners (or None)."""

    mark: Mark
    body: QRectF
    shape: QRectF
    fuzz: tuple[float, float, float, float] | None

    @property
    def extent(self) -> QRectF:
        """Everything drawn for it: the body, the shape and the fuzzy span."""
        rect = self.body.united(self.shape)
        if self.fuzz is not None:
            rect = rect.united(QRectF(self.fuzz[0], self.body.top(), self.fuzz[3] - self.fuzz[0], self.body.height()))
        return rect


def place(mark: Mark, x_at: Callable[[float], float], rows: Rows, sizes: Sizes) -> Drawn:
    """Where ``mark`` is drawn with this axis and these rows."""
    fuzz = None if mark.fuzz is None else tuple(x_at(v) for v in (mark.fuzz.a, mark.fuzz.b, mark.fuzz.c, mark.fuzz.d))
    if mark.lane is None:
        size = min(sizes.mark_px, rows.point_h)
        x = x_at(mark.centre)
        shape = QRectF(x - size / 2, rows.point_top + (rows.point_h - size) / 2, size, size)
        return Drawn(mark, shape, shape, fuzz)
    top = rows.lane_tops[mark.lane % len(rows.lane_tops)]
    left, right = x_at(mark.lo), x_at(mark.hi)
    if right - left < rows.lane_h:
        middle = (left + right) / 2
        left, right = middle - rows.lane_h / 2, middle + rows.lane_h / 2
    body = QRectF(left, top, right - left, rows.lane_h)
    size = rows.lane_h + sizes.px(4)
    shape = QRectF(left - size / 2, top + rows.lane_h / 2 - size / 2, size, size)
    return Drawn(mark, body, shape, fuzz)


def _text_color(fill: QColor) -> QColor:
    lum = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor("#111111") if lum > 150 else QColor("#ffffff")


def _fade(start: float, end: float, fuzz: tuple[float, float, float, float], color: QColor) -> QBrush:
    """A gradient along x: clear at the earliest start, full from the latest start to the earliest end,
    clear again at the latest end."""
    a, b, c, d = fuzz
    gradient = QLinearGradient(QPointF(start, 0), QPointF(end, 0))
    width = max(end - start, 1e-6)
    clear = QColor(color)
    clear.setAlpha(0)
    for x, col in ((a, clear), (min(max(b, a), d), color), (max(min(c, d), a), color), (d, clear)):
        gradient.setColorAt(min(max((x - start) / width, 0.0), 1.0), col)
    return QBrush(gradient)


def paint_marks(p: QPainter, drawn: Sequence[Drawn], accepts: Callable[[Event], bool], palette: QPalette,
                sizes: Sizes, letter_font: QFont) -> None:
    """Greyed (filtered out) marks first, then the shown ones on top: fuzzy spans, bars, then shapes; each
    pixel-identical mark once."""
    grey = QColor(palette.color(QPalette.ColorRole.Mid))
    grey.setAlpha(160)
    edge = QColor(palette.color(QPalette.ColorRole.Base))
    seen: set[Hashable] = set()
    for active in (False, True):
        batch = []
        for d in drawn:
            event = d.mark.event
            if accepts(event) != active:
                continue
            key = (round(d.body.left()), round(d.body.width()), round(d.body.top()), event.kind, active,
                   d.mark.fuzz is None)
            if key in seen:                 # thousands of events share pixels when zoomed out: draw each once
                continue
            seen.add(key)
            batch.append(d)
        for d in batch:
            color = QColor(KIND_COLORS.get(d.mark.event.kind, UNKNOWN_COLOR)) if active else grey
            _paint_bar(p, d, color)
        for d in batch:
            color = QColor(KIND_COLORS.get(d.mark.event.kind, UNKNOWN_COLOR)) if active else grey
            _paint_shape(p, d, color, edge, sizes, letter_font)


def _paint_bar(p: QPainter, d: Drawn, color: QColor) -> None:
    """A lasting event's bar, or an uncertain point's gradient over its possible span."""
    if d.mark.lane is None:
        if d.fuzz is None or d.fuzz[3] - d.fuzz[0] <= d.shape.width():
            return
        h = d.shape.height() * 0.5
        rect = QRectF(d.fuzz[0], d.shape.center().y() - h / 2, d.fuzz[3] - d.fuzz[0], h)
    else:
        rect = d.body
    radius = min(3.0, rect.height() / 2)
    p.setPen(Qt.PenStyle.NoPen)
    if d.fuzz is not None:
        solid = QColor(color)
        solid.setAlpha(min(color.alpha(), 200))
        p.setBrush(_fade(rect.left(), rect.right(), d.fuzz, solid))
    else:
        p.setBrush(color)
    p.drawRoundedRect(rect, radius, radius)


def _paint_shape(p: QPainter, d: Drawn, color: QColor, edge: QColor, sizes: Sizes, letter_font: QFont) -> None:
    """The kind's shape with a thin edge in the background colour (so piled shapes stay apart); an uncertain
    date's shape is paler, with a soft halo and a dashed outline."""
    kind = d.mark.event.kind
    path = shape_path(kind, d.shape)
    if d.mark.fuzz is not None:
        halo = QColor(color)
        for grow, alpha in ((3.0, 40), (1.5, 70)):
            halo.setAlpha(min(alpha, color.alpha()))
            p.setPen(QPen(halo, 2 * grow))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        fill = QColor(color).lighter(135)
        fill.setAlpha(min(color.alpha(), 210))
        pen = QPen(QColor(color).darker(140), max(1.0, sizes.px(1.2)), Qt.PenStyle.DashLine)
    else:
        fill = color
        pen = QPen(edge, max(1.0, sizes.px(1)))
    p.setPen(pen)
    p.setBrush(fill)
    p.drawPath(path)
    if d.shape.height() >= LETTER_MIN_PX:
        font = QFont(letter_font)
        font.setBold(True)
        font.setPixelSize(max(8, round(d.shape.height() * 0.5)))
        p.setFont(font)
        p.setPen(_text_color(fill))
        p.drawText(d.shape, Qt.AlignmentFlag.AlignCenter, KIND_LETTERS.get(kind, kind[:1].upper()))


def paint_density(p: QPainter, left: float, bin_px: float, shown: Sequence[int], every: Sequence[int],
                  top: float, bottom: float, palette: QPalette) -> None:
    """The density strip: a bar per bin of ``bin_px``, as tall as its count is against the fullest bin in
    view (the filtered-out events in grey behind the shown ones); a bin with any event is never lower than
    two pixels, so a lone event still shows."""
    peak = max(every, default=0)
    if peak <= 0:
        return
    scale = (bottom - top) / peak
    floor = min(2.0, bottom - top)
    ink = QColor(palette.color(QPalette.ColorRole.Text))
    ink.setAlpha(130)
    grey = QColor(palette.color(QPalette.ColorRole.Mid))
    grey.setAlpha(110)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)    # bars on whole pixels: crisp, and 10× faster
    p.setPen(Qt.PenStyle.NoPen)
    for counts, color in ((every, grey), (shown, ink)):
        if counts is every and every == shown:
            continue
        p.setBrush(color)
        p.drawRects([QRectF(left + i * bin_px, bottom - max(floor, count * scale), bin_px - 0.5,
                            max(floor, count * scale)) for i, count in enumerate(counts) if count])
    p.restore()


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
