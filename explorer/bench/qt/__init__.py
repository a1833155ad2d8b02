"""The benchmark's measurements of the running app (PySide6)."""
