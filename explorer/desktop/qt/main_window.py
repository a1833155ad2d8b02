"""The main window: wires the map, timeline, details, search and filters to one ExplorerState.

It holds no logic of its own beyond wiring, menus and remembering its layout between runs.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
import time
from html import escape

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QMessageBox, QSplitter, QToolBar, QVBoxLayout, QWidget,
)

from explorer.model.playback import Playback
from explorer.model.recovery import CrashBudget
from explorer.model.state import ExplorerState
from explorer.qt.details_panel import DetailsPanel
from explorer.qt.filter_bar import FilterBar
from explorer.qt.map_view import MapView
from explorer.qt.evented import listen
from explorer.qt.search_box import SearchBox
from explorer.qt.play_controls import PlayControls
from explorer.qt.playback_timer import PlaybackTimer
from explorer.qt.timeline_slider import TimelineSlider


#: A moment between a renderer's death and the reload (Chromium tidies up the dead process first).
RELOAD_DELAY_MS = 150


class MainWindow(QMainWindow):
    """Map above the timeline, details at the side; menus, search and filters in the tool bar."""

    def __init__(self, state: ExplorerState, context, settings: QSettings | None = None, *,
                 restore: bool = True, clock=time.monotonic) -> None:
        super().__init__()
        self.state = state
        self.context = context
        self.clock = clock
        # A renderer that dies is reloaded at once, up to 3 times a minute; after that the map waits for
        # View → Reload map (a page that crashes on load would otherwise take the machine with it).
        self.crashes = CrashBudget(max_crashes=3, window_s=60.0)
        self.settings = settings or QSettings()
        self.setWindowTitle(f"{state.dataset.title} — Treaty Explorer")
        if restore:
            self._restore_state()
        self.map_view = MapView(state, context, self)
        self.playback = Playback(state, clock)
        self.playback_timer = PlaybackTimer(self.playback, self)
        self.timeline = TimelineSlider(state, self, playback=self.playback)
        self.play_controls = PlayControls(self.playback, self)
        self.details = DetailsPanel(state, self)
        self.search_box = SearchBox(state, self)
        self.filter_bar = FilterBar(state, self)

        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(4, 0, 4, 4)
        bottom_layout.addWidget(self.play_controls)
        bottom_layout.addWidget(self.timeline)
        self.side_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.side_splitter.setObjectName("side_splitter")
        self.side_splitter.addWidget(self.map_view)
        self.side_splitter.addWidget(self.details)
        self.side_splitter.setStretchFactor(0, 3)
        self.side_splitter.setStretchFactor(1, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.addWidget(bottom)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 0)
        self.main_splitter.setCollapsible(0, False)
        self.setCentralWidget(self.main_splitter)

        self._build_toolbar()
        self._build_menus()
        # The map carries its own credit line (base map and period borders): not a second copy down here.
        self.map_view.page().js_error.connect(lambda text: self.statusBar().showMessage(f"Map error: {text}", 8000))
        self.map_view.renderer_crashed.connect(self._on_map_view_renderer_crashed)
        self.setTabOrder(self.search_box, self.filter_bar)
        self.setTabOrder(self.filter_bar, self.map_view)
        self.setTabOrder(self.map_view, self.play_controls)
        self.setTabOrder(self.play_controls, self.timeline)
        self.setTabOrder(self.timeline, self.details)
        self._restore_layout()
        # The details panel needs geopy on the first selection, and importing it takes ~0.3 s (it pulls in
        # requests): do it off the main thread once the map has painted, so it does not slow the start.
        self.map_view.painted.connect(self._prefetch_geopy, Qt.ConnectionType.SingleShotConnection)

    def _prefetch_geopy(self, _serial: int) -> None:
        threading.Thread(target=importlib.import_module, args=("geopy.distance",), daemon=True).start()

    # --- building ------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Search and filters", self)
        bar.setObjectName("search_toolbar")
        bar.setMovable(False)
        bar.addWidget(self.search_box)
        bar.addSeparator()
        bar.addWidget(self.filter_bar)
        self.addToolBar(bar)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.export_action = self._action(file_menu, "Export &snapshot…", self._on_export_snapshot, "Ctrl+E")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        go = bar.addMenu("&Go")
        self._action(go, "&Find…", self._on_find, QKeySequence.StandardKey.Find)
        self._action(go, "&Previous event", lambda: self.playback.step(-1), "Ctrl+Left")
        self._action(go, "&Next event", lambda: self.playback.step(+1), "Ctrl+Right")
        self._action(go, "&First date", lambda: self.state.jump_to(self.state.dataset.first_date), "Ctrl+Home")
        self._action(go, "&Last date", lambda: self.state.jump_to(self.state.dataset.last_date), "Ctrl+End")
        self._action(go, "&Clear selection", lambda: self.state.select(None), "Escape")
        view = bar.addMenu("&View")
        self._action(view, "&Play / pause", self.play_controls.toggle, "Ctrl+Space")
        self._action(view, "Focus &map", self.map_view.setFocus, "Ctrl+1")
        self._action(view, "Focus &timeline", self.timeline.setFocus, "Ctrl+2")
        self._action(view, "Focus &details", self.details.setFocus, "Ctrl+3")
        self._action(view, "&Reset to the dataset's view", self._on_reset_view, "Ctrl+0")
        # Period borders are the default; the state holds the choice, the map follows it.
        self.present_borders_action = self._action(
            view, "Present-day &borders", lambda on: self.state.set_borders("present" if on else "period"), "Ctrl+B")
        self.present_borders_action.setCheckable(True)
        self.present_borders_action.setChecked(self.state.borders == "present")
        listen(self.state.events.borders, self._on_borders_changed)
        self.reload_action = self._action(view, "Re&load map", self._on_reload_map, "Ctrl+R")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About Treaty Explorer", self._on_about)

    # --- actions -------------------------------------------------------------------------------------
    def _on_find(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_borders_changed(self, mode: str) -> None:
        self.present_borders_action.setChecked(mode == "present")

    def _on_reset_view(self) -> None:
        view = self.state.dataset.default_view
        with self.state.batch():
            self.state.select(None)
            self.state.set_date(view.date)
            self.state.set_camera(view.center, view.zoom)

    def _on_map_view_renderer_crashed(self) -> None:
        if self.crashes.record(self.clock()):
            self.statusBar().showMessage("The map stopped unexpectedly; it is being loaded again.", 10000)
            QTimer.singleShot(RELOAD_DELAY_MS, self._on_reload_map)
        else:
            self.statusBar().showMessage("The map keeps stopping; it was not loaded again. "
                                         "View → Reload map (Ctrl+R) tries once more.")

    def _on_reload_map(self) -> None:
        """Load the map page again, in the state the window is in (date, selection, filters, language)."""
        self.map_view.load_page()

    def _on_export_snapshot(self) -> None:
        from explorer.desktop.qt.export_dialog import ExportDialog

        ExportDialog(self.state, self.map_view, self).exec()

    def _on_about(self) -> None:
        dataset = self.state.dataset
        # The dataset's title and credits are its own text: escaped, never markup (no images, no links).
        credits = "".join(f"<li>{escape(c)}</li>" for c in dataset.credits)
        QMessageBox.about(self, "About Treaty Explorer", (
            f"<h3>Treaty Explorer</h3><p>{escape(dataset.title)}</p>"
            f"<p><b>Data:</b></p><ul>{credits}</ul>"
            "<p><b>Map:</b> base map from Natural Earth (public domain); period borders 1918–1941 from "
            "historical-basemaps by A. Ourednik and contributors (GPL-3.0); "
            "drawn with Leaflet (BSD-2-Clause) via folium.</p>"
            "<p>Every event cites its sources in the details panel.</p>"))

    # --- settings ------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        """Reopen at the last date and selection (the dataset's default view the first time)."""
        key = self._dataset_key()
        date_text = self.settings.value(f"{key}/date")
        selected = self.settings.value(f"{key}/selected")
        if selected and self.state.dataset.has_event(selected) and self.state.selected_id is None:
            self.state.select(selected)
        if date_text:
            try:
                self.state.set_date(dt.date.fromisoformat(date_text))
            except ValueError:
                pass
        view = self.settings.value(f"{key}/view")
        if view:
            try:
                lat, lon, zoom = (float(v) for v in str(view).split(","))
                self.state.set_camera((lat, lon), zoom)
            except ValueError:
                pass

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        for splitter in (self.main_splitter, self.side_splitter):
            value = self.settings.value(f"window/{splitter.objectName()}")
            if isinstance(value, QByteArray) and not value.isEmpty():
                splitter.restoreState(value)
            elif splitter is self.side_splitter:
                splitter.setSizes([1000, 400])
            else:
                splitter.setSizes([700, 150])

    def _dataset_key(self) -> str:
        name = (self.state.dataset.path or self.state.dataset.title).replace("/", "_").replace("\\", "_")
        return "datasets/" + name

    def save_settings(self) -> None:
        """Remember geometry, splitters, date and selection for next time."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.main_splitter, self.side_splitter):
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        key = self._dataset_key()
        self.settings.setValue(f"{key}/date", self.state.date.isoformat())
        self.settings.setValue(f"{key}/selected", self.state.selected_id or "")
        camera = self.state.camera           # reported by the page after each move: nothing to ask it now
        if camera is not None:
            self.settings.setValue(f"{key}/view", "{:.5f},{:.5f},{:g}".format(*camera.center, camera.zoom))
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        """Save settings, then let the views go (page before view before profile, so Qt stays quiet)."""
        self.save_settings()
        self.play_controls.pause()
        super().closeEvent(event)
