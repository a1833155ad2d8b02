"""One cold start, run in a fresh process: ``python -m explorer.bench.qt.coldstart DATASET``.

It opens the real main window on DATASET exactly as ``explorer`` does (load and validate, or read the
checked dataset kept by an earlier start from the same file; QApplication, window, map page) and prints
one JSON line: the milliseconds from the process's start to the first painted map with data, and the
resident memory of the process and its QtWebEngine processes at that point.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time

# Before anything else: the process's own start time (the clock it is measured against).
_IMPORTED_AT = time.time()


def process_start_time() -> float:
    """When this process started (epoch seconds).

    The benchmark passes the moment it launched us in ``EXPLORER_BENCH_LAUNCHED_AT`` (same clock, includes
    the exec). Otherwise the OS's account: psutil's create_time, which on Linux is only as exact as the boot
    time it is counted from (whole seconds), so it can be off by up to a second.
    """
    launched = os.environ.get("EXPLORER_BENCH_LAUNCHED_AT")
    if launched:
        return float(launched)
    try:
        import psutil

        return psutil.Process().create_time()
    except Exception:   # noqa: BLE001 (a measurement must not fail on an exotic platform)
        return _IMPORTED_AT


def memory_mb(include_children: bool = True) -> dict:
    """Resident size (and proportional size where the OS tells it) of this process and its children, in MB."""
    import psutil

    me = psutil.Process()
    procs = [me] + (me.children(recursive=True) if include_children else [])
    rss = pss = 0
    for proc in procs:
        try:
            rss += proc.memory_info().rss
            try:
                pss += getattr(proc.memory_full_info(), "pss", 0)
            except (psutil.AccessDenied, OSError):
                pass
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return {"rss_mb": rss / 2**20, "pss_mb": pss / 2**20 or None, "processes": len(procs)}


def main(argv: list[str] | None = None) -> int:
    """Open the window on the dataset, wait for the first painted map, print the figures as JSON."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m explorer.bench.qt.coldstart DATASET [--settle-ms N]", file=sys.stderr)
        return 2
    started = process_start_time()
    settle_ms = int(argv[argv.index("--settle-ms") + 1]) if "--settle-ms" in argv else 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from explorer.formats.startup import load_or_report
    from explorer.webmap.page import render_template_beside

    render_template_beside()            # as `explorer --data` starts: a first start renders the page meanwhile
    dataset = load_or_report(argv[0])
    if dataset is None:
        return 1
    phases = {"loaded": (time.time() - started) * 1000}
    # The window's settings go to a folder of this run's own, removed once the window and its settings are.
    with tempfile.TemporaryDirectory(prefix="explorer-coldstart-") as settings_dir:
        code = _open_and_measure(dataset, started, phases, settle_ms, os.path.join(settings_dir, "settings.ini"))
    # A first start from a big file has a helper keep its checked dataset for the next start
    # (``model/dataset_cache.py``): the next run starts once it is done, as a later start would.
    from explorer.model.dataset_cache import wait_for_helper

    wait_for_helper(120)
    return code


def _open_and_measure(dataset, started: float, phases: dict, settle_ms: int, settings_path: str) -> int:
    """Open the window on DATASET, wait for its first painted map and print the JSON line."""
    from explorer.qt.application import create_application

    app = create_application()
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, QTimer

    from explorer.model.state import ExplorerState
    from explorer.desktop.qt.main_window import MainWindow
    from explorer.qt.web_context import WebContext

    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    context = WebContext()
    window = MainWindow(ExplorerState(dataset), context, settings, restore=False)
    window.show()
    view = window.map_view
    phases["window_built"] = (time.time() - started) * 1000
    view.ready.connect(lambda: phases.__setitem__("page_ready", (time.time() - started) * 1000))
    loop = QEventLoop()
    # The first painted frame: the page reports it over the bridge as soon as the bridge is connected.
    view.painted.connect(lambda _serial: loop.quit())
    QTimer.singleShot(60000, loop.quit)
    if view.last_painted < 1:
        loop.exec()
    elapsed_ms = (time.time() - started) * 1000
    if view.last_painted < 1:
        print(json.dumps({"error": "the map did not paint within 60 s"}))
        return 1
    visible = view.page_state().get("visibleCount", 0)
    # The page's own account (ms since its start): base map painted, data in, events drawn.
    phases["page"] = view.evaluate("TreatyMap.startTimes()")
    memory = memory_mb()
    if settle_ms:
        # Use it a little (dates across the span, a selection) before the final reading.
        state = window.state
        first, last = dataset.first_date.toordinal(), dataset.last_date.toordinal()
        for i in range(1, 11):
            state.set_date(dt.date.fromordinal(first + (last - first) * i // 10))
            view.wait_painted(view.evaluate("TreatyMap.serial()"), 10000)
        state.select(dataset.events[len(dataset.events) // 2].id)
        view.wait_painted(view.evaluate("TreatyMap.serial()"), 10000)
        QTimer.singleShot(settle_ms, loop.quit)
        loop.exec()
        later = memory_mb()
        memory = {k: max(v or 0, later[k] or 0) for k, v in memory.items()}
    print(json.dumps({"cold_start_ms": elapsed_ms, "visible": visible, "events": len(dataset.events),
                      "memory": memory, "phases": phases}), flush=True)
    # Page before view before profile, or Qt warns at exit.
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    context.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 0


if __name__ == "__main__":
    sys.exit(main())
