"""The details panel: the selected event's texts, sources and links to other agreements."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser

from explorer.model.details import details_html
from explorer.model.state import ExplorerState
from explorer.qt.evented import listen


class DetailsPanel(QTextBrowser):
    """Shows the state's selected event. Clicking a link selects that event; sources open in a browser
    when ``open_sources`` is true (desktop) and are only reported through ``source_clicked`` otherwise."""

    source_clicked = Signal(str)

    def __init__(self, state: ExplorerState, parent=None, *, open_sources: bool = True, base_pt: int = 10) -> None:
        super().__init__(parent)
        self.state = state
        self.open_sources = open_sources
        self.base_pt = base_pt
        self.setOpenLinks(False)
        self.setObjectName("details")
        self.setAccessibleName("Event details")
        self.setMinimumWidth(260)
        self.anchorClicked.connect(self._on_anchor_clicked)
        listen(state.events.selected_id, self._on_selection_changed)
        listen(state.events.language, self._on_selection_changed)
        self._update_text()

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 (Qt API)
        """Nothing is ever loaded into the panel (no images, no style sheets): its document is our own
        escaped HTML, and even a tag that slipped in could not fetch a file."""
        return None

    def _on_selection_changed(self, _value=None) -> None:
        self._update_text()

    def _update_text(self) -> None:
        self.setHtml(details_html(self.state.dataset, self.state.selected_event, self.state.language, self.base_pt))
        self.verticalScrollBar().setValue(0)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "event":
            event_id = url.path() or url.toString().split(":", 1)[1]
            if self.state.dataset.has_event(event_id):
                self.state.select(event_id)
            return
        if url.scheme() in ("source", "media"):
            target = self.link_url(url.scheme(), url.path())
            if target is not None:
                self.source_clicked.emit(target)
                if self.open_sources:
                    QDesktopServices.openUrl(QUrl(target))

    def source_url(self, index: str) -> str | None:
        """The URL of the selected event's source number ``index`` (see ``link_url``)."""
        return self.link_url("source", index)

    def link_url(self, kind: str, index: str) -> str | None:
        """The URL of the selected event's ``kind`` ("source" or "media") number ``index``, if it is a web
        address (http or https); anything else (a broken number, another scheme) is never opened."""
        event = self.state.selected_event
        items = (event.sources if kind == "source" else event.media) if event is not None else ()
        if not index.isdigit() or int(index) >= len(items):
            return None
        target = items[int(index)].url
        parsed = QUrl(target or "", QUrl.ParsingMode.StrictMode)
        return target if parsed.isValid() and parsed.scheme() in ("http", "https") else None
