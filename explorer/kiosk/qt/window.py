"""The kiosk window: map, timeline, details in large type, language switch and "home", full screen.

It wires the shared views (MapView, TimelineSlider, DetailsPanel) to one ExplorerState with kiosk options,
and the idle controller's signals to the overlays and the reset. The decisions live elsewhere: the idle
cycle in ``idle``, lockdown in ``lockdown``, PIN checks in ``pinpad``/``staff``, crash budget in ``recovery``.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QTimer, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QScroller, QVBoxLayout, QWidget,
)

from explorer.kiosk import EXIT_RENDERER, EXIT_STAFF
from explorer.model.i18n import language_name, tr
from explorer.kiosk.idle import IdleTimings
from explorer.kiosk.qt.idle_timer import IdleController
from explorer.kiosk.qt.lockdown import InputGuard, KioskPage, lock_view
from explorer.kiosk.qt.overlays import AttractCaption, LoadingOverlay, PromptOverlay
from explorer.kiosk.qt.pinpad import PinPad
from explorer.model.recovery import CrashBudget
from explorer.kiosk.staff import PinLimiter, StaffGesture
from explorer.model.state import ExplorerState
from explorer.qt.details_panel import DetailsPanel
from explorer.model.playback import Playback
from explorer.qt.evented import listen
from explorer.qt.playback_timer import PlaybackTimer
from explorer.qt.map_view import MapView
from explorer.qt.plain_text import plain_label
from explorer.qt.timeline_slider import TimelineSlider

log = logging.getLogger(__name__)

TOUCH_PX = 64                 # buttons are at least this tall (the minimum for touch is 48 px)
LOAD_TIMEOUT_MS = 20000       # a page that is not ready by then counts as a crash and is loaded again
RELOAD_DELAY_MS = 150


class KioskWindow(QWidget):
    """The exhibit. ``exit_requested(code)`` asks the mode to end the app (staff exit, renderer gave up)."""

    exit_requested = Signal(int)
    recovered = Signal()                   # the page was loaded again after a renderer crash and is ready

    def __init__(self, state: ExplorerState, config, context, interaction_log, clock=time.monotonic) -> None:
        super().__init__()
        self.state, self.config, self.context, self.log, self.clock = state, config, context, interaction_log, clock
        self.setObjectName("kiosk_window")
        self.setWindowTitle(f"{state.dataset.title} — Treaty Explorer")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.allow_close = False
        self._in_tour = False
        self._recovering = False
        scale = config.text_scale
        self.scale = scale
        self.setStyleSheet(
            f"#kiosk_window {{ background:#15222b; }}"
            f"QPushButton.kiosk {{ font-size:{round(26 * scale)}px; min-height:{TOUCH_PX}px; min-width:{TOUCH_PX}px;"
            " padding:0 26px; border-radius:12px; background:#2c3e4a; color:#fff; border:2px solid #48606f; }"
            "QPushButton.kiosk:checked { background:#f5b700; color:#111; border-color:#f5b700; }"
            "QPushButton.kiosk:pressed { background:#f5b700; color:#111; }")

        self.home = self._home_view()
        with state.batch():
            state.set_date(self.home[2])
            state.set_camera(self.home[0], self.home[1])
        self.map_view = MapView(state, context, self, animate=True, page_class=KioskPage)
        self.map_view.setZoomFactor(1.0)
        # The attract tour: each stop for attract_dwell_s, played by the playback every mode uses.
        self.playback = Playback(state, clock, dwell_s=config.attract_dwell_s)
        self.playback_timer = PlaybackTimer(self.playback, self)
        self.timeline = TimelineSlider(state, self)
        self.timeline.touch_mode = True
        font = QFont(self.timeline.font())
        font.setPointSizeF(13 * scale)           # the slider paints its labels at 85 % of its font
        self.timeline.setFont(font)
        self.timeline.setMinimumHeight(round(170 * scale))
        self.details = DetailsPanel(state, self, open_sources=False, base_pt=round(15 * scale))
        self.details.setStyleSheet(f"QTextBrowser {{ background:#fdfbf6; color:#111; border:none; padding:12px;"
                                   f" font-size:{round(21 * scale)}px; }}"
                                   "QScrollBar:vertical { width:48px; }")
        QScroller.grabGesture(self.details.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self._build_layout()

        self.loading = LoadingOverlay(self, scale)
        self.prompt = PromptOverlay(self, scale)
        self.limiter = PinLimiter()
        self.pin_pad = PinPad(self, config.staff_pin_hash, self.limiter, state.language, clock, scale)
        self.gesture = StaffGesture()
        self.crashes = CrashBudget(config.renderer_max_crashes, config.renderer_window_s)
        self.idle = IdleController(IdleTimings.from_config(config), clock, self)
        self.guard = InputGuard(self)
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(LOAD_TIMEOUT_MS)
        self._load_timer.timeout.connect(self._on_load_timer_timeout)

        listen(state.events.selected_id, self._on_selection_changed)
        listen(state.events.language, self._on_language_changed)
        self.map_view.ready.connect(self._on_map_ready)
        self.map_view.loadFinished.connect(self._on_map_load_finished)
        self.map_view.renderer_crashed.connect(self._on_renderer_died)
        self.details.source_clicked.connect(self._on_source_clicked)
        self.idle.session_started.connect(lambda: self.log.write("session_start"))
        self.idle.session_ended.connect(lambda seconds: self.log.write("session_end", seconds=seconds))
        self.idle.prompt_shown.connect(self._on_prompt_shown)
        self.idle.countdown.connect(self._on_countdown)
        self.idle.prompt_dismissed.connect(self.prompt.hide)
        self.idle.reset_requested.connect(self._on_reset_requested)
        self.idle.tour_started.connect(self._on_tour_started)
        self.idle.tour_ended.connect(self._on_tour_ended)
        listen(self.playback.events.passed, self._on_tour_step)
        self.idle.home_requested.connect(lambda: self.show_home(reload=False))
        self.idle.pressed.connect(self._on_pressed)
        self.pin_pad.accepted.connect(self._on_pin_accepted)
        self.pin_pad.wrong.connect(lambda: self.log.write("staff_pin_wrong"))
        self.pin_pad.locked.connect(lambda seconds: self.log.write("staff_pin_locked", seconds=seconds))
        self._retranslate()
        self._update_panels()
        self.map_view.installEventFilter(self)       # overlays follow the map's geometry
        self._start_loading(reload=False)            # MapView has started loading its page already

    # --- building ------------------------------------------------------------------------------------
    def _home_view(self):
        view, home = self.state.dataset.default_view, self.config.home
        return (home.center or view.center, home.zoom or view.zoom, home.date or view.date)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(24, 12, 16, 12)
        top.setSpacing(14)
        self.title = plain_label(self.state.dataset.title, self)
        self.title.setStyleSheet(f"color:#fff; font-size:{round(30 * self.scale)}px; font-weight:bold;")
        top.addWidget(self.title, 1)
        self.language_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for code in self.config.languages_offered:
            button = self._button(language_name(code), f"language_{code}")
            button.setCheckable(True)
            button.setChecked(code == self.state.language)
            button.clicked.connect(lambda _=False, c=code: self._on_language_clicked(c))
            group.addButton(button)
            self.language_buttons[code] = button
            top.addWidget(button)
        top.addSpacing(20)
        self.home_button = self._button("", "home")
        self.home_button.clicked.connect(lambda: self.show_home(reload=False, keep_language=True))
        top.addWidget(self.home_button)

        self.side = QFrame(self)
        self.side.setObjectName("details_side")
        self.side.setStyleSheet("#details_side { background:#fdfbf6; }")
        self.side.setFixedWidth(round(600 * min(self.scale, 1.4)))
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        self.close_button = self._button("", "close_details")
        self.close_button.clicked.connect(lambda: self.state.select(None))
        row = QHBoxLayout()
        row.setContentsMargins(12, 12, 12, 0)
        row.addStretch(1)
        row.addWidget(self.close_button)
        side.addLayout(row)
        side.addWidget(self.details, 1)
        self.citation = QLabel(self.side)
        self.citation.setObjectName("citation")
        self.citation.setWordWrap(True)
        self.citation.setTextFormat(Qt.TextFormat.PlainText)
        self.citation.setStyleSheet(f"font-size:{round(20 * self.scale)}px; background:#fff4cc; color:#111;"
                                    " padding:16px; border-top:2px solid #f5b700;")
        self.citation.hide()
        side.addWidget(self.citation)

        middle = QHBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(0)
        middle.addWidget(self.map_view, 1)
        middle.addWidget(self.side)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(top)
        self.caption = AttractCaption(self, self.scale)
        outer.addWidget(self.caption)
        outer.addLayout(middle, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 8, 12, 12)
        bottom.addWidget(self.timeline)
        outer.addLayout(bottom)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setProperty("class", "kiosk")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(TOUCH_PX)
        return button

    # --- running -------------------------------------------------------------------------------------
    def start(self) -> None:
        """Begin watching input (idle timer, lockdown filter) and ticking the idle clock."""
        self._watch_input()
        self.idle.start()

    def _watch_input(self) -> None:
        """Filters on the QWindow (all real input passes it first) and on the widgets events may be sent to
        directly; again after each load, as the map's focus proxy is replaced when its renderer restarts."""
        self.winId()                                  # make sure the QWindow exists
        objects = [self.windowHandle(), self, self.map_view, self.map_view.focusProxy(), self.timeline,
                   self.details.viewport()]
        for obj in objects:
            if obj is not None:
                obj.installEventFilter(self.guard)
        self.idle.watch(objects)

    def shutdown(self) -> None:
        """Stop watching input and let the window close."""
        self.idle.stop()
        self.playback.pause()
        self._load_timer.stop()
        self.allow_close = True

    def show_home(self, reload: bool = False, keep_language: bool = False) -> None:
        """The home view: default language, start date, panels closed, selection cleared; with ``reload``
        the page is loaded afresh too (after an idle reset, so memory stays flat over weeks). The visitor's
        own "home" button keeps their language."""
        self.prompt.hide()
        self.caption.hide()
        self.pin_pad.hide()
        self.citation.hide()
        self._in_tour = False
        self.playback.pause()
        with self.state.batch():                   # one page update (or one reload) for all of it
            self.state.select(None)
            if not keep_language:
                self.state.set_language(self.config.language_default)
            self.state.set_date(self.home[2])
            self.state.set_camera(self.home[0], self.home[1])
        if reload:
            self._start_loading(reload=True)

    def _start_loading(self, reload: bool) -> None:
        self.loading.show()
        self._place_overlays()
        if reload:
            self.map_view.load_page()
        self._load_timer.start()


    # --- model → view ----------------------------------------------------------------------------------
    def _on_selection_changed(self, event_id) -> None:
        self.citation.hide()
        self._update_panels()
        if event_id is not None:
            self.log.write("event_opened", event=event_id, via="tour" if self._in_tour else "visitor")

    def _update_panels(self) -> None:
        self.side.setVisible(self.state.selected_id is not None)
        self._place_overlays()

    def _on_language_changed(self, language: str) -> None:
        self._retranslate()

    def _retranslate(self) -> None:
        language = self.state.language
        for code, button in self.language_buttons.items():
            button.setChecked(code == language)
        self.home_button.setText("⌂  " + tr(language, "home"))
        self.close_button.setText("✕  " + tr(language, "close"))
        self.loading.set_text(tr(language, "loading"))
        self.pin_pad.retranslate(language)
        if not self.caption.isHidden():
            self._update_caption()

    # --- user ----------------------------------------------------------------------------------------
    def _on_language_clicked(self, code: str) -> None:
        if code != self.state.language:
            self.state.set_language(code)
            self.log.write("language_chosen", language=code)

    def _on_source_clicked(self, url: str) -> None:
        event = self.state.selected_event
        citation = next((s.citation for s in (event.sources if event else ()) if s.url == url), "")
        self.citation.setText(f"{tr(self.state.language, 'source_note')}\n{citation}\n{url}".strip())
        self.citation.show()

    def _on_pressed(self, global_pos) -> None:
        pos = self.mapFromGlobal(global_pos)
        if self.gesture.tap(pos.x(), pos.y(), self.width(), self.height(), self.clock()):
            self.prompt.hide()
            self.pin_pad.open()

    def _on_pin_accepted(self) -> None:
        self.exit_requested.emit(EXIT_STAFF)

    # --- idle cycle --------------------------------------------------------------------------------------
    def _on_prompt_shown(self, seconds: int) -> None:
        self.prompt.cover()
        self._on_countdown(seconds)
        self.prompt.show()
        self.prompt.raise_()

    def _on_countdown(self, seconds: int) -> None:
        language = self.state.language
        self.prompt.set_texts(tr(language, "still_exploring"), tr(language, "countdown", n=seconds),
                              tr(language, "touch_to_continue"), seconds)

    def _on_reset_requested(self) -> None:
        self.log.write("reset")
        self.show_home(reload=True)

    def _on_tour_started(self) -> None:
        self.log.write("tour_started")
        self._in_tour = True
        self.caption.show()
        self.playback.play_tour(self.config.attract_events)       # its first stop at once

    def _on_tour_step(self, event_id: str) -> None:
        # The playback selected the stop (while the page reloads, the map catches up when it is ready).
        self._update_caption()

    def _on_tour_ended(self) -> None:
        self.log.write("tour_interrupted", step=self.playback.tour_step)
        self.playback.pause()
        self._in_tour = False
        self.caption.hide()

    def _update_caption(self) -> None:
        event = self.state.selected_event
        title = f"{event.text('title', self.state.language)} · {event.date_label()}" if event else ""
        self.caption.set_texts(tr(self.state.language, "invite"), title)

    # --- loading and recovery ----------------------------------------------------------------------------
    def _on_map_load_finished(self, ok: bool) -> None:
        lock_view(self.map_view)        # the focus proxy may be new after a renderer restart
        if self.idle.running:
            self._watch_input()

    def _on_map_ready(self) -> None:
        self._load_timer.stop()
        lock_view(self.map_view)
        self.map_view.history().clear()           # no way back, and nothing kept for one
        if self.idle.running:
            self._watch_input()
        self.loading.hide()
        if self._recovering:
            self._recovering = False
            self.recovered.emit()

    def _on_renderer_died(self) -> None:
        if self.allow_close:
            return
        self._give_up_or_reload("renderer_crash")

    def _on_load_timer_timeout(self) -> None:
        self.log.write("error", message="the map page was not ready in time; loading it again")
        self._give_up_or_reload("error")

    def _give_up_or_reload(self, kind: str) -> None:
        within_budget = self.crashes.record(self.clock())
        if kind == "renderer_crash":
            self.log.write("renderer_crash", recent=self.crashes.recent)
        if not within_budget:
            log.error("the map's renderer died %d times within %g s; giving up", self.crashes.recent,
                      self.crashes.window_s)
            self.exit_requested.emit(EXIT_RENDERER)
            return
        self._recovering = True
        self.map_view.is_ready = False
        self.loading.show()
        self._place_overlays()
        QTimer.singleShot(RELOAD_DELAY_MS, self, self._reload_after_crash)    # dropped if the window has gone

    def _reload_after_crash(self) -> None:
        if not self.allow_close:
            self.map_view.load_page()
            self._load_timer.start()

    # --- Qt ----------------------------------------------------------------------------------------------
    def _place_overlays(self) -> None:
        self.loading.cover(self.map_view)
        if self.prompt.isVisible():
            self.prompt.cover()
        if self.pin_pad.isVisible():
            self.pin_pad.setGeometry(self.rect())
            self.pin_pad.raise_()

    def resizeEvent(self, event) -> None:  # noqa: N802
        """Keep the overlays over what they cover."""
        super().resizeEvent(event)
        self._place_overlays()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """The map moved or changed size (the details panel opened or closed): move the overlays along."""
        if watched is self.map_view and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place_overlays()
        return False

    def closeEvent(self, event) -> None:  # noqa: N802
        """Visitors cannot close the exhibit (Alt+F4 under a window manager); only staff and recovery can."""
        if not self.allow_close:
            event.ignore()
            return
        super().closeEvent(event)
