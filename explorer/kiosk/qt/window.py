"""The kiosk window: map, timeline and details in large type, a language switch, larger text, high contrast
and "home", full screen on whatever screen it is given.

It wires the shared views (MapView, TimelineSlider) and its own (the details, the overlays) to one
ExplorerState with kiosk options, and the idle controller's signals to the overlays and the reset. The
decisions live elsewhere: sizes in ``metrics``, the arrangement in ``layout``, looks in ``styles``, the idle
cycle in ``idle``, lockdown in ``lockdown``, PIN checks in ``pinpad``/``staff``, keeping the page alive in
``page_keeper`` (crash budget in ``recovery``), what the layout report says in ``layout_report``.
"""

from __future__ import annotations

import importlib
import threading
import time

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from explorer.kiosk import EXIT_RENDERER, EXIT_STAFF
from explorer.kiosk.idle import IdleTimings
from explorer.kiosk.metrics import KioskMetrics
from explorer.kiosk.qt import styles
from explorer.kiosk.qt.details_view import KioskDetails
from explorer.kiosk.qt.idle_timer import IdleController
from explorer.kiosk.qt.layout import KioskLayout
from explorer.kiosk.qt.lockdown import InputGuard, KioskPage
from explorer.kiosk.qt.map_display import covered_rects, map_display
from explorer.kiosk.qt.overlays import AttractCaption, InvitationOverlay, LoadingOverlay, PromptOverlay
from explorer.kiosk.qt.page_keeper import PageKeeper
from explorer.kiosk.qt.pinpad import PinPad
from explorer.kiosk.staff import PinLimiter, StaffGesture
from explorer.model.i18n import tr
from explorer.model.playback import Playback
from explorer.model.recovery import CrashBudget
from explorer.model.state import ExplorerState
from explorer.qt.evented import listen
from explorer.qt.map_view import MapView
from explorer.qt.playback_timer import PlaybackTimer
from explorer.qt.timeline_slider import TimelineSlider


MARKER_HIT_SLOP = 16     # px beyond a map marker's 8.5 px radius that still hit it: a 49 px target at 1080p

