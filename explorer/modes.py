"""How the app runs: desktop exploration or the museum kiosk, each a mode object (not scattered ifs)."""

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


class DesktopMode(Mode):
    """The explorer as a normal desktop window with menus, search and filters."""

    name = "desktop"

    def create_window(self, dataset, start_event=None, start_date=None):
        """The main window, opened at the given event/date or where the user left it last time."""
        from explorer.model.state import ExplorerState
        from explorer.ui.main_window import MainWindow
        from explorer.ui.web_context import WebContext

        state = ExplorerState(dataset)
        if start_event:
            state.select(start_event)
        if start_date:
            state.set_date(start_date)
        self.context = WebContext()
        window = MainWindow(state, self.context, restore=start_event is None and start_date is None)
        window.show()
        self.window = window
        return window


def mode_for(args) -> Mode:
    """The mode the command line asks for."""
    if getattr(args, "kiosk", False):
        from explorer.kiosk.mode import KioskMode

        return KioskMode(getattr(args, "config", None))
    return DesktopMode()
