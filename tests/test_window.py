"""The explorer window, offscreen: page and bridge, timeline ↔ map, clicks, links, search, keys, settings."""

import datetime as dt
import json

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl

from explorer.model.state import ExplorerState

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_window, mini):
    return open_window(mini)


def page(win) -> dict:
    return win.map_view.page_state()


def wait_page(qtbot, win, predicate, timeout=5000):
    qtbot.waitUntil(lambda: predicate(page(win)), timeout=timeout)


def test_page_loads_and_bridge_reports_ready(window):
    state = page(window)
    assert state["ready"] and state["bridge"]
    assert state["renderer"] == "svg"
    assert window.map_view.page().console_errors == []
    assert window.windowTitle().startswith("Mini test dataset")


def test_base_map_and_markers_are_drawn(window, qtbot):
    """Pixels: land and sea colours present (not a grey square) and a treaty marker drawn where the Treaty
    of Rapallo (1922) is, in the treaty colour. (Escaping the dataset's text is test_page_security's.)"""
    from PySide6.QtGui import QColor

    from explorer.webmap.page import KIND_COLORS

    image = window.map_view.grab_settled()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)}
    assert "#b7d0dc" in colours, "sea colour missing"
    # Land is the base map's colour where no period state is drawn, else a state's fill.
    land = {"#f2ede1", *window.map_view.evaluate(
        "TreatyMap._.BORDER_PALETTE.concat(TreatyMap._.BORDER_PALE, [TreatyMap._.LAND_BEYOND])")}
    assert len(land & colours) >= 3, "land colours missing"
    assert len(colours) > 20
    x, y = window.map_view.evaluate("TreatyMap.project(44.35, 9.23)")           # Rapallo
    dx, dy = window.map_view.evaluate("TreatyMap.markerOffset('rapallo-1922')")
    marker = image.pixelColor(round(x + dx), round(y + dy))
    treaty = QColor(KIND_COLORS["treaty"])
    assert max(abs(marker.red() - treaty.red()), abs(marker.green() - treaty.green()),
               abs(marker.blue() - treaty.blue())) < 40, marker.name()


def test_moving_the_timeline_changes_visible_markers(window, qtbot):
    state = window.state
    state.set_date(dt.date(1919, 1, 1))
    wait_page(qtbot, window, lambda p: p["date"] == "1919-01-01")
    assert page(window)["visibleIds"] == ["brest-1918"]
    window.timeline.setFocus()
    state.set_date(dt.date(1926, 6, 1))
    wait_page(qtbot, window, lambda p: p["date"] == "1926-06-01")
    visible = set(page(window)["visibleIds"])
    assert visible == {e.id for e in state.visible_events()}
    assert {"berlin-1926", "lipetsk-1925", "rapallo-1922"} <= visible


def test_dragging_the_timeline_moves_the_map(window, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    slider = window.timeline
    y = slider.height() - 30
    x0, x1 = int(slider.x_for_date(dt.date(1919, 6, 1))), int(slider.x_for_date(dt.date(1930, 6, 1)))
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x0, y))
    for x in range(x0, x1, 40):
        QTest.mouseMove(slider, QPoint(x, y))
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x1, y))
    qtbot.waitUntil(lambda: window.state.date.year == 1930, timeout=3000)
    wait_page(qtbot, window, lambda p: p["date"][:4] == "1930")
    assert "berlin-1926" in page(window)["visibleIds"]


def test_clicking_a_marker_selects_the_event_in_python(window, qtbot):
    window.state.set_date(dt.date(1926, 6, 1))
    wait_page(qtbot, window, lambda p: p["date"] == "1926-06-01")
    view = window.map_view
    # Where is Berlin's marker on screen? Ask the page, then click there like a user.
    x, y = view.evaluate("TreatyMap.project(52.52, 13.405)")
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    target = view.focusProxy() or view
    with qtbot.waitSignal(view.bridge.event_clicked, timeout=5000) as blocker:
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(x), round(y)))
    assert blocker.args == ["berlin-1926"]
    assert window.state.selected_id == "berlin-1926"
    wait_page(qtbot, window, lambda p: p["selected"] == "berlin-1926" and p["linkArcs"] == 1)
    assert "Treaty of Berlin" in window.details.toPlainText()