class KioskWindow(QWidget):
    """The exhibit. ``exit_requested(code)`` asks the mode to end the app (staff exit, renderer gave up)."""

    exit_requested = Signal(int)
    recovered = Signal()                   # the page was loaded again after a renderer crash and is ready

    def __init__(self, state: ExplorerState, config, context, interaction_log, clock=time.monotonic) -> None:
        super().__init__()
        self.state, self.config, self.context, self.log, self.clock = state, config, context, interaction_log, clock
        self.setObjectName("kiosk_window")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.allow_close = False
        self._in_tour = False
        self.large_text = False
        self.high_contrast = False
        self._prefetched = False
        self.metrics: KioskMetrics | None = None

        self.home = self._home_view()
        with state.batch():
            state.set_date(self.home[2])
            state.set_camera(self.home[0], self.home[1])
            state.set_borders(config.map_borders)
        self.map_view = MapView(state, context, self, animate=True, page_class=KioskPage)
        self.map_view.setObjectName("map")
        # The attract tour: each stop for attract_dwell_s, played by the playback every mode uses.
        self.playback = Playback(state, clock, dwell_s=config.attract_dwell_s)
        self.playback_timer = PlaybackTimer(self.playback, self)
        self.timeline = TimelineSlider(state, self)
        self.timeline.setObjectName("timeline")
        self.timeline.touch_mode = True
        self.details = KioskDetails(state, self)
        self.banner = AttractCaption(self)
        self.layout_ = KioskLayout(self, config.languages_offered, self.map_view, self.timeline, self.details,
                                   self.banner)
        self.language_buttons = self.layout_.language_buttons
        self.home_button = self.layout_.home_button
        self.close_button = self.details.close_button

        self.loading = LoadingOverlay(self)
        self.invitation = InvitationOverlay(self)
        self.prompt = PromptOverlay(self)
        self.limiter = PinLimiter()
        self.pin_pad = PinPad(self, config.staff_pin_hash, self.limiter, state.language, clock)
        self.gesture = StaffGesture()
        self.crashes = CrashBudget(config.renderer_max_crashes, config.renderer_window_s)
        self.keeper = PageKeeper(self.map_view, self.crashes, interaction_log, clock, self)
        self.idle = IdleController(IdleTimings.from_config(config), clock, self)
        self.guard = InputGuard(self)

        listen(state.events.selected_id, self._on_selection_changed)
        listen(state.events.language, self._on_language_changed)
        for code, button in self.language_buttons.items():
            button.clicked.connect(lambda _=False, c=code: self._on_language_clicked(c))
        self.layout_.large_text_button.clicked.connect(self._on_large_text_clicked)
        self.layout_.contrast_button.clicked.connect(self._on_contrast_clicked)
        self.home_button.clicked.connect(lambda: self.show_home(reload=False, keep_language=True))
        self.details.closed.connect(lambda: self.state.select(None))
        self.keeper.loading.connect(self._on_page_loading)
        self.keeper.load_finished.connect(self._on_page_load_finished)
        self.keeper.ready.connect(self._on_page_ready)
        self.keeper.recovered.connect(self.recovered.emit)
        self.keeper.gave_up.connect(lambda: self.exit_requested.emit(EXIT_RENDERER))
        self.idle.session_started.connect(lambda: self.log.write("session_start"))
        self.idle.session_ended.connect(self._on_session_ended)
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
        self._apply_metrics()
        self._retranslate()
        self._update_panels()
        self.map_view.installEventFilter(self)       # overlays follow the map's geometry
        self.keeper.load(reload=False)               # MapView has started loading its page already

    def _home_view(self):
        view, home = self.state.dataset.default_view, self.config.home
        return (home.center or view.center, home.zoom or view.zoom, home.date or view.date)

    # --- the screen ------------------------------------------------------------------------------------
    def screen_metrics(self) -> KioskMetrics:
        """The sizes for the window's size now, on its screen, in the visitor's text and contrast modes."""
        screen = self.screen()
        dpi = screen.physicalDotsPerInch() if screen is not None else None
        return KioskMetrics.for_screen(self.width(), self.height(), self.config.text_scale, dpi, self.large_text)

    def refit(self) -> None:
        """Apply the sizes again (after a change of the configuration's ``text_scale``)."""
        self._apply_metrics(force=True)

    def _apply_metrics(self, force: bool = False) -> None:
        m = self.screen_metrics()
        if m == self.metrics and not force:
            return
        self.metrics = m
        colours = styles.colours(self.high_contrast)
        self.setStyleSheet(styles.window_style(m, colours))
        self.layout_.apply(m)
        self.details.apply(m, colours)
        self.banner.apply(m)
        self.loading.apply(m)
        self.invitation.apply(m)
        self.prompt.apply(m)
        self.pin_pad.apply(m)
        screen = self.screen()
        self.layout_.size_timeline(m, screen.logicalDotsPerInch() if screen is not None else 96.0)
        self.layout_.fit_banner(m)            # again, now that the banner's fonts and the timeline are sized
        self.timeline.setPalette(styles.timeline_palette(QApplication.palette(), colours, self.high_contrast))
        # The page at the screen's scale: a 4K kiosk frames the map as a 1080p one does, twice as sharp.
        self.map_view.setZoomFactor(m.unit)
        self._place_overlays()

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
                   self.details.scroll.viewport()]
        for obj in objects:
            if obj is not None:
                obj.installEventFilter(self.guard)
        self.idle.watch(objects)

    def shutdown(self) -> None:
        """Stop watching input and let the window close."""
        self.idle.stop()
        self.playback.pause()
        self.keeper.stop()
        self.allow_close = True

    def show_home(self, reload: bool = False, keep_language: bool = False) -> None:
        """The home view: default language, start date, panels closed, selection cleared, normal text and
        contrast; with ``reload`` the page is loaded afresh too (after an idle reset, so memory stays flat
        over weeks). The visitor's own "home" button keeps their language, text size and contrast."""
        self.prompt.hide()
        self.banner.hide()
        self.pin_pad.hide()
        self._in_tour = False
        self.playback.pause()
        with self.state.batch():                   # one page update (or one reload) for all of it
            self.state.select(None)
            if not keep_language:
                self.state.set_language(self.config.language_default)
            self.state.set_date(self.home[2])
            self.state.set_camera(self.home[0], self.home[1])
            self.state.set_borders(self.config.map_borders)
        if not keep_language and (self.large_text or self.high_contrast):
            self.large_text = self.high_contrast = False
            self._on_modes_changed()
        if reload:
            self.keeper.load(reload=True)
        self._update_panels()

    # --- model → view ----------------------------------------------------------------------------------
    def _on_selection_changed(self, event_id) -> None:
        self._update_panels()
        if event_id is not None:
            self.log.write("event_opened", event=event_id, via="tour" if self._in_tour else "visitor")

    def _update_panels(self) -> None:
        self.details.setVisible(self.state.selected_id is not None)
        self.invitation.setVisible(self.state.selected_id is None and not self._in_tour)
        self._place_overlays()

    def _on_language_changed(self, language: str) -> None:
        self._retranslate()

    def _retranslate(self) -> None:
        language = self.state.language
        title = self.state.dataset.text("title", language)
        self.setWindowTitle(title)
        self.layout_.retranslate(language, title)
        self.layout_.large_text_button.setChecked(self.large_text)
        self.layout_.contrast_button.setChecked(self.high_contrast)
        self.map_view.setAccessibleName(tr(language, "a11y.map"))
        self.timeline.setAccessibleName(tr(language, "a11y.timeline"))
        self.loading.set_text(tr(language, "loading"))
        self.invitation.set_texts(tr(language, "invite_title"), tr(language, "hint"))
        self.pin_pad.retranslate(language)
        if not self.banner.isHidden():
            self._update_caption()
        if self.prompt.isVisible():
            self._on_countdown(self.prompt.seconds)

    # --- user ----------------------------------------------------------------------------------------
    def _on_language_clicked(self, code: str) -> None:
        if code != self.state.language:
            self.state.set_language(code)
            self.log.write("language_chosen", language=code)
        else:
            self.language_buttons[code].setChecked(True)      # a second touch keeps it chosen

    def _on_large_text_clicked(self) -> None:
        self.large_text = not self.large_text
        self._on_modes_changed()

    def _on_contrast_clicked(self) -> None:
        self.high_contrast = not self.high_contrast
        self._on_modes_changed()

    def _on_modes_changed(self) -> None:
        self.layout_.large_text_button.setChecked(self.large_text)
        self.layout_.contrast_button.setChecked(self.high_contrast)
        self._apply_metrics(force=True)

    def _on_pressed(self, global_pos) -> None:
        pos = self.mapFromGlobal(global_pos)
        if self.gesture.tap(pos.x(), pos.y(), self.width(), self.height(), self.clock()):
            self.prompt.hide()
            self.pin_pad.open()

    def _on_pin_accepted(self) -> None:
        self.exit_requested.emit(EXIT_STAFF)

    # --- idle cycle --------------------------------------------------------------------------------------
    def _on_session_ended(self, seconds: float, touching_s: float) -> None:
        self.log.write("session_end", seconds=seconds, touching_s=touching_s, language=self.state.language)

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
        self.banner.show()
        self._update_panels()
        self.playback.play_tour(self.config.attract_events)       # its first stop at once

    def _on_tour_step(self, event_id: str) -> None:
        # The playback selected the stop (while the page reloads, the map catches up when it is ready).
        self._update_caption()

    def _on_tour_ended(self) -> None:
        self.log.write("tour_interrupted", step=self.playback.tour_step)
        self.playback.pause()
        self._in_tour = False
        self.banner.hide()
        self._update_panels()

    def _update_caption(self) -> None:
        event, language = self.state.selected_event, self.state.language
        title = tr(language, "tour_stop", title=event.text("title", language),
                   date=event.date_label(language)) if event else ""
        self.banner.set_texts(tr(language, "invite"), title)
        if self.metrics is not None:
            self.layout_.fit_banner(self.metrics)        # a long stop's title may leave the map too little room

    # --- loading and recovery ----------------------------------------------------------------------------
    def _on_page_loading(self, loading: bool) -> None:
        self.loading.setVisible(loading)
        self._place_overlays()

    def _on_page_load_finished(self) -> None:
        if self.idle.running:
            self._watch_input()

    def _on_page_ready(self) -> None:
        if self.metrics is not None:
            self.map_view.setZoomFactor(self.metrics.unit)     # a load may have reset it
        # A marker is drawn 17 px across; a finger needs 48 (at 1080p, scaled with the page's zoom).
        self.map_view.call("setHitSlop", MARKER_HIT_SLOP)
        if self.idle.running:
            self._watch_input()
        if not self._prefetched:
            # The details need geopy for distances; importing it takes seconds on a busy machine. Off the UI
            # thread once the map is up, so the first touch on an event opens it at once.
            self._prefetched = True
            threading.Thread(target=importlib.import_module, args=("geopy.distance",), daemon=True).start()

    # --- Qt ----------------------------------------------------------------------------------------------
    def _place_overlays(self) -> None:
        self.invitation.cover(self.map_view)         # each cover() raises: the last one placed is on top
        self.loading.cover(self.map_view)
        self._update_map_display()
        if self.prompt.isVisible():
            self.prompt.cover()
        if self.pin_pad.isVisible():
            self.pin_pad.setGeometry(self.rect())
            self.pin_pad.raise_()

    def _update_map_display(self) -> None:
        """Tell the page its text size, palette and legend for this screen, and what the kiosk covers on it
        (one page update, and only when something changed)."""
        if self.metrics is None:
            return
        covered = covered_rects(self.map_view, [self.invitation.card])
        self.map_view.set_display(map_display(self.metrics, self.high_contrast, covered))

    def resizeEvent(self, event) -> None:  # noqa: N802
        """A new size is a new screen: sizes, arrangement and overlays follow it."""
        super().resizeEvent(event)
        self._apply_metrics()
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
