"""Back and forward through the events one has looked at, as in a web browser. Free of Qt.

A ``History`` listens to a state's selection: each new selection is a step; clearing the selection is a
step too (Back then shows again what was on screen before it), but an empty selection is never a place
Back or Forward lead to. Going back or forward selects through the state like any other selection, and
is not itself recorded. A new selection after going back drops the forward steps, as browsers do.
"""

from __future__ import annotations

from psygnal import Signal, SignalGroup

from explorer.model.state import ExplorerState

#: How many steps back are kept.
DEFAULT_LIMIT = 500


class HistoryEvents(SignalGroup):
    """``changed()`` whenever what Back or Forward would do changes."""

    changed = Signal()


class History:
    """The selections visited on ``state``, with :meth:`back` and :meth:`forward`."""

    def __init__(self, state: ExplorerState, limit: int = DEFAULT_LIMIT) -> None:
        self.state = state
        self.limit = limit
        self.events = HistoryEvents()
        self._back: list[str] = []
        self._forward: list[str] = []
        self._current: str | None = state.selected_id
        self._moving = False
        state.events.selected_id.connect(self._on_selected_id)

    @property
    def can_go_back(self) -> bool:
        """Whether there is an earlier selection to go back to."""
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        """Whether there is a later selection to go forward to (after going back)."""
        return bool(self._forward)

    @property
    def back_id(self) -> str | None:
        """The event Back would select (None when there is none)."""
        return self._back[-1] if self._back else None

    @property
    def forward_id(self) -> str | None:
        """The event Forward would select (None when there is none)."""
        return self._forward[-1] if self._forward else None

    def back(self) -> bool:
        """Select the previous event; False when there is none."""
        return self._go(self._back, self._forward)

    def forward(self) -> bool:
        """Select the next event (after going back); False when there is none."""
        return self._go(self._forward, self._back)

    def _go(self, source: list[str], other: list[str]) -> bool:
        # Steps to events the dataset no longer has are skipped rather than failing.
        while source and not self.state.dataset.has_event(source[-1]):
            source.pop()
        if not source:
            return False
        target = source.pop()
        if self._current is not None:
            other.append(self._current)
        self._current = target
        self._moving = True
        try:
            self.state.select(target)
        finally:
            self._moving = False
        self.events.changed.emit()
        return True

    def _on_selected_id(self, event_id: str | None) -> None:
        if self._moving or event_id == self._current:
            return
        if self._current is not None:
            self._back.append(self._current)
            del self._back[:-self.limit]
        self._current = event_id
        self._forward.clear()
        self.events.changed.emit()
