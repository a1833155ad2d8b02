"""Type-ahead search over the dataset (Ctrl+F); choosing a result selects the event."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from explorer.model.search import SearchIndex
from explorer.model.state import ExplorerState
from explorer.qt.plain_text import tooltip_text

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchBox(QLineEdit):
    """A search field whose pop-up lists matching events, labelled so look-alikes are told apart."""

    def __init__(self, state: ExplorerState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.index = SearchIndex(state.dataset)
        self.setPlaceholderText("Search titles, people, places, parties (Ctrl+F)")
        self.setAccessibleName("Search events")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated[type(self.results.index(0, 0))].connect(self._on_result_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return_pressed)

    def _on_text_edited(self, text: str) -> None:
        self.results.clear()
        for hit in self.index.search(text):
            item = QStandardItem(hit.label)
            item.setData(hit.event_id, EVENT_ID_ROLE)
            item.setToolTip(tooltip_text(hit.label))
            self.results.appendRow(item)
        if self.results.rowCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def hit_ids(self) -> list[str]:
        """The ids currently offered, best first."""
        return [self.results.item(r).data(EVENT_ID_ROLE) for r in range(self.results.rowCount())]

    def _on_result_activated(self, index) -> None:
        event_id = index.data(EVENT_ID_ROLE)
        if event_id:
            self.state.select(event_id)
            self.completer_.popup().hide()

    def _on_return_pressed(self) -> None:
        ids = self.hit_ids()
        if ids:
            self.state.select(ids[0])
            self.completer_.popup().hide()
