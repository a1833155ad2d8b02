"""Views listening to the Qt-free state: psygnal holds listeners weakly, and this disconnects a widget's
method when Qt destroys the widget, so a deleted widget is never called (no ``shiboken6.isValid`` guards)."""

from __future__ import annotations

from PySide6.QtCore import QObject


def listen(signal, method) -> None:
    """Call ``method`` (a bound method of a QObject) on each emission of the psygnal ``signal``, until the
    object is destroyed."""
    owner: QObject = method.__self__
    signal.connect(method)
    # The lambda keeps the method (not the widget's C++ side) until Qt destroys the widget.
    owner.destroyed.connect(lambda *_: signal.disconnect(method, missing_ok=True))
