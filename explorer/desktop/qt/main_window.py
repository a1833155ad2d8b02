"""The main window: wires the map, timeline, details, search, filters and history to one ExplorerState.

It holds no logic of its own beyond wiring and remembering its layout between runs: the menus are in
``window_actions``, app-wide keys in ``app_keys``, the play banner in ``play_banner``, opening and dropping
files in ``open_files``, the export dialog in ``export_dialog``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
import time

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QSplitter, QToolBar, QVBoxLayout, QWidget

from explorer.desktop.qt.app_keys import AppWideKeys
from explorer.desktop.qt.open_files import DatasetOpener
from explorer.desktop.qt.play_banner import PlayBanner
from explorer.desktop.qt.window_actions import add_navigation, build_actions, retranslate
from explorer.model.history import History
from explorer.model.i18n import tr
from explorer.model.playback import Playback
from explorer.model.recovery import CrashBudget
from explorer.model.state import ExplorerState
from explorer.qt.details_panel import DetailsPanel
from explorer.qt.evented import listen
from explorer.qt.filter_bar import FilterBar
from explorer.qt.map_view import MapView
from explorer.qt.search_box import SearchBox
from explorer.qt.play_controls import PlayControls
from explorer.qt.playback_timer import PlaybackTimer
from explorer.qt.timeline_slider import TimelineSlider


#: A moment between a renderer's death and the reload (Chromium tidies up the dead process first).
RELOAD_DELAY_MS = 150


class MainWindow(QMainWindow):
    """Map above the timeline, details at the side; menus, navigation, search and filters in the tool bar."""

    #: Another dataset was opened: this new window takes this one's place (this one closes).
    replaced = Signal(object)

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
        self.setWindowTitle(f"{state.dataset.text('title', state.language)} — Treaty Explorer")
        if restore:
            self._restore_state()
        self.history = History(state)
        self.map_view = MapView(state, context, self)
        self.map_view.setAccessibleName(tr(state.language, "a11y.map"))
        self.playback = Playback(state, clock)
        self.playback_timer = PlaybackTimer(self.playback, self)
        self.timeline = TimelineSlider(state, self, playback=self.playback, index_later=True)
        self.play_controls = PlayControls(self.playback, self)
        self.banner = PlayBanner(state, self.playback, self)
        self.details = DetailsPanel(state, self)
        self.search_box = SearchBox(state, self)
        self.filter_bar = FilterBar(state, self)
        self.export_dialog = None

        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(4, 0, 4, 4)
        controls = QHBoxLayout()
        controls.addWidget(self.play_controls)
        controls.addWidget(self.banner, 1)
        bottom_layout.addLayout(controls)
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

        self.opener = DatasetOpener(self)
        self.actions = build_actions(self)
        self.export_action, self.reload_action = self.actions.export, self.actions.reload
        self._build_toolbar()
        self.app_keys = AppWideKeys(self, self.actions.app_wide(), self.actions.back, self.actions.forward)
        # The map carries its own credit line (base map and period borders): not a second copy down here;
        # the status bar is for messages (an export done, the map reloading).
        self.statusBar()
        self.present_borders_action = self.actions.present_borders
        listen(state.events.borders, self._on_borders_changed)
        self.map_view.page().js_error.connect(
            lambda text: self.statusBar().showMessage(tr(self.state.language, "map_error", text=text), 8000))
        self.map_view.renderer_crashed.connect(self._on_map_view_renderer_crashed)
        self.setTabOrder(self.search_box, self.filter_bar)
        self.setTabOrder(self.filter_bar, self.map_view)
        self.setTabOrder(self.map_view, self.play_controls)
        self.setTabOrder(self.play_controls, self.timeline)
        self.setTabOrder(self.timeline, self.details)
        self._restore_layout()
        self.map_view.painted.connect(self._on_first_paint, Qt.ConnectionType.SingleShotConnection)
        listen(state.events.language, self._on_language_changed)

    def _on_language_changed(self, language: str) -> None:
        self.map_view.setAccessibleName(tr(language, "a11y.map"))
        self.setWindowTitle(f"{self.state.dataset.text('title', language)} — Treaty Explorer")
        retranslate(self, self.actions)

    def _on_first_paint(self, _serial: int) -> None:
        # Work the start does not need, begun once the map has painted so it does not slow the start: the
        # search index (seconds at 100,000 events) and geopy, which the details panel needs on the first
        # selection and whose import takes ~0.3 s (it pulls in requests).
        # The timeline's marks index too (most of a second at 100,000 events): the track is drawn without
        # marks until it is in place.
        self.timeline.build_index_later()
        self.search_box.start_indexing()
        threading.Thread(target=importlib.import_module, args=("geopy.distance",), daemon=True).start()

    # --- building ------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation, search and filters", self)
        bar.setObjectName("search_toolbar")
        bar.setMovable(False)
        add_navigation(bar, self.actions)
        bar.addWidget(self.search_box)
        bar.addSeparator()
        bar.addWidget(self.filter_bar)
        self.addToolBar(bar)
        self.toolbar = bar

    # --- actions -------------------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Go → Find (Ctrl+F): the search box, its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_borders_changed(self, mode: str) -> None:
        self.present_borders_action.setChecked(mode == "present")

    def reset_view(self) -> None:
        """View → Reset (Ctrl+0): the dataset's own view and date, nothing selected."""
        view = self.state.dataset.default_view
        with self.state.batch():
            self.state.select(None)
            self.state.set_date(view.date)
            self.state.set_camera(view.center, view.zoom)

    def _on_map_view_renderer_crashed(self) -> None:
        if self.crashes.record(self.clock()):
            self.statusBar().showMessage(tr(self.state.language, "map_reloading"), 10000)
            QTimer.singleShot(RELOAD_DELAY_MS, self.reload_map)
        else:
            self.statusBar().showMessage(tr(self.state.language, "map_stopped"))

    def reload_map(self) -> None:
        """Load the map page again, in the state the window is in (date, selection, filters, language)."""
        self.map_view.load_page()

    def open_export_dialog(self) -> None:
        """File → Export snapshot… (Ctrl+E): the dialog, window-modal; a written file is announced in the
        status bar with a button that shows it in its folder."""
        from explorer.desktop.qt.export_dialog import ExportDialog, announce_export

        if self.export_dialog is not None and self.export_dialog.isVisible():
            self.export_dialog.raise_()
            return
        dialog = self.export_dialog = ExportDialog(self.state, self.map_view, self, settings=self.settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: announce_export(self, dialog.written))
        dialog.open()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """A file dragged over the window (any widget that takes no drops itself)."""
        if not self.opener.take_drag(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.opener.take_drag(event):
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """A dropped file opens in place of the dataset shown (see ``open_files``)."""
        if not self.opener.take_drag(event):
            super().dropEvent(event)

    def replace_dataset(self, dataset) -> MainWindow:
        """Show ``dataset`` in a new window in this one's place (with its own state and views) and close this
        one; returns the new window (``replaced`` tells whoever holds this one, which deletes it)."""
        self.save_settings()
        new = MainWindow(ExplorerState(dataset), self.context, self.settings, restore=True, clock=self.clock)
        new.setGeometry(self.geometry())
        new.show()
        self.close()
        self.replaced.emit(new)          # whoever holds this window lets it go (DesktopMode deletes it)
        return new

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
