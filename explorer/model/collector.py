"""Pausing Python's cyclic garbage collector while large structures are built, from any thread (free of Qt).

Building a 100,000-event dataset, or the map page's data from it, makes millions of small objects that hold
no cycles; each burst of them would set off a full collection over everything alive (a second at 100,000
events) for nothing. ``gc.disable`` is for the whole process, so pauses from two threads (the loader on
the main thread, the page data on a worker) are counted: the collector runs again when the last ends, and
only if it ran when the first began.
"""

from __future__ import annotations

import functools
import gc
import sys
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


def give_back_memory() -> bool:
    """Hand the C heap's free pages back to the system, after a big structure was built and its scaffolding
    freed; whether that could be asked for (glibc only; elsewhere nothing happens).

    glibc keeps freed memory in its heaps for reuse and returns only what lies at a heap's top: the parse of
    a 120 MB file or the search index's temporary arrays leave tens of megabytes of free pages in the middle
    (57 MB after the index at 100,000 events, 27 MB after the load), which ``malloc_trim`` returns in about
    two milliseconds. Nothing alive moves.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where there is none (another system, or musl)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim
