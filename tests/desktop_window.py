"""What the desktop tests share beside their ``window`` fixture (in conftest.py): the data folder and a reading
of the window's map page."""

from pathlib import Path

DATA = Path(__file__).parent / "data"


def page(win) -> dict:
    return win.map_view.page_state()
