"""Pausing Python's cyclic garbage collector while large structures are built, from any thread (free of Qt).

Building a 100,000-event dataset, or the map page's data from it, makes millions of small objects that hold
no cycles; each burst of them would set off a full collection over everything alive (a second at 100,000
events) for nothing. ``gc.disable`` is for the whole process, so pauses from two threads (the loader on
the main thread, the page data on a worker) are counted: the collector runs again when the last ends, and
only if it ran when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (reference counting frees as usual)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