def test_selecting_fills_details_and_draws_links(window, qtbot):
    window.state.select("rapallo-1922")
    wait_page(qtbot, window, lambda p: p["selected"] == "rapallo-1922")
    p = page(window)
    assert p["linkArcs"] == 3            # Genoa, Berlin, Lipetsk's place; the 1920 treaty shares the place
    assert p["capitalLines"] == 2        # Berlin and Moscow, the parties' capitals
    text = window.details.toPlainText()
    for words in ("16 April 1922", "Rathenau", "Followed from", "Reaffirmed by", "Genoa Conference", "km away",
                  "Test source C"):
        assert words in text
    assert "<b>restored</b>" in text     # dataset text is shown as text, never as markup


def test_clicking_a_link_in_details_selects_it_and_moves_the_timeline(window, qtbot):
    window.state.select("rapallo-1922")
    assert "Treaty of Berlin" in window.details.toPlainText()   # listed under "Reaffirmed by"
    window.details.anchorClicked.emit(QUrl("event:berlin-1926"))
    assert window.state.selected_id == "berlin-1926"
    assert window.state.date == dt.date(1926, 4, 24)
    assert window.timeline.date_at(window.timeline.x_for_date(dt.date(1926, 4, 24))) == dt.date(1926, 4, 24)
    wait_page(qtbot, window, lambda p: p["selected"] == "berlin-1926" and p["date"] == "1926-04-24")


def test_search_finds_both_rapallo_treaties(window, qtbot):
    box = window.search_box
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    qtbot.waitUntil(lambda: box.is_ready, timeout=5000)
    qtbot.keyClicks(box, "Rapallo")
    assert set(box.hit_ids()[:2]) == {"rapallo-1920", "rapallo-1922"}         # named in their titles
    labels = [box.results.item(r).text() for r in range(2)]
    assert any("Italian" in l and "1920" in l for l in labels) and any("German" in l and "1922" in l for l in labels)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.state.selected_id in {"rapallo-1920", "rapallo-1922"}


def test_keyboard_steps_through_events(window, qtbot):
    window.state.select("genoa-1922")
    window.timeline.setFocus()
    qtbot.waitUntil(window.timeline.hasFocus, timeout=2000)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Right)
    assert window.state.selected_id == "rapallo-1922"
    qtbot.keyClick(window.timeline, Qt.Key.Key_Left)
    assert window.state.selected_id == "genoa-1922"
    qtbot.keyClick(window.timeline, Qt.Key.Key_End)
    assert window.state.date == window.state.dataset.last_date
    qtbot.keyClick(window.timeline, Qt.Key.Key_Home)
    assert window.state.date == window.state.dataset.first_date


def test_filters_reach_the_page(window, qtbot):
    window.state.set_date(dt.date(1930, 1, 1))
    bar = window.filter_bar
    assert bar.all_kinds_action.isChecked() and all(a.isChecked() for a in bar.kind_actions.values())
    for kind, action in bar.kind_actions.items():          # untick every kind but treaties
        if kind != "treaty":
            action.setChecked(False)
    assert window.state.filters.kinds == {"treaty"} and not bar.all_kinds_action.isChecked()
    wait_page(qtbot, window, lambda p: p["visibleCount"] == 4)
    assert set(page(window)["visibleIds"]) == {"brest-1918", "rapallo-1920", "rapallo-1922", "berlin-1926"}
    bar.all_kinds_action.setChecked(True)
    wait_page(qtbot, window, lambda p: p["visibleCount"] == 6)


def test_settings_persist_between_runs(window, qtbot, web_context, mini):
    from explorer.desktop.qt.main_window import MainWindow

    window.state.select("berlin-1926")
    window.map_view.call("setView", 48.0, 11.0, 6)            # as a drag and a zoom by the user would
    # The page reports where it came to rest; the state holds it (closing asks the page nothing).
    qtbot.waitUntil(lambda: window.state.camera is not None and window.state.camera.zoom == 6, timeout=5000)
    window.resize(700, 520)   # within the offscreen screen, where restoreGeometry clamps
    window.side_splitter.setSizes([450, 250])
    sizes = window.side_splitter.sizes()
    window.close()
    again = MainWindow(ExplorerState(mini), web_context, window.settings, restore=True)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.state.selected_id == "berlin-1926"
    assert again.state.date == dt.date(1926, 4, 24)
    assert (again.size().width(), again.size().height()) == (700, 520)
    assert again.side_splitter.sizes() == sizes
    if not again.map_view.is_ready:
        with qtbot.waitSignal(again.map_view.ready, timeout=20000):
            pass
    view = again.map_view.page_state()
    assert view["zoom"] == 6 and abs(view["center"][0] - 48.0) < 0.01 and abs(view["center"][1] - 11.0) < 0.01
    assert view["selected"] == "berlin-1926"


