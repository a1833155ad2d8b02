"""Shortcuts that work from every widget of the window, and the mouse's back and forward buttons.

Qt first offers a key to the focused widget as a "shortcut override"; a text field takes some for itself
(Ctrl+E moves to the end of a line in a QLineEdit on Linux; Alt+Left is "back" in a QTextBrowser), and then
the window's shortcut never fires. This filter refuses those overrides for the window's app-wide actions,
so Ctrl+E exports and Ctrl+O opens even while the search box or the details panel has the focus. The
mouse's back and forward buttons go back and forward wherever the pointer is in the window (the map's web
view would otherwise take them as its own page history).

The filter is installed on the window's widgets one by one, not on the application: with PySide6 6.11 a
Python event filter on the whole application crashes as soon as a QtWebEngine view is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class AppWideKeys(QObject):
    """Watches the widgets of ``window`` (a ``MainWindow``): every widget it has now except the map's web
    internals, and the map's input widget once the page is up."""

    def __init__(self, window, actions: list[QAction], back: QAction, forward: QAction) -> None:
        super().__init__(window)
        self.main_window = window
        self.app_actions = actions
        self.back = back
        self.forward = forward
        self.watched: list[QWidget] = []
        map_view = window.map_view
        for widget in [window, *window.findChildren(QWidget)]:
            if widget is map_view or not map_view.isAncestorOf(widget):
                self.watch(widget)
        map_view.ready.connect(self._on_map_ready)
        self._on_map_ready()

    def watch(self, widget: QWidget | None) -> None:
        """Apply the app-wide keys and mouse buttons to ``widget`` too (a widget added later, a pop-up)."""
        if widget is not None and widget not in self.watched:
            widget.installEventFilter(self)
            self.watched.append(widget)

    def _on_map_ready(self) -> None:
        # The web view's input widget exists once a page has been shown (and is new after a reload).
        self.watch(self.main_window.map_view.focusProxy())

    def claims(self, sequence: QKeySequence) -> bool:
        """Whether ``sequence`` is one of the app-wide actions' shortcuts."""
        return any(sequence.matches(s) == QKeySequence.SequenceMatch.ExactMatch
                   for action in self.app_actions if action.isEnabled() for s in action.shortcuts())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        """Refuse text fields our app-wide shortcuts; send back/forward mouse buttons to the history."""
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            if self.claims(QKeySequence(event.keyCombination())):
                event.ignore()
                return True                  # not offered to the widget: the window's shortcut fires
        elif kind == QEvent.Type.MouseButtonPress:
            button = event.button()
            if button == Qt.MouseButton.BackButton:
                self.back.trigger()
                return True
            if button == Qt.MouseButton.ForwardButton:
                self.forward.trigger()
                return True
        elif kind == QEvent.Type.MouseButtonRelease and event.button() in (
                Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            return True
        return False
