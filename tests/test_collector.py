"""Pauses of the garbage collector from two threads are counted: it runs again when the last one ends."""

import gc
import threading

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
