"""The map page inside the kiosk, checked from the page's layout report (issue 13's rules, issue 14's
screens): labels clear of the selected marker, of each other and of every overlay (legend, credit, scale,
controls and the kiosk's own invitation card) and inside the map, on a landscape and a portrait screen in
both languages; the legend sized for fingers and closed on small screens; larger text and high contrast
reaching the page. One kiosk window (tests/test_kiosk_layout.py's) serves the module."""

import pytest
from test_kiosk_layout import at, kiosk, settle, wait_until  # noqa: F401  (kiosk is the module's fixture)
from test_map_layout import LINK_DISTANCE_AT_1080P, layout_problems, overlaps, page_geometry

from explorer.kiosk.qt.map_display import CONTRAST_ARCS, LABEL_SCALE

pytestmark = pytest.mark.gui

#: Events the kiosk screenshots showed with clipped or covered labels, far-flung and crowded ones.
SAMPLE = ("rapallo-1922", "genoa-1922", "versailles-1919", "italo-soviet-pact-1933", "soviet-finnish-pact-1932",
          "molotov-ribbentrop-1939", "league-entry-1926", "barbarossa-1941")
KIOSK_OVERLAYS = {"legend", "credit", "scale", "controls"}


def settled_report(win, selected):
    """The page's layout report once it shows ``selected`` (None: the home screen) and has placed its labels
    for it; with its link labels and padded area (test_map_layout's page_geometry)."""
    view = win.map_view

    def done():
        s, k = view.page_state(), view.zoomFactor()
        # The page has caught up with the view's size (Leaflet hears of a resize a moment later).
        sized = abs(s["size"][0] * k - view.width()) <= 1 and abs(s["size"][1] * k - view.height()) <= 1
        return sized and s.get("selected") == selected and s["paintedSerial"] == s["serial"] \
            and view._in_flight is None and not view._dirty
    wait_until(done)
    return page_geometry(view)


@pytest.fixture
def still(kiosk):  # noqa: F811
    """The kiosk with its selections framed at once (the same framing as the flight's end, deterministic)."""
    kiosk.map_view.animate = False
    yield kiosk
    kiosk.map_view.animate = True


def overlays_apart(report) -> list[str]:
    """The page's overlays do not lie on each other (the credit line wraps before the scale bar)."""
    o = report["overlays"]
    return [f"the {a['name']} covers the {b['name']}" for i, a in enumerate(o) for b in o[i + 1:]
            if "covered" not in (a["name"], b["name"]) and overlaps(a["rect"], b["rect"])]


def select(win, event_id):
    win.state.select(event_id)
    settle(win)
    return settled_report(win, event_id)


