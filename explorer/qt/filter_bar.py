"""Filter controls: which kinds and parties are shown, the time-window mode, how many events the map shows
("12 of 45 events shown") and "Clear filters".

Kinds are listed with their colour and shape (as the map and the timeline draw them), "All kinds" on top,
checked when nothing is filtered out, and every kind the map shows is checked. A state that was renamed
(Soviet Russia → Soviet Union) is one entry: choosing it shows the events of every one of its names.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget, QWidgetAction,
)

from explorer.model.i18n import tr
from explorer.model.kinds import KIND_COLORS
from explorer.model.state import ExplorerState, Filters
from explorer.qt.evented import listen
from explorer.qt.kind_shapes import shape_path

WINDOW_CHOICES = [("window_all", None), ("window_6m", 182), ("window_1y", 365), ("window_5y", 1826)]


def kind_icon(kind: str, size: int = 16) -> QIcon:
    """The kind's mark as the map draws it: its shape, filled with its colour, with a dark outline."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#222222"), 1))
    painter.setBrush(QColor(KIND_COLORS.get(kind, "#777777")))
    painter.drawPath(shape_path(kind, QRectF(2, 2, size - 4, size - 4)))
    painter.end()
    return QIcon(pixmap)


def kind_name(kind: str, language: str) -> str:
    """A kind's name in ``language`` (the kind itself, capitalised, for one the catalogue does not know)."""
    try:
        return tr(language, f"kind_{kind}")
    except KeyError:
        return kind.capitalize()


class ShownCount:
    """How many events the map shows at the state's date: two binary searches per date (the sorted start
    and end days of the events the kind and party filters let through are made once per filter change)."""

    def __init__(self, state: ExplorerState) -> None:
        self.state = state
        self._filters: Filters | None = None
        self._starts: list[int] = []
        self._lasts: list[int] = []

    def count(self) -> int:
        """The number of events shown now (as ``state.visible_events()`` counts them)."""
        state = self.state
        if state.filters != self._filters:
            self._filters = state.filters
            parties = state.party_filter()
            starts, lasts = state.dataset.day_columns
            if state.filters.kinds or parties:
                keep = [state.filters.accepts(e, parties) for e in state.dataset.events]
                starts = [day for day, kept in zip(starts, keep) if kept]
                lasts = [day for day, kept in zip(lasts, keep) if kept]
            # (Unfiltered, every event counts: the dataset's own columns, read at C speed, and already
            # nearly in order, which is what sorting is quickest at.)
            self._starts, self._lasts = sorted(starts), sorted(lasts)
        day, span = state.date.toordinal(), state.filters.window_days
        if span is None:
            return bisect.bisect_right(self._starts, day)
        return bisect.bisect_right(self._starts, day + span) - bisect.bisect_left(self._lasts, day - span)


