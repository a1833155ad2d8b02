"""The kiosk's overlays: "Loading the map", the home screen's invitation, "Are you still exploring?", and the
attract tour's banner.

The first three are child widgets laid over part of the window; none takes input (touches go through to
the map and to the idle controller, which decides what they do). The banner is a strip in the layout
above the map. Their texts are ``FitLabel``s, so they wrap or shorten to the screen they are on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from explorer.kiosk.metrics import KioskMetrics
from explorer.kiosk.qt import styles
from explorer.kiosk.qt.widgets import FitLabel

SEA = "#b7d0dc"          # the map's own background: the loading cover never flashes white
CENTRE = Qt.AlignmentFlag.AlignCenter


class _Overlay(QWidget):
    """A child widget that covers its parent (or a given widget's area) and lets input through."""

    def __init__(self, parent: QWidget, fill: QColor, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
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
        if self._fill.alpha():
            painter = QPainter(self)
            painter.fillRect(self.rect(), self._fill)
            painter.end()


def _fit_card(card: QFrame, width: int) -> None:
    """Give a card its width and the height its wrapped texts need at that width (a layout around it would
    ask its texts for their height at its own, wider width)."""
    width = max(1, width)
    card.setFixedSize(width, card.layout().totalHeightForWidth(width))


def _card(parent: QWidget, name: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame(parent)
    card.setObjectName(name)
    card.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return card, QVBoxLayout(card)


class LoadingOverlay(_Overlay):
    """Covers the map in the sea's colour with "Loading the map …" until the page reports ready."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, QColor(SEA), "loading")
        layout = QVBoxLayout(self)
        self.label = FitLabel(self, "loading_text", align=CENTRE)
        self.label.setStyleSheet("color:#15222b; background:transparent;")
        layout.addWidget(self.label)

    def apply(self, m: KioskMetrics) -> None:
        """Fonts for the screen."""
        self.label.setFont(styles.font(m, "loading", bold=True))

    def set_text(self, text: str) -> None:
        """The message (in the current language)."""
        self.label.set_full_text(text)


class InvitationOverlay(_Overlay):
    """The home screen's "Touch to explore": a card low over the map, saying how to begin. It takes no
    input: the visitor's first touch goes to the map below it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, QColor(0, 0, 0, 0), "invitation")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card, layout = _card(self, "invitation_card")
        self.title = FitLabel(self.card, "invite_title", max_lines=2, align=CENTRE)
        self.hint = FitLabel(self.card, "invite_hint", max_lines=4, align=CENTRE)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        self.outer = outer

    def apply(self, m: KioskMetrics) -> None:
        """Fonts, padding and the card's width for the screen."""
        self.title.setFont(styles.font(m, "invite", bold=True))
        self.hint.setFont(styles.font(m, "invite_hint"))
        self.card.layout().setContentsMargins(m.px(36), m.px(20), m.px(36), m.px(24))
        self.card.layout().setSpacing(m.px(6))
        self.outer.setContentsMargins(m.px(24), m.px(24), m.px(24), m.px(40))
        self._metrics = m
        self._fit_card()

    def set_texts(self, title: str, hint: str) -> None:
        """The invitation and how to begin."""
        self.title.set_full_text(f"☝ {title}")
        self.hint.set_full_text(hint)
        self._fit_card()

    def _fit_card(self) -> None:
        m = getattr(self, "_metrics", None)
        if m is not None:
            _fit_card(self.card, min(m.px(900), self.width() - m.px(48)))

    def resizeEvent(self, event) -> None:  # noqa: N802
        """The card keeps within the map."""
        super().resizeEvent(event)
        self._fit_card()


class PromptOverlay(_Overlay):
    """Dims the whole window with a card: "Are you still exploring?", the countdown, "touch to continue"."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, QColor(10, 20, 30, 170), "prompt")
        outer = QVBoxLayout(self)
        outer.setAlignment(CENTRE)
        self.card, layout = _card(self, "prompt_card")
        self.title = FitLabel(self.card, "prompt_title", max_lines=3, align=CENTRE)
        self.count = FitLabel(self.card, "prompt_countdown", max_lines=3, align=CENTRE)
        self.hint = FitLabel(self.card, "prompt_hint", max_lines=3, align=CENTRE)
        for widget in (self.title, self.count, self.hint):
            layout.addWidget(widget)
        outer.addWidget(self.card, 0, CENTRE)
        self.seconds = 0
        self._metrics: KioskMetrics | None = None

    def apply(self, m: KioskMetrics) -> None:
        """Fonts, padding and the card's width for the screen."""
        self._metrics = m
        self.title.setFont(styles.font(m, "prompt_title", bold=True))
        self.count.setFont(styles.font(m, "prompt_body"))
        self.hint.setFont(styles.font(m, "prompt_body"))
        self.card.layout().setContentsMargins(m.px(56), m.px(40), m.px(56), m.px(40))
        self.card.layout().setSpacing(m.px(20))
        self._fit_card()

    def set_texts(self, title: str, countdown: str, hint: str, seconds: int) -> None:
        """Show the texts, with ``seconds`` left in the countdown."""
        self.title.set_full_text(title)
        self.count.set_full_text(countdown)
        self.hint.set_full_text(hint)
        self.seconds = seconds
        self._fit_card()

    def _fit_card(self) -> None:
        if self._metrics is not None:
            _fit_card(self.card, min(self._metrics.px(1000), self.width() - self._metrics.px(64)))

    def resizeEvent(self, event) -> None:  # noqa: N802
        """The card keeps within the window."""
        super().resizeEvent(event)
        self._fit_card()


class AttractCaption(QFrame):
    """The tour's banner: a strip above the map (in the layout, so it never hides the event the map is
    showing) with the invitation to touch and the current stop's title, each on one line, shortened with
    "…" where the screen is too narrow."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("attract_banner")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner = QVBoxLayout(self)
        inner.setSpacing(2)
        self.invite = FitLabel(self, "banner_invite", max_lines=1, align=CENTRE)
        self.event_title = FitLabel(self, "banner_event", max_lines=1, align=CENTRE)
        for label in (self.invite, self.event_title):
            inner.addWidget(label)
        self.compact = False
        self.hide()

    def set_compact(self, compact: bool) -> None:
        """One line only (the invitation) where the screen is short: the details show the stop's title."""
        self.compact = compact
        self.event_title.setVisible(not compact and bool(self.event_title.full_text()))

    def apply(self, m: KioskMetrics) -> None:
        """Fonts and padding for the screen."""
        self.invite.setFont(styles.font(m, "banner", bold=True))
        self.event_title.setFont(styles.font(m, "banner_event"))
        self.layout().setContentsMargins(m.px(24), m.px(8), m.px(24), m.px(10))

    def set_texts(self, invite: str, event_title: str) -> None:
        """The invitation and the current stop's title and date."""
        self.invite.set_full_text(f"☝ {invite}")
        self.event_title.set_full_text(event_title)
        self.event_title.setVisible(bool(event_title) and not self.compact)
