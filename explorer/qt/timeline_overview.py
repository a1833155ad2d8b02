"""The timeline's overview strip: the dataset's whole span in miniature under the axis, its events as a
faint density, and a window showing which part the slider shows now. Dragging the window pans the slider;
pressing beside it brings that part into view.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

OVERVIEW_BIN_PX = 2


@dataclass(frozen=True)
class Overview:
    """The strip's rectangle and the whole span it stands for (day ordinals ``start`` to ``start + days``)."""

    rect: QRectF
    start: float
    days: float

    def x_at(self, ordinal: float) -> float:
        """The strip's x for a day ordinal."""
        return self.rect.left() + (ordinal - self.start) / self.days * self.rect.width()

    def ord_at(self, x: float) -> float:
        """The day ordinal under the strip's x."""
        return self.start + (x - self.rect.left()) / max(self.rect.width(), 1.0) * self.days

    def window(self, view_start: float, view_days: float) -> QRectF:
        """The part of the strip the slider shows (at least 6 px wide, so it can be grabbed)."""
        left, right = self.x_at(view_start), self.x_at(view_start + view_days)
        if right - left < 6:
            middle = (left + right) / 2
            left, right = middle - 3, middle + 3
        return QRectF(left, self.rect.top(), right - left, self.rect.height())

    def edges(self) -> list[float]:
        """Day ordinals of the density bins' edges along the strip."""
        n = max(1, math.ceil(self.rect.width() / OVERVIEW_BIN_PX))
        return [self.start + i * self.days / n for i in range(n + 1)]


def paint_overview(p: QPainter, overview: Overview, counts: Sequence[int], pal: QPalette) -> None:
    """The strip's trough and its events' density (cached with the background: the window is drawn live)."""
    rect = overview.rect
    p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
    trough = QColor(pal.color(QPalette.ColorRole.Window))
    p.setBrush(trough)
    p.drawRoundedRect(rect, 3, 3)
    peak = max(counts, default=0)
    if peak <= 0:
        return
    ink = QColor(pal.color(QPalette.ColorRole.Text))
    ink.setAlpha(90)
    bin_w = rect.width() / max(len(counts), 1)
    scale = (rect.height() - 2) / peak
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink)
    p.drawRects([QRectF(rect.left() + i * bin_w, rect.bottom() - 1 - max(1.0, c * scale), bin_w,
                        max(1.0, c * scale)) for i, c in enumerate(counts) if c])
    p.restore()


def paint_overview_window(p: QPainter, overview: Overview, window: QRectF, handle_x: float, pal: QPalette,
                          full: bool) -> None:
    """The window of what is shown (unless everything is), and the date as a tick."""
    highlight = pal.color(QPalette.ColorRole.Highlight)
    if not full:
        shade = QColor(pal.color(QPalette.ColorRole.Text))
        shade.setAlpha(40)
        rect = overview.rect
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(shade)
        p.drawRect(QRectF(rect.left(), rect.top(), max(0.0, window.left() - rect.left()), rect.height()))
        p.drawRect(QRectF(window.right(), rect.top(), max(0.0, rect.right() - window.right()), rect.height()))
        fill = QColor(highlight)
        fill.setAlpha(45)
        p.setPen(QPen(highlight, 1.5))
        p.setBrush(fill)
        p.drawRoundedRect(window.adjusted(0.75, 0.75, -0.75, -0.75), 2, 2)
    p.setPen(QPen(highlight, 2))
    p.drawLine(QPointF(handle_x, overview.rect.top() + 1), QPointF(handle_x, overview.rect.bottom() - 1))
