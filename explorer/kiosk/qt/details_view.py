"""The kiosk's details of the selected event: large type, links as large buttons, scrolled by dragging.

Built from the same ``EventDetails`` as the desktop's panel (``explorer.model.details``), as plain-text
labels (dataset text is never interpreted) that wrap to the column's width. The text scrolls by dragging
with kinetic scrolling (``QScroller``), with no scroll bar; while more text lies below, a "More below"
button says so and scrolls on when touched. Sources are listed as text: a kiosk opens no browser.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QPushButton, QScrollArea, QScroller, QScrollerProperties, QSizePolicy, QVBoxLayout, QWidget,
)

from explorer.kiosk.metrics import KioskMetrics
from explorer.kiosk.qt import styles
from explorer.kiosk.qt.widgets import FitLabel, KindMark, TouchButton
from explorer.model.details import EventDetails, LinkItem, event_details
from explorer.model.i18n import tr
from explorer.model.state import ExplorerState
from explorer.qt.evented import listen


class LinkButton(QPushButton):
    """A link to another event as one large button: its title, its date and distance, the link's note."""

    def __init__(self, parent: QWidget, item: LinkItem, language: str) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"link:{item.event_id}")
        self.setProperty("link", True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(tr(language, "a11y.link", title=item.title))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        self.title = FitLabel(self, "link_title")
        self.meta = FitLabel(self, "link_meta")
        self.note = FitLabel(self, "link_note")
        self.title.set_full_text(f"→ {item.title}")
        self.meta.set_full_text(" · ".join(part for part in (item.when, item.where) if part))
        self.note.set_full_text(item.note)
        for label in (self.title, self.meta, self.note):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)   # the button takes the touch
            layout.addWidget(label)
        self.note.setVisible(bool(item.note))

    def apply(self, m: KioskMetrics) -> None:
        """Fonts and padding for the screen; never shorter than a touch target."""
        self.layout().setContentsMargins(m.px(16), m.px(10), m.px(16), m.px(12))
        self.layout().setSpacing(m.px(2))
        self.title.setFont(styles.font(m, "link_title", bold=True))
        self.meta.setFont(styles.font(m, "link_meta"))
        self.note.setFont(styles.font(m, "link_meta"))
        self.setMinimumHeight(m.touch)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        """Its labels wrap."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """As tall as its labels need at that width (and a touch target at least)."""
        return max(self.minimumHeight(), self.layout().totalHeightForWidth(width))

    def sizeHint(self):  # noqa: N802
        """What its labels need."""
        return self.layout().totalSizeHint()

    def minimumSizeHint(self):  # noqa: N802
        """Narrow; tall enough for its labels at that width."""
        return self.layout().totalMinimumSize()


class FadeEdge(QWidget):
    """A fade to the paper's colour over the bottom of the details' viewport while more text lies below, so
    the last visible line reads as "continued", not as cut off."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("details_fade")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.colour = QColor("#fdfbf6")
        viewport.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Stay along the viewport's bottom edge."""
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def set_height(self, height: int, colour: str) -> None:
        """How tall the fade is and the paper's colour it fades to."""
        self.colour = QColor(colour)
        self.setFixedHeight(height)
        self._place()

    def _place(self) -> None:
        viewport = self.parentWidget()
        self.setGeometry(0, viewport.height() - self.height(), viewport.width(), self.height())
        self.raise_()

    def paintEvent(self, event) -> None:  # noqa: N802
        """Transparent at the top, the paper's colour at the bottom."""
        gradient = QLinearGradient(0, 0, 0, self.height())
        clear = QColor(self.colour)
        clear.setAlpha(0)
        gradient.setColorAt(0.0, clear)
        gradient.setColorAt(1.0, self.colour)
        painter = QPainter(self)
        painter.fillRect(self.rect(), gradient)
        painter.end()


