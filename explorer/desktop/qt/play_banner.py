"""The banner that names the event Play (or stepping with the arrow keys) has just come to.

Playing selects each event it passes (``Playback`` does that, so the details follow and the map frames it);
the banner says which, in words: "▶ Treaty of Rapallo — 16 April 1922, Rapallo". It stays while that event
is selected and goes when the selection moves elsewhere or is cleared.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from explorer.model.i18n import tr
from explorer.model.playback import Playback
from explorer.model.state import ExplorerState
from explorer.qt.evented import listen


class PlayBanner(QFrame):
    """A one-line strip naming the event being passed; hidden when there is none."""

    def __init__(self, state: ExplorerState, playback: Playback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.playback = playback
        self.event_id: str | None = None
        self.setObjectName("play_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#play_banner { background: #fff6d9; border: 1px solid #e0c873; border-radius: 3px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)      # event titles are the dataset's text
        self.label.setObjectName("play_banner_text")
        layout.addWidget(self.label, 1)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)           # the timeline below does not jump when it comes and goes
        self.setSizePolicy(policy)
        self.hide()
        listen(playback.events.passed, self._on_passed)
        listen(state.events.selected_id, self._on_selected_id)
        listen(state.events.language, self._on_language)
        self._on_language(state.language)

    @property
    def text(self) -> str:
        """What the banner says now ('' when hidden)."""
        return self.label.text() if self.isVisible() else ""

    def _on_passed(self, event_id: str) -> None:
        self.event_id = event_id
        self._show()

    def _on_selected_id(self, event_id: str | None) -> None:
        if event_id != self.event_id:
            self.event_id = None
            self.hide()

    def _on_language(self, language: str) -> None:
        self.setAccessibleName(tr(language, "banner_name"))
        if self.event_id is not None:
            self._show()

    def _show(self) -> None:
        dataset, language = self.state.dataset, self.state.language
        if self.event_id is None or not dataset.has_event(self.event_id):
            self.hide()
            return
        event = dataset.event(self.event_id)
        place = dataset.place_of(event)
        where = f", {place.display_name_in(language)}" if place is not None else ""
        words = tr(language, "banner_playing" if self.playback.is_playing else "banner_stepped")
        self.label.setText(f"{words} {event.text('title', language)} — {event.date_label(language)}{where}")
        self.label.setToolTip("")
        self.show()
