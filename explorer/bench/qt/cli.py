"""``explorer bench``: every figure of the speed-and-memory benchmark in one run, as a table or one JSON object.

The size 40 stands for the shipped dataset (its real count, 90 events today, is what the table prints: the
key suffix ``_40`` stays for the JSON's old keys); larger sizes are synthetic datasets
(``explorer.bench.synthetic``, seed 1).
Progress goes to standard error; standard output holds only the table or, with ``--json``, one JSON object.
The load average is sampled at every progress line, since a busy machine slows every figure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from explorer.bench.report import (  # noqa: F401  (REQUIRED_KEYS and TARGETS are read from here too)
    REQUIRED_KEYS, TARGETS, format_table, load_samples, phase, progress, record, spread, targets,
)
from explorer.bench.plan import BIG, SHIPPED, Reps, expected_keys, memory_sizes, size_label  # noqa: F401
from explorer.resources import DEFAULT_DATASET


def _prepare_headless() -> None:
    """Offscreen Qt without a display; Chromium without sandbox (as root) and GPU (none here)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32", "darwin")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--disable-gpu" not in flags and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-gpu").strip()


def dataset_paths(sizes: list[int], work: Path) -> dict[int, Path]:
    """The shipped dataset for ``SHIPPED`` (40), generated files for the other sizes."""
    from explorer.bench.synthetic import dumps, generate
    from explorer.safe_write import write_text_atomic

    paths = {}
    for n in sizes:
        if n == SHIPPED:
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


def validate_problems(work: Path, reps: int, n: int = 100_000) -> list[float]:
    """``explorer validate`` on a file of ``n`` events that each have an impossible date (every problem
    reported with its line): the shipped data's first event copied ``n`` times, dated 30 February (a 430 MB
    file, written to the disk before the first run, so that no run shares the machine with its writing).
    ``reps`` runs, and more, up to three, while the runs so far took under 20 s in all."""
    import orjson

    from explorer.model.loader import validate_file

    doc = orjson.loads(DEFAULT_DATASET.read_bytes())
    event = dict(doc["events"][0], date="1922-02-30")
    doc["events"] = [dict(event, id=f"e-{i}") for i in range(n)]
    doc["links"] = []
    path = work / "bad-dates.json"
    with open(path, "wb") as file:
        file.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
        file.flush()
        os.fsync(file.fileno())
    del doc
    times = []
    for _ in range(max(reps, 3)):
        if len(times) >= reps and sum(times) > 20_000:
            break                       # more runs only while they are cheap: the whole bench has 10 minutes
        t0 = time.perf_counter()
        found = len(validate_file(path))
        times.append((time.perf_counter() - t0) * 1000)
        if found != n:
            raise RuntimeError(f"expected {n} problems, got {found}")
    return times


def cold_start(path: Path, settle_ms: int = 0, cache_dir: str | None = None) -> dict:
    """One cold start in a fresh interpreter (``explorer.bench.qt.coldstart``); ``cache_dir`` for the page
    cache (an empty folder: a first start of the app)."""
    env = os.environ.copy()
    if cache_dir is not None:
        env["EXPLORER_CACHE_DIR"] = cache_dir
    env["EXPLORER_BENCH_LAUNCHED_AT"] = repr(time.time())     # the child measures from this moment
    run = subprocess.run([sys.executable, "-m", "explorer.bench.qt.coldstart", str(path), "--settle-ms", str(settle_ms)],
                         capture_output=True, text=True, timeout=300, env=env)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        raise RuntimeError(f"cold start failed ({run.returncode}): {run.stderr.strip()[-400:]}")
    return json.loads(lines[-1])


