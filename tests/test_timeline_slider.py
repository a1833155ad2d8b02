"""The timeline slider: clicking marks, scrubbing, keys, zoom, play, touch, and what it paints."""

from __future__ import annotations

import datetime as dt
import gc
import time

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QNativeGestureEvent, QPalette, QPointingDevice, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGestureEvent, QPinchGesture, QToolTip

from explorer.model.state import ExplorerState, Filters
from explorer.qt.play_controls import PlayControls
from explorer.qt.timeline_paint import ERA_ALPHA
from explorer.qt.timeline_slider import TimelineSlider
from explorer.webmap.page import KIND_COLORS

pytestmark = pytest.mark.gui


@pytest.fixture
def state(mini):
    return ExplorerState(mini)


@pytest.fixture
def slider(qtbot, state):
    widget = TimelineSlider(state)
    qtbot.addWidget(widget)
    widget.resize(800, 110)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _centre(slider, event_id) -> QPoint:
    return slider.mark_rect(event_id).center().toPoint()


def _close(color: QColor, hex_color: str, tolerance: int = 12) -> bool:
    want = QColor(hex_color)
    return all(abs(a - b) <= tolerance for a, b in zip(color.getRgb()[:3], want.getRgb()[:3]))


def _wheel(slider, x: float, steps: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    pos = QPointF(x, slider.height() / 2)
    event = QWheelEvent(pos, slider.mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(slider, event)


def test_geometry_helpers_agree(slider, state):
    day = dt.date(1922, 4, 16)
    assert slider.date_at(slider.x_for_date(day)) == day
    first, last = slider.visible_span()
    assert first <= state.dataset.first_date and last >= state.dataset.last_date
    assert slider.minimumHeight() >= 90 and slider.sizeHint().height() >= 90
    assert slider.accessibleName() == "Timeline"
    assert "16 April 1922" in slider.accessibleDescription()
    with pytest.raises(KeyError):
        slider.mark_rect("no-such-event")


def test_click_on_mark_selects_event(qtbot, slider, state):
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=_centre(slider, "brest-1918"))
    assert state.selected_id == "brest-1918"
    assert state.date == dt.date(1918, 3, 3)
    # Close to a mark (within the hit radius) still hits it.
    near = _centre(slider, "berlin-1926") - QPoint(0, int(slider.mark_rect("berlin-1926").height() / 2) + 3)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=near)
    assert state.selected_id == "berlin-1926"


def test_clicking_between_two_marks_picks_the_nearest(slider):
    rect = slider.mark_rect("rapallo-1920")
    pos = QPointF(rect.right() + 2, rect.center().y())
    assert slider.event_at(pos).id == "rapallo-1920"
    assert slider.event_at(QPointF(rect.right() + 40, rect.center().y())) is None


def test_drag_on_the_track_scrubs(qtbot, slider, state):
    y = slider.height() - 30               # the tick-label row: no marks there
    x1, x2 = 100, 520
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x1, y))
    assert state.date == slider.date_at(x1)
    QTest.mouseMove(slider, QPoint(300, y))
    QTest.mouseMove(slider, QPoint(x2, y))
    qtbot.waitUntil(lambda: state.date == slider.date_at(x2))    # the throttled update lands
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x2, y))
    assert state.date == slider.date_at(x2)


def test_drag_the_handle_keeps_the_grab_offset(qtbot, slider, state):
    hx = round(slider.x_for_date(state.date))
    y = slider.height() - 45                # the axis, where the knob is
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(hx + 3, y))
    assert state.date == dt.date(1922, 4, 16)     # grabbing the handle does not move it
    QTest.mouseMove(slider, QPoint(hx + 203, y))
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(hx + 203, y))
    assert abs((state.date - slider.date_at(hx + 200)).days) <= 1


def test_scrubbing_is_throttled_but_the_release_always_lands(slider, state):
    dates = []
    state.events.date.connect(dates.append)
    y = slider.height() - 30
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, y))
    for x in (150, 200, 250, 300, 350, 400):
        QTest.mouseMove(slider, QPoint(x, y))
    assert len(dates) < 4                   # one update per frame, not one per mouse move
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(420, y))
    assert state.date == slider.date_at(420)