@pytest.mark.parametrize("size", [(1366, 768), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_map_labels_in_the_kiosk_keep_issue_13s_rules(still, size):
    win, found = still, []
    for language in ("en", "de"):
        at(win, size, language=language)
        report, links, padded = settled_report(win, None)
        assert abs(report["size"][1] - win.map_view.height()) <= 1                 # in screen pixels
        names = {o["name"] for o in report["overlays"]}
        assert KIOSK_OVERLAYS <= names and "covered" in names               # the invitation card too
        found += [f"{language} home: {p}" for p in layout_problems(report, links, padded, 1e9)
                  if "selected marker is not drawn" not in p]
        card = next(o["rect"] for o in report["overlays"] if o["name"] == "covered")
        found += [f"{language} home: {l['text']!r} under the invitation" for l in report["labels"]
                  if overlaps(l["rect"], card)]
        scale, with_links = win.metrics.screen_scale, 0
        for event_id in SAMPLE:
            report, links, padded = select(win, event_id)
            assert report["selected"]["id"] == event_id
            assert KIOSK_OVERLAYS <= {o["name"] for o in report["overlays"]}
            with_links += any(l["kind"] == "link" for l in report["labels"])
            found += [f"{language} {event_id}: {p}" for p in overlays_apart(report)]
            found += [f"{language} {event_id}: {p}"
                      for p in layout_problems(report, links, padded, LINK_DISTANCE_AT_1080P * max(scale, win.metrics.unit))]
        # Link labels that find no room are hidden (the details list every link), but most selections show some.
        assert with_links >= len(SAMPLE) // 2, (size, language, with_links)
    assert found == [], "\n".join(found)


def test_the_legend_is_a_touch_target_and_closed_on_small_screens(still):
    win = still
    for size, open_ in (((1366, 768), False), ((1080, 1920), False), ((1920, 1080), True), ((3840, 2160), True)):
        at(win, size)
        report, _, _ = select(win, "rapallo-1922")
        legend = next(o["rect"] for o in report["overlays"] if o["name"] == "legend")
        toggle = win.map_view.evaluate(
            "(() => { const r = document.querySelector('.tm-legend-toggle').getBoundingClientRect();"
            " const k = window.devicePixelRatio; return [r.width * k, r.height * k,"
            " parseFloat(getComputedStyle(document.querySelector('.tm-legend-row span') ||"
            " document.querySelector('.tm-legend-title')).fontSize) * k]; })()")
        assert win.map_view.evaluate("TreatyMap.legend().open") is open_, size
        # A finger's target at the kiosk's touch minimum (48 px at 1080p, scaled), its text readable.
        assert toggle[0] >= win.metrics.touch - 1 and toggle[1] >= win.metrics.touch - 1, (size, toggle)
        assert toggle[2] >= 15 * win.metrics.unit, (size, toggle)
        assert not overlaps(legend, report["selected"]["rect"])
        if not open_:                      # closed, it takes a corner, not a third of the map
            assert legend[2] * legend[3] < 0.03 * report["size"][0] * report["size"][1]
    # A visitor's touch opens it; the next update (another selection) keeps it open.
    at(win, (1366, 768))
    settled_report(win, None)
    assert win.map_view.evaluate("TreatyMap.legend().open") is False
    win.map_view.evaluate("document.querySelector('.tm-legend-toggle').click()")
    select(win, "genoa-1922")
    assert win.map_view.evaluate("TreatyMap.legend().open") is True
    report, links, padded = select(win, "rapallo-1922")
    assert layout_problems(report, links, padded, 1e9) == []


def test_larger_text_and_high_contrast_reach_the_map_page(still):
    win = still
    at(win, (1920, 1080))
    plain, _, _ = select(win, "rapallo-1922")
    plain_heights = {l["text"]: l["rect"][3] for l in plain["labels"] if l["kind"] == "place"}
    arcs = win.map_view.evaluate("TreatyMap.display()")
    assert arcs["contrast"] is None and arcs["arcWeight"] == 3
    win.layout_.large_text_button.click()
    win.layout_.contrast_button.click()
    settle(win)
    report, links, padded = settled_report(win, "rapallo-1922")
    big = {l["text"]: l["rect"][3] for l in report["labels"] if l["kind"] == "place"}
    common = set(plain_heights) & set(big)
    assert common and all(big[t] >= plain_heights[t] * 1.2 for t in common), (plain_heights, big)
    assert layout_problems(report, links, padded, LINK_DISTANCE_AT_1080P * 1.3) == []
    assert overlays_apart(report) == []
    display = win.map_view.evaluate("TreatyMap.display()")
    assert display["textScale"] == pytest.approx(1.3 * LABEL_SCALE) and display["arcWeight"] == 5
    drawn = win.map_view.evaluate(
        "Array.from(document.querySelectorAll('path.tm-link-arc')).map(p => p.getAttribute('stroke'))")
    assert drawn and set(drawn) <= set(CONTRAST_ARCS.values())
    looks = win.map_view.evaluate(
        "[getComputedStyle(document.querySelector('.tm-legend-control')).backgroundColor,"
        " getComputedStyle(document.querySelector('.tm-labels .tm-place-label')).backgroundColor,"
        " getComputedStyle(document.querySelector('.tm-labels .tm-place-label')).color,"
        " getComputedStyle(document.querySelector('.tm-labels .tm-place-label')).webkitTextStrokeWidth]")
    # In their box the names need no halo (a white rim would thicken white letters).
    assert looks == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)", "0px"]
    # The next visitor starts plain, and so does the reloaded page.
    win.idle.reset_requested.emit()
    wait_until(lambda: win.map_view.is_ready)
    settle(win)
    settled_report(win, None)
    display = win.map_view.evaluate("TreatyMap.display()")
    assert display["contrast"] is None and display["textScale"] == pytest.approx(LABEL_SCALE)
