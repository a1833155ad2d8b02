"""The timeline slider's marks index, built after the first painted frame (``TimelineSlider(index_later=True)``):
on a thread of its own, or at once when a question about one event's mark cannot wait."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from explorer.qt.timeline_index import TimelineIndex

#: What the index is made of until the real one is built: no events, no marks.
NO_EVENTS = SimpleNamespace(events=())


class IndexLater:
    """A mixin of the slider (which holds ``_index``, ``_index_missing``, ``index_pending`` and the signals
    ``_index_built`` and ``index_ready``)."""

    def build_index_later(self) -> None:
        """Build the marks' index on a thread of its own (once, for a slider made with ``index_later``);
        the marks are drawn when it is in place (``index_ready``)."""
        if not self.index_pending:
            return
        self.index_pending = False
        dataset = self._state.dataset

        def build() -> None:
            index = TimelineIndex(dataset)
            try:
                self._index_built.emit((dataset, index))
            except RuntimeError:             # the slider was closed meanwhile
                pass

        threading.Thread(target=build, name="timeline-index", daemon=True).start()

    def _on_index_built(self, built) -> None:
        dataset, index = built
        if dataset is not self._state.dataset or not self._index_missing:
            return
        self._index, self._index_missing, self.index_pending = index, False, False
        self._density_key = None
        self._invalidate()
        self._describe()
        self.index_ready.emit()

    def _index_now(self) -> TimelineIndex:
        """The marks' index, built here and now if the thread has not delivered it yet (a question about
        one event's mark needs the real one)."""
        if self._index_missing:
            self._on_index_built((self._state.dataset, TimelineIndex(self._state.dataset)))
        return self._index
