"""The desktop mode: the explorer as a normal window with menus, search and filters."""

from __future__ import annotations

from explorer.qt.mode import Mode


class DesktopMode(Mode):
    """Opens the main window at the asked event or date, or where the user left it last time. File → Open
    replaces the window by one on the new dataset; the mode keeps hold of whichever window is current."""

    name = "desktop"

    def create_window(self, dataset, start_event=None, start_date=None):
        """The main window, shown."""
        from explorer.desktop.qt.main_window import MainWindow
        from explorer.model.state import ExplorerState
        from explorer.qt.web_context import WebContext

        state = ExplorerState(dataset)
        if start_event:
            state.select(start_event)
        if start_date:
            state.set_date(start_date)
        self.context = WebContext()
        window = MainWindow(state, self.context, restore=start_event is None and start_date is None)
        window.show()
        self._adopt(window)
        return window

    def _adopt(self, window) -> None:
        old, self.window = getattr(self, "window", None), window
        if old is not None and old is not window:
            old.deleteLater()              # closed already; its map page goes before its view (Qt stays quiet)
        window.replaced.connect(self._adopt)
