"""What the kiosk tells the map page about how to show itself (``MapView.set_display``, tm_display.js).

The page is zoomed by the kiosk's unit already, so every length here is in the page's CSS pixels (screen
pixels divided by the unit): the legend's text at the kiosk's size for small print, its toggle a finger's
touch target, the labels' text grown with ``text_scale`` and the visitor's "larger text", the high-contrast
palette of the kiosk's own chrome (light text on black, arcs in strong colours), and the rectangles the
kiosk's own panels cover on the map (the invitation card), which labels and framing keep clear of.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint

from explorer.kiosk.metrics import KioskMetrics
from explorer.kiosk.qt import styles

#: The legend's text in design px (the kiosk's smallest print, as the timeline's labels).
LEGEND_FONT = 16
#: Below this width (screen px) the legend starts closed: open it would cover a third of a small map.
LEGEND_OPEN_FROM_WIDTH = 1600
#: The map's labels in the kiosk against the desktop's (11–12 px there): read from a step back, as the
#: details are; the label engine places what fits and hides the rest.
LABEL_SCALE = 1.25
#: Link arcs in high contrast: saturated and dark enough to stand out on the pale map (≥ 4.5:1 on it).
CONTRAST_ARCS = {"out": "#0030c0", "in": "#b00000", "both": "#6a00a8"}


def map_display(m: KioskMetrics, high_contrast: bool, covered: list[list[float]]) -> dict:
    """The page's ``display`` for screen metrics ``m``; ``covered`` in the map view's screen pixels."""
    unit = m.unit or 1.0
    contrast = None
    if high_contrast:
        c = styles.HIGH_CONTRAST
        contrast = {"ink": c.ink, "paper": c.paper, "accent": c.accent, "arcs": dict(CONTRAST_ARCS)}
    return {"textScale": round(LABEL_SCALE * m.text, 4), "contrast": contrast,
            "legendFont": round(LEGEND_FONT * m.text, 2),
            # The toggle's least side: the kiosk's touch minimum on screen, whatever the zoom.
            "touch": math.ceil(m.touch / unit),
            "legendOpen": m.width >= LEGEND_OPEN_FROM_WIDTH,
            "covered": [[round(v / unit, 1) for v in rect] for rect in covered]}


def covered_rects(map_view, widgets) -> list[list[float]]:
    """The rectangles [x0, y0, x1, y1] of the visible ``widgets`` over the map, in its pixels."""
    out = []
    origin = map_view.mapToGlobal(QPoint(0, 0))
    for widget in widgets:
        if widget is None or not widget.isVisible():
            continue
        top_left = widget.mapToGlobal(QPoint(0, 0)) - origin
        r = widget.rect().translated(top_left).intersected(map_view.rect())
        if not r.isEmpty():
            out.append([r.left(), r.top(), r.left() + r.width(), r.top() + r.height()])
    return out
