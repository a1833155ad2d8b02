"""The Qt (PySide6) front end: application set-up, the map view, the timeline and the panels."""
