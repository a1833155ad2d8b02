"""A dialog listing what is wrong with a file (a dataset that does not open, or opens without some rows), as
plain text that can be copied; used where there is no terminal to read stderr (a start from the desktop
menu, File → Open, a dropped file)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ProblemsDialog(QDialog):
    """``summary`` in a line at the top, then every problem line (file, line or row, item, field, what is
    wrong) in a read-only, selectable box."""

    def __init__(self, title: str, summary: str, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("problems_dialog")
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setText(summary)
        layout.addWidget(self.summary)
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("problem_list")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problems.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.problems.setPlainText("\n".join(problems))
        self.problems.setAccessibleName("Problems")
        self.problems.setVisible(bool(problems))
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 420 if problems else 160)
