"""The kiosk window, offscreen: idle cycle, input on the map's focus proxy, lockdown, staff exit, renderer
recovery, languages and the refusal to run remotely debuggable. Time in the idle cycle and the tour is a
``ManualClock`` the tests move (the window's timers read it), never the wall clock."""

import os
import signal
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QPoint, Qt, QTimer, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from explorer.kiosk import EXIT_REFUSED, EXIT_RENDERER, EXIT_STAFF
from explorer.kiosk.config import KioskConfig, hash_pin
from explorer.kiosk.idle import Phase
from explorer.kiosk.interaction_log import InteractionLog
from explorer.model.playback import ManualClock
from explorer.model.state import ExplorerState

pytestmark = pytest.mark.gui

PIN = "2468"
PIN_HASH = hash_pin(PIN, iterations=10_000)
SLOW = dict(prompt_after_s=600, reset_after_s=600, attract_start_after_s=600, attract_dwell_s=600)
#: The shipped defaults' proportions, in seconds of the manual clock.
CYCLE = dict(prompt_after_s=90, reset_after_s=20, attract_start_after_s=30, attract_dwell_s=12)


def later(win, seconds):
    """Let ``seconds`` pass on the kiosk's clock, and let its idle machine and tour see it."""
    win.clock.advance(seconds)
    win.idle.tick()
    win.playback.tick()


def _delete_later_now(*objects):
    from PySide6.QtCore import QCoreApplication, QEvent

    for obj in objects:
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def make_kiosk(qtbot, mini, web_context, tmp_path):
    """Build a started kiosk window on the mini dataset with config overrides; shut down afterwards."""
    from explorer.kiosk.qt.window import KioskWindow

    made = []

    def make(**overrides):
        config = replace(KioskConfig(log_dir=tmp_path / "logs", staff_pin_hash=PIN_HASH,
                                     attract_events=("rapallo-1922", "berlin-1926"), **SLOW), **overrides)
        win = KioskWindow(ExplorerState(mini), config, web_context, InteractionLog(config.log_dir),
                          clock=ManualClock(1000.0))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.map_view.is_ready, timeout=20000)
        win.start()
        made.append(win)
        return win

    yield make
    for win in made:
        win.shutdown()
        win.close()
    _delete_later_now(*made)


def kinds(win):
    return [line["kind"] for line in win.log.read_day()]


def proxy_of(win):
    proxy = win.map_view.focusProxy()
    assert proxy is not None, "the web view has no focus proxy yet"
    return proxy


def touch_device():
    return QTest.createTouchDevice()


def tap(widget, pos, device):
    QTest.touchEvent(widget, device).press(0, pos, widget).commit()
    QTest.touchEvent(widget, device).release(0, pos, widget).commit()


# --- layout ---------------------------------------------------------------------------------------------

def details_text(win) -> str:
    """Everything the kiosk's details say, as one text."""
    from explorer.kiosk.qt.widgets import FitLabel

    return "\n".join(label.full_text() for label in win.details.findChildren(FitLabel) if label.isVisible())


def qtbot_wait_layout(win) -> None:
    from PySide6.QtCore import QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.processEvents()


def test_kiosk_layout_is_simple_and_touch_sized(make_kiosk):
    win = make_kiosk()
    assert win.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert [b.text() for b in win.language_buttons.values()] == ["✓ English", "Deutsch"]    # ✓: not by colour alone
    win.state.select("rapallo-1922")
    qtbot_wait_layout(win)
    for button in (*win.language_buttons.values(), win.home_button, win.close_button):
        assert button.minimumHeight() >= 48 and button.height() >= 48 and button.width() >= 48
    win.state.select(None)
    assert win.timeline.touch_mode and win.timeline.hit_radius >= 24
    assert not win.details.isVisible() and win.invitation.isVisible()      # panels closed at home, an invitation
    assert not win.loading.isVisible()
    assert win.map_view.page().console_errors == []
    win.state.select("rapallo-1922")
    assert win.details.isVisible() and "Treaty of Rapallo" in details_text(win) and not win.invitation.isVisible()


