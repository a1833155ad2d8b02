#!/usr/bin/env python3
"""Soak the kiosk: hundreds of idle → reset (page reload) → attract → touch cycles at millisecond timeouts,
sampling the memory (resident set size by default) of the app and its QtWebEngine processes after every cycle.

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu" \\
        python scripts/soak_kiosk.py --cycles 300

Prints the memory every 50 cycles, then the growth per 100 cycles after the warm-up (least-squares slope
over the samples, and of the per-10-cycle minima, which ignores garbage-collector noise) and whether it
meets the target of < 1 MB per 100 cycles. Exit status 0 when it does,
1 when it does not, 2 when the kiosk stopped cycling.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu --log-level=3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil  # noqa: E402

from explorer.resources import DEFAULT_DATASET  # noqa: E402

TARGET_MB_PER_100 = 1.0


def memory_mb(process: psutil.Process, kind: str = "uss") -> tuple[float, float, int]:
    """(app MB, web-engine children MB, number of children). ``uss`` (memory unique to each process, so
    shared libraries are not counted again and again) or ``rss``."""
    def one(p: psutil.Process) -> float:
        return (p.memory_full_info().uss if kind == "uss" else p.memory_info().rss) / 2**20

    children = 0.0
    kids = process.children(recursive=True)
    for child in kids:
        try:
            children += one(child)
        except psutil.Error:
            pass
    return one(process), children, len(kids)


def slope_per_100(samples: list[float]) -> float:
    """Least-squares slope of the samples (one per cycle), per 100 cycles."""
    return fit_per_100(samples)[0]


def fit_per_100(samples: list[float]) -> tuple[float, float]:
    """Least-squares slope per 100 cycles and its standard error (how much noise alone could give)."""
    n = len(samples)
    if n < 3:
        return 0.0, float("inf")
    mx, my = (n - 1) / 2, statistics.fmean(samples)
    sxx = sum((x - mx) ** 2 for x in range(n))
    slope = sum((x - mx) * (y - my) for x, y in enumerate(samples)) / sxx
    residual = sum((y - my - slope * (x - mx)) ** 2 for x, y in enumerate(samples))
    return slope * 100, (residual / (n - 2) / sxx) ** 0.5 * 100


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50, help="cycles left out of the trend (default 50)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--timeout-ms", type=int, default=40, help="every idle timeout, in ms (default 40)")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--memory", choices=("rss", "uss"), default="rss",
                        help="resident set size (default; less noisy here) or unique set size")
    parser.add_argument("--settle-ms", type=int, default=100, help="pause before each sample (default 100)")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="also write every sample (cycle, app MB, web MB)")
    parser.add_argument("--trace-python", action="store_true",
                        help="also report where Python-level memory grew after the warm-up (tracemalloc)")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtTest import QTest

    from explorer.kiosk.config import KioskConfig
    from explorer.kiosk.idle import Phase
    from explorer.kiosk.interaction_log import InteractionLog
    from explorer.kiosk.qt.mode import prepare_context
    from explorer.kiosk.qt.window import KioskWindow
    from explorer.model import load_dataset
    from explorer.model.state import ExplorerState
    from explorer.qt.application import create_application
    from explorer.qt.web_context import WebContext

    app = create_application()
    dataset = load_dataset(args.data)
    seconds = args.timeout_ms / 1000
    tour = tuple(e.id for e in dataset.events[:: max(1, len(dataset.events) // 4)])[:4]
    log_dir = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    config = replace(KioskConfig(), prompt_after_s=seconds, reset_after_s=seconds, attract_start_after_s=seconds,
                     attract_dwell_s=seconds * 2, attract_events=tour, log_dir=log_dir)
    context = WebContext()
    prepare_context(context)
    window = KioskWindow(ExplorerState(dataset), config, context, InteractionLog(log_dir))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()

    def wait_until(predicate, timeout_s: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                return False
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        return True

    if not wait_until(lambda: window.map_view.is_ready):
        print("the map never became ready", file=sys.stderr)
        return 2
    window.start()
    counts = {"resets": 0, "steps": 0}
    window.idle.reset_requested.connect(lambda: counts.__setitem__("resets", counts["resets"] + 1))
    window.playback.events.passed.connect(lambda *_: counts.__setitem__("steps", counts["steps"] + 1))
    process = psutil.Process()
    samples: list[tuple[float, float, int]] = []
    started = time.monotonic()
    print(f"soak: {args.cycles} cycles, timeouts {args.timeout_ms} ms, tour {len(tour)} stops, "
          f"dataset {dataset.path} ({len(dataset.events)} events), window {width}x{height}, memory: {args.memory}")
    print(f"{'cycle':>6} {'app MB':>8} {'web MB':>8} {'total MB':>9} {'procs':>5} {'s/cycle':>8}")
    for cycle in range(1, args.cycles + 1):
        resets = counts["resets"]
        # A visitor: wakes the kiosk (ending the tour), opens an event, switches language now and then.
        proxy = window.map_view.focusProxy() or window.map_view
        QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(200, 200))
        if window.idle.phase is Phase.ACTIVE:
            window.state.select(dataset.events[cycle % len(dataset.events)].id)
            if cycle % 3 == 0:
                window.state.set_language("de")
        # ... leaves: prompt, reset with a fresh page, then the tour starts again.
        ok = (wait_until(lambda: counts["resets"] > resets)
              and wait_until(lambda: window.map_view.is_ready)
              and wait_until(lambda: window.idle.phase is Phase.ATTRACT))
        if not ok:
            print(f"cycle {cycle}: the kiosk stopped cycling (phase {window.idle.phase})", file=sys.stderr)
            return 2
        if cycle == args.warmup and args.trace_python:
            import tracemalloc

            tracemalloc.start(5)
        if args.trace_python and cycle == args.warmup + 1:
            baseline = tracemalloc.take_snapshot()
        settle = QEventLoop()
        QTimer.singleShot(args.settle_ms, settle.quit)
        settle.exec()
        samples.append(memory_mb(process, args.memory))
        if cycle % 50 == 0 or cycle == 1:
            app_mb, web_mb, procs = samples[-1]
            per = (time.monotonic() - started) / cycle
            print(f"{cycle:>6} {app_mb:>8.1f} {web_mb:>8.1f} {app_mb + web_mb:>9.1f} {procs:>5} {per:>8.2f}")

    if args.csv:
        args.csv.write_text("cycle,app_mb,web_mb\n" + "".join(
            f"{i},{a:.2f},{w:.2f}\n" for i, (a, w, _) in enumerate(samples, start=1)))
    after = samples[args.warmup:]
    totals = [a + w for a, w, _ in after]
    slope_total, slope_error = fit_per_100(totals)
    slope_app = slope_per_100([a for a, _, _ in after])
    slope_web = slope_per_100([w for _, w, _ in after])
    # Garbage collectors make single samples noisy; a leak raises the floor, so also fit the minimum of
    # each block of 10 cycles.
    floors = [min(totals[i:i + 10]) for i in range(0, len(totals) - 9, 10)]
    slope_floor = slope_per_100(floors) / 10 if len(floors) > 1 else 0.0
    half = len(totals) // 2
    print(f"\nafter {args.warmup} warm-up cycles ({len(after)} samples):")
    print(f"  growth per 100 cycles (least squares): total {slope_total:+.2f} ± {slope_error:.2f} MB "
          f"(app {slope_app:+.2f} MB, web engine {slope_web:+.2f} MB)")
    blocks = [statistics.median(totals[i:i + 50]) for i in range(0, len(totals) - 49, 50)]
    if blocks:
        print("  median total of each 50 cycles: " + ", ".join(f"{m:.0f}" for m in blocks) + " MB")
    print(f"  growth per 100 cycles of the floor (minimum of each 10 cycles): {slope_floor:+.2f} MB")
    if half:
        print(f"  mean of first half {statistics.fmean(totals[:half]):.1f} MB, "
              f"second half {statistics.fmean(totals[half:]):.1f} MB; min {min(totals):.1f}, max {max(totals):.1f}")
    print(f"  resets {counts['resets']}, tour steps {counts['steps']}, renderer crashes {window.crashes.recent}, "
          f"console errors {len(window.map_view.page().console_errors)}")
    if args.trace_python and args.cycles > args.warmup + 1:
        import tracemalloc

        stats = tracemalloc.take_snapshot().compare_to(baseline, "lineno")
        grown = sum(stat.size_diff for stat in stats) / 2**20
        print(f"  Python heap after the warm-up: {grown:+.2f} MB; largest growth:")
        for stat in stats[:5]:
            print(f"    {stat}")
    met = slope_floor < TARGET_MB_PER_100
    print(f"  target < {TARGET_MB_PER_100:g} MB per 100 cycles (judged on the floor): {'MET' if met else 'NOT MET'}")
    window.shutdown()
    window.close()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
