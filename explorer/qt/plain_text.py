"""Dataset text in Qt widgets, shown as text. Qt guesses rich text (``Qt.AutoText``) for labels, tool tips and
message boxes, so a title such as ``<img src=file:///...>`` would be rendered and load a local file; every
widget that shows text from a dataset or a file goes through these helpers instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that always shows its text literally."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def tooltip_text(text: str) -> str:
    """``text`` as a tool tip shows it literally (tool tips have no text format of their own): escaped,
    line breaks kept."""
    return QtGuiNamespace.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """A modal message box whose text is shown literally (e.g. an error naming a dataset's id)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
