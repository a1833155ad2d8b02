"""File → Export snapshot…: the window's current map view as PNG, PDF or standalone HTML.

The export shows exactly what the map view shows (centre, zoom, date, selection, filters), framed as on screen:
a bigger size is a sharper picture of the same view. A4 and A3 are paper: a PDF of that size in points, a PNG
at 300 dpi of it. Rendering happens in a hidden view (see :mod:`explorer.snapshot.qt.renderer`); the file is
written atomically, so a failure leaves nothing behind.

The dialog remembers its format, size and caption choice and the last folder (QSettings), and proposes
``<event-id>-<date>.<ext>`` there; after an export the window's status bar names the file with a
"Show in folder" button (:func:`announce_export`).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QMessageBox, QProgressDialog, QPushButton, QSpinBox, QWidget,
)

from explorer.model.i18n import tr
from explorer.snapshot.spec import (
    MAX_SIDE, MIN_SIDE, PAPER_DPI, PAPER_MM, SIZE_PRESETS, SnapshotSpec, format_for, paper_pixels,
)
from explorer.qt.plain_text import show_message

FORMATS = ("png", "pdf", "html")
FILE_FILTERS = {"png": "PNG (*.png)", "pdf": "PDF (*.pdf)", "html": "HTML (*.html)"}
CUSTOM_SIZE = "Custom size"
#: The interface string of each size choice (sizes in pixels read the same in every language).
SIZE_KEYS = {"Window size": "size_window", "A4 landscape": "size_a4", "A3 landscape": "size_a3",
             CUSTOM_SIZE: "size_custom"}


class ExportDialog(QDialog):
    """Choose format, size, caption and file; Export renders the window's current view into that file."""

    def __init__(self, state, map_view, parent: QWidget | None = None, *, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.map_view = map_view
        self.settings = settings if settings is not None else QSettings()
        self.written: Path | None = None
        language = self.language = state.language
        self.setWindowTitle(tr(language, "export_title"))
        self.setMinimumWidth(560)

        self.format_box = QComboBox(self)
        for fmt in FORMATS:
            self.format_box.addItem(tr(language, f"fmt_{fmt}"), fmt)
        self.size_box = QComboBox(self)
        for label in [*SIZE_PRESETS, CUSTOM_SIZE]:
            self.size_box.addItem(tr(language, SIZE_KEYS[label]) if label in SIZE_KEYS else label, label)
        self.width_box, self.height_box = self._side_box(1920), self._side_box(1080)
        custom = QWidget(self)
        custom_layout = QHBoxLayout(custom)
        custom_layout.setContentsMargins(0, 0, 0, 0)
        custom_layout.addWidget(self.width_box)
        custom_layout.addWidget(self.height_box)
        self.caption_box = QCheckBox(tr(language, "export_caption"), self)
        self.caption_box.setChecked(True)
        self.path_edit = QLineEdit(self)
        browse = QPushButton(tr(language, "export_browse"), self)
        file_row = QWidget(self)
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.path_edit, 1)
        file_layout.addWidget(browse)

        form = QFormLayout(self)
        form.addRow(tr(language, "export_format"), self.format_box)
        form.addRow(tr(language, "export_size"), self.size_box)
        form.addRow(tr(language, "export_custom"), custom)
        self.output_note = QLabel(self)
        self.output_note.setObjectName("output_note")
        self.output_note.setStyleSheet("color: #555")
        form.addRow(tr(language, "export_output"), self.output_note)
        form.addRow("", self.caption_box)
        form.addRow(tr(language, "export_file"), file_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(tr(language, "export_button"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr(language, "cancel"))
        form.addRow(buttons)

        self._restore_choices()
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.size_box.currentIndexChanged.connect(self._on_size_changed)
        for box in (self.width_box, self.height_box):
            box.valueChanged.connect(lambda _value: self.output_note.setText(self.output_text()))
        browse.clicked.connect(self._on_browse)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._on_format_changed()
        self.path_edit.setText(str(self._default_path(self.fmt)))

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

    @property
    def paper(self) -> str | None:
        """"a4" or "a3" when a paper size is chosen."""
        value = SIZE_PRESETS.get(self.size_box.currentData())
        return value if isinstance(value, str) else None

    def output_size(self) -> tuple[int, int]:
        """The chosen output size in pixels ("window size" is the map view's own size; paper at 300 dpi)."""
        choice = self.size_box.currentData()
        if choice == CUSTOM_SIZE:
            return self.width_box.value(), self.height_box.value()
        value = SIZE_PRESETS.get(choice)
        if isinstance(value, str):
            return paper_pixels(value)
        return value or self.view_size()

    def spec(self) -> SnapshotSpec:
        """The snapshot of the window's current state: its view, date, selection, filters and language."""
        camera = self.state.camera              # None before the page has reported a view: frame as usual
        filters = self.state.filters
        return SnapshotSpec(size=self.output_size(), view_size=self.view_size(), event=self.state.selected_id,
                            date=self.state.date, center=camera.center if camera else None,
                            zoom=camera.zoom if camera else None,
                            caption=self.caption_box.isChecked(), kinds=tuple(sorted(filters.kinds)) or None,
                            parties=tuple(sorted(filters.parties)) or None, window_days=filters.window_days,
                            language=self.state.language, paper=self.paper, borders=self.state.borders)

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
            show_message(self, QMessageBox.Icon.Warning, self.windowTitle(), str(exc))
            return None
        progress = QProgressDialog(tr(self.language, "exporting"), "", 0, 0, self)
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
            show_message(self, QMessageBox.Icon.Critical, self.windowTitle(),
                         tr(self.language, "export_failed", path=path, reason=reason))
            return None
        finally:
            if renderer is not None:
                renderer.close()
            progress.close()
        self._remember_choices(path)
        return self.written

    def accept(self) -> None:
        """Export, and close only if the file was written (so a failed export can be retried)."""
        if self.export() is not None:
            super().accept()

    # --- reacting to the user ------------------------------------------------------------------------
    def _on_format_changed(self) -> None:
        fmt = self.fmt
        self.size_box.setEnabled(fmt != "html")       # the HTML page fills whatever window it opens in
        for i, label in enumerate(SIZE_PRESETS):
            self.size_box.setItemText(i, self._size_label(label, fmt))
        self._on_size_changed()
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix("." + fmt)))

    def _on_size_changed(self) -> None:
        custom = self.size_box.currentData() == CUSTOM_SIZE and self.fmt != "html"
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        if not custom:
            width, height = self.output_size()
            self.width_box.setValue(width)
            self.height_box.setValue(height)
        self.output_note.setText(self.output_text())

    def _size_label(self, label: str, fmt: str) -> str:
        """A size choice for ``fmt``: paper in millimetres for PDF, in pixels at 300 dpi otherwise."""
        language, value = self.language, SIZE_PRESETS[label]
        name = tr(language, SIZE_KEYS[label]) if label in SIZE_KEYS else label
        if not isinstance(value, str):
            return name
        (mm_w, mm_h), (px_w, px_h) = PAPER_MM[value], paper_pixels(value)
        if fmt == "pdf":
            return tr(language, "paper_mm", label=name, w=mm_w, h=mm_h)
        return tr(language, "paper_px", label=name, dpi=PAPER_DPI, w=px_w, h=px_h)

    def output_text(self) -> str:
        """What the file will be, in the units that matter for it: points for a PDF, pixels (and dpi) for a PNG."""
        language = self.language
        if self.fmt == "html":
            return tr(language, "out_html")
        spec = self.spec()
        if self.fmt == "pdf":
            width, height = spec.pdf_points
            return tr(language, "out_pdf", w=f"{width:.0f}", h=f"{height:.0f}") + (
                tr(language, "out_paper") if spec.paper else "")
        width, height = spec.size
        return tr(language, "out_png", w=width, h=height) + (tr(language, "out_dpi", dpi=spec.dpi) if spec.dpi else "")

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path_edit.text(), FILE_FILTERS[self.fmt])
        if path:
            self.path_edit.setText(path)

    # --- remembering --------------------------------------------------------------------------------
    def _restore_choices(self) -> None:
        settings = self.settings
        for box, key in ((self.format_box, "export/format"), (self.size_box, "export/size")):
            index = box.findData(settings.value(key))
            if index >= 0:
                box.setCurrentIndex(index)
        for box, key in ((self.width_box, "export/width"), (self.height_box, "export/height")):
            try:
                box.setValue(int(settings.value(key, box.value())))
            except (TypeError, ValueError):
                pass
        self.caption_box.setChecked(str(settings.value("export/caption", "true")).lower() != "false")

    def _remember_choices(self, path: Path) -> None:
        settings = self.settings
        settings.setValue("export/format", self.fmt)
        settings.setValue("export/size", self.size_box.currentData())
        settings.setValue("export/width", self.width_box.value())
        settings.setValue("export/height", self.height_box.value())
        settings.setValue("export/caption", "true" if self.caption_box.isChecked() else "false")
        settings.setValue("export/folder", str(path.parent))
        settings.sync()

    def default_name(self, fmt: str) -> str:
        """``rapallo-1922-1922-04-16.png``: the selected event's id and the date shown (``map-<date>`` with
        no selection), kept to characters every file system takes."""
        event = self.state.selected_id or "map"
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{event}-{self.state.date.isoformat()}").strip("-.")
        return f"{stem[:120] or 'map'}.{fmt}"

    def _default_path(self, fmt: str) -> Path:
        folder = str(self.settings.value("export/folder", "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        if not folder or not Path(folder).is_dir():
            folder = str(Path.home())
        return Path(folder) / self.default_name(fmt)


#: How long the status bar keeps the message about a written file.
ANNOUNCE_MS = 15000


def announce_export(window, path: Path | None) -> None:
    """Say in ``window``'s status bar which file was written, with a "Show in folder" button beside it."""
    if path is None:
        return
    bar = window.statusBar()
    old = getattr(window, "show_in_folder", None)
    if old is not None:
        bar.removeWidget(old)
        old.deleteLater()
    language = window.state.language
    button = QPushButton(tr(language, "show_in_folder"), bar)
    button.setObjectName("show_in_folder")
    button.setFlat(True)
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent))))
    bar.insertPermanentWidget(0, button)      # a temporary message would hide a normal status-bar widget
    window.show_in_folder = button
    bar.showMessage(tr(language, "exported", name=Path(path).name, folder=Path(path).parent), ANNOUNCE_MS)

    def _remove() -> None:
        if getattr(window, "show_in_folder", None) is button:
            bar.removeWidget(button)
            button.deleteLater()
            window.show_in_folder = None

    QTimer.singleShot(ANNOUNCE_MS, button, _remove)
