"""The timeline's rows of context: the border changes (issue 12), era names in full on hover and tap, and the
time-window band (issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QPalette, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from explorer.model.state import ExplorerState
from explorer.qt.timeline_borders import BORDER_COLOR
from explorer.qt.timeline_slider import TimelineSlider
from timeline_data import changes, close, dataset_with, show

pytestmark = pytest.mark.gui


def _tooltip(slider, pos: QPointF) -> str:
    point = pos.toPoint()
    QApplication.sendEvent(slider, QHelpEvent(QEvent.Type.ToolTip, point, slider.mapToGlobal(point)))
    shown = QTextDocument()
    shown.setHtml(QToolTip.text())
    QToolTip.hideText()
    return shown.toPlainText()


# --- border changes ------------------------------------------------------------------------------------

def test_border_changes_are_a_row_of_marks_that_jump_to_their_day(qtbot, mini):
    state = ExplorerState(mini)
    slider = show(qtbot, TimelineSlider(state, border_changes=changes("1920-01-10", "1938-03-13", "1924-05-05")))
    assert [c.date for c in slider.border_changes] == [dt.date(1920, 1, 10), dt.date(1924, 5, 5)]  # 1938: outside
    change = slider.border_changes[1]
    rect = slider.border_rect(change)
    image = slider.grab().toImage()
    assert close(image.pixelColor(rect.center().toPoint()), BORDER_COLOR, 30)
    # Its marks lie in a row of their own, above the event marks.
    assert rect.bottom() < slider.mark_rect("brest-1918").top()
    assert _tooltip(slider, rect.center()) == "Change of 1924-05-05\nBorder change, 5 May 1924\nSource: Source for 1924-05-05"

    state.select("rapallo-1922")
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert state.date == dt.date(1924, 5, 5)
    assert state.selected_id is None                   # a jump: the 1922 selection is not at the new date
    assert slider.callout_lines == ("Change of 1924-05-05", "Border change, 5 May 1924", "Source: Source for 1924-05-05")
    image = slider.grab().toImage()                    # the callout is painted, in the tool tip colours
    tip = slider.palette().color(QPalette.ColorRole.ToolTipBase)
    assert sum(close(image.pixelColor(x, round(slider._rows().marks_top) + 4), tip, 3)
               for x in range(slider.width())) > 100
    qtbot.keyClick(slider, Qt.Key.Key_Escape)
    assert slider.callout_lines == ()


def test_the_change_of_the_day_is_ringed_and_named_in_the_description(qtbot, mini):
    state = ExplorerState(mini)
    slider = show(qtbot, TimelineSlider(state, border_changes=changes("1924-05-05")))
    change = slider.border_changes[0]
    rect = slider.border_rect(change)
    above = QPoint(round(rect.center().x()), round(rect.top()) - 1)
    before = slider.grab().toImage().pixelColor(above)
    state.set_date(change.date)
    after = slider.grab().toImage().pixelColor(above)
    assert close(after, slider.palette().color(QPalette.ColorRole.Highlight), 40) and not close(before, after, 20)
    assert "Border change: Change of 1924-05-05." in slider.accessibleDescription()
    state.set_language("de")
    assert "Grenzänderung: Änderung vom 1924-05-05." in slider.accessibleDescription()


def test_shift_and_the_arrows_go_from_change_to_change(qtbot, mini):
    state = ExplorerState(mini, date=dt.date(1921, 1, 1))
    slider = show(qtbot, TimelineSlider(state, border_changes=changes("1920-01-10", "1924-05-05", "1926-01-01")))
    qtbot.keyClick(slider, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert state.date == dt.date(1924, 5, 5)
    qtbot.keyClick(slider, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert state.date == dt.date(1926, 1, 1)
    qtbot.keyClick(slider, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(slider, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert state.date == dt.date(1920, 1, 10)
    assert slider.callout_lines[1] == "Border change, 10 January 1920"


def test_no_border_row_for_a_dataset_outside_the_borders(qtbot, mini, mini_path):
    """A dataset of the 1870s never meets the 1918–1941 borders: no row, and the marks move up into its room."""
    import json

    from explorer.model.loader import check_text

    raw = json.loads(mini_path.read_text(encoding="utf-8"))
    for event in raw["events"]:
        event["date"] = "187" + event["date"][3:]
        event.pop("end_date", None)
    raw["dataset"]["eras"] = []
    raw["dataset"]["default_view"]["date"] = "1872-01-01"
    old, problems = check_text(json.dumps(raw), "1870s.json")
    assert not problems
    bare = show(qtbot, TimelineSlider(ExplorerState(old)))            # the shipped borders
    assert bare.border_changes == () and bare._rows().border_h == 0
    with_row = show(qtbot, TimelineSlider(ExplorerState(mini)))
    assert len(with_row.border_changes) > 20 and with_row._rows().border_h > 0
    assert bare.sizeHint().height() < with_row.sizeHint().height()
    image = bare.grab().toImage()
    assert not any(close(image.pixelColor(x, y), BORDER_COLOR, 20)
                   for x in range(0, bare.width(), 3) for y in range(0, bare.height(), 2))


def test_the_shipped_borders_mark_the_day_the_map_changed(qtbot, mini):
    state = ExplorerState(mini)
    slider = show(qtbot, TimelineSlider(state))
    anschluss = [c for c in slider.border_changes if c.event == "anschluss-1938"]
    assert anschluss == []                                              # mini ends in 1933
    riga = next(c for c in slider.border_changes if c.event == "riga-1921")
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.border_rect(riga).center().toPoint())
    assert state.date == dt.date(1921, 3, 18)
    assert "Treaty of Riga" in slider.callout_lines[0]
    state.set_language("de")
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.border_rect(riga).center().toPoint())
    assert slider.callout_lines[:2] == ("Friede von Riga: die polnisch-sowjetische Grenze", "Grenzänderung, 18. März 1921")


# --- eras ------------------------------------------------------------------------------------------

ERAS = [{"name": "A very long era name that cannot fit", "start": "1918-03-03", "end": "1919-06-30", "color": "#d9c9a3"},
        {"name": "Weimar Republic", "start": "1919-08-11", "end": "1933-01-30", "color": "#e8dcc0"}]


def test_a_truncated_era_shows_its_full_name_on_hover_and_tap(qtbot):
    state = ExplorerState(dataset_with(eras=ERAS))
    slider = show(qtbot, TimelineSlider(state, border_changes=[]), width=700)
    report = slider.layout_report()
    short, weimar = [label for label in report["labels"] if label["kind"] == "era"]
    assert short["text"].endswith("…") and short["text"] != short["full"]
    assert weimar["text"] == "Weimar Republic"
    x = slider.x_for_date(dt.date(1919, 3, 1))                # clear of the Brest-Litovsk mark's hit area
    y = (slider._rows().era_top + slider._rows().era_bottom) / 2
    assert _tooltip(slider, QPointF(x, y)) == "A very long era name that cannot fit\n3 March 1918 – 30 June 1919"

    slider.set_sizes(touch=True)
    slider.resize(700, slider.sizeHint().height())
    y = (slider._rows().era_top + slider._rows().era_bottom) / 2
    date_before = state.date
    device = QTest.createTouchDevice()
    QTest.touchEvent(slider, device).press(0, QPoint(round(x), round(y)), slider).commit()
    QTest.touchEvent(slider, device).release(0, QPoint(round(x), round(y)), slider).commit()
    assert slider.callout_lines == ("A very long era name that cannot fit", "3 March 1918 – 30 June 1919")
    assert state.date == date_before                   # reading an era's name does not move the date
    state.set_language("de")
    report = slider.layout_report()
    assert [label["full"] for label in report["labels"] if label["kind"] == "era"][1] == "Weimar Republic"


# --- the time window --------------------------------------------------------------------------------

def test_the_time_window_is_a_band_around_the_handle(qtbot, mini):
    state = ExplorerState(mini, date=dt.date(1926, 1, 1))
    slider = show(qtbot, TimelineSlider(state, border_changes=[]))
    rows = slider._rows()
    y = round(rows.lane_tops[0] - 2)                               # between the point row and the lanes
    inside, outside = slider.x_for_date(dt.date(1926, 9, 1)), slider.x_for_date(dt.date(1928, 6, 1))
    plain = slider.grab().toImage()
    state.set_filters(window_days=365)
    banded = slider.grab().toImage()

    def blue(image, x):
        c = image.pixelColor(round(x), y)
        return c.blue() - c.red()

    assert blue(banded, inside) > blue(plain, inside) + 5         # tinted with the highlight inside the band
    assert close(banded.pixelColor(round(outside), y), plain.pixelColor(round(outside), y), 2)
    edge = slider._x_at(dt.date(1927, 1, 2).toordinal())       # the band ends after the 365th day after the date
    column = [banded.pixelColor(round(edge) + d, yy) for d in (-1, 0, 1) for yy in range(y - 10, y + 10)]
    assert max(c.blue() - c.red() for c in column) > blue(banded, inside) + 60     # its dashed edge
    assert slider.layout_report()["labels"][-1]["text"] == "1 January 1926  ±365 days"
    assert "within 365 days" in slider.accessibleDescription()
    state.set_date(dt.date(1930, 1, 1))                            # the band moves with the date
    moved = slider.grab().toImage()
    assert blue(moved, inside) < blue(banded, inside) - 5
    state.set_language("de")
    slider.grab()
    assert slider.layout_report()["labels"][-1]["text"] == "1. Januar 1930  ±365 Tage"
