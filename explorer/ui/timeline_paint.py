"""Painting the timeline's event marks, cached: thousands of marks are drawn once into a pixmap and reused
until the view, the size, the filters or the palette change, so moving the date repaints only the handle."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap

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
            draw(painter)
            painter.end()
            self._key, self._pixmap = key, pixmap
        return self._pixmap
