"""Filter controls: which kinds and parties are shown, and the time-window mode."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QToolButton, QWidget

from explorer.model.state import ExplorerState
from explorer.qt.evented import listen

WINDOW_CHOICES = [("All events up to the date", None), ("Window: ±6 months", 182), ("Window: ±1 year", 365),
                  ("Window: ±5 years", 1826)]


class FilterBar(QWidget):
    """Kinds and parties as checkable menus (nothing checked means all) and a window-mode choice."""

    def __init__(self, state: ExplorerState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind_button, self.kind_actions = self._menu_button("Kinds", state.dataset.kinds, "kinds")
        self.party_button, self.party_actions = self._menu_button("Parties", state.dataset.parties, "parties")
        self.window_combo = QComboBox(self)
        self.window_combo.setAccessibleName("Time window")
        for label, days in WINDOW_CHOICES:
            self.window_combo.addItem(label, days)
        self.window_combo.currentIndexChanged.connect(self._on_window_changed)
        for w in (self.kind_button, self.party_button, self.window_combo):
            layout.addWidget(w)
        listen(state.events.filters, self._on_filters_changed)

    def _menu_button(self, title: str, values: list[str], field: str):
        button = QToolButton(self)
        button.setText(f"{title}: all")
        button.setAccessibleName(f"Filter by {title.lower()}")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        actions = {}
        for value in values:
            action = QAction(value, menu)
            action.setCheckable(True)
            action.toggled.connect(lambda _checked, f=field: self._on_menu_toggled(f))
            menu.addAction(action)
            actions[value] = action
        menu.addSeparator()
        menu.addAction("Show all", lambda f=field: self.state.set_filters(**{f: frozenset()}))
        button.setMenu(menu)
        return button, actions

    def _on_menu_toggled(self, field: str) -> None:
        actions = self.kind_actions if field == "kinds" else self.party_actions
        chosen = frozenset(v for v, a in actions.items() if a.isChecked())
        self.state.set_filters(**{field: chosen})

    def _on_window_changed(self, index: int) -> None:
        self.state.set_filters(window_days=self.window_combo.itemData(index))

    def _on_filters_changed(self, filters) -> None:
        for field, actions, button, title in (("kinds", self.kind_actions, self.kind_button, "Kinds"),
                                              ("parties", self.party_actions, self.party_button, "Parties")):
            chosen = getattr(filters, field)
            for value, action in actions.items():
                action.blockSignals(True)
                action.setChecked(value in chosen)
                action.blockSignals(False)
            button.setText(f"{title}: {len(chosen) if chosen else 'all'}")
        self.window_combo.blockSignals(True)
        self.window_combo.setCurrentIndex(next(
            (i for i, (_label, days) in enumerate(WINDOW_CHOICES) if days == filters.window_days), 0))
        self.window_combo.blockSignals(False)
