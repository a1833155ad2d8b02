"""The main window's menus, tool bar actions and their shortcuts, in one place, in the state's language.

Shortcuts that must work whichever widget has the focus (Ctrl+O, Ctrl+E, Alt+Left/Right, Ctrl+F) are also
handed to :class:`explorer.desktop.qt.app_keys.AppWideKeys`, so that a text field does not swallow them.
View → Language switches every text the window shows (menus, panels, map, timeline) between English and
German.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QStyle, QToolBar

from explorer.model.i18n import UI_LANGUAGES, language_name, tr


@dataclass
class WindowActions:
    """The actions other parts of the window (and tests) reach for, and every text to translate."""

    open: QAction
    export: QAction
    back: QAction
    forward: QAction
    find: QAction
    reload: QAction
    languages: dict[str, QAction] = field(default_factory=dict)
    texts: list[tuple[object, str]] = field(default_factory=list)     # (action or menu, i18n key)
    present_borders: QAction | None = None       # View → Present-day borders (checked) or the date's (not)

    def app_wide(self) -> list[QAction]:
        """The actions whose shortcuts no widget may take for itself."""
        return [self.open, self.export, self.back, self.forward, self.find]


def _sequences(shortcuts) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for shortcut in shortcuts:
        found = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) else [
            QKeySequence(shortcut)]
        # The same key twice makes a shortcut ambiguous, and Qt then triggers nothing.
        out += [s for s in found if not s.isEmpty() and s not in out]
    return out


def build_actions(window) -> WindowActions:
    """Create the menu bar and the navigation actions of ``window`` (a ``MainWindow``)."""
    state, playback = window.state, window.playback
    texts: list[tuple[object, str]] = []

    def menu(key: str) -> QMenu:
        created = window.menuBar().addMenu("")
        texts.append((created, key))
        return created

    def action(into: QMenu, key: str, slot, *shortcuts) -> QAction:
        created = QAction(window)
        sequences = _sequences(shortcuts)
        if sequences:
            created.setShortcuts(sequences)
        created.triggered.connect(slot)
        into.addAction(created)
        texts.append((created, key))
        return created

    file_menu = menu("menu_file")
    open_action = action(file_menu, "act_open", window.opener.open_dialog, QKeySequence.StandardKey.Open)
    export = action(file_menu, "act_export", window.open_export_dialog, "Ctrl+E")
    file_menu.addSeparator()
    action(file_menu, "act_quit", window.close, QKeySequence.StandardKey.Quit)

    go = menu("menu_go")
    style = window.style()
    back = action(go, "act_back", window.history.back, "Alt+Left", QKeySequence.StandardKey.Back)
    back.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
    forward = action(go, "act_forward", window.history.forward, "Alt+Right", QKeySequence.StandardKey.Forward)
    forward.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
    go.addSeparator()
    find = action(go, "act_find", window.focus_search, QKeySequence.StandardKey.Find)
    action(go, "act_previous", lambda: playback.step(-1), "Ctrl+Left")
    action(go, "act_next", lambda: playback.step(+1), "Ctrl+Right")
    action(go, "act_first", lambda: state.jump_to(state.dataset.first_date), "Ctrl+Home")
    action(go, "act_last", lambda: state.jump_to(state.dataset.last_date), "Ctrl+End")
    action(go, "act_clear", lambda: state.select(None), "Escape")

    view = menu("menu_view")
    action(view, "act_play", window.play_controls.toggle, "Ctrl+Space")
    action(view, "act_focus_map", window.map_view.setFocus, "Ctrl+1")
    action(view, "act_focus_timeline", window.timeline.setFocus, "Ctrl+2")
    action(view, "act_focus_details", window.details.setFocus, "Ctrl+3")
    action(view, "act_reset", window.reset_view, "Ctrl+0")
    # Period borders are the default; the state holds the choice and the map follows it.
    present_borders = action(view, "act_present_borders",
                             lambda on: state.set_borders("present" if on else "period"), "Ctrl+B")
    present_borders.setCheckable(True)
    present_borders.setChecked(state.borders == "present")
    reload = action(view, "act_reload", window.reload_map, "Ctrl+R")
    view.addSeparator()
    language_menu = view.addMenu("")
    texts.append((language_menu, "menu_language"))
    group = QActionGroup(window)
    languages = {}
    for code in UI_LANGUAGES:
        choice = QAction(language_name(code), window)      # each language named in itself, never translated
        choice.setCheckable(True)
        choice.setChecked(code == state.language)
        choice.triggered.connect(lambda _checked=False, c=code: state.set_language(c))
        group.addAction(choice)
        language_menu.addAction(choice)
        languages[code] = choice

    help_menu = menu("menu_help")
    action(help_menu, "act_about", lambda: show_about(window))
    actions = WindowActions(open_action, export, back, forward, find, reload, languages, texts, present_borders)
    window.history.events.changed.connect(lambda: update_history_actions(window, actions))
    retranslate(window, actions)
    return actions


def retranslate(window, actions: WindowActions) -> None:
    """Every menu and action text in the state's language, and the tick on the language shown."""
    language = window.state.language
    for item, key in actions.texts:
        (item.setTitle if isinstance(item, QMenu) else item.setText)(tr(language, key))
    for code, choice in actions.languages.items():
        choice.setChecked(code == language)
    update_history_actions(window, actions)


def add_navigation(toolbar: QToolBar, actions: WindowActions) -> None:
    """Back and Forward at the start of the tool bar."""
    toolbar.addAction(actions.back)
    toolbar.addAction(actions.forward)
    toolbar.addSeparator()


def update_history_actions(window, actions: WindowActions) -> None:
    """Enable Back/Forward when they lead somewhere, and say where in their tool tips."""
    history, dataset, language = window.history, window.state.dataset, window.state.language
    for action, target, key in ((actions.back, history.back_id, "back"),
                                (actions.forward, history.forward_id, "forward")):
        action.setEnabled(target is not None)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if target is not None and dataset.has_event(target):
            title = dataset.event(target).text("title", language)
            # Tool tips guess rich text: the title is the dataset's, so it is escaped.
            action.setToolTip(tr(language, f"{key}_to", title=escape(title)) + f" ({keys})")
        else:
            action.setToolTip(tr(language, f"{key}_none") + f" ({keys})")


def show_about(window) -> None:
    """The About box: the dataset's title and credits (escaped: they are the dataset's text)."""
    dataset, language = window.state.dataset, window.state.language
    credits = "".join(f"<li>{escape(c)}</li>" for c in dataset.credits)
    QMessageBox.about(window, tr(language, "about_title"), (
        f"<h3>Treaty Explorer</h3><p>{escape(dataset.text('title', language))}</p>"
        f"<p><b>{escape(tr(language, 'about_data'))}</b></p><ul>{credits}</ul>"
        f"<p>{escape(tr(language, 'about_map'))}</p><p>{escape(tr(language, 'about_sources'))}</p>"))