def test_tapping_a_timeline_mark_with_a_finger_opens_the_event(make_kiosk, qtbot):
    win = make_kiosk()
    rect = win.timeline.mark_rect("rapallo-1922")
    tap(win.timeline, rect.center().toPoint(), touch_device())
    qtbot.waitUntil(lambda: win.state.selected_id == "rapallo-1922", timeout=2000)
    assert win.details.isVisible() and "Treaty of Rapallo" in details_text(win)
    qtbot.waitUntil(lambda: win.map_view.page_state()["selected"] == "rapallo-1922", timeout=5000)


# --- idle cycle ---------------------------------------------------------------------------------------------

def test_idle_prompt_reset_then_attract_tour_and_touch_ends_it(make_kiosk, qtbot):
    win = make_kiosk(**CYCLE)
    idle = win.idle
    idle.touch()                                                    # a visitor arrives ...
    win.state.select("genoa-1922")
    win.state.set_language("de")
    later(win, 89)
    assert not win.prompt.isVisible()
    with qtbot.waitSignal(idle.prompt_shown, timeout=1000):        # ... and leaves
        later(win, 1)
    assert win.prompt.isVisible() and "Sind Sie noch da?" in win.prompt.title.text()
    with qtbot.waitSignal(idle.reset_requested, timeout=1000):
        later(win, 20)
    assert not win.prompt.isVisible()
    assert win.state.selected_id is None and win.state.language == "en"
    assert win.state.date == win.state.dataset.default_view.date and not win.details.isVisible()
    qtbot.waitUntil(lambda: win.map_view.is_ready, timeout=20000)  # the page was loaded afresh
    later(win, 29)
    assert idle.phase is Phase.HOME and win.state.selected_id is None
    later(win, 1)                                                   # the tour starts at its first stop
    assert idle.phase is Phase.ATTRACT and win.state.selected_id == "rapallo-1922"
    assert win.banner.isVisible() and "Touch the screen" in win.banner.invite.full_text()
    assert win.state.selected_event.text("title") in win.banner.event_title.full_text()
    for _ in range(12):                                             # 12 s on a stop (in ticks of a second)
        later(win, 1)
    assert win.state.selected_id == "berlin-1926" and win.playback.tour_step == 1      # and on, looping
    for _ in range(12):
        later(win, 1)
    assert win.state.selected_id == "rapallo-1922"
    qtbot.waitUntil(lambda: win.map_view.page_state()["selected"] == "rapallo-1922", timeout=5000)
    # The first touch ends the tour and shows home; it does not also act on the map.
    with qtbot.waitSignal(idle.home_requested, timeout=3000):
        QTest.mouseClick(proxy_of(win), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(400, 300))
    assert idle.phase is Phase.ACTIVE and not win.banner.isVisible() and win.state.selected_id is None
    assert not win.playback.is_playing
    log = kinds(win)
    for kind in ("session_start", "event_opened", "reset", "session_end", "tour_started", "tour_interrupted"):
        assert kind in log, log
    # The visit lasted from its first touch until the exhibit started over: 90 s idle and 20 s of countdown.
    (end,) = [line for line in win.log.read_day() if line["kind"] == "session_end"]
    assert (end["seconds"], end["touching_s"], end["language"]) == (110.0, 0.0, "de")


def test_mouse_and_touch_on_the_web_views_focus_proxy_restart_the_idle_timer(make_kiosk, qtbot):
    win = make_kiosk(prompt_after_s=60, reset_after_s=20)
    machine = win.idle.machine
    proxy = proxy_of(win)
    device = touch_device()
    QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 300))
    assert machine.phase is Phase.ACTIVE
    for send in ("mouse", "touch", "mouse", "touch"):
        before = machine.last_input
        later(win, 25)
        if send == "mouse":
            QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(320, 310))
        else:
            tap(proxy, QPoint(330, 320), device)
        assert machine.last_input > before, f"{send} input did not restart the idle timer"
    assert machine.phase is Phase.ACTIVE                            # 100 s in all, never 60 s idle
    # Input on the map also dismisses the prompt.
    with qtbot.waitSignal(win.idle.prompt_shown, timeout=1000):
        later(win, 60)
    with qtbot.waitSignal(win.idle.prompt_dismissed, timeout=2000):
        tap(proxy, QPoint(330, 320), device)
    assert machine.phase is Phase.ACTIVE and not win.prompt.isVisible()


