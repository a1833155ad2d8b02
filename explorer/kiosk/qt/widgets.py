"""The kiosk's own widgets: text that fits deliberately, touch buttons with a short form, a kind's mark.

``FitLabel`` wraps its text at word boundaries to the width it is given and, past ``max_lines``, shortens
the last line with "…" (never clipping a letter); screen readers get the whole text as its accessible name.
``TouchButton`` knows a full, a short and a tiny label (the layout picks the one that fits) and shows its
checked state by a mark, not by colour alone. ``KindMark`` draws a kind's shape, colour and letter (``explorer.model.kinds``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget

from explorer.model.kinds import KIND_COLORS, KIND_LETTERS
from explorer.qt.kind_shapes import shape_path

ELLIPSIS = "…"
CHECK = "✓"


def wrap_lines(text: str, font: QFont, width: float, max_lines: int = 0) -> list[str]:
    """``text`` in ``font`` broken into lines no wider than ``width`` (at word boundaries; a word longer
    than a line is broken where it must be), its own line breaks kept; beyond ``max_lines`` the last line
    ends in "…"."""
    width = max(1.0, width)
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            lines.append("")
            continue
        layout = QTextLayout(paragraph)
        layout.setFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart():line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
    if max_lines and len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = lines[:max_lines - 1] + [metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


class FitLabel(QLabel):
    """A plain-text label that wraps to its width and shortens deliberately past ``max_lines`` (0: any
    number of lines). ``full_text`` is the whole text; the label shows ``shown_lines``."""

    def __init__(self, parent: QWidget | None = None, name: str = "", max_lines: int = 0,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)        # dataset text is shown, never interpreted
        self.setWordWrap(False)                            # the lines are ours
        self.setAlignment(align)
        self.max_lines = max_lines
        self._full = ""
        self._lines: list[str] = []
        self._wrapped: dict[float, list[str]] = {}        # lines by width, for this text in this font
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # --- text ----------------------------------------------------------------------------------------
    def set_full_text(self, text: str) -> None:
        """Show ``text`` (wrapped and, if need be, shortened); its accessible name is all of it."""
        text = text or ""
        if text == self._full and self._lines:
            return
        self._full = text
        self._wrapped.clear()
        self.setAccessibleName(text)
        if self.isVisible():
            self._refit()
        else:                                     # wrapped when shown, at the width it is shown at
            self._lines = [text]
            self.setText(text)
        self.updateGeometry()

    def full_text(self) -> str:
        """The whole text, as given."""
        return self._full

    def shown_lines(self) -> list[str]:
        """The lines on screen now."""
        return list(self._lines)

    def lines_for(self, width: float) -> list[str]:
        """The lines the text takes at a content width of ``width`` px."""
        if not self._full:
            return []
        lines = self._wrapped.get(width)
        if lines is None:
            # Layouts ask for the height at a width many times over; wrapping is the costly part.
            if len(self._wrapped) > 32:
                self._wrapped.clear()
            lines = self._wrapped[width] = wrap_lines(self._full, self.font(), width, self.max_lines)
        return lines

    def text_width(self) -> float:
        """The width the shown lines need in the label's font."""
        metrics = QFontMetricsF(self.font())
        return max((metrics.horizontalAdvance(line) for line in self._lines), default=0.0)

    def text_height(self) -> float:
        """The height the shown lines need."""
        return len(self._lines) * QFontMetricsF(self.font()).lineSpacing()

    def _room(self, width: int) -> float:
        margins = self.contentsMargins()
        return max(1, width - margins.left() - margins.right() - 2 * self.margin())

    def _refit(self) -> None:
        self._lines = self.lines_for(self._room(self.width()))
        self.setText("\n".join(self._lines))

    # --- Qt ------------------------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802
        """The height follows the width (wrapping)."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """Lines at that width times the line spacing, plus margins."""
        margins = self.contentsMargins()
        lines = max(1, len(self.lines_for(self._room(width)))) if self._full else 0
        spacing = QFontMetricsF(self.font()).lineSpacing()
        return math.ceil(lines * spacing) + margins.top() + margins.bottom() + 2 * self.margin()

    def sizeHint(self) -> QSize:  # noqa: N802
        """The whole text on one line (as wide as it gets), at the height that needs."""
        metrics = QFontMetricsF(self.font())
        margins = self.contentsMargins()
        width = math.ceil(max((metrics.horizontalAdvance(p) for p in self._full.split("\n")), default=0.0))
        width += margins.left() + margins.right() + 2 * self.margin()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Narrow (it wraps), and one line tall."""
        metrics = QFontMetricsF(self.font())
        margins = self.contentsMargins()
        return QSize(math.ceil(metrics.averageCharWidth() * 6),
                     math.ceil(metrics.lineSpacing()) + margins.top() + margins.bottom() + 2 * self.margin())

    def resizeEvent(self, event) -> None:  # noqa: N802
        """Wrap again for the new width."""
        super().resizeEvent(event)
        self._refit()

    def showEvent(self, event) -> None:  # noqa: N802
        """Wrap for the width it is shown at."""
        super().showEvent(event)
        self._refit()

    def changeEvent(self, event) -> None:  # noqa: N802
        """A new font (a style sheet, a text size) wraps again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._wrapped.clear()
            if self.isVisible():
                self._refit()
            self.updateGeometry()


class TouchButton(QPushButton):
    """A kiosk button with up to three labels, from full to tiny (the layout picks the one that fits);
    ``accessible`` is what a screen reader says (the full label by default). Checkable buttons show "✓"
    when checked, so the state is not told by colour alone."""

    FULL, SHORT, TINY = 0, 1, 2

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)       # a touch screen has no keyboard focus to show
        self._forms: tuple[str, str, str] = ("", "", "")
        self._form = self.FULL
        self.toggled.connect(lambda _checked: self._show())

    def set_texts(self, full: str, short: str | None = None, accessible: str | None = None,
                  tiny: str | None = None) -> None:
        """The labels (``short`` defaults to ``full``, ``tiny`` to ``short``) and the accessible name."""
        short = short or full
        self._forms = (full, short, tiny or short)
        self.setAccessibleName(accessible or full)
        self._show()

    def use_form(self, form: int) -> None:
        """Show the ``FULL``, ``SHORT`` or ``TINY`` label."""
        self._form = form
        self._show()

    def label(self, form: int | None = None, checked: bool | None = None) -> str:
        """The text shown for that form and state (default: the current ones)."""
        text = self._forms[self._form if form is None else form]
        checked = self.isChecked() if checked is None else checked
        return f"{CHECK} {text}" if self.isCheckable() and checked else text

    def width_for(self, form: int, padding: int) -> int:
        """The width this button needs for a label form in its widest state (checked or not), with
        ``padding`` px of padding and border around the text."""
        metrics = QFontMetricsF(self.font())
        widest = max(metrics.horizontalAdvance(self.label(form, checked)) for checked in (False, True))
        return math.ceil(widest) + padding + 2

    def text_room(self) -> int:
        """The width inside the padding and border, where the text is drawn."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self).width()

    def _show(self) -> None:
        self.setText(self.label())


class KindMark(QWidget):
    """A kind's mark as the map and the timeline draw it: its shape in its colour, with its letter, so the
    kind is never told by colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kind_mark")
        self.kind = "event"
        self.outline = QColor("#111111")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_kind(self, kind: str, side: int, outline: str) -> None:
        """Draw ``kind`` in a ``side`` px square with an ``outline`` colour."""
        self.kind, self.outline = kind, QColor(outline)
        self.setFixedSize(side, side)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        """The shape, filled in the kind's colour and outlined, and the letter in white."""
        side = float(min(self.width(), self.height()))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.outline, max(1.5, side / 16)))
        painter.setBrush(QColor(KIND_COLORS.get(self.kind, "#555555")))
        painter.drawPath(shape_path(self.kind, QRectF(1, 1, side - 2, side - 2)))
        font = painter.font()
        font.setPixelSize(max(8, round(side * 0.42)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRectF(0, side * 0.04, side, side), Qt.AlignmentFlag.AlignCenter,
                         KIND_LETTERS.get(self.kind, "?"))
        painter.end()