def _cold_starts(sizes, paths, reps: Reps, result: dict) -> None:
    cached_runs = max(2, reps.cold - 1)
    progress(f"cold start, shipped data, {cached_runs} runs with the page cache and {reps.cold} without")
    cold_start(DEFAULT_DATASET)                                # fill the page cache
    record(result, "cold_start_ms_median", [cold_start(DEFAULT_DATASET)["cold_start_ms"] for _ in range(cached_runs)],
           "cold_start_ms_p95")
    fresh = []
    for _ in range(reps.cold):
        with tempfile.TemporaryDirectory(prefix="explorer-bench-cache-") as empty:
            fresh.append(cold_start(DEFAULT_DATASET, cache_dir=empty)["cold_start_ms"])
    record(result, "cold_start_nocache_ms_median", fresh, "cold_start_nocache_ms_p95")
    result["cold_start_ms_40"] = result["cold_start_ms_median"]
    result["cold_start_nocache_ms_40"] = result["cold_start_nocache_ms_median"]
    for n in memory_sizes(sizes):
        progress(f"cold start and memory, {n} events ({reps.big_cold} runs, then one without the page cache)")
        with tempfile.TemporaryDirectory(prefix="explorer-bench-cache-") as empty:
            # The first start of this dataset (an empty page cache), which also fills the cache for the rest.
            result[f"cold_start_nocache_ms_{n}"] = cold_start(paths[n], cache_dir=empty)["cold_start_ms"]
            runs = [cold_start(paths[n], settle_ms=1000, cache_dir=empty) for _ in range(reps.big_cold)]
        record(result, f"cold_start_ms_{n}", [r["cold_start_ms"] for r in runs], f"cold_start_ms_p95_{n}")
        result[f"cold_start_phases_{n}"] = runs[-1].get("phases")
        # PSS: each page shared between the app and its forked Chromium processes counted once, in shares.
        # Summed RSS counts the shared libraries once per process; it is kept beside, for comparison.
        record(result, f"memory_mb_{n}", [r["memory"]["pss_mb"] or r["memory"]["rss_mb"] for r in runs])
        record(result, f"memory_rss_sum_mb_{n}", [r["memory"]["rss_mb"] for r in runs])
        result[f"web_processes_{n}"] = runs[-1]["memory"]["processes"] - 1


def run_bench(sizes: list[int], quick: bool) -> dict:
    """Measure everything and return the result object (see REQUIRED_KEYS)."""
    from explorer.bench.qt.runs import measure_in_process

    reps = Reps.for_run(quick)
    result: dict = {"sizes": sizes, "quick": quick, "notes": [], "spread": {}, "drag_seconds": reps.drag_seconds}
    work_dir = tempfile.TemporaryDirectory(prefix="explorer-bench-")
    work = Path(work_dir.name)
    with phase(result, "writing synthetic datasets"):
        paths = dataset_paths(sizes, work)
    result["shipped_events"] = _event_count(DEFAULT_DATASET)
    result["size_labels"] = {str(n): size_label(n, result["shipped_events"]) for n in sizes}

    with phase(result, "load + validate"):
        for n in sizes:
            progress(f"load + validate, {size_label(n, result['shipped_events'])} events")
            load_validate(paths[n], 1)                     # warm the file cache and imports
            record(result, f"load_validate_ms_{n}", load_validate(paths[n], reps.load_at(n)),
                   f"load_validate_ms_p95_{n}")
    if max(sizes) >= BIG or not quick:
        with phase(result, "100,000 bad dates"):
            record(result, "validate_problems_ms_100000", validate_problems(work, 1 if quick else 2))

    with phase(result, "cold starts"):
        _cold_starts(sizes, paths, reps, result)
    measure_in_process(sizes, paths, reps, result, work)
    work_dir.cleanup()

    base = result.get("rebuild_reload_ms_median_1000")
    ours = result.get("time_change_visible_ms_median_1000")
    result["speedup_vs_rebuild_1000"] = base / ours if base and ours else None
    for key in REQUIRED_KEYS:
        result.setdefault(key, None)
    # A figure the plan says this run measures but that is not there is the bench's own bug: say so.
    plugins_missing = any("folium plugins not measured" in note for note in result["notes"])
    result["missing"] = [key for key in expected_keys(sizes, quick) if result.get(key) is None
                         and not (plugins_missing and "plugin" in key)]
    if result["missing"]:
        result["notes"].append(f"figures missing from this run: {', '.join(result['missing'])}")
    result["targets"] = targets(result)
    result["machine"] = _machine()
    loads = spread(load_samples)
    result["load_average"] = {"min": loads["min"], "median": loads["median"], "max": loads["max"],
                              "samples": loads["n"]}
    return result


def _event_count(path: Path) -> int:
    import orjson

    return len(orjson.loads(path.read_bytes()).get("events", []))


def _machine() -> dict:
    import psutil
    import PySide6

    return {"cpu_count": os.cpu_count(), "cpu_count_physical": psutil.cpu_count(logical=False),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1), "platform": platform.platform(),
            "python": platform.python_version(), "pyside6": PySide6.__version__,
            "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


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