# --- lockdown ----------------------------------------------------------------------------------------------

def test_navigation_from_the_page_leaves_the_url_unchanged(make_kiosk, qtbot):
    win = make_kiosk()
    page = win.map_view.page()
    url = win.map_view.url().toString()
    page.runJavaScript("location.href = 'https://example.org/';")
    qtbot.waitUntil(lambda: "https://example.org/" in page.refused_navigations, timeout=5000)
    qtbot.wait(200)
    assert win.map_view.url().toString() == url
    assert win.map_view.page_state()["ready"]
    win.context.guard.blocked.clear()


def test_window_open_and_javascript_dialogs_create_nothing(make_kiosk, qtbot):
    win = make_kiosk()
    before = set(QApplication.topLevelWidgets())
    result = win.map_view.evaluate(
        "([String(window.open('https://example.org/')), String(window.open('explorer://app/x')),"
        " String(confirm('Leave?')), String(prompt('Name?')), String(alert('hi'))])")
    assert result == ["null", "null", "false", "null", "undefined"]
    qtbot.wait(300)
    assert set(QApplication.topLevelWidgets()) == before
    # The Qt side refuses too, for anything the page's own overrides would miss.
    page = win.map_view.page()
    assert page.createWindow(0) is None and page.chooseFiles(0, [], []) == []
    assert page.javaScriptConfirm(QUrl(), "x") is False


def test_web_permission_requests_are_denied(make_kiosk, qtbot):
    win = make_kiosk()
    page = win.map_view.page()
    page.runJavaScript("window.__geo = 'waiting'; navigator.geolocation.getCurrentPosition("
                       "function () { window.__geo = 'granted'; }, function (e) { window.__geo = 'denied ' + e.code; });"
                       "Notification.requestPermission().then(function (r) { window.__note = r; });")
    qtbot.waitUntil(lambda: win.map_view.evaluate("([String(window.__geo)])")[0] != "waiting",
                    timeout=5000)
    assert win.map_view.evaluate("([String(window.__geo)])") == ["denied 1"]   # PERMISSION_DENIED
    qtbot.waitUntil(lambda: win.map_view.evaluate("([String(window.__note)])") == ["denied"],
                    timeout=5000)
    assert page.denied_permissions


def test_right_click_and_long_press_show_no_menu_and_select_nothing(make_kiosk, qtbot):
    win = make_kiosk()
    proxy = proxy_of(win)
    assert win.map_view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert proxy.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    QTest.mouseClick(proxy, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(500, 300))
    device = touch_device()
    QTest.touchEvent(proxy, device).press(0, QPoint(520, 320), proxy).commit()
    qtbot.wait(1200)                                                # longer than a long-press
    QTest.touchEvent(proxy, device).release(0, QPoint(520, 320), proxy).commit()
    qtbot.wait(300)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert menus == []
    assert win.map_view.evaluate("([String(window.getSelection())])") == [""]
    assert win.map_view.evaluate(
        "getComputedStyle(document.body).userSelect + ' ' + getComputedStyle(document.body).touchAction"
    ) == "none none"


def test_quit_reload_and_devtools_shortcuts_are_swallowed(make_kiosk, qtbot):
    win = make_kiosk()
    proxy = proxy_of(win)
    reloads = []
    win.map_view.loadStarted.connect(lambda: reloads.append(1))
    swallowed = win.guard.swallowed
    C, S, A = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
    for key, mods in ((Qt.Key.Key_Q, C), (Qt.Key.Key_W, C), (Qt.Key.Key_R, C), (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F4, A), (Qt.Key.Key_I, C | S)):
        QTest.keyClick(proxy, key, mods)
    qtbot.wait(300)
    assert win.guard.swallowed - swallowed >= 7
    assert reloads == [] and win.isVisible()
    win.close()                                                     # a visitor cannot close it either
    assert win.isVisible()