class KioskDetails(QFrame):
    """The details column (landscape) or block (portrait): the event's kind and a Close button, then the
    scrolling text. ``closed`` when the visitor closes it."""

    closed = Signal()

    def __init__(self, state: ExplorerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.metrics: KioskMetrics | None = None
        self.setObjectName("details_side")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QHBoxLayout()
        self.header = header
        self.kind_mark = KindMark(self)
        self.kind_label = FitLabel(self, "details_kind", max_lines=2)
        self.kind_label.setProperty("muted", True)
        self.close_button = TouchButton(self, "close_details")
        self.close_button.setProperty("kiosk", True)
        self.close_button.clicked.connect(self.closed.emit)
        header.addWidget(self.kind_mark, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.kind_label, 1)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(header)

        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("details_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)   # dragged, not a thin bar
        self.content, self.column = self._new_content()
        self.scroll.setWidget(self.content)
        outer.addWidget(self.scroll, 1)
        # Mouse-button gestures also cover touch: a touch the viewport does not take as touch arrives as a mouse.
        QScroller.grabGesture(self.scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.scroll.viewport())
        properties = scroller.scrollerProperties()
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.3)
        # A press reaches the link button under the finger at once (a tap must open it); a drag that
        # follows still scrolls, and the button then sees its press cancelled.
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
                                   QScrollerProperties.OvershootPolicy.OvershootAlwaysOff)
        scroller.setScrollerProperties(properties)

        self.fade = FadeEdge(self.scroll.viewport())
        self.more_button = TouchButton(self, "more_below")
        self.more_button.setProperty("kiosk", True)
        self.more_button.clicked.connect(self._on_more_clicked)
        outer.addWidget(self.more_button)
        self.scroll.verticalScrollBar().rangeChanged.connect(lambda *_: self._update_more())
        self.scroll.verticalScrollBar().valueChanged.connect(lambda *_: self._update_more())

        self.details: EventDetails | None = None
        self.link_buttons: list[LinkButton] = []
        listen(state.events.selected_id, self._on_selection_changed)
        listen(state.events.language, self._on_language_changed)

    # --- the screen --------------------------------------------------------------------------------------
    def apply(self, m: KioskMetrics, colours: styles.Colours = styles.NORMAL) -> None:
        """Sizes, fonts and colours for this screen (and rebuild the text in them)."""
        self.metrics = m
        self.fade.set_height(m.font_px(styles.FONT_SIZES["body"]) * 2, colours.paper)
        pad = m.px(20)
        self.header.setContentsMargins(pad, m.px(12), m.px(12), m.px(8))
        self.header.setSpacing(m.px(12))
        self.kind_label.setFont(styles.font(m, "kind", bold=True))
        self.close_button.setFont(styles.font(m, "button"))
        self.close_button.setMinimumSize(m.touch, m.button_height(styles.FONT_SIZES["button"]))
        self.more_button.setFont(styles.font(m, "link_meta", bold=True))
        self.more_button.setMinimumHeight(m.touch)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons' texts and the whole text in the state's language."""
        language = self.state.language
        self.close_button.set_texts(f"✕ {tr(language, 'close')}", accessible=tr(language, "a11y.close"), tiny="✕")
        self.more_button.set_texts(f"▼ {tr(language, 'more_below')}")
        self.scroll.setAccessibleName(tr(language, "a11y.details"))
        self._fit_close_button()
        self._rebuild()

    def _fit_close_button(self) -> None:
        """"✕ Close" where it leaves the kind's name room, else "✕" alone (screen readers hear "Close")."""
        m = self.metrics
        padding = styles.button_padding(m)
        full = self.close_button.width_for(TouchButton.FULL, padding)
        room = (m.width if m.portrait else m.side_width) - m.px(32)
        form = TouchButton.FULL if full <= room * 0.5 else TouchButton.TINY
        self.close_button.use_form(form)
        self.close_button.setMinimumWidth(max(m.touch, self.close_button.width_for(form, padding)))

    # --- the text ----------------------------------------------------------------------------------------
    def _on_selection_changed(self, _event_id) -> None:
        self._rebuild()
        self.scroll.verticalScrollBar().setValue(0)

    def _on_language_changed(self, _language) -> None:
        self.retranslate()

    def _new_content(self) -> tuple[QWidget, QVBoxLayout]:
        content = QWidget()
        content.setObjectName("details_content")
        column = QVBoxLayout(content)
        if self.metrics is not None:
            pad = self.metrics.px(20)
            column.setContentsMargins(pad, self.metrics.px(4), pad, pad)
            column.setSpacing(self.metrics.px(6))
        return content, column

    def _rebuild(self) -> None:
        """The text of the selected event, built off screen and put in place at once (one layout pass for
        the whole text rather than one per label)."""
        if self.metrics is None:
            return
        self.link_buttons = []
        event = self.state.selected_event
        self.details = None if event is None else event_details(self.state.dataset, event, self.state.language)
        self.content, self.column = self._new_content()
        if self.details is not None:
            self._fill(self.details)
        # The previous text goes once the event loop runs again: the link button whose click brought us here
        # is still inside its own signal.
        previous = self.scroll.takeWidget()
        if previous is not None:
            previous.hide()
            previous.deleteLater()
        self.scroll.setWidget(self.content)
        self._update_more()

    def _fill(self, d: EventDetails) -> None:
        m, language = self.metrics, self.state.language
        side = m.font_px(styles.FONT_SIZES["kind"]) * 2
        self.kind_mark.set_kind(d.kind, max(side, round(m.touch * 0.7)), "#111111")
        self.kind_label.set_full_text(d.kind_label)
        self._label("details_title", d.title, "details_title", bold=True)
        for fact in d.facts:
            if fact.label:
                self._label("fact_label", fact.label.upper(), "fact_label", bold=True, muted=True)
            lines = [text + (f" ({aside})" if aside else "") for text, aside in fact.lines]
            value = self._label("fact_value", "\n".join(lines), "body")
            if fact.note:
                font = value.font()
                font.setItalic(True)
                value.setFont(font)
        self._section(tr(language, "details.summary"), [d.summary])
        self._section(tr(language, "details.key_points"), [f"• {point}" for point in d.key_points])
        self._section(tr(language, "details.significance"), [d.significance])
        self._heading(tr(language, "details.links"))
        if not d.links:
            self._label("no_links", tr(language, "details.none"), "body", muted=True)
        for label, items in d.links:
            self._label("link_group", label, "body", bold=True)
            for item in items:
                button = LinkButton(self.content, item, language)
                button.apply(m)
                button.clicked.connect(lambda _=False, target=item.event_id: self.state.select(target))
                self.column.addWidget(button)
                self.link_buttons.append(button)
        self._heading(tr(language, "details.sources"))
        self._label("source_note", tr(language, "source_note"), "link_meta", muted=True)
        for number, source in enumerate(d.sources, start=1):
            text = "\n".join(part for part in (f"{number}. {source.citation}", source.url, source.note) if part)
            self._label("source", text, "link_meta")
        if d.media:
            self._heading(tr(language, "details.media"))
            for medium in d.media:
                credit = f" ({medium.credit})" if medium.credit else ""
                self._label("medium", f"{medium.caption or medium.url}{credit}", "link_meta")
        self.column.addStretch(1)

    def _section(self, heading: str, paragraphs: list[str]) -> None:
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            self._heading(heading)
            for paragraph in paragraphs:
                self._label("paragraph", paragraph, "body")

    def _heading(self, text: str) -> None:
        label = self._label("heading", text, "heading", bold=True)
        label.setContentsMargins(0, self.metrics.px(14), 0, 0)

    def _label(self, name: str, text: str, role: str, bold: bool = False, muted: bool = False) -> FitLabel:
        label = FitLabel(self.content, name)
        label.setFont(styles.font(self.metrics, role, bold=bold))
        if muted:
            label.setProperty("muted", True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.set_full_text(text)
        self.column.addWidget(label)
        return label

    # --- scrolling ---------------------------------------------------------------------------------------
    def _update_more(self) -> None:
        bar = self.scroll.verticalScrollBar()
        more = self.details is not None and bar.value() < bar.maximum()
        self.more_button.setVisible(more)
        self.fade.setVisible(more)

    def _on_more_clicked(self) -> None:
        bar = self.scroll.verticalScrollBar()
        target = min(bar.maximum(), bar.value() + round(self.scroll.viewport().height() * 0.8))
        QScroller.scroller(self.scroll.viewport()).scrollTo(QPointF(0, target), 350)

    def scroll_to_end_now(self) -> None:
        """Jump to the end (for tests and the layout sweep)."""
        QScroller.scroller(self.scroll.viewport()).stop()
        self.scroll.verticalScrollBar().setValue(self.scroll.verticalScrollBar().maximum())

