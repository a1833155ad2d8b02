"""The kiosk's overlays: "Loading the map", "Are you still exploring?", and the attract tour's banner.

The first two are child widgets laid over part of the window; none takes input (touches go through to the
idle controller, which decides what they do). The banner is a strip in the layout above the map.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

SEA = "#b7d0dc"          # the map's own background: the loading cover never flashes white
INK = "#15222b"


def _label(text: str, px: int, parent: QWidget, bold: bool = False, color: str = INK) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)      # event titles come from the dataset
    label.setText(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet(f"color:{color}; font-size:{px}px; {'font-weight:bold;' if bold else ''} background:transparent;")
    return label


class _Overlay(QWidget):
    """A child widget that covers its parent (or a given widget's area) and lets input through."""

    def __init__(self, parent: QWidget, fill: QColor) -> None:
        super().__init__(parent)
        self._fill = fill
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.hide()

    def cover(self, widget: QWidget | None = None) -> None:
        """Cover ``widget`` (default: the whole parent) and stay on top."""
        rect = widget.geometry() if widget is not None else self.parentWidget().rect()
        if widget is not None and widget.parentWidget() is not self.parentWidget():
            top_left = widget.mapTo(self.parentWidget(), widget.rect().topLeft())
            rect.moveTopLeft(top_left)
        self.setGeometry(rect)
        self.raise_()

    def paintEvent(self, event) -> None:  # noqa: N802
        """Fill with the overlay's colour (translucent ones dim what lies below)."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._fill)
        painter.end()


class LoadingOverlay(_Overlay):
    """Covers the map in the sea's colour with "Loading the map …" until the page reports ready."""

    def __init__(self, parent: QWidget, scale: float = 1.0) -> None:
        super().__init__(parent, QColor(SEA))
        layout = QVBoxLayout(self)
        self.label = _label("", round(34 * scale), self, bold=True)
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        """The message (in the current language)."""
        self.label.setText(text)


class PromptOverlay(_Overlay):
    """Dims the whole window with a card: "Are you still exploring?", the countdown, "touch to continue"."""

    def __init__(self, parent: QWidget, scale: float = 1.0) -> None:
        super().__init__(parent, QColor(10, 20, 30, 170))
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = QFrame(self)
        card.setObjectName("prompt_card")
        card.setStyleSheet("#prompt_card { background:#fdfbf6; border-radius:24px; border:3px solid #f5b700; }")
        card.setMinimumWidth(round(820 * scale))
        layout = QVBoxLayout(card)
        layout.setContentsMargins(56, 44, 56, 44)
        layout.setSpacing(22)
        self.title = _label("", round(56 * scale), card, bold=True)
        self.count = _label("", round(34 * scale), card)
        self.hint = _label("", round(30 * scale), card, color="#5a4500")
        for widget in (self.title, self.count, self.hint):
            layout.addWidget(widget)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        self.seconds = 0

    def set_texts(self, title: str, countdown: str, hint: str, seconds: int) -> None:
        """Show the texts, with ``seconds`` left in the countdown."""
        self.title.setText(title)
        self.count.setText(countdown)
        self.hint.setText(hint)
        self.seconds = seconds


class AttractCaption(QFrame):
    """The tour's banner: a strip above the map (in the layout, so it never hides the event the map is
    showing) with the invitation to touch and the current stop's title."""

    def __init__(self, parent: QWidget, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("attract_banner")
        self.setStyleSheet("#attract_banner { background:#f5b700; }")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(24, 10, 24, 12)
        inner.setSpacing(2)
        self.invite = _label("", round(44 * scale), self, bold=True, color="#15222b")
        self.event_title = _label("", round(28 * scale), self, color="#15222b")
        for label in (self.invite, self.event_title):
            label.setWordWrap(False)          # one line each
            inner.addWidget(label)
        self.hide()

    def set_texts(self, invite: str, event_title: str) -> None:
        """The invitation and the current stop's title and date."""
        self.invite.setText(invite)
        self.event_title.setText(event_title)
        self.event_title.setVisible(bool(event_title))
