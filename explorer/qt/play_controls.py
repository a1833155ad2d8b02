"""Play/pause and a speed choice for a ``Playback``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStyle, QToolButton, QWidget

from explorer.model.i18n import tr
from explorer.model.playback import SPEEDS, Playback
from explorer.qt.evented import listen


class PlayControls(QWidget):
    """A play/pause button and a speed choice for a ``Playback`` (the view of its ``playing`` and ``speed``)."""

    def __init__(self, playback: Playback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.playback = playback
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.play_button = QToolButton(self)
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.speed_combo = QComboBox(self)
        # Its items are named again in each language: its width follows them (not the first language's).
        self.speed_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for label, days in SPEEDS:
            self.speed_combo.addItem(label, days)
        layout.addWidget(self.play_button)
        layout.addWidget(self.speed_combo)
        layout.addStretch(1)
        self._show_speed(playback.speed)
        self._on_playing_changed(playback.is_playing)
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.speed_combo.currentIndexChanged.connect(self._on_speed_combo_current_index_changed)
        listen(playback.events.playing, self._on_playing_changed)
        listen(playback.state.events.language, self._on_language_changed)
        self._on_language_changed(playback.state.language)

    def toggle(self) -> None:
        """Play when paused, pause when playing."""
        self.playback.toggle()

    def pause(self) -> None:
        """Stop playing."""
        self.playback.pause()

    def _show_speed(self, days_per_second: float) -> None:
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i][1] - days_per_second))
        self.speed_combo.blockSignals(True)
        self.speed_combo.setCurrentIndex(index)
        self.speed_combo.blockSignals(False)

    def _on_play_button_clicked(self) -> None:
        self.playback.toggle()

    def _on_speed_combo_current_index_changed(self, index: int) -> None:
        self.playback.speed = self.speed_combo.itemData(index)

    def _on_language_changed(self, language: str) -> None:
        self.speed_combo.setAccessibleName(tr(language, "play_speed"))
        for i in range(len(SPEEDS)):
            self.speed_combo.setItemText(i, tr(language, f"speed_{i}"))
        self._on_playing_changed(self.playback.is_playing)

    def _on_playing_changed(self, playing: bool) -> None:
        text = tr(self.playback.state.language, "pause" if playing else "play")
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setText(text)
        self.play_button.setAccessibleName(text)
        self.play_button.setIcon(self.style().standardIcon(icon))
