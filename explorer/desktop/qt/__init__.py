"""The desktop window and its dialogs (PySide6)."""
