"""Rendering snapshots with a hidden map view (PySide6), and the commands that do it."""
