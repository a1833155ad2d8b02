"""A kind's shape (``explorer.model.kinds.KIND_SHAPES``) as a Qt path: one geometry for every Qt drawing of
a mark (the timeline, the filter menu's icons, the kiosk's swatches), matching the map's markers."""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QTransform

from explorer.model.kinds import KIND_SHAPES


@lru_cache(maxsize=64)
def _unit_path(shape: str) -> QPainterPath:
    """The shape in a 1 × 1 box."""
    path = QPainterPath()
    if shape == "square":
        path.addRect(QRectF(0.1, 0.1, 0.8, 0.8))
    elif shape == "diamond":
        path.addPolygon([QPointF(0.5, 0), QPointF(1, 0.5), QPointF(0.5, 1), QPointF(0, 0.5)])
    elif shape == "triangle":
        path.addPolygon([QPointF(0.5, 0.02), QPointF(1, 0.92), QPointF(0, 0.92)])
    elif shape == "triangle-down":
        path.addPolygon([QPointF(0, 0.08), QPointF(1, 0.08), QPointF(0.5, 0.98)])
    elif shape == "hexagon":
        path.addPolygon([QPointF(0.5 + 0.5 * math.cos(math.radians(a)), 0.5 + 0.5 * math.sin(math.radians(a)))
                         for a in range(30, 390, 60)])
    elif shape == "cross":                          # one outline: two crossed rectangles would leave a hole
        a, b = 0.32, 0.68
        path.addPolygon([QPointF(x, y) for x, y in ((a, 0), (b, 0), (b, a), (1, a), (1, b), (b, b), (b, 1), (a, 1),
                                                    (a, b), (0, b), (0, a), (a, a))])
    else:                                           # "circle", and any shape a later kind may bring
        path.addEllipse(QRectF(0, 0, 1, 1))
    path.closeSubpath()
    return path


def shape_path(kind: str, rect: QRectF) -> QPainterPath:
    """The kind's shape (``explorer.model.kinds.KIND_SHAPES``) filling ``rect``."""
    transform = QTransform(rect.width(), 0, 0, rect.height(), rect.left(), rect.top())
    return transform.map(_unit_path(KIND_SHAPES.get(kind, "circle")))