def test_keys_step_through_events_and_jump(qtbot, slider, state):
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert state.selected_id == "lipetsk-1925"           # the next event after 16 April 1922
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert state.selected_id == "berlin-1926"
    qtbot.keyClick(slider, Qt.Key.Key_Left)
    assert state.selected_id == "lipetsk-1925"
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    assert state.date == state.dataset.first_date
    qtbot.keyClick(slider, Qt.Key.Key_End)
    assert state.date == state.dataset.last_date
    state.set_date(dt.date(1922, 4, 16))
    qtbot.keyClick(slider, Qt.Key.Key_PageUp)
    assert state.date == dt.date(1923, 4, 16)
    qtbot.keyClick(slider, Qt.Key.Key_PageDown)
    assert state.date == dt.date(1922, 4, 16)


def test_wheel_zooms_around_the_cursor(slider):
    before = slider.visible_span()
    x = 450
    under = slider.date_at(x)
    _wheel(slider, x, 3)
    after = slider.visible_span()
    assert (after[1] - after[0]) < (before[1] - before[0]) * 0.7
    assert abs(slider.x_for_date(under) - x) < 3
    _wheel(slider, x, -20)                    # zooming out stops at the whole dataset
    assert slider.visible_span() == before


def test_shift_wheel_pans_and_keys_zoom(qtbot, slider):
    qtbot.keyClick(slider, Qt.Key.Key_Plus)
    qtbot.keyClick(slider, Qt.Key.Key_Plus)
    zoomed = slider.visible_span()
    assert zoomed[1] - zoomed[0] < dt.timedelta(days=16 * 365 // 2)
    _wheel(slider, 400, -2, Qt.KeyboardModifier.ShiftModifier)
    panned = slider.visible_span()
    assert panned[0] > zoomed[0] and (panned[1] - panned[0]) == (zoomed[1] - zoomed[0])


def test_pinch_and_native_zoom_gestures_zoom(slider):
    full = slider.visible_span()
    centre = QPointF(400, 50)
    QApplication.sendEvent(slider, QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
        centre, centre, slider.mapToGlobal(centre), 0.5, QPointF()))
    after_native = slider.visible_span()
    assert after_native[1] - after_native[0] < full[1] - full[0]
    pinch = QPinchGesture()
    pinch.setScaleFactor(1.5)
    pinch.setCenterPoint(slider.mapToGlobal(centre))
    QApplication.sendEvent(slider, QGestureEvent([pinch]))
    after_pinch = slider.visible_span()
    assert after_pinch[1] - after_pinch[0] < after_native[1] - after_native[0]


def test_hovering_a_mark_shows_its_title_and_date(slider):
    pos = _centre(slider, "brest-1918")
    QApplication.sendEvent(slider, QHelpEvent(QEvent.Type.ToolTip, pos, slider.mapToGlobal(pos)))
    # Tool tips are rich text: the title arrives escaped, and reads as itself.
    from PySide6.QtGui import QTextDocument

    shown = QTextDocument()
    shown.setHtml(QToolTip.text())
    assert shown.toPlainText() == "Treaty of Brest-Litovsk\n3 March 1918"
    QToolTip.hideText()


def test_zoomed_view_follows_the_date(slider, state):
    slider.zoom_by(20)
    state.set_date(dt.date(1932, 6, 1))
    first, last = slider.visible_span()
    assert first <= dt.date(1932, 6, 1) <= last


def test_a_timer_drives_the_playback_while_it_plays(qtbot, state):
    """The Qt side of playing: the timer ticks the (Qt-free, tested in test_playback) playback while it
    plays and stops with it."""
    from explorer.model.playback import Playback
    from explorer.qt.playback_timer import PlaybackTimer

    playback = Playback(state, time.monotonic, speed=3650, dwell_s=0.01)
    timer = PlaybackTimer(playback)
    start = state.date
    playback.play()
    qtbot.waitUntil(lambda: state.date > start)
    assert timer._timer.isActive()
    playback.pause()
    assert not timer._timer.isActive()


def test_space_and_the_arrows_go_through_the_playback(qtbot, state):
    from explorer.model.playback import ManualClock, Playback

    playback = Playback(state, ManualClock())
    widget = TimelineSlider(state, playback=playback)
    qtbot.addWidget(widget)
    named = []
    playback.events.passed.connect(named.append)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert playback.is_playing
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert not playback.is_playing
    qtbot.keyClick(widget, Qt.Key.Key_Right)                 # stepping names the event, as passing it does
    assert named == [state.selected_id] and state.selected_id is not None
    selected = state.selected_id
    qtbot.keyClick(widget, Qt.Key.Key_Home)                  # a jump clears a selection not at that date
    assert state.date == state.dataset.first_date and (state.selected_id is None or selected == "brest-1918")


