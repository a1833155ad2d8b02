"""Back and forward through selections (Qt-free)."""

from explorer.model.history import History
from explorer.model.state import ExplorerState


def test_back_and_forward_walk_the_selections(mini):
    state = ExplorerState(mini)
    history = History(state)
    assert not history.can_go_back and not history.can_go_forward
    for event_id in ("genoa-1922", "rapallo-1922", "berlin-1926"):
        state.select(event_id)
    assert history.back() and state.selected_id == "rapallo-1922"
    assert state.date == mini.event("rapallo-1922").start        # a selection like any other: the date follows
    assert history.back() and state.selected_id == "genoa-1922"
    assert not history.back() and state.selected_id == "genoa-1922"
    assert history.forward() and state.selected_id == "rapallo-1922"
    assert history.forward() and state.selected_id == "berlin-1926"
    assert not history.forward()


def test_a_new_selection_after_going_back_drops_the_forward_steps(mini):
    state = ExplorerState(mini)
    history = History(state)
    for event_id in ("genoa-1922", "rapallo-1922", "berlin-1926"):
        state.select(event_id)
    history.back()
    state.select("lipetsk-1925")
    assert not history.can_go_forward
    assert history.back_id == "rapallo-1922"


def test_clearing_is_a_step_but_never_a_destination(mini):
    state = ExplorerState(mini)
    history = History(state)
    state.select("genoa-1922")
    state.select("rapallo-1922")
    state.select(None)                                  # e.g. Home jumped to 1918
    assert history.back() and state.selected_id == "rapallo-1922"
    assert history.back() and state.selected_id == "genoa-1922"
    assert history.forward() and state.selected_id == "rapallo-1922"
    assert not history.forward()                         # the empty selection is not a place to go


def test_changed_is_emitted_and_the_length_is_bounded(mini):
    state = ExplorerState(mini)
    history = History(state, limit=3)
    seen = []
    history.events.changed.connect(lambda: seen.append((history.can_go_back, history.can_go_forward)))
    ids = [e.id for e in mini.events]
    for event_id in ids:
        state.select(event_id)
    assert seen[0] == (False, False) and seen[-1] == (True, False)
    steps = 0
    while history.back():
        steps += 1
    assert steps == 3
