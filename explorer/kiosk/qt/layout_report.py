"""The kiosk's layout report: the screen, and every visible widget with text or a touch target, with its
rectangle, its text and the width that text needs in its font (see ``explorer.kiosk.layout_check``).

Rectangles are in window pixels (the kiosk's window is the screen). Widgets inside the scrolling details
carry ``clip``, the column's rectangle: they may lie above or below it (scrolled away), not beside it.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from explorer.kiosk.qt.details_view import LinkButton
from explorer.kiosk.qt.widgets import FitLabel, TouchButton
from explorer.qt.map_view import MapView
from explorer.qt.timeline_slider import TimelineSlider


def _rect(widget: QWidget, window: QWidget) -> list[int]:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def _in_details(widget: QWidget, window) -> bool:
    content = window.details.content
    parent = widget.parentWidget()
    while parent is not None:
        if parent is content:
            return True
        parent = parent.parentWidget()
    return False


def describe(widget: QWidget, window, touch: int) -> dict | None:
    """One widget's entry, or None for a widget with neither text nor a touch target."""
    entry: dict = {"name": widget.objectName() or type(widget).__name__, "rect": _rect(widget, window)}
    if isinstance(widget, FitLabel):
        if not widget.full_text():
            return None
        room = widget.contentsRect().width() - 2 * widget.margin()
        entry.update(text="\n".join(widget.shown_lines()), text_width=round(widget.text_width(), 1),
                     room=room, text_height=round(widget.text_height(), 1),
                     room_height=widget.contentsRect().height() - 2 * widget.margin(), min_touch=0)
        if widget.full_text() != entry["text"].replace("\n", " ") and "…" in entry["text"]:
            entry["full_text"] = widget.full_text()
    elif isinstance(widget, LinkButton):
        entry.update(text="", text_width=0, min_touch=touch, accessible_name=widget.accessibleName())
    elif isinstance(widget, QAbstractButton):
        text = widget.text()
        metrics = QFontMetricsF(widget.font())
        room = widget.text_room() if isinstance(widget, TouchButton) else widget.contentsRect().width()
        entry.update(text=text, text_width=round(metrics.horizontalAdvance(text), 1), room=room,
                     min_touch=touch, accessible_name=widget.accessibleName())
    elif isinstance(widget, QLabel):
        text = widget.text()
        if not text.strip():
            return None
        metrics = QFontMetricsF(widget.font())
        pieces = text.split() if widget.wordWrap() else text.split("\n")
        entry.update(text=text, text_width=round(max(metrics.horizontalAdvance(p) for p in pieces), 1),
                     room=widget.contentsRect().width(), min_touch=0)
    elif isinstance(widget, TimelineSlider):
        first, last = widget.visible_span()
        data = window.state.dataset
        entry.update(text="", text_width=0, min_touch=touch, span=[first.isoformat(), last.isoformat()],
                     data_span=[data.first_date.isoformat(), data.last_date.isoformat()],
                     hit_radius=widget.hit_radius, accessible_name=widget.accessibleName())
    elif isinstance(widget, MapView):
        entry.update(text="", text_width=0, min_touch=0, accessible_name=widget.accessibleName())
    else:
        return None
    if _in_details(widget, window):
        entry["clip"] = _rect(window.details.scroll.viewport(), window)
    return entry


def layout_report(window) -> dict:
    """The report for the kiosk window as it is laid out now."""
    m = window.metrics
    widgets = []
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and widget.window() is window:
            entry = describe(widget, window, m.touch)
            if entry is not None:
                widgets.append(entry)
    widgets.sort(key=lambda e: (e["rect"][1], e["rect"][0]))
    return {"screen": [window.width(), window.height()], "unit": round(m.unit, 4), "text_scale": m.text,
            "large_text": window.large_text, "high_contrast": window.high_contrast,
            "language": window.state.language, "min_touch": m.touch,
            "dpi": None if m.dpi is None else round(m.dpi, 1), "widgets": widgets}


def report_json(report: dict) -> str:
    """The report as the file holds it: JSON with one widget per line."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    head = ", ".join(f"{dump(key)}: {dump(value)}" for key, value in report.items() if key != "widgets")
    widgets = ",\n  ".join(dump(widget) for widget in report["widgets"])
    return f"{{{head},\n \"widgets\": [\n  {widgets}\n ]}}\n"