def test_sources_are_listed_as_text_and_nothing_opens_a_browser(make_kiosk, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QAbstractButton

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    win = make_kiosk()
    win.state.select("genoa-1922")
    text = details_text(win)
    assert "1. Test source B\nhttps://example.org/b" in text and "cannot be opened on this screen" in text
    buttons = [b for b in win.details.findChildren(QAbstractButton) if b.isVisible() and b is not win.details.more_button]
    for index in range(len(buttons)):                               # no button leads anywhere outside
        win.state.select("genoa-1922")
        qtbot_wait_layout(win)
        [b for b in win.details.findChildren(QAbstractButton) if b.isVisible() and b is not win.details.more_button][index].click()
    assert opened == [] and len(buttons) >= 2


# --- staff exit ----------------------------------------------------------------------------------------

def _staff_gesture(win):
    for _ in range(5):
        QTest.mouseClick(win, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(12, 12))


def _enter(win, digits, qtbot=None):
    """Type ``digits`` and OK; wait for the check (it runs off the UI thread) to answer."""
    for digit in digits:
        QTest.mouseClick(win.pin_pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    QTest.mouseClick(win.pin_pad.ok_button, Qt.MouseButton.LeftButton)
    deadline = QDeadlineTimer(5000)
    while win.pin_pad.checking and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def test_staff_gesture_wrong_pin_stays_right_pin_exits_with_the_staff_code(make_kiosk, qtbot):
    win = make_kiosk()
    exits = []
    win.exit_requested.connect(exits.append)
    QTest.mouseClick(win, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(12, 12))
    assert not win.pin_pad.isVisible()                              # one tap is not the gesture
    _staff_gesture(win)
    assert win.pin_pad.isVisible()
    _enter(win, "1111")
    assert exits == [] and win.pin_pad.isVisible() and win.pin_pad.message.text() == "Wrong PIN."
    _enter(win, PIN)
    assert exits == [EXIT_STAFF] and not win.pin_pad.isVisible()
    assert "staff_pin_wrong" in kinds(win)


def test_the_staff_gesture_counts_each_real_touch_once(make_kiosk, qtbot):
    """Touches reach the window's QWindow, then the widget, and Qt adds a mouse copy: still one tap each."""
    win = make_kiosk()
    device = touch_device()
    corner = QPoint(12, 12)
    for _ in range(4):
        tap(win, corner, device)
    qtbot.wait(50)
    assert not win.pin_pad.isVisible()
    tap(win, corner, device)
    qtbot.waitUntil(win.pin_pad.isVisible, timeout=2000)


def test_wrong_pins_are_rate_limited(make_kiosk):
    win = make_kiosk()
    exits = []
    win.exit_requested.connect(exits.append)
    _staff_gesture(win)
    for _ in range(4):
        _enter(win, "0000")
    assert "Too many attempts" in win.pin_pad.message.text()
    _enter(win, PIN)                                                # right, but locked out for now
    assert exits == [] and "Too many attempts" in win.pin_pad.message.text()
    assert "staff_pin_locked" in kinds(win)


def test_kiosk_mode_opens_full_screen_and_the_staff_exit_ends_the_app_with_code_10(qapp, qtbot, mini, tmp_path,
                                                                                      monkeypatch):
    from explorer.kiosk.qt.mode import KioskMode

    config = tmp_path / "kiosk.toml"
    config.write_text(f'[staff]\npin_hash = "{PIN_HASH}"\n[log]\ndir = "{tmp_path / "logs"}"\n'
                      '[attract]\nevents = ["rapallo-1922", "atlantis-1923"]\n')
    exit_calls = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exit_calls.append(code)))
    mode = KioskMode(config, state_dir=tmp_path / "state")
    win = mode.create_window(mini)
    try:
        assert mode.name == "kiosk" and win.isFullScreen()
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
        assert win.config.attract_events == ("rapallo-1922",)           # the unknown id was dropped and logged
        assert any("atlantis-1923" in p for p in mode.problems)
        qtbot.waitUntil(lambda: win.map_view.is_ready, timeout=20000)
        _staff_gesture(win)
        _enter(win, PIN)
        assert exit_calls == [EXIT_STAFF] and mode.exit_code == EXIT_STAFF
        assert QApplication.overrideCursor() is None
        lines = win.log.read_day()
        assert lines[-1]["kind"] == "kiosk_exit" and lines[-1]["code"] == EXIT_STAFF
        assert "config_problem" in [line["kind"] for line in lines]
    finally:
        win.shutdown()
        win.close()
        _delete_later_now(win, mode.context)