def test_first_run_opens_at_the_default_view(qtbot, web_context, mini, tmp_path):
    from explorer.desktop.qt.main_window import MainWindow

    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ExplorerState(mini), web_context, settings, restore=True)
    qtbot.addWidget(win)
    assert win.state.date == mini.default_view.date and win.state.selected_id is None


def test_no_outgoing_network_request_was_attempted(window, qtbot, web_context):
    """Using the window asks nothing of the network (test_page_security shows what happens when a page tries)."""
    window.state.select("rapallo-1922")
    wait_page(qtbot, window, lambda p: p["selected"] == "rapallo-1922")
    assert web_context.guard.blocked == []
    assert window.map_view.page().console_errors == []


def test_page_refuses_navigation_away(window, qtbot):
    view = window.map_view
    url = view.url().toString()
    view.page().runJavaScript("window.location.href = 'https://example.org/';")
    qtbot.waitUntil(lambda: bool(view.page().refused_navigations), timeout=5000)
    assert view.url().toString() == url
    view.page().refused_navigations.clear()
    window.context.guard.blocked.clear()


def test_changes_made_while_the_page_loads_reach_it(qtbot, web_context, mini):
    """The page starts from the state of load time; what changes before it is ready is caught up, not lost
    (and not sent to a page whose script has not started, which would fail there)."""
    from explorer.qt.map_view import MapView

    state = ExplorerState(mini)
    view = MapView(state, web_context, animate=False)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    assert not view.is_ready
    state.select("berlin-1926")
    state.set_date(dt.date(1926, 6, 1))
    with qtbot.waitSignal(view.ready, timeout=20000):
        pass
    qtbot.waitUntil(lambda: view.page_state()["selected"] == "berlin-1926", timeout=5000)
    assert view.page_state()["date"] == "1926-06-01"
    assert view.page().console_errors == []


def test_a_killed_renderer_is_reloaded_in_the_windows_state(window, qtbot):
    """The desktop window recovers from a renderer crash as the kiosk does: the map comes back showing the
    selection it had (issue 10)."""
    import os
    import signal

    window.state.select("berlin-1926")
    wait_page(qtbot, window, lambda p: p["selected"] == "berlin-1926")
    with qtbot.waitSignal(window.map_view.ready, timeout=30000):
        os.kill(window.map_view.page().renderProcessPid(), signal.SIGKILL)
    wait_page(qtbot, window, lambda p: p["selected"] == "berlin-1926" and p["date"] == "1926-04-24")
    assert window.crashes.recent == 1


def test_a_renderer_that_keeps_dying_is_left_for_the_user_to_reload(window, qtbot):
    import os
    import signal

    window.crashes.max_crashes = 0                  # the next crash is one too many
    with qtbot.waitSignal(window.map_view.renderer_crashed, timeout=10000):
        os.kill(window.map_view.page().renderProcessPid(), signal.SIGKILL)
    assert "keeps stopping" in window.statusBar().currentMessage()
    assert not window.map_view.is_ready
    with qtbot.waitSignal(window.map_view.ready, timeout=30000):
        window.reload_action.trigger()


def test_clicking_a_timeline_mark_is_one_page_update(window, qtbot):
    """A selection moves the date too, yet the page hears of it once: one update, one change number (the
    state sends a batch as one change; issue 11)."""
    from PySide6.QtTest import QTest

    view = window.map_view
    wait_page(qtbot, window, lambda p: p["paintedSerial"] == p["serial"])
    before, sent = page(window)["serial"], view.updates_sent
    mark = window.timeline.mark_rect("berlin-1926").center().toPoint()
    QTest.mouseClick(window.timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, mark)
    assert window.state.selected_id == "berlin-1926"
    wait_page(qtbot, window, lambda p: p["selected"] == "berlin-1926" and p["paintedSerial"] == p["serial"])
    assert view.updates_sent - sent == 1
    assert page(window)["serial"] - before == 1
    assert page(window)["date"] == "1926-04-24"
