"""Where things go vertically in the timeline slider, for what it is sized for: a desktop window or a touch
screen, a text scale, and the screen's scale.

From the top: the era bands, the thin row of border changes (only when the dataset overlaps the period
borders), the marks (point events in one row, lasting events in lanes below it), the axis with its tick
labels, the date pill, and the overview strip of the whole span. Rows holding text grow with the font;
the marks' area takes what is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: The smallest touch target at 1080p (px), after the Smithsonian guidelines and the platforms' own.
TOUCH_TARGET_PX = 48


@dataclass(frozen=True)
class Sizes:
    """What the slider is sized for. ``touch``: tall marks and finger-sized hit areas; ``text_scale``: larger
    labels (a kiosk's large-text mode), multiplying the widget's own font; ``scale``: screen pixels per pixel
    of a 1080p screen (a kiosk on a 4K screen passes 2), for every mark and hit area."""

    touch: bool = False
    text_scale: float = 1.0
    scale: float = 1.0

    def px(self, value: float) -> float:
        """``value`` px at 1080p, on this screen."""
        return value * self.scale

    @property
    def min_target(self) -> float:
        """The smallest hit area (height and width) a touch target gets here; 0 with a mouse."""
        return self.px(TOUCH_TARGET_PX) if self.touch else 0.0

    @property
    def mark_px(self) -> float:
        """The drawn size of a point event's shape."""
        return self.px(24 if self.touch else 12)


@dataclass(frozen=True)
class Rows:
    """The rows for one widget height (all in widget px)."""

    era_top: float
    era_bottom: float
    border_top: float           # the border-change row (zero height when there is none)
    border_h: float
    point_top: float
    point_h: float
    lane_tops: tuple[float, ...]
    lane_h: float
    marks_top: float            # the area of marks (and of the density strip)
    marks_bottom: float
    axis_y: float
    label_top: float
    label_h: float
    pill_top: float
    pill_h: float
    overview_top: float
    overview_h: float
    height: float


def _parts(sizes: Sizes, font_height: float, border_row: bool) -> dict[str, float]:
    """Each row's height and the gaps between them. A desktop slider is kept compact (it shares the window's
    bottom with the play controls); a touch slider is roomy."""
    px, touch = sizes.px, sizes.touch
    return {
        "margin": px(4 if touch else 3),
        "gap": px(3 if touch else 2),
        "era": max(px(28 if touch else 16), font_height + px(6 if touch else 3)),
        "border": px(16 if touch else 8) if border_row else 0.0,
        "point": px(32 if touch else 15),
        "lane": px(10 if touch else 6),
        "above_axis": px(4 if touch else 3),         # between the lowest lane and the axis
        "below_axis": px(6 if touch else 4),         # the ticks, above their labels
        "label": font_height + px(2 if touch else 1),
        "pill": max(px(30 if touch else 17), font_height + px(6 if touch else 3)),
        "overview": px(18 if touch else 9),
    }


def needed_height(sizes: Sizes, font_height: float, border_row: bool) -> int:
    """The height at which every row has its full size (two lanes)."""
    s = _parts(sizes, font_height, border_row)
    fixed = (2 * s["margin"] + s["era"] + s["gap"] + (s["border"] + s["gap"] if s["border"] else 0)
             + s["point"] + s["gap"] + 2 * (s["lane"] + sizes.px(1)) + s["above_axis"] + s["below_axis"]
             + s["label"] + s["pill"] + s["gap"] + s["overview"])
    return round(fixed + 0.49)


@lru_cache(maxsize=64)
def rows_for(height: float, sizes: Sizes, font_height: float, border_row: bool) -> Rows:
    """The rows at ``height``: text rows keep their size, the marks' area gets the rest (one lane and a lower
    point row when the widget is short)."""
    s, px = _parts(sizes, font_height, border_row), sizes.px
    era_top = s["margin"]
    era_bottom = era_top + s["era"]
    border_top = era_bottom + s["gap"]
    border_h = s["border"]
    marks_top = border_top + border_h + (s["gap"] if border_h else 0.0)
    overview_top = height - s["margin"] - s["overview"]
    pill_top = overview_top - s["gap"] - s["pill"]
    label_top = pill_top - s["label"]
    axis_y = label_top - s["below_axis"]
    marks_bottom = axis_y - s["above_axis"]
    room = marks_bottom - marks_top
    lane_h = s["lane"]
    n_lanes = 2 if room >= s["point"] + 2 * (lane_h + px(1)) + s["gap"] else 1
    lane_tops = tuple(marks_bottom - (n_lanes - i) * (lane_h + px(1)) for i in range(n_lanes))
    point_room = lane_tops[0] - s["gap"] - marks_top
    point_h = max(px(6), min(point_room, s["point"]))
    point_top = marks_top + max(0.0, (point_room - point_h) / 2)
    return Rows(era_top, era_bottom, border_top, border_h, point_top, point_h, lane_tops, lane_h, marks_top,
                marks_bottom, axis_y, label_top, s["label"], pill_top, s["pill"], overview_top, s["overview"],
                height)


def grown(rect, size: float):
    """``rect`` (a QRectF) grown about its centre to at least ``size`` wide and tall: a touch target."""
    grow_w, grow_h = max(0.0, (size - rect.width()) / 2), max(0.0, (size - rect.height()) / 2)
    return rect.adjusted(-grow_w, -grow_h, grow_w, grow_h)
