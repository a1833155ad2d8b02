"""File → Export snapshot…: the window's current map view as PNG, PDF or standalone HTML.

The export shows exactly what the map view shows (centre, zoom, date, selection, filters), framed as on screen:
a bigger size is a sharper picture of the same view. Rendering happens in a hidden view (see
:mod:`explorer.snapshot.qt.renderer`); the file is written atomically, so a failure leaves nothing behind.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLineEdit, QMessageBox, QProgressDialog, QPushButton, QSpinBox, QWidget,
)

from explorer.snapshot.spec import MAX_SIDE, MIN_SIDE, SIZE_PRESETS, SnapshotSpec, format_for
from explorer.qt.plain_text import show_message

FORMAT_CHOICES = (("PNG image", "png"), ("PDF document (vector)", "pdf"), ("Standalone HTML page", "html"))
FILE_FILTERS = {"png": "PNG image (*.png)", "pdf": "PDF document (*.pdf)", "html": "HTML page (*.html)"}
CUSTOM_SIZE = "Custom size"


class ExportDialog(QDialog):
    """Choose format, size, caption and file; Export renders the window's current view into that file."""

    def __init__(self, state, map_view, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.map_view = map_view
        self.written: Path | None = None
        self.setWindowTitle("Export snapshot")
        self.setMinimumWidth(560)

        self.format_box = QComboBox(self)
        for label, fmt in FORMAT_CHOICES:
            self.format_box.addItem(label, fmt)
        self.size_box = QComboBox(self)
        for label, size in SIZE_PRESETS.items():
            self.size_box.addItem(label, size)
        self.size_box.addItem(CUSTOM_SIZE, "custom")
        self.width_box, self.height_box = self._side_box(1920), self._side_box(1080)
        custom = QWidget(self)
        custom_layout = QHBoxLayout(custom)
        custom_layout.setContentsMargins(0, 0, 0, 0)
        custom_layout.addWidget(self.width_box)
        custom_layout.addWidget(self.height_box)
        self.caption_box = QCheckBox("Include the caption (title, date, event, legend, credits)", self)
        self.caption_box.setChecked(True)
        self.path_edit = QLineEdit(str(self._default_path("png")), self)
        browse = QPushButton("Browse…", self)
        file_row = QWidget(self)
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.path_edit, 1)
        file_layout.addWidget(browse)

        form = QFormLayout(self)
        form.addRow("Format:", self.format_box)
        form.addRow("Size:", self.size_box)
        form.addRow("Width × height:", custom)
        form.addRow("", self.caption_box)
        form.addRow("File:", file_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        form.addRow(buttons)

        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.size_box.currentIndexChanged.connect(self._on_size_changed)
        browse.clicked.connect(self._on_browse)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._on_size_changed()

    def _side_box(self, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(MIN_SIDE, MAX_SIDE)
        box.setSuffix(" px")
        box.setValue(value)
        return box

    # --- what to export ------------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        """The chosen format: ``png``, ``pdf`` or ``html``."""
        return self.format_box.currentData()

    def view_size(self) -> tuple[int, int]:
        """The map view's size on screen: the framing every export reproduces."""
        return max(MIN_SIDE, self.map_view.width()), max(MIN_SIDE, self.map_view.height())

    def output_size(self) -> tuple[int, int]:
        """The chosen output size in pixels ("window size" is the map view's own size)."""
        choice = self.size_box.currentData()
        if choice == "custom":
            return self.width_box.value(), self.height_box.value()
        return choice or self.view_size()

    def spec(self) -> SnapshotSpec:
        """The snapshot of the window's current state: its view, date, selection, filters and language."""
        camera = self.state.camera              # None before the page has reported a view: frame as usual
        filters = self.state.filters
        return SnapshotSpec(size=self.output_size(), view_size=self.view_size(), event=self.state.selected_id,
                            date=self.state.date, center=camera.center if camera else None,
                            zoom=camera.zoom if camera else None,
                            caption=self.caption_box.isChecked(), kinds=tuple(sorted(filters.kinds)) or None,
                            parties=tuple(sorted(filters.parties)) or None, window_days=filters.window_days,
                            language=self.state.language, borders=self.state.borders)

    # --- doing it ------------------------------------------------------------------------------------
    def export(self) -> Path | None:
        """Write the file; on failure say why in a message box and return None (no partial file is left)."""
        from explorer.snapshot.qt.renderer import SnapshotError, SnapshotRenderer

        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.suffix:
            path = path.with_suffix("." + self.fmt)
        try:
            fmt = format_for(path)
        except ValueError as exc:
            show_message(self, QMessageBox.Icon.Warning, "Export snapshot", str(exc))
            return None
        progress = QProgressDialog("Exporting the map…", "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        QApplication.processEvents()
        renderer = None
        try:
            spec = self.spec()
            renderer = SnapshotRenderer(self.state.dataset, self.map_view.context)
            self.written = renderer.save(spec, path, fmt)
        except (OSError, SnapshotError, TimeoutError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            show_message(self, QMessageBox.Icon.Critical, "Export snapshot",
                         f"Could not write {path}:\n{reason}\n\nNothing was written.")
            return None
        finally:
            if renderer is not None:
                renderer.close()
            progress.close()
        return self.written

    def accept(self) -> None:
        """Export, and close only if the file was written (so a failed export can be retried)."""
        if self.export() is not None:
            super().accept()

    # --- reacting to the user ------------------------------------------------------------------------
    def _on_format_changed(self) -> None:
        fmt = self.fmt
        self.size_box.setEnabled(fmt != "html")       # the HTML page fills whatever window it opens in
        self._on_size_changed()
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix("." + fmt)))

    def _on_size_changed(self) -> None:
        custom = self.size_box.currentData() == "custom" and self.fmt != "html"
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        if not custom:
            width, height = self.output_size()
            self.width_box.setValue(width)
            self.height_box.setValue(height)

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export snapshot", self.path_edit.text(), FILE_FILTERS[self.fmt])
        if path:
            self.path_edit.setText(path)

    def _default_path(self, fmt: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        if not Path(folder).is_dir():
            folder = str(Path.home())
        event = self.state.selected_id or self.state.date.isoformat()
        title = re.sub(r"[^A-Za-z0-9]+", "-", self.state.dataset.title).strip("-").lower()[:40] or "map"
        return Path(folder) / f"{title}-{event}.{fmt}"
