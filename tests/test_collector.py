"""Pauses of the garbage collector from two threads are counted: it runs again when the last one ends."""

import gc
import os
import sys
import threading

import pytest

from explorer.model import collector
from explorer.model.collector import collector_paused


def test_overlapping_pauses_from_two_threads_leave_the_collector_running():
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def worker():
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    with collector_paused():                 # begins while the worker's pause holds: gc is off already
        release.set()
        thread.join(5)
        assert not gc.isenabled()            # the worker's pause ended, ours has not
    assert gc.isenabled()


def test_a_pause_keeps_a_collector_that_was_off_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_free_memory_in_the_middle_of_the_heap_is_given_back():
    """What a parse leaves: many blocks freed, a few kept between them. glibc keeps the free pages until
    asked; ``give_back_memory`` asks, and the process's resident size falls by most of what was freed."""
    if collector._malloc_trim() is None:
        pytest.skip("not glibc")
    blocks = [bytes(2000) + bytes([i % 251]) for i in range(100_000)]   # 200 MB from malloc's heap
    kept = blocks[::64]                                                  # one in 64 stays: pages in use
    del blocks
    before = _resident_bytes()
    assert collector.give_back_memory() is True
    given = before - _resident_bytes()
    assert given > 100 << 20, f"only {given >> 20} MB given back"
    assert len(kept) == 1563 and kept[5][-1] == 320 % 251     # nothing alive moved or changed


def test_without_malloc_trim_nothing_is_asked(monkeypatch):
    monkeypatch.setattr(collector, "_malloc_trim", lambda: None)
    assert collector.give_back_memory() is False
    asked = []
    monkeypatch.setattr(collector, "_malloc_trim", lambda: asked.append)
    assert collector.give_back_memory() is True and asked == [0]
