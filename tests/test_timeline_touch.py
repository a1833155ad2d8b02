"""The timeline for touch screens and for everyone (issue 14): hit areas of 48 px at 1080p, sizes the kiosk
sets, the whole span in view at every kiosk size, kinds told by shape and letter as well as colour, labels
and accessible texts in the state's language."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from explorer.model.kinds import KIND_COLORS, KIND_SHAPES, KINDS
from explorer.model.state import ExplorerState
from explorer.qt.timeline_slider import TimelineSlider
from timeline_data import close, one_per_kind, show

pytestmark = pytest.mark.gui


def _tap(widget, pos: QPoint) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(widget, device).press(0, pos, widget).commit()
    QTest.touchEvent(widget, device).release(0, pos, widget).commit()


@pytest.fixture
def shipped():
    from explorer.model import load_dataset
    from explorer.resources import DEFAULT_DATASET

    return load_dataset(DEFAULT_DATASET)


def test_touch_marks_are_hit_well_beyond_what_is_drawn(qtbot, shipped):
    state = ExplorerState(shipped)
    slider = TimelineSlider(state)
    slider.set_sizes(touch=True)
    show(qtbot, slider, width=1920)
    report = slider.layout_report()
    assert report["touch"] and not report["density"] and len(report["marks"]) == len(shipped.events)
    assert report["min_hit"][0] >= 48 and report["min_hit"][1] >= 48
    for mark in report["marks"]:
        assert mark["hit"][3] > mark["rect"][3]                     # taller than drawn
    for change in report["borders"]:
        assert change["hit"][2] >= 48 and change["hit"][3] >= 48
    overview = next(c for c in report["controls"] if c["name"] == "overview")
    assert overview["hit"][3] >= 48
    slider.zoom_by(8)
    slider.pan_by(-20 * 365)                                          # the date out of view: an arrow to it
    arrow = next(c for c in slider.layout_report()["controls"] if c["name"] == "arrow")
    assert arrow["hit"][2] >= 48 and arrow["hit"][3] >= 48
    _tap(slider, QPoint(round(arrow["hit"][0] + arrow["hit"][2] / 2), round(arrow["hit"][1] + 6)))
    assert slider.visible_span()[0] <= state.date <= slider.visible_span()[1]
    slider.reset_view()
    # A finger lands 18 px above a mark, off what is drawn: it still picks that mark.
    rect = slider.mark_rect("rapallo-1922")
    _tap(slider, QPoint(round(rect.center().x()), round(rect.top() - 18)))
    assert state.selected_id == "rapallo-1922"


def test_sizes_follow_the_screen_and_the_text_scale(qtbot, shipped):
    slider = TimelineSlider(ExplorerState(shipped))
    desktop_height = slider.sizeHint().height()
    slider.set_sizes(touch=True)
    touch_height = slider.sizeHint().height()
    slider.set_sizes(text_scale=1.5)
    large = slider.sizeHint().height()
    slider.set_sizes(scale=2.0)                                       # a 4K kiosk
    assert desktop_height < touch_height < large < slider.sizeHint().height()
    show(qtbot, slider, width=3840)
    report = slider.layout_report()
    assert report["min_hit"][0] >= 96 and report["min_hit"][1] >= 96
    assert slider.hit_radius == 48
    slider.touch_mode = False                                         # the old switch still works
    assert slider.sizes.touch is False and slider.sizes.scale == 2.0


@pytest.mark.parametrize("width, text_scale", [(1280, 1.0), (1366, 1.25), (1920, 1.5), (1080, 1.5), (2560, 1.0)])
def test_the_whole_span_is_in_view_at_kiosk_sizes(qtbot, shipped, width, text_scale):
    """Every kiosk screen (portrait 1080 wide too) and text scale: the whole span, every mark inside the
    widget, labels that fit their boxes and never overlap, and a handle that can reach both ends."""
    state = ExplorerState(shipped)
    slider = TimelineSlider(state)
    slider.set_sizes(touch=True, text_scale=text_scale, scale=1.0)
    show(qtbot, slider, width=width - 24)                             # the kiosk's margins
    slider.zoom_by(4)
    slider.set_sizes(text_scale=text_scale)                           # sizing again shows everything again
    slider.grab()
    report = slider.layout_report()
    assert report["whole_span_visible"] and not report["density"]
    assert report["visible"][0] <= "1918-03-03" and report["visible"][1] >= "1941-06-22"
    for mark in report["marks"]:
        x, y, w, h = mark["rect"]
        assert 0 <= x and x + w <= slider.width() and 0 <= y and y + h <= slider.height(), mark
    labels = [label for label in report["labels"] if label["kind"] in ("axis", "pill")]
    for label in labels:
        assert label["text_width"] <= label["rect"][2] + 1, label
        assert label["rect"][0] >= 0 and label["rect"][0] + label["rect"][2] <= slider.width()
    axis = [QRectF(*label["rect"]) for label in labels if label["kind"] == "axis"]
    assert all(not a.intersects(b) for i, a in enumerate(axis) for b in axis[i + 1:])
    assert slider.date_at(0) == shipped.first_date and slider.date_at(slider.width()) == shipped.last_date


def _kind_pixels(slider, kind: str, fx: float, fy: float) -> QColor:
    rect = slider.mark_rect(kind)
    return slider.grab().toImage().pixelColor(round(rect.left() + fx * rect.width()),
                                              round(rect.top() + fy * rect.height()))


#: Points in a mark's box (as fractions) that its kind's shape fills, and points it leaves empty.
SHAPES = {
    "circle": ([(0.5, 0.15), (0.15, 0.5)], [(0.08, 0.08), (0.92, 0.92)]),
    "square": ([(0.18, 0.18), (0.82, 0.82)], [(0.5, 0.03)]),
    "diamond": ([(0.5, 0.12), (0.12, 0.5)], [(0.15, 0.15), (0.85, 0.85)]),
    "triangle": ([(0.25, 0.75), (0.75, 0.75)], [(0.15, 0.2), (0.85, 0.2)]),
    "triangle-down": ([(0.25, 0.25), (0.75, 0.25)], [(0.15, 0.85), (0.85, 0.85)]),
    "hexagon": ([(0.5, 0.08), (0.12, 0.5)], [(0.08, 0.08), (0.92, 0.92)]),
    "cross": ([(0.5, 0.08), (0.08, 0.5)], [(0.12, 0.12), (0.88, 0.88)]),
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_its_shape_and_in_touch_mode_its_letter(qtbot, kind):
    slider = TimelineSlider(ExplorerState(one_per_kind()), border_changes=[])
    slider.set_sizes(touch=True)
    show(qtbot, slider, width=1200)
    filled, empty = SHAPES[KIND_SHAPES[kind]]
    for fx, fy in filled:
        assert close(_kind_pixels(slider, kind, fx, fy), KIND_COLORS[kind], 40), (kind, fx, fy)
    for fx, fy in empty:
        assert not close(_kind_pixels(slider, kind, fx, fy), KIND_COLORS[kind], 60), (kind, fx, fy)
    # The letter: light pixels of it inside the shape's middle (a kind colour is dark enough for white).
    rect = slider.mark_rect(kind)
    image = slider.grab().toImage()
    middle = [image.pixelColor(round(rect.center().x()) + dx, round(rect.center().y()) + dy)
              for dx in range(-4, 5) for dy in range(-4, 5)]
    assert sum(c.lightness() > 200 for c in middle) >= 4, kind
    slider.set_sizes(touch=False)                                     # too small for a letter: none
    rect = slider.mark_rect(kind)
    image = slider.grab().toImage()
    centre = image.pixelColor(rect.center().toPoint())
    assert close(centre, KIND_COLORS[kind], 40)


def test_axis_labels_and_the_date_are_in_the_states_language(qtbot, mini):
    state = ExplorerState(mini, date=dt.date(1929, 3, 12))
    slider = show(qtbot, TimelineSlider(state, border_changes=[]), width=1400)
    slider.zoom_by(14)                                                # about a year across: month names
    slider.grab()
    english = {text for text, _ in slider.axis_labels()}
    assert {"Mar", "May", "Oct", "Dec"} <= english
    assert slider.accessibleName() == "Timeline" and "Current date: 12 March 1929." in slider.accessibleDescription()
    state.set_language("de")
    slider.grab()
    german = {text for text, _ in slider.axis_labels()}
    assert {"Mär", "Mai", "Okt", "Dez"} <= german and not {"Mar", "May", "Oct", "Dec"} & german
    assert slider.accessibleName() == "Zeitleiste"
    description = slider.accessibleDescription()
    assert "Aktuelles Datum: 12. März 1929." in description and "Pfeil links und rechts" in description
    assert slider.layout_report()["labels"][-1]["text"] == "12. März 1929"
    state.select("berlin-1926")
    assert "Ausgewählt: Treaty of Berlin (24. April 1926)." in slider.accessibleDescription()


def test_hit_tests_name_nothing_between_marks(qtbot, mini):
    slider = show(qtbot, TimelineSlider(ExplorerState(mini), border_changes=[]))
    rect = slider.mark_rect("berlin-1926")
    assert slider.event_at(rect.center()).id == "berlin-1926"
    assert slider.event_at(QPointF(rect.center().x(), rect.top() - 5)) is None      # beyond the mouse radius
    assert slider.event_at(QPointF(rect.center().x(), rect.top() - 3)).id == "berlin-1926"
