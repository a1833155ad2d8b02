"""What a screen reader hears: an audit of a window's controls for accessible names.

``unnamed_controls(window)`` lists every visible control (buttons, sliders, text fields, lists, the map and
timeline views, anything that takes focus) whose accessible name, as Qt's accessibility layer reports it
to a screen reader, is empty. Qt names a button after its text, so a text button passes and an icon-only
one needs ``setAccessibleName``. The kiosk's tests require the list to be empty; run it on any window to
find what is missing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit, QScrollBar,
    QTabBar, QTextEdit, QWidget,
)

#: Widget types that are controls whatever their focus policy.
CONTROL_TYPES = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar,
                 QAbstractItemView, QTextEdit)


def accessible_name(widget: QWidget) -> str:
    """The name Qt's accessibility layer gives ``widget`` (what a screen reader says first)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName() or "").strip()


def is_control(widget: QWidget) -> bool:
    """Whether a visitor or user operates ``widget`` (so it needs a name). A widget that is another's focus
    proxy (the web view's inner widget) is named by that other."""
    parent = widget.parentWidget()
    if parent is not None and parent.focusProxy() is widget:
        return False
    if isinstance(widget, QScrollBar):           # part of its scroll area, which screen readers name
        return False
    if isinstance(widget, CONTROL_TYPES):
        return True
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.focusProxy():
        return True
    return type(widget).__name__ in ("QWebEngineView", "MapView", "TimelineSlider")


def unnamed_controls(root: QWidget) -> list[str]:
    """Each visible control under ``root`` without an accessible name, as ``ClassName 'objectName'``."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible() and is_control(widget) and not accessible_name(widget):
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found
