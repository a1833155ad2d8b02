"""The main window's menus, tool bar actions and their shortcuts, in one place.

Shortcuts that must work whichever widget has the focus (Ctrl+O, Ctrl+E, Alt+Left/Right, Ctrl+F) are also
handed to :class:`explorer.desktop.qt.app_keys.AppWideKeys`, so that a text field does not swallow them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QStyle, QToolBar


@dataclass
class WindowActions:
    """The actions other parts of the window (and tests) reach for."""

    open: QAction
    export: QAction
    back: QAction
    forward: QAction
    find: QAction
    reload: QAction

    def app_wide(self) -> list[QAction]:
        """The actions whose shortcuts no widget may take for itself."""
        return [self.open, self.export, self.back, self.forward, self.find]


def _action(window, menu, text: str, slot, *shortcuts) -> QAction:
    action = QAction(text, window)
    sequences: list[QKeySequence] = []
    for shortcut in shortcuts:
        found = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) else [
            QKeySequence(shortcut)]
        # The same key twice makes a shortcut ambiguous, and Qt then triggers nothing.
        sequences += [s for s in found if not s.isEmpty() and s not in sequences]
    if sequences:
        action.setShortcuts(sequences)
    action.triggered.connect(slot)
    if menu is not None:
        menu.addAction(action)
    return action


def build_actions(window) -> WindowActions:
    """Create the menu bar and the navigation buttons of ``window`` (a ``MainWindow``)."""
    state, playback = window.state, window.playback
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    open_action = _action(window, file_menu, "&Open…", window.opener.open_dialog, QKeySequence.StandardKey.Open)
    export = _action(window, file_menu, "Export &snapshot…", window.open_export_dialog, "Ctrl+E")
    file_menu.addSeparator()
    _action(window, file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    go = bar.addMenu("&Go")
    style = window.style()
    back = _action(window, go, "&Back", window.history.back, "Alt+Left", QKeySequence.StandardKey.Back)
    back.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
    forward = _action(window, go, "&Forward", window.history.forward, "Alt+Right", QKeySequence.StandardKey.Forward)
    forward.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
    go.addSeparator()
    find = _action(window, go, "&Find…", window.focus_search, QKeySequence.StandardKey.Find)
    _action(window, go, "&Previous event", lambda: playback.step(-1), "Ctrl+Left")
    _action(window, go, "&Next event", lambda: playback.step(+1), "Ctrl+Right")
    _action(window, go, "&First date", lambda: state.jump_to(state.dataset.first_date), "Ctrl+Home")
    _action(window, go, "&Last date", lambda: state.jump_to(state.dataset.last_date), "Ctrl+End")
    _action(window, go, "&Clear selection", lambda: state.select(None), "Escape")

    view = bar.addMenu("&View")
    _action(window, view, "&Play / pause", window.play_controls.toggle, "Ctrl+Space")
    _action(window, view, "Focus &map", window.map_view.setFocus, "Ctrl+1")
    _action(window, view, "Focus &timeline", window.timeline.setFocus, "Ctrl+2")
    _action(window, view, "Focus &details", window.details.setFocus, "Ctrl+3")
    _action(window, view, "&Reset to the dataset's view", window.reset_view, "Ctrl+0")
    reload = _action(window, view, "Re&load map", window.reload_map, "Ctrl+R")
    help_menu = bar.addMenu("&Help")
    _action(window, help_menu, "&About Treaty Explorer", lambda: show_about(window))
    actions = WindowActions(open_action, export, back, forward, find, reload)
    window.history.events.changed.connect(lambda: update_history_actions(window, actions))
    update_history_actions(window, actions)
    return actions


def add_navigation(toolbar: QToolBar, actions: WindowActions) -> None:
    """Back and Forward at the start of the tool bar."""
    toolbar.addAction(actions.back)
    toolbar.addAction(actions.forward)
    toolbar.addSeparator()


def update_history_actions(window, actions: WindowActions) -> None:
    """Enable Back/Forward when they lead somewhere, and say where in their tool tips."""
    history, dataset = window.history, window.state.dataset
    for action, target, word in ((actions.back, history.back_id, "Back"),
                                 (actions.forward, history.forward_id, "Forward")):
        action.setEnabled(target is not None)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if target is not None and dataset.has_event(target):
            title = dataset.event(target).text("title", window.state.language)
            # Tool tips guess rich text: the title is the dataset's, so it is escaped.
            action.setToolTip(f"{word} to {escape(title)} ({keys})")
        else:
            action.setToolTip(f"{word} ({keys})")


def show_about(window) -> None:
    """The About box: the dataset's title and credits (escaped: they are the dataset's text)."""
    dataset = window.state.dataset
    credits = "".join(f"<li>{escape(c)}</li>" for c in dataset.credits)
    QMessageBox.about(window, "About Treaty Explorer", (
        f"<h3>Treaty Explorer</h3><p>{escape(dataset.title)}</p>"
        f"<p><b>Data:</b></p><ul>{credits}</ul>"
        "<p><b>Map:</b> base map from Natural Earth (public domain), present-day borders; "
        "drawn with Leaflet (BSD-2-Clause) via folium.</p>"
        "<p>Every event cites its sources in the details panel.</p>"))
