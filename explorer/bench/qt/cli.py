"""``explorer bench``: every figure of the speed-and-memory benchmark in one run, as a table or one JSON object.

N = 40 is the shipped dataset; larger sizes are synthetic datasets (``explorer.bench.synthetic``, seed 1).
Progress goes to standard error; standard output holds only the table or, with ``--json``, one JSON object.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from explorer.resources import DEFAULT_DATASET

#: (key, limit, how the figure must compare, readable target)
TARGETS = (
    ("time_change_ms_median_10000", 16.0, "<", "timeline change @10k: median < 16 ms"),
    ("time_change_ms_p95_10000", 33.0, "<", "timeline change @10k: p95 < 33 ms"),
    ("speedup_vs_rebuild_1000", 50.0, ">=", "≥ 50× faster than rebuild-and-reload @1k"),
    ("cold_start_ms_median", 1000.0, "<", "cold start (shipped data): median < 1000 ms"),
    ("load_validate_ms_10000", 500.0, "<", "load + validate @10k < 500 ms"),
    ("memory_mb_10000", 500.0, "<", "memory @10k (app + web processes, PSS) < 500 MB"),
    ("snapshot_4k_ms_median", 1000.0, "<", "4K PNG snapshot, app running: < 1 s"),
    ("snapshot_4k_cold_cli_ms_median", 3000.0, "<", "4K PNG from a cold `explorer snapshot`: < 3 s"),
)
REQUIRED_KEYS = (
    "load_validate_ms_10000", "cold_start_ms_median", "time_change_ms_median_1000", "time_change_ms_median_10000",
    "time_change_ms_p95_10000", "rebuild_reload_ms_median_1000", "speedup_vs_rebuild_1000", "select_ms_median_10000",
    "search_ms_median_10000", "snapshot_1080p_ms_median", "snapshot_4k_ms_median", "memory_mb_10000",
    "max_main_thread_stall_ms_drag_10000",
)


@dataclass(frozen=True)
class Reps:
    """How many repetitions of each measurement."""

    load: int
    cold: int
    changes: int
    rebuilds: int
    selections: int
    snapshots: int
    drag_seconds: float
    quick: bool = False

    @classmethod
    def for_run(cls, quick: bool) -> "Reps":
        """Fewer repetitions for a smoke run."""
        if quick:
            return cls(load=3, cold=2, changes=20, rebuilds=2, selections=5, snapshots=1, drag_seconds=2.0,
                       quick=True)
        return cls(load=10, cold=5, changes=120, rebuilds=5, selections=25, snapshots=3, drag_seconds=5.0)


def progress(message: str) -> None:
    """A progress line on standard error."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _prepare_headless() -> None:
    """Offscreen Qt without a display; Chromium without sandbox (as root) and GPU (none here)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32", "darwin")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--disable-gpu" not in flags and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-gpu").strip()


def dataset_paths(sizes: list[int], work: Path) -> dict[int, Path]:
    """The shipped dataset for 40, generated files for the other sizes."""
    from explorer.bench.synthetic import dumps, generate
    from explorer.safe_write import write_text_atomic

    paths = {}
    for n in sizes:
        if n == 40:
            paths[n] = DEFAULT_DATASET
        else:
            paths[n] = work / f"synthetic-{n}.json"
            write_text_atomic(paths[n], dumps(generate(n, 1)))
    return paths


def load_validate(path: Path, reps: int) -> list[float]:
    """Read, parse, check and build the dataset, as the app does on start."""
    from explorer.model.loader import load_dataset

    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        load_dataset(path)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def cold_start(path: Path, settle_ms: int = 0) -> dict:
    """One cold start in a fresh interpreter (``explorer.bench.qt.coldstart``)."""
    env = os.environ.copy()
    env["EXPLORER_BENCH_LAUNCHED_AT"] = repr(time.time())     # the child measures from this moment
    run = subprocess.run([sys.executable, "-m", "explorer.bench.qt.coldstart", str(path), "--settle-ms", str(settle_ms)],
                         capture_output=True, text=True, timeout=180, env=env)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        raise RuntimeError(f"cold start failed ({run.returncode}): {run.stderr.strip()[-400:]}")
    return json.loads(lines[-1])


def run_bench(sizes: list[int], quick: bool) -> dict:
    """Measure everything and return the result object (see REQUIRED_KEYS)."""
    from explorer.bench.qt.measure import summary

    reps = Reps.for_run(quick)
    result: dict = {"sizes": sizes, "quick": quick, "notes": []}
    work_dir = tempfile.TemporaryDirectory(prefix="explorer-bench-")
    work = Path(work_dir.name)
    progress("writing synthetic datasets")
    paths = dataset_paths(sizes, work)

    for n in sizes:
        progress(f"load + validate, {n} events")
        load_validate(paths[n], 1)                     # warm the file cache and imports
        s = summary(load_validate(paths[n], reps.load))
        result[f"load_validate_ms_{n}"], result[f"load_validate_ms_p95_{n}"] = s["median"], s["p95"]

    progress(f"cold start, shipped data, {reps.cold} runs")
    cold = summary([cold_start(DEFAULT_DATASET)["cold_start_ms"] for _ in range(reps.cold)])
    result["cold_start_ms_median"], result["cold_start_ms_p95"] = cold["median"], cold["p95"]
    biggest = max(sizes)
    if biggest > 40:
        progress(f"cold start and memory, {biggest} events")
        big = cold_start(paths[biggest], settle_ms=1500)
        result[f"cold_start_ms_{biggest}"] = big["cold_start_ms"]
        # PSS: each page shared between the app and its forked Chromium processes counted once, in shares.
        # Summed RSS counts the shared libraries once per process; it is kept beside, for comparison.
        result[f"memory_mb_{biggest}"] = big["memory"]["pss_mb"] or big["memory"]["rss_mb"]
        result[f"memory_rss_sum_mb_{biggest}"] = big["memory"]["rss_mb"]
        result[f"web_processes_{biggest}"] = big["memory"]["processes"] - 1

    _measure_in_process(sizes, paths, reps, result, work)
    work_dir.cleanup()

    base = result.get("rebuild_reload_ms_median_1000")
    change = result.get("time_change_ms_median_1000")
    result["speedup_vs_rebuild_1000"] = base / change if base and change else None
    for key in REQUIRED_KEYS:
        result.setdefault(key, None)
    result["targets"] = _targets(result)
    result["machine"] = _machine()
    return result


def _measure_in_process(sizes, paths, reps: Reps, result: dict, work: Path) -> None:
    from explorer.qt.application import create_application

    create_application()
    from explorer.bench.qt import measure
    from explorer.model.loader import load_dataset
    from explorer.qt.web_context import WebContext

    context = WebContext()
    for n in sizes:
        dataset = load_dataset(paths[n])
        progress(f"opening the window, {n} events")
        session = measure.WindowSession(dataset, context)
        try:
            progress(f"timeline changes, {n} events ({reps.changes})")
            measure.time_change(session, 5)            # warm-up
            s = measure.summary(measure.time_change(session, reps.changes))
            result[f"time_change_ms_median_{n}"], result[f"time_change_ms_p95_{n}"] = s["median"], s["p95"]
            s = measure.summary(measure.time_change(session, reps.changes, scrub=True))
            result[f"scrub_change_ms_median_{n}"], result[f"scrub_change_ms_p95_{n}"] = s["median"], s["p95"]
            progress(f"selections, {n} events ({reps.selections})")
            times, checked = measure.selection(session, reps.selections)
            s = measure.summary(times)
            result[f"select_ms_median_{n}"], result[f"select_ms_p95_{n}"] = s["median"], s["p95"]
            if checked["n"] and (checked["details_ok"] < checked["n"] or checked["links_drawn"] < checked["n"]):
                result["notes"].append(f"selection at {n}: details filled {checked['details_ok']}/{checked['n']}, "
                                       f"links drawn {checked['links_drawn']}/{checked['n']}")
            progress(f"search keystrokes, {n} events")
            times, _hits = measure.search(session)
            s = measure.summary(times)
            result[f"search_ms_median_{n}"], result[f"search_ms_p95_{n}"] = s["median"], s["p95"]
            if n == max(sizes):
                progress(f"scripted {reps.drag_seconds:g} s timeline drag, {n} events")
                drag = measure.drag_stall(session, reps.drag_seconds)
                result[f"max_main_thread_stall_ms_drag_{n}"] = drag["max_stall_ms"]
                result[f"drag_frames_painted_{n}"] = drag["frames_painted"]
                result[f"drag_date_changes_{n}"] = drag["date_changes"]
            errors = session.view.page().console_errors
            if errors:
                result["notes"].append(f"page errors at {n}: {errors[:3]}")
        finally:
            session.close()
        if n == 1000:
            progress(f"rebuild-and-reload baseline, 1000 events ({reps.rebuilds})")
            s = measure.summary(measure.folium_recipe_reload(dataset, context, reps.rebuilds))
            result["rebuild_reload_ms_median_1000"], result["rebuild_reload_ms_p95_1000"] = s["median"], s["p95"]
            s = measure.summary(measure.rebuild_reload(dataset, context, reps.rebuilds))
            result["rebuild_own_page_ms_median_1000"] = s["median"]
    progress("snapshots")
    shipped = load_dataset(DEFAULT_DATASET)
    for key, size, suffix in (("snapshot_1080p_ms_median", (1920, 1080), ".png"),
                              ("snapshot_4k_ms_median", (3840, 2160), ".png"),
                              ("snapshot_pdf_ms_median", (1920, 1080), ".pdf")):
        times, note = measure.snapshot(shipped, context, size, reps.snapshots, work, suffix)
        result[key] = measure.summary(times)["median"]
        if note:
            result["notes"].append(f"{key}: {note}")
    _snapshot_commands(result, reps, work)
    context.deleteLater()
    measure.spin(50)


def _snapshot_commands(result: dict, reps: Reps, work: Path) -> None:
    """The snapshot commands from a cold start: a 4K PNG of Rapallo, and ``--all`` over the shipped data
    (left out of ``--quick``), with the peak memory of each."""
    from explorer.bench.command_runs import run_command

    progress(f"cold `explorer snapshot` at 3840×2160 ({reps.cold} runs)")
    runs = [run_command(["snapshot", "--event", "rapallo-1922", "--size", "3840x2160",
                         "--out", str(work / f"cold-{i}.png")]) for i in range(reps.cold)]
    failed = [r for r in runs if r["returncode"] != 0]
    if failed:
        result["notes"].append(f"cold snapshot failed: {failed[0]['stderr']}")
    else:
        result["snapshot_4k_cold_cli_ms_median"] = statistics.median(r["ms"] for r in runs)
        result["snapshot_4k_cold_cli_peak_mb"] = max(r["peak_mb"] for r in runs)
    if reps.quick:
        return
    progress("`explorer snapshot --all` over the shipped data")
    run = run_command(["snapshot", "--all", "--out-dir", str(work / "all")])
    if run["returncode"] != 0:
        result["notes"].append(f"snapshot --all failed: {run['stderr']}")
        return
    result["snapshot_all_shipped_s"] = run["ms"] / 1000
    result["snapshot_all_shipped_peak_mb"] = run["peak_mb"]


def _targets(result: dict) -> dict:
    out = {}
    for key, limit, op, text in TARGETS:
        value = result.get(key)
        met = None if value is None else (value < limit if op == "<" else value >= limit)
        out[key] = {"target": f"{op} {limit:g}", "value": value, "met": met, "description": text}
    stall = result.get("max_main_thread_stall_ms_drag_10000")
    out["max_main_thread_stall_ms_drag_10000"] = {
        "target": "< 50", "value": stall, "met": None if stall is None else stall < 50,
        "description": "no blocking work on the main thread during a drag (longest stall < 50 ms, 3 frames)"}
    return out


def _machine() -> dict:
    import psutil
    import PySide6

    return {"cpu_count": os.cpu_count(), "cpu_count_physical": psutil.cpu_count(logical=False),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1), "platform": platform.platform(),
            "python": platform.python_version(), "pyside6": PySide6.__version__,
            "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def _fmt(value, unit: str = "ms") -> str:
    if value is None:
        return "—"
    if unit == "x":
        return f"{value:.0f}×"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def format_table(result: dict) -> str:
    """The result as a readable table: one row per figure, one column per dataset size, then the targets."""
    sizes = result["sizes"]
    rows = [("load + validate, median (ms)", "load_validate_ms_{n}"),
            ("load + validate, p95 (ms)", "load_validate_ms_p95_{n}"),
            ("timeline change, median (ms)", "time_change_ms_median_{n}"),
            ("timeline change, p95 (ms)", "time_change_ms_p95_{n}"),
            ("  scrubbing a month a step, median (ms)", "scrub_change_ms_median_{n}"),
            ("  scrubbing a month a step, p95 (ms)", "scrub_change_ms_p95_{n}"),
            ("selection, median (ms)", "select_ms_median_{n}"),
            ("search keystroke, median (ms)", "search_ms_median_{n}"),
            ("drag: longest main-thread stall (ms)", "max_main_thread_stall_ms_drag_{n}"),
            ("cold start, one run (ms)", "cold_start_ms_{n}"),
            ("memory, app + web processes (MB PSS)", "memory_mb_{n}"),
            ("memory, summed RSS (MB)", "memory_rss_sum_mb_{n}")]
    width = 40
    lines = ["Treaty Explorer benchmark", "", "".ljust(width) + "".join(f"N={n:<10}" for n in sizes)]
    for label, pattern in rows:
        values = [result.get(pattern.format(n=n)) for n in sizes]
        if any(v is not None for v in values):
            lines.append(label.ljust(width) + "".join(f"{_fmt(v):<12}" for v in values))
    lines += ["",
              f"cold start, shipped data, median: {_fmt(result['cold_start_ms_median'])} ms",
              f"rebuild-and-reload @1k (folium recipe), median: {_fmt(result['rebuild_reload_ms_median_1000'])} ms"
              f"   → our change is {_fmt(result['speedup_vs_rebuild_1000'], 'x')} faster",
              f"  (our own page rebuilt and reloaded instead: {_fmt(result.get('rebuild_own_page_ms_median_1000'))} ms)",
              f"snapshot, app running: PNG 1920×1080 {_fmt(result['snapshot_1080p_ms_median'])} ms,"
              f" 3840×2160 {_fmt(result['snapshot_4k_ms_median'])} ms,"
              f" PDF {_fmt(result.get('snapshot_pdf_ms_median'))} ms",
              f"snapshot from a cold CLI, 3840×2160 PNG: {_fmt(result.get('snapshot_4k_cold_cli_ms_median'))} ms"
              f" (peak {_fmt(result.get('snapshot_4k_cold_cli_peak_mb'), 'MB')} MB);"
              f" --all over the shipped data: {_fmt(result.get('snapshot_all_shipped_s'), 's')} s"
              f" (peak {_fmt(result.get('snapshot_all_shipped_peak_mb'), 'MB')} MB)", "", "Targets:"]
    for target in result["targets"].values():
        mark = {True: "met", False: "NOT MET", None: "not measured"}[target["met"]]
        unit = "×" if "speedup" in target["description"] or "faster" in target["description"] else ""
        value = _fmt(target["value"], "x" if unit else "ms")
        lines.append(f"  {target['description']:<58} {value:>8}  {mark}")
    machine = result["machine"]
    lines += ["", f"{machine['date']} · {machine['cpu_count']} CPUs · Python {machine['python']} · "
                  f"PySide6 {machine['pyside6']} · {machine['platform']}"]
    lines += [f"note: {note}" for note in result["notes"]]
    return "\n".join(lines)


def cmd_bench(args) -> int:
    """Run the benchmark and print the table, or one JSON object with ``--json``."""
    try:
        sizes = sorted({int(s) for s in str(args.sizes).split(",") if s.strip()})
    except ValueError:
        print(f"explorer: error: --sizes must be numbers separated by commas, got {args.sizes!r}", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1:
        print("explorer: error: --sizes needs at least one positive size", file=sys.stderr)
        return 2
    _prepare_headless()
    from explorer.qt.application import prepare_environment

    prepare_environment()
    started = time.perf_counter()
    result = run_bench(sizes, args.quick)
    result["bench_seconds"] = round(time.perf_counter() - started, 1)
    progress(f"done in {result['bench_seconds']} s")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_table(result))
    return 0