@pytest.mark.parametrize("env, argv", [
    ({"QTWEBENGINE_REMOTE_DEBUGGING": "9222"}, []),
    ({"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --remote-debugging-port=9222"}, []),
    ({}, ["explorer", "--kiosk", "--remote-debugging-port=9222"]),
])
def test_refuses_to_start_when_remote_debugging_is_enabled(qapp, mini, tmp_path, monkeypatch, env, argv):
    from explorer.kiosk.qt.mode import KioskMode, remote_debugging_reason

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if argv:
        monkeypatch.setattr("sys.argv", argv)
    assert remote_debugging_reason() is not None
    mode = KioskMode(None, state_dir=tmp_path / "state")
    assert mode.create_window(mini) is None
    assert mode.exit_code == EXIT_REFUSED
    assert remote_debugging_reason(environ={"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}, argv=["explorer"]) is None


# --- recovery ------------------------------------------------------------------------------------------

def _kill_renderer(win):
    pid = win.map_view.page().renderProcessPid()
    assert pid > 0
    os.kill(pid, signal.SIGKILL)


def test_a_killed_renderer_is_reloaded_and_the_map_works_again(make_kiosk, qtbot):
    win = make_kiosk()
    exits = []
    win.exit_requested.connect(exits.append)
    with qtbot.waitSignal(win.recovered, timeout=30000):
        _kill_renderer(win)
    assert win.map_view.is_ready and not win.loading.isVisible() and exits == []
    win.state.select("rapallo-1922")
    qtbot.waitUntil(lambda: win.map_view.page_state()["selected"] == "rapallo-1922", timeout=5000)
    assert proxy_of(win).contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu   # re-locked
    assert "renderer_crash" in kinds(win)


def test_a_renderer_that_keeps_dying_exits_for_the_supervisor(make_kiosk, qtbot):
    win = make_kiosk(renderer_max_crashes=1)
    with qtbot.waitSignal(win.recovered, timeout=30000):
        _kill_renderer(win)
    with qtbot.waitSignal(win.exit_requested, timeout=30000) as blocker:
        _kill_renderer(win)
    assert blocker.args == [EXIT_RENDERER]


# --- languages -----------------------------------------------------------------------------------------

def test_language_switch_shows_german_where_the_dataset_has_it(make_kiosk, qtbot):
    win = make_kiosk()
    win.state.select("rapallo-1922")
    QTest.mouseClick(win.language_buttons["de"], Qt.MouseButton.LeftButton)
    assert win.state.language == "de"
    assert win.language_buttons["de"].isChecked() and not win.language_buttons["en"].isChecked()
    assert win.home_button.text().endswith("Start") and win.close_button.text().endswith("Schließen")
    text = details_text(win)
    assert "Vertrag von Rapallo" in text and "Verzicht auf Ansprüche." in text and "Zusammenfassung" in text
    assert "Vertrag" in text and "16. April 1922" in text and "Folgte aus" in text
    qtbot.waitUntil(lambda: win.map_view.page_state()["language"] == "de", timeout=5000)
    win.state.select("berlin-1926")                                 # no translation: English text
    assert "Treaty of Berlin" in details_text(win)
    assert kinds(win).count("language_chosen") == 1
    QTest.mouseClick(win.home_button, Qt.MouseButton.LeftButton)   # home keeps the visitor's language
    assert win.state.selected_id is None and win.state.language == "de" and not win.details.isVisible()


def test_the_configured_borders_are_the_maps_at_start_and_after_every_reset(make_kiosk, qtbot):
    win = make_kiosk(map_borders="present")
    assert win.state.borders == "present"
    assert win.map_view.evaluate("TreatyMap._.state.borders") == "present"          # the page was told
    win.state.set_borders("period")                                 # whatever happened during a visit ...
    win.idle.reset_requested.emit()                                 # ... the next one starts as configured
    assert win.state.borders == "present"


def test_text_is_wrapped_or_shortened_never_clipped(qapp):
    from PySide6.QtGui import QFont, QFontMetricsF

    from explorer.kiosk.qt.widgets import FitLabel, wrap_lines

    font = QFont()
    font.setPixelSize(20)
    text = "Italienisch-sowjetischer Freundschafts-, Nichtangriffs- und Neutralitätspakt"
    lines = wrap_lines(text, font, 200)
    metrics = QFontMetricsF(font)
    assert len(lines) >= 3 and all(metrics.horizontalAdvance(line) <= 200 for line in lines)
    assert " ".join(lines).replace("- ", "-") == text.replace("- ", "-")
    label = FitLabel(None, "banner", max_lines=1)
    label.setFont(font)
    label.set_full_text(text)
    label.resize(240, label.heightForWidth(240))
    label.show()
    assert label.shown_lines()[0].endswith("…") and len(label.shown_lines()) == 1
    assert label.text_width() <= 240 and label.accessibleName() == text and label.full_text() == text
    label.resize(2000, label.heightForWidth(2000))
    assert label.shown_lines() == [text]


def test_the_pin_is_checked_off_the_ui_thread(make_kiosk, qtbot):
    """The slowest hash a configuration may ask for takes a moment; the exhibit keeps running meanwhile."""
    from explorer.kiosk.config import PIN_ITERATIONS_RANGE

    win = make_kiosk()
    win.pin_pad.pin_hash = hash_pin(PIN, iterations=PIN_ITERATIONS_RANGE[1])
    _staff_gesture(win)
    for digit in PIN:
        QTest.mouseClick(win.pin_pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    exits = []
    win.exit_requested.connect(exits.append)
    QTest.mouseClick(win.pin_pad.ok_button, Qt.MouseButton.LeftButton)
    assert win.pin_pad.checking and exits == []              # the click returned before the hash was done
    assert not win.pin_pad.submit()                          # and a second OK waits for the first answer
    ticks = []
    timer = QTimer(win)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: exits == [EXIT_STAFF], timeout=20000)
    timer.stop()
    assert len(ticks) >= 3                                   # the event loop ran while the PIN was checked


def test_a_finger_that_lands_beside_a_map_marker_opens_its_event(make_kiosk, qtbot):
    """Markers are drawn 17 px across; in the kiosk a tap 20 px from one's centre still opens it."""
    import json

    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    win = make_kiosk()
    qtbot.waitUntil(lambda: win.map_view.page_state()["ready"], timeout=10000)
    qtbot.waitUntil(lambda: win.map_view.evaluate("TreatyMap._.hitSlop || 0") > 0, timeout=5000)
    event = win.state.dataset.event("berlin-1926")
    win.state.set_date(event.date.start)                  # its marker is on the map from its day
    qtbot.waitUntil(lambda: win.map_view.page_state()["date"] == event.date.start.isoformat(), timeout=5000)
    place = win.state.dataset.place_of(event)
    x, y = win.map_view.evaluate(f"TreatyMap.project({place.lat}, {place.lon})")
    dx, dy = win.map_view.evaluate(f"TreatyMap.markerOffset({json.dumps(event.id)})")
    zoom = win.map_view.zoomFactor()                  # the page's px are the screen's scaled by the zoom
    QTest.mouseClick(win.map_view.focusProxy() or win.map_view, Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(round((x + dx) * zoom), round((y + dy - 20) * zoom)))
    qtbot.waitUntil(lambda: win.state.selected_id == "berlin-1926", timeout=5000)