class FilterBar(QWidget):
    """Kinds and parties as checkable menus, a window-mode choice, the count shown and Clear filters."""

    def __init__(self, state: ExplorerState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        dataset = state.dataset
        self.counter = ShownCount(state)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Kinds: "All kinds", then each kind with its mark.
        self.kind_button, kind_menu = self._menu_button("kinds")
        self.all_kinds_action = self._checkable(kind_menu, "", self._on_all_kinds_toggled)
        kind_menu.addSeparator()
        self.kind_actions: dict[str, QCheckBox] = {}
        for kind in dataset.kinds:
            action = self._checkable(kind_menu, "", lambda checked, k=kind: self._on_kind_toggled(k, checked))
            action.setIcon(kind_icon(kind))
            self.kind_actions[kind] = action
        # Parties: one entry per state, its names in the order it bore them.
        self.party_button, party_menu = self._menu_button("parties")
        self.all_parties_action = self._checkable(party_menu, "", self._on_all_parties_toggled)
        party_menu.addSeparator()
        self.party_groups: dict[str, frozenset[str]] = {}
        self.party_actions: dict[str, QCheckBox] = {}
        for key, family in self._families():
            action = self._checkable(party_menu, "", lambda checked, k=key: self._on_party_toggled(k, checked))
            self.party_groups[key] = family
            self.party_actions[key] = action
        self.window_combo = QComboBox(self)
        # Named again in each language: its width follows the names ("Alle Ereignisse bis zum Datum" was cut
        # to the English width when the language changed).
        self.window_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for _key, days in WINDOW_CHOICES:
            self.window_combo.addItem("", days)
        self.window_combo.currentIndexChanged.connect(self._on_window_changed)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("shown_count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear)
        for w in (self.kind_button, self.party_button, self.window_combo, self.count_label, self.clear_button):
            layout.addWidget(w)
        listen(state.events.filters, self._on_filters_changed)
        listen(state.events.date, self._on_date_changed)
        listen(state.events.language, self._on_language_changed)
        self._on_language_changed(state.language)

    # --- building ------------------------------------------------------------------------------------
    def _menu_button(self, field: str) -> tuple[QToolButton, QMenu]:
        button = QToolButton(self)
        button.setObjectName(f"{field}_filter")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The style's menu arrow is drawn over the end of the text; the text ends in its own arrow instead.
        button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        menu = QMenu(button)
        menu.setObjectName(f"{field}_menu")
        button.setMenu(menu)
        return button, menu

    def _checkable(self, menu: QMenu, text: str, slot) -> QCheckBox:
        """A check box in the menu: its tick and a kind's mark side by side (a menu item shows one or the
        other), and ticking several in a row leaves the menu open."""
        holder = QWidget(menu)
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(8, 3, 16, 3)
        box = QCheckBox(text, holder)
        box.toggled.connect(slot)
        layout.addWidget(box)
        action = QWidgetAction(menu)
        action.setDefaultWidget(holder)
        menu.addAction(action)
        return box

    def _families(self) -> list[tuple[str, frozenset[str]]]:
        """(first name, every name) of each state the events name, in alphabetical order of the first."""
        dataset, seen, out = self.state.dataset, set(), []
        for name in dataset.parties:
            family = dataset.party_family(name)
            if family in seen:
                continue
            seen.add(family)
            out.append((self._ordered(family)[0], family))
        return sorted(out)

    def _ordered(self, family: frozenset[str]) -> list[str]:
        """A state's names in the order it bore them (following the ``renamed_to`` of the parties table)."""
        dataset = self.state.dataset
        renamed = {n: dataset.party(n).renamed_to for n in family}
        firsts = sorted(n for n in family if n not in renamed.values()) or sorted(family)
        order, name = [], firsts[0]
        while name is not None and name not in order:
            order.append(name)
            name = renamed.get(name)
        return order + sorted(family - set(order))

    # --- what the user did ---------------------------------------------------------------------------
    def clear(self) -> None:
        """Show every kind and party, up to the date (no time window)."""
        self.state.filters = Filters()

    def _on_all_kinds_toggled(self, checked: bool) -> None:
        if checked:
            self.state.set_filters(kinds=frozenset())
        else:
            self._on_filters_changed(self.state.filters)       # "all" is left by unticking a kind

    def _on_kind_toggled(self, kind: str, checked: bool) -> None:
        chosen = set(self.state.filters.kinds or self.kind_actions)
        chosen.add(kind) if checked else chosen.discard(kind)
        if not chosen:                                         # nothing at all would be shown: keep the last one
            self._on_filters_changed(self.state.filters)
            return
        self.state.set_filters(kinds=frozenset() if chosen >= set(self.kind_actions) else frozenset(chosen))

    def _on_all_parties_toggled(self, checked: bool) -> None:
        if checked:
            self.state.set_filters(parties=frozenset())
        else:
            self._on_filters_changed(self.state.filters)

    def _on_party_toggled(self, key: str, checked: bool) -> None:
        chosen = set(self.state.filters.parties)
        family = self.party_groups[key]
        chosen = chosen | family if checked else chosen - family
        self.state.set_filters(parties=frozenset(chosen))

    def _on_window_changed(self, index: int) -> None:
        self.state.set_filters(window_days=self.window_combo.itemData(index))

    # --- showing the state ---------------------------------------------------------------------------
    def _on_filters_changed(self, filters: Filters) -> None:
        language = self.state.language
        kinds = filters.kinds
        self._set_checked(self.all_kinds_action, not kinds)
        for kind, action in self.kind_actions.items():
            self._set_checked(action, not kinds or kind in kinds)
        shown = [k for k in self.kind_actions if k in kinds]
        if not kinds:
            text = tr(language, "kinds_all")
        elif len(shown) <= 2:
            text = tr(language, "kinds_some", names=", ".join(kind_name(k, language) for k in shown))
        else:
            text = tr(language, "kinds_count", n=len(shown), total=len(self.kind_actions))
        self.kind_button.setText(text + " ▾")
        parties = filters.parties
        self._set_checked(self.all_parties_action, not parties)
        chosen = [key for key, family in self.party_groups.items() if family & parties]
        for key, action in self.party_actions.items():
            self._set_checked(action, key in chosen)
        if not parties:
            text = tr(language, "parties_all")
        elif len(chosen) == 1:
            text = tr(language, "parties_some", names=self._party_label(chosen[0]))
        else:
            text = tr(language, "parties_count", n=len(chosen))
        self.party_button.setText(text.replace("&", "&&") + " ▾")
        self.window_combo.blockSignals(True)
        self.window_combo.setCurrentIndex(next(
            (i for i, (_key, days) in enumerate(WINDOW_CHOICES) if days == filters.window_days), 0))
        self.window_combo.blockSignals(False)
        self.clear_button.setEnabled(filters != Filters())
        self._on_date_changed()

    def _on_date_changed(self, _date=None) -> None:
        self.count_label.setText(tr(self.state.language, "shown_count", shown=f"{self.counter.count():,}",
                                    total=f"{len(self.state.dataset.events):,}"))

    def _party_label(self, key: str) -> str:
        language = self.state.language
        return " → ".join(self.state.dataset.party_name(n, language) for n in self._ordered(self.party_groups[key]))

    def _on_language_changed(self, language: str) -> None:
        self.kind_button.setAccessibleName(tr(language, "kinds_filter"))
        self.party_button.setAccessibleName(tr(language, "parties_filter"))
        self.window_combo.setAccessibleName(tr(language, "time_window"))
        self.all_kinds_action.setText(tr(language, "kinds_all_item"))
        for kind, action in self.kind_actions.items():
            action.setText(kind_name(kind, language))
        self.all_parties_action.setText(tr(language, "parties_all_item"))
        for key, action in self.party_actions.items():
            action.setText(self._party_label(key).replace("&", "&&"))      # a lone & would be a mnemonic
        for i, (key, _days) in enumerate(WINDOW_CHOICES):
            self.window_combo.setItemText(i, tr(language, key))
        self.clear_button.setText(tr(language, "clear_filters"))
        self.clear_button.setToolTip(tr(language, "clear_filters_tip"))
        self._on_filters_changed(self.state.filters)

    @staticmethod
    def _set_checked(action: QCheckBox, checked: bool) -> None:
        action.blockSignals(True)
        action.setChecked(checked)
        action.blockSignals(False)