def test_play_controls_drive_the_playback(qtbot, state):
    from explorer.model.playback import ManualClock, Playback

    playback = Playback(state, ManualClock())
    controls = PlayControls(playback)
    qtbot.addWidget(controls)
    assert controls.play_button.text() == "Play"
    qtbot.mouseClick(controls.play_button, Qt.MouseButton.LeftButton)
    assert playback.is_playing and controls.play_button.accessibleName() == "Pause"
    controls.pause()
    assert controls.play_button.text() == "Play"
    controls.speed_combo.setCurrentIndex(3)
    assert playback.speed == controls.speed_combo.itemData(3)


def test_touch_tap_selects_a_mark(qtbot, slider, state):
    slider.touch_mode = True
    slider.resize(800, 160)
    device = QTest.createTouchDevice()
    near = _centre(slider, "rapallo-1920") + QPoint(0, 30)     # a finger's width below the mark
    QTest.touchEvent(slider, device).press(0, near).commit()
    QTest.touchEvent(slider, device).release(0, near).commit()
    assert state.selected_id == "rapallo-1920"


def test_filtered_marks_are_grey_and_the_selection_is_ringed(qtbot, slider, state):
    centre = _centre(slider, "berlin-1926")
    assert _close(slider.grab().toImage().pixelColor(centre), KIND_COLORS["treaty"])
    state.set_filters(kinds=frozenset({"conference"}))
    assert not _close(slider.grab().toImage().pixelColor(centre), KIND_COLORS["treaty"], 40)
    state.set_filters(kinds=Filters().kinds)
    state.select("berlin-1926")
    rect = slider.mark_rect("berlin-1926")
    ring = slider.grab().toImage().pixelColor(QPoint(round(rect.center().x()), round(rect.top() - 2.5)))
    assert _close(ring, "#f5b700", 40)


def test_eras_and_marks_are_painted(slider, state, tmp_path):
    image = slider.grab().toImage()
    image.save(str(tmp_path / "timeline.png"))
    treaty = image.pixelColor(_centre(slider, "brest-1918"))
    assert _close(treaty, KIND_COLORS["treaty"]), treaty.name()
    era = state.dataset.eras[0]
    x = round(slider.x_for_date(era.start)) + 3          # the band's left end, clear of its name
    a, base, color = ERA_ALPHA / 255, slider.palette().color(QPalette.ColorRole.Base), QColor(era.color)
    band = QColor(*(round(c * a + b * (1 - a)) for c, b in zip(color.getRgb()[:3], base.getRgb()[:3])))
    column = [image.pixelColor(x, y) for y in range(0, slider.height(), 2)]
    assert any(_close(c, band.name(), 4) for c in column)


def test_slots_are_safe_after_the_widget_is_deleted(mini):
    state = ExplorerState(mini)
    widget = TimelineSlider(state)
    shiboken6.delete(widget)
    state.set_date(dt.date(1925, 1, 1))         # must not touch the deleted widget
    state.select("brest-1918")
    del widget
    gc.collect()
    state.set_filters(kinds=frozenset({"treaty"}))


def test_the_calendars_ends_paint_and_the_marks_show(qtbot, mini_path, caplog):
    """Events on 0001-01-01 and 9999-12-31 once killed the window (a year 10000 tick inside paintEvent).
    Both ends paint, zoomed in and out, and their marks are drawn."""
    import json
    import logging

    from explorer.model.loader import check_text

    raw = json.loads(mini_path.read_text(encoding="utf-8"))
    raw["events"][0]["date"] = "9999-12-31"
    raw["events"][1]["date"] = "0001-01-01"
    raw["events"][1].pop("end_date")
    dataset, problems = check_text(json.dumps(raw), "ends.json")
    assert not problems
    widget = TimelineSlider(ExplorerState(dataset))
    qtbot.addWidget(widget)
    widget.resize(800, 110)
    widget.show()
    with caplog.at_level(logging.ERROR, logger="explorer.qt.timeline_slider"):
        for step in (lambda: None, lambda: widget.zoom_by(1e6), lambda: widget.pan_by(1e9),
                     lambda: widget.pan_by(-1e9)):
            step()
            image = widget.grab().toImage()
            assert image.width() == 800
    assert caplog.records == []
    widget.zoom_by(1e-9)                                   # all of it: both ends' marks are drawn
    image = widget.grab().toImage()
    for event_id in ("brest-1918", "genoa-1922"):
        rect = widget.mark_rect(event_id)
        colour = image.pixelColor(rect.center().toPoint())
        assert colour.name() != widget.palette().color(QPalette.ColorRole.Window).name(), event_id
