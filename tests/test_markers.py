"""Markers tell kinds apart by shape as well as colour (SVG and canvas), and their hit area can be widened
for fingers (``TreatyMap.setHitSlop``)."""

import datetime as dt
import json

import pytest
from PySide6.QtCore import QPoint, Qt

from explorer.model.kinds import KIND_SHAPES
from explorer.model.state import ExplorerState

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot, web_context, mini):
    from explorer.qt.map_view import MapView

    view = MapView(ExplorerState(mini, date=dt.date(1941, 12, 31)), web_context, animate=False)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=30000):
        pass
    view.wait_painted(1, 10000)
    return view


def test_each_svg_marker_has_its_kinds_shape(view, mini):
    shapes = view.evaluate("Array.from(document.querySelectorAll('path.tm-marker')).map(function (p) {"
                           " return [p.getAttribute('class'), p.getAttribute('d')]; })")
    assert len(shapes) == len([e for e in mini.events if e.place_id is not None])
    wanted = {KIND_SHAPES[e.kind] for e in mini.events if e.place_id is not None}
    drawn = {cls.split("tm-kind-")[1].split()[0] for cls, _d in shapes}
    assert drawn == wanted
    for cls, d in shapes:
        shape = cls.split("tm-kind-")[1].split()[0]
        # A circle is drawn with arcs, the other shapes as polygons.
        assert ("a" in d) == (shape == "circle"), (shape, d)


def test_shapes_cover_different_points(view):
    inside = view.evaluate("['circle', 'square', 'diamond', 'triangle', 'triangle-down', 'hexagon', 'cross']"
                           ".map(function (s) { return [TreatyShapes.contains(s, 4.5, 4.5, 6),"
                           " TreatyShapes.contains(s, 0, -8, 6), TreatyShapes.contains(s, 0, 0, 6)]; })")
    circle, square, diamond, triangle, down, hexagon, cross = inside
    assert all(centre for _corner, _top, centre in inside)
    assert square[0] and not circle[0] and not diamond[0]       # a square's corner is outside a circle
    assert triangle[1] and not down[1] and not circle[1]         # the apex of an upward triangle


def _click(view, x, y):
    from PySide6.QtTest import QTest

    QTest.mouseClick(view.focusProxy() or view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(x), round(y)))


def test_a_wider_hit_area_catches_a_near_miss(view, qtbot, mini):
    event = next(e for e in mini.events if e.id == "berlin-1926")
    place = mini.place_of(event)
    x, y = view.evaluate(f"TreatyMap.project({place.lat}, {place.lon})")
    dx, dy = view.evaluate(f"TreatyMap.markerOffset({json.dumps(event.id)})")
    x, y = x + dx, y - 14 + dy                     # 14 px above the marker's centre: a finger's near miss
    clicked = []
    view.bridge.event_clicked.connect(clicked.append)
    _click(view, x, y)
    qtbot.wait(300)
    assert event.id not in clicked
    view.evaluate("TreatyMap.setHitSlop(12)")
    with qtbot.waitSignal(view.bridge.event_clicked, timeout=5000):
        _click(view, x, y)
    assert clicked[-1] == event.id


def test_another_layout_can_move_a_marker_and_redraw(view):
    """The hook for spreading crowded places: set an event's offset, call P.relayout(), the marker moves."""
    first = view.evaluate("TreatyMap._.events[0].id")
    before = view.evaluate(f"TreatyMap._.markers[{json.dumps(first)}]._path.getAttribute('d')")
    view.evaluate(f"(TreatyMap._.byId[{json.dumps(first)}].offset = [30, -10], TreatyMap._.relayout(), true)")
    assert view.evaluate(f"TreatyMap.markerOffset({json.dumps(first)})") == [30, -10]
    after = view.evaluate(f"TreatyMap._.markers[{json.dumps(first)}]._path.getAttribute('d')")
    assert after != before
