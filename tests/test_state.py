"""The evented state (Qt-free): one notification per real change, batches, weak listeners, no silent
assignment, renamed parties filtering together, jumps that clear a stale selection."""

import datetime as dt
import gc

from explorer.model.state import Camera, ExplorerState


def _recorder(state):
    changes, fields = [], []
    state.events.changed.connect(changes.append)
    for name in ("date", "selected_id", "filters", "language", "camera"):
        getattr(state.events, name).connect(lambda value, name=name: fields.append((name, value)))
    return changes, fields


def test_a_selection_is_one_notification(mini):
    """Selecting moves the date too: listeners of ``changed`` hear it once, with both names."""
    state = ExplorerState(mini)
    changes, fields = _recorder(state)
    state.select("berlin-1926")
    assert changes == [frozenset({"selected_id", "date"})]
    assert fields == [("date", dt.date(1926, 4, 24)), ("selected_id", "berlin-1926")]


def test_only_real_changes_notify_and_every_assignment_does(mini):
    state = ExplorerState(mini)
    changes, _fields = _recorder(state)
    state.set_date(state.date)
    state.select(None)
    state.language = "en"
    assert changes == []
    state.language = "de"                 # a plain assignment is never silent
    state.camera = Camera((50.0, 10.0), 5)
    state.camera = Camera((50.0, 10.0), 5)
    assert changes == [frozenset({"language"}), frozenset({"camera"})]


def test_a_batch_emits_each_field_once_with_its_last_value(mini):
    state = ExplorerState(mini)
    changes, fields = _recorder(state)
    with state.batch():
        state.set_date(dt.date(1920, 1, 1))
        state.set_date(dt.date(1925, 1, 1))
        with state.batch():                # nested: still one transaction
            state.set_language("de")
        assert changes == [] and fields == []
    assert changes == [frozenset({"date", "language"})]
    assert fields == [("date", dt.date(1925, 1, 1)), ("language", "de")]
    with state.batch():                    # a batch that ends where it began says nothing
        state.set_date(dt.date(1930, 1, 1))
        state.set_date(dt.date(1925, 1, 1))
    assert len(changes) == 1


def test_listeners_are_held_weakly(mini):
    state = ExplorerState(mini)
    heard = []

    class View:
        def on_changed(self, names):
            heard.append(names)

    view = View()
    state.events.changed.connect(view.on_changed)
    state.set_language("de")
    del view
    gc.collect()
    state.set_language("en")
    assert heard == [frozenset({"language"})]


def test_jumping_clears_a_selection_that_is_not_at_the_new_date(mini):
    state = ExplorerState(mini)
    state.select("genoa-1922")                            # 10 April – 19 May 1922
    changes, _fields = _recorder(state)
    state.jump_to(dt.date(1922, 5, 1))                     # still within it: kept
    assert state.selected_id == "genoa-1922"
    state.jump_to(mini.first_date)                         # Home: 1918
    assert state.selected_id is None and state.date == mini.first_date
    assert changes[-1] == frozenset({"date", "selected_id"})


def test_renamed_parties_filter_together(tmp_path, mini_path):
    """The dataset says Soviet Russia was renamed Soviet Union: choosing either shows both."""
    import json

    from explorer.model.loader import load_dataset

    raw = json.loads(mini_path.read_text(encoding="utf-8"))
    names = sorted({p for e in raw["events"] for p in e["parties"]})
    raw["parties"] = [{"name": n, **({"renamed_to": "Soviet Union"} if n == "Soviet Russia" else {})} for n in names]
    path = tmp_path / "renamed.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    state = ExplorerState(load_dataset(path))
    state.set_date(dt.date(1933, 12, 31))
    state.set_filters(parties=frozenset({"Soviet Union"}))
    shown = {e.id for e in state.visible_events()}
    assert {"brest-1918", "rapallo-1922", "berlin-1926"} <= shown        # 1918 and 1922: Soviet Russia
    assert "rapallo-1920" not in shown
    assert state.party_filter() == frozenset({"Soviet Russia", "Soviet Union"})


def test_camera_closeness():
    a = Camera((50.0, 10.0), 5.0)
    assert a.close_to(Camera((50.0000001, 10.0), 5.0)) and not a.close_to(Camera((50.1, 10.0), 5.0))
    assert not a.close_to(None)
