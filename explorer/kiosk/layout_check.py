"""Checks on a kiosk layout report (``explorer --kiosk --layout-report FILE.json``). Free of Qt.

A report lists the screen and every visible widget with text or a touch target::

    {"screen": [1366, 768], "widgets": [{"name": "home_button", "rect": [x, y, w, h], "text": "⌂ Home",
      "text_width": 74, "min_touch": 48, ...}]}

``layout_problems`` says, one line each, what does not fit: a widget outside the screen (or, inside the
scrolling details, outside the column), a text wider or taller than the room its widget gives it, a touch
target smaller than ``min_touch`` or a ``min_touch`` below 48 px at 1080p scale, a timeline that does not
show the dataset's whole span.
"""

from __future__ import annotations

from explorer.kiosk.metrics import DESIGN_LANDSCAPE, DESIGN_PORTRAIT, MIN_TOUCH_PX

TOLERANCE = 0.5         # px: text widths are measured in fractions of a pixel


def touch_minimum(screen: tuple[int, int]) -> float:
    """The smallest touch target a screen of this size may have: 48 px at 1080p, scaled, never below 48."""
    width, height = screen
    design = DESIGN_PORTRAIT if height > width else DESIGN_LANDSCAPE
    return max(MIN_TOUCH_PX, MIN_TOUCH_PX * min(width / design[0], height / design[1]))


def layout_problems(report: dict) -> list[str]:
    """Everything in ``report`` that does not fit, or ``[]``."""
    width, height = report["screen"]
    problems: list[str] = []
    for entry in report["widgets"]:
        name = f"{entry['name']} {entry['text']!r}" if entry.get("text") else entry["name"]
        x, y, w, h = entry["rect"]
        column = entry.get("clip")
        if column is not None:                # inside the scrolling details: only its column's width binds
            cx, _, cw, _ = column
            if x < cx - TOLERANCE or x + w > cx + cw + TOLERANCE:
                problems.append(f"{name}: {entry['rect']} is wider than the details column {column}")
        elif x < 0 or y < 0 or x + w > width or y + h > height:
            problems.append(f"{name}: {entry['rect']} is not inside the screen {width}×{height}")
        room = entry.get("room")
        if entry.get("text") and room is not None and entry["text_width"] > room + TOLERANCE:
            problems.append(f"{name}: its text needs {entry['text_width']:.1f} px, its widget gives {room} px")
        if entry.get("text") and entry.get("room_height") is not None and \
                entry["text_height"] > entry["room_height"] + TOLERANCE:
            problems.append(f"{name}: its text needs {entry['text_height']:.1f} px of height, its widget gives "
                            f"{entry['room_height']} px")
        touch = entry.get("min_touch") or 0
        if touch:
            if touch < touch_minimum((width, height)) - TOLERANCE:
                problems.append(f"{name}: min_touch {touch} is below {touch_minimum((width, height)):.0f} px")
            if w < touch or h < touch:
                problems.append(f"{name}: {w}×{h} px is smaller than a touch target ({touch} px)")
        span, data_span = entry.get("span"), entry.get("data_span")
        if span and data_span and (span[0] > data_span[0] or span[1] < data_span[1]):
            problems.append(f"{name}: shows {span[0]} to {span[1]}, not the whole span {data_span[0]} to {data_span[1]}")
    return problems
