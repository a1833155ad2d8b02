"""The desktop window as issue 19 asks: Play that tells the story, filters that read right, app-wide
shortcuts, the details panel's uncertain dates (issue 16), the start date checked, the window in German."""

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from explorer.model.playback import ManualClock

from desktop_window import DATA, page

pytestmark = pytest.mark.gui

# --- play -----------------------------------------------------------------------------------------------
def test_play_selects_names_and_frames_the_events_it_passes(open_window, mini, qtbot, web_context, tmp_path):
    from PySide6.QtCore import QSettings

    from explorer.desktop.qt.main_window import MainWindow
    from explorer.model.state import ExplorerState

    clock = ManualClock()
    settings = QSettings(str(tmp_path / "play.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ExplorerState(mini), web_context, settings, restore=False, clock=clock)
    win.map_view.animate = False
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    with qtbot.waitSignal(win.map_view.ready, timeout=20000):
        pass
    win.playback_timer._timer.stop()                   # the test's clock drives it, not the wall clock
    win.state.jump_to(dt.date(1922, 1, 1))
    win.map_view.call("setView", 60.0, 60.0, 5)        # looking far from Genoa
    passed = []
    win.playback.events.passed.connect(passed.append)
    win.play_controls.play_button.click()
    assert win.playback.is_playing
    for _ in range(40):
        clock.advance(0.05)
        win.playback.tick()
        if passed:
            break
    assert passed == ["genoa-1922"] and win.state.selected_id == "genoa-1922"
    assert "Genoa Conference" in win.details.toPlainText()
    assert win.banner.isVisible() and "Genoa Conference" in win.banner.text and "10 April" in win.banner.text
    # The map frames the event it passes: its marker is inside the view.
    qtbot.waitUntil(lambda: page(win)["selected"] == "genoa-1922", timeout=5000)

    def in_view() -> bool:
        x, y = win.map_view.evaluate("TreatyMap.project(44.4056, 8.9463)")
        return 0 <= x <= win.map_view.width() and 0 <= y <= win.map_view.height()

    qtbot.waitUntil(in_view, timeout=5000)
    win.play_controls.play_button.click()              # pause
    assert not win.playback.is_playing
    # Stepping with the keyboard names the event the same way.
    win.timeline.setFocus()
    qtbot.waitUntil(win.timeline.hasFocus, timeout=2000)
    qtbot.keyClick(win.timeline, Qt.Key.Key_Right)
    assert win.state.selected_id == "rapallo-1922" and "Treaty of Rapallo" in win.banner.text
    # Home jumps to the start and clears a selection that is not at that date.
    qtbot.keyClick(win.timeline, Qt.Key.Key_Home)
    assert win.state.date == mini.first_date and win.state.selected_id is None
    assert not win.banner.isVisible()
    win.close()


# --- filters --------------------------------------------------------------------------------------------
def test_filters_read_right(open_window, qtbot):
    from explorer.model import load_dataset

    full = load_dataset(DATA / "full.json")
    win = open_window(full)
    bar, state = win.filter_bar, win.state
    assert bar.all_kinds_action.isChecked() and all(a.isChecked() for a in bar.kind_actions.values())
    assert all(not a.icon().isNull() for a in bar.kind_actions.values())
    assert bar.kind_button.text() == "Kinds: all ▾"
    bar.kind_actions["treaty"].setChecked(False)
    assert "treaty" not in state.filters.kinds and not bar.all_kinds_action.isChecked()
    bar.all_kinds_action.setChecked(True)
    assert state.filters.kinds == frozenset()
    for kind, action in bar.kind_actions.items():
        if kind != "treaty":
            action.setChecked(False)
    assert bar.kind_button.text() == "Kinds: Treaty ▾"
    # Soviet Russia and the Soviet Union are one entry; choosing it keeps 1918–22.
    labels = [a.text() for a in bar.party_actions.values()]
    assert "Soviet Russia → Soviet Union" in labels
    assert not any(label in ("Soviet Russia", "Soviet Union") for label in labels)
    key = next(k for k, a in bar.party_actions.items() if a.text() == "Soviet Russia → Soviet Union")
    bar.all_kinds_action.setChecked(True)
    bar.party_actions[key].setChecked(True)
    assert state.filters.parties == {"Soviet Russia", "Soviet Union"}
    assert bar.party_button.text() == "Parties: Soviet Russia → Soviet Union ▾"
    state.set_date(full.last_date)
    shown = len(state.visible_events())
    assert any("Soviet Russia" in e.parties for e in state.visible_events())
    assert bar.count_label.text() == f"{shown} of {len(full.events)} events shown"
    assert bar.clear_button.isEnabled()
    bar.clear_button.click()
    assert state.filters.parties == frozenset() and state.filters.kinds == frozenset()
    assert bar.count_label.text() == f"{len(full.events)} of {len(full.events)} events shown"
    assert not bar.clear_button.isEnabled()


def test_the_shown_count_follows_the_date_and_the_time_window(window):
    from explorer.qt.filter_bar import ShownCount

    state = window.state
    counter = ShownCount(state)
    for days in (None, 182, 1826):
        state.set_filters(window_days=days)
        for day in (dt.date(1918, 1, 1), dt.date(1922, 4, 16), dt.date(1926, 6, 1), dt.date(1934, 1, 1)):
            state.set_date(day)
            assert counter.count() == len(state.visible_events()), (days, day)
    assert window.filter_bar.count_label.text().endswith(f"of {len(state.dataset.events)} events shown")


# --- app-wide shortcuts ---------------------------------------------------------------------------------
def test_ctrl_e_opens_the_export_dialog_with_focus_in_the_search_box(window, qtbot):
    box = window.search_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    window.details.setFocus()
    qtbot.waitUntil(window.details.hasFocus, timeout=2000)
    qtbot.keyClick(window.details, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.export_dialog is not dialog and window.export_dialog.isVisible()
    window.export_dialog.reject()


def test_ctrl_o_opens_the_file_dialog_from_the_search_box(window, qtbot, monkeypatch):
    from explorer.desktop.qt import open_files

    asked = []
    monkeypatch.setattr(open_files.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args: (asked.append(args), ("", ""))[1]))
    box = window.search_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    qtbot.keyClick(box, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and "*.xlsx" in asked[0][3]


# --- details --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("event_id, words", [
    ("talks-1925", ["about 1925"]),
    ("munich-1938", ["30 September 1938"]),
    ("ussr-1922", ["29 or 30 December 1922 (sources differ)", "Sources give 29 or 30 December 1922."]),
    ("uncertain-1926", ["about September 1926 (uncertain)"]),
    ("unknown-day-1939", ["between 1939 and 1940"]),
])
def test_the_details_panel_says_how_sure_a_date_is(open_window, qtbot, event_id, words):
    from explorer.model import load_dataset

    full = load_dataset(DATA / "full.json")
    win = open_window(full)
    win.state.select(event_id)
    text = win.details.toPlainText()
    for word in words:
        assert word in text, (word, text[:300])
    event = full.event(event_id)
    if event.date_note:
        assert event.date_note in text


def test_a_start_date_outside_the_dataset_is_an_error_naming_its_span():
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "explorer", "--data", str(DATA / "mini.json"), "--date", "1850-01-01"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 2
    assert "--date 1850-01-01" in run.stderr and "spans 1918-03-03 to 1933-12-31" in run.stderr


def test_the_map_does_not_swallow_app_wide_keys_or_mouse_buttons(window, qtbot):
    from PySide6.QtGui import QMouseEvent

    state = window.state
    state.select("rapallo-1922")
    state.select("berlin-1926")
    proxy = window.map_view.focusProxy()
    proxy.setFocus()
    qtbot.waitUntil(proxy.hasFocus, timeout=2000)
    point = QPointF(50, 50)
    for kind in (QMouseEvent.Type.MouseButtonPress, QMouseEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(proxy, QMouseEvent(kind, point, proxy.mapToGlobal(point), Qt.MouseButton.BackButton,
                                                  Qt.MouseButton.BackButton if kind == QMouseEvent.Type.MouseButtonPress
                                                  else Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert state.selected_id == "rapallo-1922"
    qtbot.keyClick(proxy, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.export_dialog is not None and window.export_dialog.isVisible()
    window.export_dialog.reject()


def test_view_language_switches_the_window_to_german(window, qtbot):
    window.state.select("rapallo-1922")
    window.actions.languages["de"].trigger()
    assert window.state.language == "de"
    titles = [m.title() for m in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
              if m.title()]
    assert {"&Datei", "&Gehe zu", "&Ansicht", "&Hilfe"} <= set(titles)
    assert window.actions.open.text() == "Ö&ffnen …" and window.actions.back.text() == "&Zurück"
    assert window.windowTitle().startswith("Mini test dataset")
    assert window.play_controls.play_button.text() == "Abspielen"
    assert window.filter_bar.count_label.text().endswith("Ereignissen gezeigt")
    assert window.filter_bar.clear_button.text() == "Filter zurücksetzen"
    assert window.filter_bar.kind_actions["treaty"].text() == "Vertrag"
    assert window.present_borders_action.text() == "Heutige &Grenzen"
    assert "Vertrag von Rapallo" in window.details.toPlainText()
    # Every choice of the window's lists fits its box in the new language (they were cut to the English width).
    qtbot.waitUntil(lambda: not _cut_choices(window), timeout=2000)
    # In a window 1024 px wide the toolbar still shows every filter, at its full size, in German (they went
    # behind the toolbar's » menu).
    size = window.size()
    window.resize(1024, size.height())
    bar = window.filter_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.width() >= bar.sizeHint().width(), timeout=2000)
    window.resize(size)
    qtbot.waitUntil(lambda: window.map_view.page_state()["language"] == "de", timeout=5000)
    window.open_export_dialog()
    dialog = window.export_dialog
    assert dialog.windowTitle() == "Momentaufnahme exportieren" and dialog.export_button.text() == "Exportieren"
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("A4 landscape"))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    assert dialog.size_box.currentText() == "A4 quer (297 × 210 mm)"
    assert dialog.output_note.text() == "eine Vektorseite von 842 × 595 pt (Papierformat)"
    from PySide6.QtWidgets import QDialogButtonBox

    assert dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    dialog.reject()
    window.actions.languages["en"].trigger()
    assert window.actions.open.text() == "&Open…"


def _cut_choices(window) -> list[str]:
    """The items of the window's visible combo boxes whose text is wider than the box's text field."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    cut = []
    for box in window.findChildren(QComboBox):
        if not box.isVisible():
            continue
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, box)
        metrics = box.fontMetrics()
        cut += [box.itemText(i) for i in range(box.count()) if metrics.horizontalAdvance(box.itemText(i)) > field.width()]
    return cut


def test_every_control_of_the_window_has_an_accessible_name_in_its_language(window, qtbot):
    from explorer.qt.accessibility import unnamed_controls

    window.state.select("rapallo-1922")
    assert unnamed_controls(window) == []
    window.actions.languages["de"].trigger()
    assert unnamed_controls(window) == [] and window.map_view.accessibleName() == "Karte der Abkommen"
