"""Latest wins: while the map page is busy, changes of the date, the filters and the selection are gathered,
never queued; the page ends on the last state, in a few updates, and a drag's final date is shown by the
next update after the release.

Not timed: the page is made busy on purpose (a script that holds its main thread) and the updates are
counted; `explorer bench` measures how long things take (drag_backlog_ms_*).
"""

import datetime as dt

import pytest

from explorer.bench.synthetic import dumps, generate
from explorer.model.loader import load_dataset
from explorer.model.state import ExplorerState

pytestmark = pytest.mark.gui

BUSY_MS = 400


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("latest") / "synthetic-10000.json"
    path.write_text(dumps(generate(10_000, seed=1)), encoding="utf-8")
    return load_dataset(path)


@pytest.fixture(params=["mini", "big"])
def view(request, qtbot, web_context, mini):
    """A map view on the small dataset (SVG markers) and on 10,000 events (the canvas layer)."""
    from explorer.qt.map_view import MapView

    dataset = mini if request.param == "mini" else request.getfixturevalue("big")
    view = MapView(ExplorerState(dataset), web_context, animate=False)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=60000):
        pass
    view.wait_painted(1, 30000)
    return view


def _hold_the_page(view, ms: int = BUSY_MS) -> None:
    """Keep the page's main thread busy for ``ms`` (as a slow frame at scale would)."""
    view.page().runJavaScript(f"(function () {{ const t = performance.now(); while (performance.now() - t < {ms}) {{}} }})()")


def _dates(dataset, count: int) -> list[dt.date]:
    first, last = dataset.first_date.toordinal(), dataset.last_date.toordinal()
    return [dt.date.fromordinal(first + (last - first) * (k + 1) // (count + 2)) for k in range(count)]


def _settle(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view._in_flight is None and not view._dirty, timeout=20000)


def test_many_date_changes_while_the_page_is_busy_end_on_the_last_date_in_a_few_updates(view, qtbot):
    state = view.state
    before = view.updates_sent
    _hold_the_page(view)
    dates = _dates(state.dataset, 60)
    for date in dates:
        state.set_date(date)
    _settle(qtbot, view)
    assert view.updates_sent - before <= 3, "date changes were queued, not gathered"
    assert view.page_state()["date"] == dates[-1].isoformat()
    assert view.page_state()["visibleCount"] == len(state.visible_events())
    # And the view shows it: a grab carrying the stamp of the page's latest change.
    image = view.grab_settled()
    assert image is not None and image.width() > 0


def test_filters_and_selections_while_busy_end_on_the_last_of_each(view, qtbot):
    state = view.state
    dataset = state.dataset
    kinds = [k for k in dataset.kinds][:3]
    picks = [e.id for e in dataset.events if e.place_id is not None][:20]
    before = view.updates_sent
    _hold_the_page(view)
    for k, event_id in enumerate(picks):
        state.set_filters(kinds=frozenset(kinds[: 1 + k % len(kinds)]))
        state.select(event_id)                       # a search result chosen, a marker clicked, ...
    state.set_filters(kinds=frozenset({kinds[0]}))
    _settle(qtbot, view)
    assert view.updates_sent - before <= 3
    page = view.page_state()
    assert page["selected"] == picks[-1]
    assert page["date"] == state.date.isoformat()
    assert page["visibleCount"] == len(state.visible_events())
    state.set_filters(kinds=frozenset())
    state.select(None)
    _settle(qtbot, view)


def test_a_drag_ends_with_its_final_date_shown_by_the_next_update(qtbot, web_context, big, tmp_path):
    """A 5-second scripted mouse drag of the timeline at 60 Hz over 10,000 events: the page is sent at most
    as many updates as there were date changes (intermediate dates dropped, none queued), and after the
    release at most one more update brings the final date, which the view then shows."""
    from PySide6.QtCore import QSettings

    from explorer.bench.qt import visible
    from explorer.desktop.qt.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ExplorerState(big), web_context, settings, restore=False)
    window.map_view.animate = False
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    with qtbot.waitSignal(window.map_view.ready, timeout=60000):
        pass

    class Session:
        view, state = window.map_view, window.state

    Session.window = window
    result = visible.drag_backlog(Session, 5.0)
    assert result["final_date_shown"]
    assert result["date_changes"] > 50
    assert result["page_updates"] <= result["date_changes"]
    assert result["updates_after_release"] <= 1


def test_search_keys_typed_together_cost_two_answers_the_first_and_the_last(qtbot, mini):
    """Keys that arrive while the window is busy (here: typed without the event loop running between them)
    cost two answers, the first key's and the text they end on; reading the results right away still gives
    the text's."""
    from explorer.qt.search_box import SearchBox

    box = SearchBox(ExplorerState(mini))
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    with qtbot.waitSignal(box.index_ready, timeout=10000):
        box.start_indexing()
    asked = []
    find = box.index.find
    box.index.find = lambda text, *args: asked.append(text) or find(text, *args)
    with qtbot.waitSignal(box.results_listed, timeout=5000,
                          check_params_cb=lambda text: text == "rapallo") as listed:
        qtbot.keyClicks(box, "rapallo")
        assert asked == ["r"]                        # the first key at once, the rest owed
    assert listed.args == ["rapallo"] and asked == ["r", "rapallo"] and box.answers_built == 2
    assert "rapallo-1922" in box.hit_ids() and box.completer_.popup().isVisible()
    qtbot.keyClicks(box, " treaty")
    assert "rapallo-1922" in box.hit_ids()           # read at once: the answer owed is built for it
    assert asked == ["r", "rapallo", "rapallo ", "rapallo treaty"]
