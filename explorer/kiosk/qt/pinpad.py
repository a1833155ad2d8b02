"""The staff PIN pad: large digit buttons over a dimmed window; the right PIN ends the kiosk.

It is a child widget of the kiosk window (no new top-level window on a kiosk). Attempts are rate-limited
by a ``PinLimiter`` owned by the window, so closing and reopening the pad does not reset the count.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from explorer.kiosk.config import verify_pin
from explorer.model.i18n import tr
from explorer.kiosk.staff import PinLimiter

MAX_DIGITS = 12


class _PinCheck(QObject):
    """Checks a PIN on a thread of its own (a hash takes a noticeable moment; the exhibit must not freeze)
    and reports back on the UI thread through ``done(ok, attempt)``."""

    done = Signal(bool, int)

    def start(self, pin: str, stored: str | None, attempt: int) -> None:
        """Begin checking ``pin`` against ``stored``; ``done`` follows with the same ``attempt`` number."""
        threading.Thread(target=lambda: self.done.emit(verify_pin(pin, stored), attempt), daemon=True,
                         name="pin-check").start()


class PinPad(QWidget):
    """Covers its parent; a card with a masked display, 0–9, Clear, OK and Cancel.

    ``accepted`` is emitted for the right PIN, ``wrong`` for a wrong one (``locked`` with the wait in
    seconds when the limiter refuses), ``cancelled`` when staff close it.
    """

    accepted = Signal()
    wrong = Signal()
    locked = Signal(int)
    cancelled = Signal()

    def __init__(self, parent: QWidget, pin_hash: str | None, limiter: PinLimiter, language: str = "en",
                 clock=time.monotonic) -> None:
        super().__init__(parent)
        self.pin_hash, self.limiter, self.clock, self.language = pin_hash, limiter, clock, language
        self._digits = ""
        self._attempt = 0                  # the attempt being checked (0: none)
        self._attempt_at = 0.0
        self._check = _PinCheck(self)
        self._check.done.connect(self._on_check_done)
        self.setObjectName("pin_pad")
        self.hide()
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = card = QFrame(self)
        card.setObjectName("pin_card")
        self.card_layout = layout = QVBoxLayout(card)
        self.title = QLabel(card)
        self.title.setObjectName("pin_title")
        self.display = QLabel(card)
        self.display.setObjectName("pin_display")
        self.message = QLabel(card)
        self.message.setObjectName("pin_message")
        self.message.setWordWrap(True)
        for widget in (self.title, self.display, self.message):
            widget.setTextFormat(Qt.TextFormat.PlainText)
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        self.grid = grid = QGridLayout()
        self.digit_buttons: dict[str, QPushButton] = {}
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._digit_button(digit, card), i // 3, i % 3)
        self.clear_button = QPushButton(card)
        self.clear_button.setObjectName("pin_clear")
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.ok_button = QPushButton(card)
        self.ok_button.setObjectName("pin_ok")
        self.ok_button.clicked.connect(self._on_ok_clicked)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit_button("0", card), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        layout.addLayout(grid)
        self.cancel_button = QPushButton(card)
        self.cancel_button.setObjectName("pin_cancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        layout.addWidget(self.cancel_button)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        self.retranslate(language)

    def apply(self, m) -> None:
        """Sizes for the screen (``KioskMetrics``): keys as large as fit on it, never below a touch target."""
        # Title, display, message and Cancel take about three keys' height; the card keeps 10 % free.
        key = max(m.touch, min(m.px(96), round((m.height * 0.9 - m.px(120)) / 7.5)))
        font_px = max(12, min(round(key * 0.38), m.font_px(34)))
        self.card.setStyleSheet(
            f"#pin_card {{ background:#fdfbf6; border-radius:{m.px(20)}px; border:2px solid #444; }}"
            f"QPushButton {{ font-size:{font_px}px; min-width:{key}px; min-height:{key}px; padding:0 {m.px(8)}px;"
            " border-radius:12px; background:#e8e2d4; border:1px solid #888; color:#111; }"
            "QPushButton:pressed { background:#f5b700; }"
            "QPushButton:disabled { color:#767676; }"
            f"#pin_title {{ font-size:{font_px}px; font-weight:bold; color:#111; }}"
            f"#pin_display {{ font-size:{round(font_px * 1.15)}px; color:#111; background:#fff; min-height:{key * 2 // 3}px;"
            " border:1px solid #888; border-radius:8px; padding:4px 12px; }"
            f"#pin_message {{ font-size:{round(font_px * 0.75)}px; color:#9b1c1c; }}")
        self.card_layout.setContentsMargins(m.px(36), m.px(24), m.px(36), m.px(24))
        self.card_layout.setSpacing(m.px(12))
        self.grid.setSpacing(m.px(12))
        self.message.setMaximumWidth(3 * key + 2 * m.px(12))

    def _digit_button(self, digit: str, parent: QWidget) -> QPushButton:
        button = QPushButton(digit, parent)
        button.setObjectName(f"pin_{digit}")
        button.setAccessibleName(tr(self.language, "a11y.digit", digit=digit))
        button.clicked.connect(lambda: self.press(digit))
        self.digit_buttons[digit] = button
        return button

    # --- public -----------------------------------------------------------------------------------------
    def open(self) -> None:
        """Show the pad, empty, over the whole window."""
        self._digits = ""
        self.message.setText(tr(self.language, "pin_disabled") if not self.pin_hash else "")
        for button in (*self.digit_buttons.values(), self.ok_button, self.clear_button):
            button.setEnabled(bool(self.pin_hash))
        self._show_digits()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def retranslate(self, language: str) -> None:
        """Show the pad's texts in ``language``."""
        self.language = language
        self.title.setText(tr(language, "pin_prompt"))
        for digit, button in self.digit_buttons.items():
            button.setAccessibleName(tr(language, "a11y.digit", digit=digit))
        self.clear_button.setText(tr(language, "clear"))
        self.ok_button.setText(tr(language, "ok"))
        self.cancel_button.setText(tr(language, "cancel"))

    def press(self, digit: str) -> None:
        """One digit typed."""
        if len(self._digits) < MAX_DIGITS:
            self._digits += digit
        self._show_digits()

    @property
    def checking(self) -> bool:
        """Whether a PIN is being checked (its answer follows as ``accepted`` or ``wrong``)."""
        return self._attempt != 0

    def submit(self) -> bool:
        """Start checking the typed PIN, if the limiter allows an attempt now and none is being checked;
        whether a check started. The answer arrives as ``accepted`` or ``wrong``."""
        now = self.clock()
        if self.checking:
            return False
        if not self.limiter.allowed(now):
            self._refuse(now)
            return False
        self._attempt_at = now
        self._attempt = self._attempt % 1_000_000 + 1
        self._check.start(self._digits, self.pin_hash, self._attempt)
        self._digits = ""
        self._show_digits()
        self.ok_button.setEnabled(False)
        return True

    def _on_check_done(self, ok: bool, attempt: int) -> None:
        if attempt != self._attempt:
            return
        self._attempt = 0
        self.ok_button.setEnabled(bool(self.pin_hash))
        self.limiter.record(ok, self._attempt_at)
        if ok:
            self.hide()
            self.accepted.emit()
            return
        if not self.limiter.allowed(self.clock()):
            self._refuse(self.clock())
        else:
            self.message.setText(tr(self.language, "pin_wrong"))
        self.wrong.emit()

    # --- internals --------------------------------------------------------------------------------------
    def _refuse(self, now: float) -> None:
        seconds = int(self.limiter.wait_s(now) + 0.999)
        self.message.setText(tr(self.language, "pin_wait", n=seconds))
        self.locked.emit(seconds)

    def _show_digits(self) -> None:
        self.display.setText("●" * len(self._digits) or " ")

    def _on_clear_clicked(self) -> None:
        self._digits = ""
        self._show_digits()

    def _on_ok_clicked(self) -> None:
        self.submit()

    def _on_cancel_clicked(self) -> None:
        self._digits = ""
        self._attempt = 0                  # an answer still on its way is for a pad that has closed
        self.hide()
        self.cancelled.emit()

    def paintEvent(self, event) -> None:  # noqa: N802
        """Dim the window behind the card."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 160))
        painter.end()
