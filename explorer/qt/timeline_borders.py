"""The timeline's thin row of border changes: one mark for each day the period borders changed
(``explorer.model.borders.changes()``), so a user can see, and jump to, the day the map changed.

The row exists only when the dataset's span overlaps the borders' coverage and some change falls inside it.
Hovering a mark shows its name, date and source; clicking (or tapping) it moves the date there.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF

from explorer.model.borders import BorderChange
from explorer.qt.timeline_rows import Rows, Sizes

#: The marks' colour: an ink of its own, apart from every kind's (the row is about the map, not the events).
BORDER_COLOR = "#5d4a8a"


class BorderRow:
    """The border changes within a dataset's span, in date order, and where their marks are."""

    def __init__(self, changes: Sequence[BorderChange], first: dt.date, last: dt.date) -> None:
        self.changes: tuple[BorderChange, ...] = tuple(sorted((c for c in changes if first <= c.date <= last),
                                                              key=lambda c: c.date))
        self._ords = [c.date.toordinal() + 0.5 for c in self.changes]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def in_span(self, lo: float, hi: float) -> Sequence[BorderChange]:
        """The changes whose day lies in ``[lo, hi)`` (day ordinals)."""
        return self.changes[bisect.bisect_left(self._ords, lo):bisect.bisect_left(self._ords, hi)]

    def near(self, x: float, radius: float, x_at: Callable[[float], float], ord_at: Callable[[float], float]
             ) -> list[BorderChange]:
        """The changes whose mark is within ``radius`` px of ``x``, nearest first."""
        found = self.in_span(ord_at(x - radius), ord_at(x + radius))
        return sorted(found, key=lambda c: abs(x_at(c.date.toordinal() + 0.5) - x))

    def before(self, day: dt.date) -> BorderChange | None:
        """The last change before ``day``."""
        i = bisect.bisect_left(self._ords, day.toordinal())
        return self.changes[i - 1] if i else None

    def after(self, day: dt.date) -> BorderChange | None:
        """The first change after ``day``."""
        i = bisect.bisect_right(self._ords, day.toordinal() + 0.5)
        return self.changes[i] if i < len(self.changes) else None

    def on(self, day: dt.date) -> list[BorderChange]:
        """The changes on ``day``."""
        return list(self.in_span(day.toordinal(), day.toordinal() + 1))


def mark_rect(change: BorderChange, x_at: Callable[[float], float], rows: Rows, sizes: Sizes) -> QRectF:
    """Where a change's mark is drawn: a small diamond in the border row."""
    h = rows.border_h
    w = max(h * 0.8, sizes.px(6))
    x = x_at(change.date.toordinal() + 0.5)
    return QRectF(x - w / 2, rows.border_top, w, h)


def paint_border_row(p: QPainter, changes: Sequence[BorderChange], x_at: Callable[[float], float], rows: Rows,
                     sizes: Sizes, pal: QPalette, left: float, right: float) -> None:
    """A faint guide line along the row and a diamond per change (drawn once per pixel column)."""
    if not rows.border_h:
        return
    mid = rows.border_top + rows.border_h / 2
    guide = QColor(BORDER_COLOR)
    guide.setAlpha(70)
    p.setPen(QPen(guide, 1, Qt.PenStyle.DotLine))
    p.drawLine(QPointF(left, mid), QPointF(right, mid))
    fill = QColor(BORDER_COLOR)
    p.setPen(QPen(pal.color(QPalette.ColorRole.Base), max(1.0, sizes.px(1))))
    p.setBrush(fill)
    drawn: set[int] = set()
    for change in changes:
        rect = mark_rect(change, x_at, rows, sizes)
        column = round(rect.center().x())
        if column in drawn:
            continue
        drawn.add(column)
        p.drawPolygon(diamond(rect))


def diamond(rect: QRectF) -> QPolygonF:
    """A diamond filling ``rect``."""
    c = rect.center()
    return QPolygonF([QPointF(c.x(), rect.top()), QPointF(rect.right(), c.y()), QPointF(c.x(), rect.bottom()),
                      QPointF(rect.left(), c.y())])


def paint_current_border(p: QPainter, changes: Sequence[BorderChange], x_at: Callable[[float], float],
                         rows: Rows, sizes: Sizes, pal: QPalette) -> None:
    """The change(s) on the current date, ringed in the highlight colour (the map changed today)."""
    p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), max(1.5, sizes.px(2))))
    p.setBrush(pal.color(QPalette.ColorRole.Highlight))
    for change in changes:
        p.drawPolygon(diamond(mark_rect(change, x_at, rows, sizes).adjusted(-1.5, -1.5, 1.5, 1.5)))
