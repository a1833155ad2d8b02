"""File → Open… (Ctrl+O) and files dropped on the window: any format ``explorer --data`` opens.

The file is read off the main thread (a 100,000-event file takes seconds). What is wrong with it is listed
in a :class:`explorer.qt.problems_dialog.ProblemsDialog`: a file that opens nothing leaves the window as it
was; a file that opens without some rows opens, and the dialog lists the rows left out.

Opening another dataset replaces the window by a new one in the same place, with a new state and new views
(and the settings remembered for that dataset: its last date and selection). Everything in the window
(map page, timeline, search index, history, playback) belongs to one dataset; building them anew is the one
way that cannot leave a view showing the old dataset's events, and it is what the window does at start.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from explorer.formats.opener import DATASET_SUFFIXES
from explorer.formats.startup import open_as_before
from explorer.model.i18n import tr
from explorer.qt.problems_dialog import ProblemsDialog

FILE_FILTER = ("Datasets: ours, TimelineJS, StoryMapJS, GeoJSON, spreadsheets (*.json *.geojson *.csv *.xlsx);;"
               "All files (*)")


def load(path: Path):
    """``(dataset or None, report)`` for ``path`` in any format (rows with problems left out); a big file of
    ours opened before read as it was checked then (``formats.startup.open_as_before``)."""
    return open_as_before(path, partial=True)


class DatasetOpener(QObject):
    """Opens datasets for ``window`` (a ``MainWindow``) from the Open dialog or a drop; reports the outcome
    with ``opened(new_window)`` or ``failed(path)``."""

    opened = Signal(object)
    failed = Signal(str)
    _loaded = Signal(object, object, object)        # path, dataset, report (from the reading thread)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ProblemsDialog | None = None
        self.busy = False
        self._loaded.connect(self._on_loaded)
        # Drags over Qt widgets that take no drops rise to the window (see MainWindow.dropEvent); the map's
        # web view takes them itself (Chromium would show the file), so its input widget is watched.
        window.setAcceptDrops(True)
        window.map_view.ready.connect(self._on_map_ready)

    def _on_map_ready(self) -> None:
        proxy = self.window.map_view.focusProxy()
        if proxy is not None:
            proxy.installEventFilter(self)

    # --- asking ---------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        """File → Open…: choose a file, then open it."""
        settings = self.window.settings
        folder = str(settings.value("open/folder", "") or "")
        path, _ = QFileDialog.getOpenFileName(self.window, tr(self.window.state.language, "open_title"), folder,
                                              FILE_FILTER)
        if path:
            settings.setValue("open/folder", str(Path(path).parent))
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        """Read ``path`` off the main thread; the window is replaced when it has opened."""
        if self.busy:
            return
        self.busy = True
        self.window.statusBar().showMessage(tr(self.window.state.language, "opening", name=Path(path).name))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        threading.Thread(target=self._read, args=(Path(path),), name="open-dataset", daemon=True).start()

    def _read(self, path: Path) -> None:
        dataset, report = load(path)
        try:
            self._loaded.emit(path, dataset, report)
        except RuntimeError:                  # the window was closed meanwhile
            pass

    # --- outcome ------------------------------------------------------------------------------------
    def _on_loaded(self, path: Path, dataset, report) -> None:
        self.busy = False
        QApplication.restoreOverrideCursor()
        window, language = self.window, self.window.state.language
        if dataset is None:
            window.statusBar().showMessage(tr(language, "open_failed", name=path.name), 10000)
            self.dialog = self._problems(window, tr(language, "open_failed_long", path=path,
                                                    summary=report.summary()), report)
            self.failed.emit(str(path))
            return
        new = window.replace_dataset(dataset)
        if report.errors or report.warnings:
            self.dialog = self._problems(new, tr(language, "open_partly", name=path.name, summary=report.summary()),
                                         report)
            new.opener.dialog = self.dialog
        self.opened.emit(new)

    def _problems(self, parent: QWidget, summary: str, report) -> ProblemsDialog:
        dialog = ProblemsDialog(tr(self.window.state.language, "open_title"), summary,
                                report.problem_lines(notes=False), parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- dropping -----------------------------------------------------------------------------------
    @staticmethod
    def dropped_file(mime) -> Path | None:
        """The one local file a drag carries, if it is one (several files or a web link: None)."""
        urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        if len(urls) != 1:
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.suffix.lower() in DATASET_SUFFIXES or path.is_file() else None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        """Files dragged over the map's web view (which would try to show them)."""
        if event.type() not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        return self.take_drag(event)

    def take_drag(self, event) -> bool:
        """Accept a drag that carries one file, and open it when it is dropped; False for anything else."""
        kind = event.type()
        path = self.dropped_file(event.mimeData())
        if path is None:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if kind == QEvent.Type.Drop:
            self.open_path(path)
        return True
