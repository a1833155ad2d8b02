"""Finding one's way along the timeline: uncertain dates drawn over their possible span (issue 16), a density
strip at scale (issue 18), panning by dragging, the overview strip, the arrow to a date out of view and
jumps (issue 19)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest

from explorer.model.kinds import KIND_COLORS
from explorer.model.state import ExplorerState
from explorer.qt.timeline_slider import TimelineSlider
from timeline_data import close, dataset_with, show

pytestmark = pytest.mark.gui


def _drag(slider, start: QPoint, end: QPoint, steps: int = 6) -> None:
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(slider, start + (end - start) * i / steps)
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


# --- uncertain dates ---------------------------------------------------------------------------------

def test_an_uncertain_date_is_a_gradient_over_its_possible_span(qtbot):
    data = dataset_with({"id": "year-only", "date": "1929"},
                        {"id": "fuzzy-span", "kind": "military", "date": "[1926,1927]", "end_date": "1931"})
    state = ExplorerState(data, date=dt.date(1918, 6, 1))
    slider = show(qtbot, TimelineSlider(state, border_changes=[]), width=1400)
    slider.zoom_by(2)                                          # about 1925 to 1933
    slider.pan_by(dt.date(1925, 6, 1).toordinal() - slider.visible_span()[0].toordinal())
    assert slider.visible_span()[0] < dt.date(1926, 1, 1) and slider.visible_span()[1] > dt.date(1932, 1, 1)
    image = slider.grab().toImage()
    rect = slider.mark_rect("year-only")                       # the shape sits mid-year
    assert abs(rect.center().x() - slider.x_for_date(dt.date(1929, 7, 2))) < 2
    y = round(rect.center().y())
    colour = KIND_COLORS["agreement"]

    def strength(day):                                        # how much of the kind's colour shows over the base
        pixel = image.pixelColor(round(slider.x_for_date(day)), y)
        return 255 - pixel.green() if colour == KIND_COLORS["agreement"] else 0

    spring, autumn = strength(dt.date(1929, 3, 1)), strength(dt.date(1929, 10, 20))
    edge, outside = strength(dt.date(1929, 1, 10)), strength(dt.date(1930, 3, 1))
    assert spring > edge + 20 and autumn > strength(dt.date(1929, 12, 25)) + 20     # fading towards both ends
    assert edge > outside and outside < 15                    # and nothing beyond the year

    bar = slider.mark_rect("fuzzy-span")                      # begun in 1926 or 1927, ended in 1931
    ybar = round(bar.center().y())

    def alpha(day):
        pixel = image.pixelColor(round(slider.x_for_date(day)), ybar)
        return 255 - pixel.lightness()

    assert alpha(dt.date(1926, 3, 1)) < alpha(dt.date(1927, 6, 1)) < alpha(dt.date(1929, 1, 1)) + 1
    assert alpha(dt.date(1931, 11, 1)) < alpha(dt.date(1930, 6, 1)) - 20


def test_an_uncertain_date_reads_as_uncertain_in_its_tool_tip(qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextDocument
    from PySide6.QtWidgets import QApplication, QToolTip

    data = dataset_with({"id": "pact", "title": "Pact", "date": "[1939-08-23,1939-08-24]"})
    slider = show(qtbot, TimelineSlider(ExplorerState(data), border_changes=[]))
    pos = slider.mark_rect("pact").center().toPoint()
    QApplication.sendEvent(slider, QHelpEvent(QEvent.Type.ToolTip, pos, slider.mapToGlobal(pos)))
    doc = QTextDocument()
    doc.setHtml(QToolTip.text())
    QToolTip.hideText()
    assert doc.toPlainText() == "Pact\n23 or 24 August 1939"


# --- the density strip ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def crowded():
    from explorer.bench.synthetic import dumps, generate
    from explorer.model.loader import check_text

    dataset, problems = check_text(dumps(generate(20000, seed=4)), "synthetic-20000.json")
    assert not problems
    return dataset


def test_crowded_marks_become_a_density_strip_until_zoomed_in(qtbot, crowded):
    state = ExplorerState(crowded, date=dt.date(1960, 1, 1))
    slider = show(qtbot, TimelineSlider(state), width=1200)
    assert slider.density_mode and slider.layout_report()["density"]
    rows = slider._rows()
    y = round(rows.marks_bottom - 2)
    image = slider.grab().toImage()
    ink = [image.pixelColor(x, y) for x in range(40, 1160, 7)]
    assert sum(c.lightness() < 200 for c in ink) > 0.9 * len(ink)          # bars all along the century
    # Taller bars where the data is denser: the interwar years hold 45 % of the synthetic events.
    def top(day):
        x = round(slider.x_for_date(day))
        return min((yy for yy in range(round(rows.marks_top), y + 1) if image.pixelColor(x, yy).lightness() < 200),
                   default=y)
    assert top(dt.date(1930, 6, 1)) < top(dt.date(1970, 6, 1)) - 5
    # No single mark to pick in the strip, but a tool tip counts them.
    pos = QPointF(slider.x_for_date(dt.date(1930, 6, 1)), y)
    assert slider.event_at(pos) is None
    text, _ = slider.tooltip_at(pos)
    count = int(text.split(" ")[0].replace(",", ""))
    assert count > 10 and "Zoom in to pick one" in text
    state.select(crowded.events[500].id)                                    # the selection shows over the strip
    rect = slider.mark_rect(state.selected_id)
    assert close(slider.grab().toImage().pixelColor(round(rect.center().x()), round(rect.top() - 2.5)), "#f5b700", 60)
    # Zoomed in to a few weeks, the marks are single and can be picked again.
    slider.zoom_by(2000)
    assert not slider.density_mode
    report = slider.layout_report()
    assert 0 < len(report["marks"]) < 200
    mark = report["marks"][0]
    assert slider.event_at(QPointF(mark["rect"][0] + mark["rect"][2] / 2, mark["rect"][1] + mark["rect"][3] / 2))


def test_the_density_strip_shows_what_the_filters_let_through(qtbot, crowded):
    state = ExplorerState(crowded, date=dt.date(1960, 1, 1))
    slider = show(qtbot, TimelineSlider(state), width=1200)
    pos = QPointF(slider.x_for_date(dt.date(1930, 6, 1)), slider._rows().marks_bottom - 2)
    everything = slider.density_bin_at(pos.x())[0]
    state.set_filters(kinds=frozenset({"treaty"}))
    treaties = slider.density_bin_at(pos.x())[0]
    lo, hi = slider.density_bin_at(pos.x())[1:]
    assert 0 < treaties < everything
    assert treaties == sum(1 for e in crowded.events if e.kind == "treaty"
                           and e.start.toordinal() < hi and e.last.toordinal() + 1 > lo)


# --- panning, the overview and the arrow ----------------------------------------------------------------

def test_dragging_the_background_pans_when_zoomed_and_a_click_jumps(qtbot, mini):
    state = ExplorerState(mini)
    slider = show(qtbot, TimelineSlider(state, border_changes=[]))
    y = round(slider._rows().lane_tops[-1] - 3)                   # between the rows of marks
    slider.zoom_by(4)
    first, _ = slider.visible_span()
    date = state.date
    x0 = round(slider.x_for_date(dt.date(1927, 6, 1)))
    _drag(slider, QPoint(x0, y), QPoint(x0 + 200, y))
    moved, _ = slider.visible_span()
    assert state.date == date                                      # panning leaves the date alone
    assert abs((first - moved).days - 200 / slider._px_per_day()) <= 2
    # While the view is held, a date moving elsewhere (a playback) does not pull it away.
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x0, y))
    QTest.mouseMove(slider, QPoint(x0 + 40, y))
    held = slider.visible_span()
    state.set_date(dt.date(1932, 1, 1))
    assert slider.visible_span() == held
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x0 + 40, y))
    # A click there (no drag) is a jump: the date goes there and a selection elsewhere is cleared.
    state.select("rapallo-1922")
    first, last = slider.visible_span()
    x = round(slider.x_for_date(first + (last - first) / 3))
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert state.date == slider.date_at(x) and state.selected_id is None
    # Not zoomed in, there is nothing to pan: the same drag scrubs.
    slider.reset_view()
    _drag(slider, QPoint(300, y), QPoint(500, y))
    assert state.date == slider.date_at(500)


def test_a_click_on_the_axis_jumps_and_keeps_a_selection_at_that_date(qtbot, mini):
    state = ExplorerState(mini)
    slider = show(qtbot, TimelineSlider(state, border_changes=[]))
    state.select("genoa-1922")                                     # 10 April – 19 May 1922
    slider.zoom_by(20)                                             # a few weeks are far from the handle now
    y = round(slider._rows().label_top + 4)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(round(slider.x_for_date(dt.date(1922, 5, 2))), y))
    assert state.selected_id == "genoa-1922" and abs((state.date - dt.date(1922, 5, 2)).days) <= 10
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(round(slider.x_for_date(dt.date(1922, 6, 1))), y))
    assert state.selected_id is None and abs((state.date - dt.date(1922, 6, 1)).days) <= 2


def test_the_overview_shows_and_moves_the_visible_part(qtbot, mini):
    state = ExplorerState(mini)
    slider = show(qtbot, TimelineSlider(state, border_changes=[]))
    overview = slider.overview()
    full = overview.window(slider._view_start, slider._view_days)
    assert abs(full.width() - overview.rect.width()) < 1
    slider.zoom_by(5)
    window = overview.window(slider._view_start, slider._view_days)
    assert abs(window.width() - overview.rect.width() / 5) < 1
    image = slider.grab().toImage()
    highlight = slider.palette().color(QPalette.ColorRole.Highlight)
    edge = [image.pixelColor(round(window.left()) + d, round(window.center().y())) for d in (-1, 0, 1)]
    assert any(close(c, highlight, 70) for c in edge)                      # the window's outline
    beside = image.pixelColor(round(window.left()) - 20, round(window.top()) + 2)
    inside = image.pixelColor(round(window.center().x()), round(window.top()) + 2)
    assert beside.lightness() < inside.lightness()                         # the rest is shaded
    # Dragging the window pans by as much of the whole span.
    start = slider._view_start
    y = round(window.center().y())
    _drag(slider, QPoint(round(window.center().x()), y), QPoint(round(window.center().x()) + 100, y))
    assert abs(slider._view_start - start - 100 / overview.rect.width() * overview.days) < 2
    # A press beside it brings that part into view.
    target = overview.x_at(dt.date(1931, 1, 1).toordinal())
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(round(target), y))
    first, last = slider.visible_span()
    assert first < dt.date(1931, 1, 1) < last


def test_an_arrow_points_to_the_date_out_of_view_and_brings_it_back(qtbot, mini):
    state = ExplorerState(mini)
    slider = show(qtbot, TimelineSlider(state, border_changes=[]))
    slider.zoom_by(10)
    assert slider.layout_report()["labels"][-1]["text"] == "16 April 1922"
    slider.pan_by(3 * 365)                                        # the date is now left of the view
    image = slider.grab().toImage()
    pill = next(label for label in slider.layout_report()["labels"] if label["kind"] == "pill")
    assert pill["text"] == "◀ 16 April 1922" and pill["rect"][0] < 10
    highlight = slider.palette().color(QPalette.ColorRole.Highlight)
    rows = slider._rows()
    assert close(image.pixelColor(12, round(rows.axis_y)), highlight, 60)        # the arrow at the axis's end
    slider.pan_by(-6 * 365)                                       # right of the view: the arrow turns
    slider.grab()
    assert slider.layout_report()["labels"][-1]["text"] == "16 April 1922 ▶"
    x, y, w, h = slider.layout_report()["labels"][-1]["rect"]
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(round(x + w / 2), round(y + h / 2)))
    first, last = slider.visible_span()
    assert first < dt.date(1922, 4, 16) < last and state.date == dt.date(1922, 4, 16)
