"""A mode is a way of running the app (desktop exploration, the museum kiosk): an object, not ``if kiosk:``
branches scattered through the code (mu's ``modes/base.py``)."""

from __future__ import annotations

import datetime as dt


class Mode:
    """A way of running the app. Subclasses set the attributes and build their window."""

    name = "base"
    #: Exit code the app returns when this mode ends it (None: Qt's own).
    exit_code: int | None = None

    def create_window(self, dataset, start_event: str | None = None, start_date: dt.date | None = None):
        """Build and show the mode's window; return it (or None if the mode could not start)."""
        raise NotImplementedError
