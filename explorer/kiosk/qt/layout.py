"""The kiosk's layout: a top bar, the tour's banner, and the map, timeline and details arranged for the
screen's shape, sized by ``KioskMetrics``.

Landscape: the map with the details beside it (when an event is open), the timeline across the bottom.
Portrait (a totem): the map above, the timeline and the details below it. The top bar holds the title,
a button per language, the large-text and high-contrast switches and Home; when the screen is too narrow
for all of it on one row, the switches show their short labels, then the title moves to a row of its own,
then the switches and Home go short too. Nothing is ever laid out wider than the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from explorer.kiosk.metrics import KioskMetrics
from explorer.kiosk.qt import styles
from explorer.kiosk.qt.widgets import FitLabel, TouchButton, wrap_lines
from explorer.model.i18n import language_name, tr

TITLE_LINES = 2


@dataclass(frozen=True)
class TopBarFit:
    """How the top bar is laid out: the title on a row of its own or not, and the label form of the
    switches (large text, contrast) and of Home (``TouchButton.FULL``, ``SHORT`` or ``TINY``)."""

    two_rows: bool
    switches: int
    home: int


#: The arrangements tried, from the most generous to the most compact.
TOP_BAR_FITS = (TopBarFit(False, TouchButton.FULL, TouchButton.FULL),
                TopBarFit(False, TouchButton.SHORT, TouchButton.FULL),
                TopBarFit(True, TouchButton.FULL, TouchButton.FULL),
                TopBarFit(True, TouchButton.SHORT, TouchButton.FULL),
                TopBarFit(True, TouchButton.TINY, TouchButton.TINY))


class KioskLayout:
    """Builds the kiosk window's widgets around the shared views and arranges them for each screen."""

    def __init__(self, window: QWidget, languages: tuple[str, ...], map_view, timeline, details, banner) -> None:
        self.window, self.map_view, self.timeline, self.details, self.banner = window, map_view, timeline, details, banner
        self.metrics: KioskMetrics | None = None
        self.portrait: bool | None = None
        self.fit: TopBarFit | None = None

        self.top_bar = QFrame(window)
        self.top_bar.setObjectName("top_bar")
        self.top_grid = QGridLayout(self.top_bar)
        self.title = FitLabel(self.top_bar, "title", max_lines=TITLE_LINES)
        self.language_buttons: dict[str, TouchButton] = {}
        self.language_group = QButtonGroup(window)
        self.language_group.setExclusive(True)
        for code in languages:
            button = self._button(f"language_{code}", checkable=True)
            self.language_group.addButton(button)
            self.language_buttons[code] = button
        self.large_text_button = self._button("large_text", checkable=True)
        self.contrast_button = self._button("high_contrast", checkable=True)
        self.home_button = self._button("home_button")
        self.buttons_row = QHBoxLayout()
        for button in self.language_buttons.values():
            self.buttons_row.addWidget(button)
        self.buttons_row.addStretch(1)
        for button in (self.large_text_button, self.contrast_button, self.home_button):
            self.buttons_row.addWidget(button)

        self.timeline_frame = QFrame(window)
        self.timeline_frame.setObjectName("timeline_frame")
        frame_layout = QVBoxLayout(self.timeline_frame)
        frame_layout.addWidget(timeline)

        self.body = QWidget(window)
        self.body.setObjectName("body")
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(0)
        outer = QVBoxLayout(window)
        # The window is the screen's size, whatever its contents ask for: what does not fit is the layout's
        # to fix (and the layout report's to find), never a reason for a window wider than the screen.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.top_bar)
        outer.addWidget(banner)
        outer.addWidget(self.body, 1)

    def _button(self, name: str, checkable: bool = False) -> TouchButton:
        button = TouchButton(self.top_bar, name)
        button.setProperty("kiosk", True)
        button.setCheckable(checkable)
        return button

    # --- texts -------------------------------------------------------------------------------------------
    def retranslate(self, language: str, title: str) -> None:
        """Every text of the chrome in ``language`` (each language button keeps its own language's name)."""
        self.title.set_full_text(title)
        for code, button in self.language_buttons.items():
            button.set_texts(language_name(code), accessible=tr(code, "a11y.language", name=language_name(code)))
            button.setChecked(code == language)
        self.large_text_button.set_texts(f"A+ {tr(language, 'large_text')}", "A+", tr(language, "large_text"))
        self.contrast_button.set_texts(f"◐ {tr(language, 'contrast')}", f"◐ {tr(language, 'contrast_short')}",
                                       tr(language, "contrast"), tiny="◐")
        self.home_button.set_texts(f"⌂ {tr(language, 'home')}", accessible=tr(language, "a11y.home"), tiny="⌂")
        if self.metrics is not None:
            self._fit_top_bar(self.metrics)

    # --- sizes -------------------------------------------------------------------------------------------
    def apply(self, m: KioskMetrics) -> None:
        """Fonts and sizes for the screen, and the arrangement for its shape."""
        self.metrics = m
        self.title.setFont(styles.font(m, "title", bold=True))
        height = m.button_height(styles.FONT_SIZES["button"])
        for button in self._top_buttons():
            button.setFont(styles.font(m, "button"))
            button.setMinimumHeight(height)
            button.setMaximumHeight(height)
        self.top_grid.setContentsMargins(m.px(24), m.px(10), m.px(16), m.px(10))
        self.top_grid.setHorizontalSpacing(m.px(16))
        self.top_grid.setVerticalSpacing(m.px(6))
        self.buttons_row.setSpacing(m.px(12))
        self.timeline_frame.layout().setContentsMargins(m.px(12), m.px(8), m.px(12), m.px(12))
        self._arrange(m)
        self._fit_top_bar(m)
        self.fit_banner(m)

    def size_timeline(self, m: KioskMetrics, logical_dpi: float) -> None:
        """The timeline for this screen: touch marks, its text and marks at the screen's scale, and its height."""
        set_sizes = getattr(self.timeline, "set_sizes", None)
        if set_sizes is not None:
            # The timeline scales its labels by text_scale and its marks and hit areas by scale itself.
            plain = KioskMetrics(m.width, m.height, m.unit, 1.0, m.touch, m.portrait, m.dpi)
            self.timeline.setFont(styles.point_font(plain, "timeline", logical_dpi))
            # Larger text makes the timeline's rows taller; on a short screen (1280×720 at 1.5 × large text)
            # they would push it off the bottom, so there its labels grow only as far as a quarter of the
            # screen's height allows (the marks and hit areas keep their touch size).
            cap = max(m.timeline_height, round(m.height * 0.25))
            text = m.text
            set_sizes(touch=True, text_scale=text, scale=m.unit)
            while self.timeline.minimumHeight() > cap and text > 1.0:
                text = max(1.0, text - 0.1)
                set_sizes(text_scale=text)
            self.timeline.setFixedHeight(max(self.timeline.minimumHeight(), m.timeline_height))
            return
        # A timeline without set_sizes paints its labels in rows of a fixed 14 px: a font that fits them.
        font = styles.point_font(m, "timeline", logical_dpi)
        font.setPointSizeF(min(font.pointSizeF(), 15 * 72.0 / logical_dpi))
        self.timeline.touch_mode = True
        self.timeline.setFont(font)
        self.timeline.setFixedHeight(m.timeline_height)

    def fit_banner(self, m: KioskMetrics) -> None:
        """The tour's banner drops its second line when, with it, the map would get less than 40 % of the
        screen's height (the details name the stop anyway)."""
        self.banner.set_compact(False)
        chrome = (self.top_bar.sizeHint().height() + self.banner.sizeHint().height()
                  + self.timeline.height() + self.timeline_frame.layout().contentsMargins().top()
                  + self.timeline_frame.layout().contentsMargins().bottom())
        if m.portrait:
            chrome += m.details_height
        self.banner.set_compact(chrome > 0.6 * m.height)

    def _top_buttons(self) -> list[TouchButton]:
        return [*self.language_buttons.values(), self.large_text_button, self.contrast_button, self.home_button]

    def _forms(self, fit: TopBarFit) -> list[tuple[TouchButton, int]]:
        """Each top-bar button with the label form ``fit`` gives it."""
        forms = [(button, TouchButton.FULL) for button in self.language_buttons.values()]
        return forms + [(self.large_text_button, fit.switches), (self.contrast_button, fit.switches),
                        (self.home_button, fit.home)]

    def _arrange(self, m: KioskMetrics) -> None:
        """Map, timeline and details where the screen's shape wants them."""
        if m.portrait != self.portrait:
            self.portrait = m.portrait
            for widget in (self.map_view, self.details, self.timeline_frame):
                self.grid.removeWidget(widget)
            for row in range(3):
                self.grid.setRowStretch(row, 0)
            self.grid.setColumnStretch(0, 0)
            if m.portrait:
                self.grid.addWidget(self.map_view, 0, 0)
                self.grid.addWidget(self.timeline_frame, 1, 0)
                self.grid.addWidget(self.details, 2, 0)
            else:
                self.grid.addWidget(self.map_view, 0, 0)
                self.grid.addWidget(self.details, 0, 1)
                self.grid.addWidget(self.timeline_frame, 1, 0, 1, 2)
            self.grid.setRowStretch(0, 1)
            self.grid.setColumnStretch(0, 1)
        if m.portrait:
            self.details.setMinimumWidth(0)
            self.details.setMaximumWidth(16777215)
            self.details.setFixedHeight(m.details_height)
        else:
            self.details.setMinimumHeight(0)
            self.details.setMaximumHeight(16777215)
            self.details.setFixedWidth(m.side_width)

    def _fit_top_bar(self, m: KioskMetrics) -> None:
        fit = choose_top_bar(m, self.title, self._forms, self.top_grid, self.buttons_row.spacing())
        for button, form in self._forms(fit):
            button.use_form(form)
            button.setMinimumWidth(max(m.touch, button.width_for(form, styles.button_padding(m))))
        if fit != self.fit:
            self.fit = fit
            self.top_grid.removeWidget(self.title)
            self.top_grid.removeItem(self.buttons_row)
            if fit.two_rows:
                self.top_grid.addWidget(self.title, 0, 0)
                self.top_grid.addLayout(self.buttons_row, 1, 0)
            else:
                self.top_grid.addWidget(self.title, 0, 0)
                self.top_grid.addLayout(self.buttons_row, 0, 1)
            self.top_grid.setColumnStretch(0, 1)
            self.top_grid.setColumnStretch(1, 0)


def choose_top_bar(m: KioskMetrics, title: FitLabel, forms, grid, spacing: int) -> TopBarFit:
    """The first of ``TOP_BAR_FITS`` in which everything fits: the buttons (``forms(fit)`` gives each its
    label form) within the screen's width, and the title in at most two lines beside them or on its own row."""
    margins = grid.contentsMargins()
    room = m.width - margins.left() - margins.right()
    padding = styles.button_padding(m)

    def buttons_width(fit: TopBarFit) -> int:
        widths = [max(m.touch, button.width_for(form, padding)) for button, form in forms(fit)]
        return sum(widths) + spacing * len(widths) + m.px(24)     # the stretch between the groups gets a little

    def title_fits(width: int) -> bool:
        return width > 0 and len(wrap_lines(title.full_text(), title.font(), width)) <= TITLE_LINES

    for fit in TOP_BAR_FITS:
        needed = buttons_width(fit)
        if needed <= room and (fit.two_rows or title_fits(room - needed - grid.horizontalSpacing())):
            return fit
    return TOP_BAR_FITS[-1]
