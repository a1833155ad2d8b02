"""The benchmark's targets, its figures' spread and the printed table (free of Qt).

Every timing is kept with its spread: ``result["spread"][key] = {"min", "median", "p95", "n"}`` beside the
headline value ``result[key]``. :func:`targets` says which targets a run met; :func:`format_table` prints
the figures per dataset size, each as ``median (min–p95)``, the peers side by side, the targets and the
machine's load during the run.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import contextmanager

#: The 1-minute load average at each progress line of the run.
load_samples: list[float] = []


def progress(message: str) -> None:
    """A progress line on standard error (and a sample of the load average)."""
    try:
        load_samples.append(os.getloadavg()[0])
    except OSError:
        pass
    print(f"bench: {message}", file=sys.stderr, flush=True)


@contextmanager
def phase(result: dict, name: str):
    """Time one part of the run into ``result["phase_seconds"][name]`` (where a run's minutes go)."""
    progress(name)
    t0 = time.perf_counter()
    try:
        yield
    finally:
        seconds = result.setdefault("phase_seconds", {})
        seconds[name] = round(seconds.get(name, 0) + time.perf_counter() - t0, 1)

#: (key, limit, how the figure must compare, readable target). The issue-18 targets, then the older ones.
TARGETS = (
    ("time_change_visible_ms_median_10000", 20.0, "<=", "timeline change visible @10k: median ≤ 20 ms"),
    ("time_change_visible_ms_p95_10000", 33.0, "<=", "timeline change visible @10k: p95 ≤ 33 ms"),
    ("time_change_visible_ms_median_100000", 33.0, "<=", "timeline change visible @100k: median ≤ 33 ms"),
    ("speedup_vs_timeline_plugin_10000", 10.0, ">=", "≥ 10× faster than folium.plugins.Timeline @10k"),
    ("drag_backlog_ms_100000", 50.0, "<=", "drag backlog @100k: final date visible ≤ 50 ms"),
    ("cold_start_nocache_ms_median", 1000.0, "<=", "cold start, shipped data, no page cache ≤ 1 s"),
    ("cold_start_ms_100000", 3000.0, "<=", "cold start @100k (map painted with events) ≤ 3 s"),
    ("load_validate_ms_10000", 300.0, "<=", "load + validate @10k ≤ 0.3 s"),
    ("load_validate_ms_100000", 2000.0, "<=", "load + validate @100k ≤ 2 s"),
    ("search_keystroke_ms_p95_100000", 16.0, "<=", "search keystroke @100k: p95 ≤ 16 ms"),
    ("memory_mb_100000", 600.0, "<=", "memory @100k (app + web processes, PSS) ≤ 600 MB"),
    ("validate_problems_ms_100000", 5000.0, "<", "100,000 bad dates validated < 5 s"),
    ("snapshot_4k_ms_median", 1000.0, "<", "4K PNG snapshot, app running: < 1 s"),
    ("snapshot_4k_cold_cli_ms_median", 3000.0, "<", "4K PNG from a cold `explorer snapshot`: < 3 s"),
)
#: Keys every result has (None for a size that was not measured).
REQUIRED_KEYS = (
    "load_validate_ms_10000", "cold_start_ms_median", "time_change_ms_median_1000", "time_change_ms_median_10000",
    "time_change_ms_p95_10000", "rebuild_reload_ms_median_1000", "speedup_vs_rebuild_1000", "select_ms_median_10000",
    "search_ms_median_10000", "snapshot_1080p_ms_median", "snapshot_4k_ms_median", "memory_mb_10000",
    "max_main_thread_stall_ms_drag_10000",
    "time_change_visible_ms_median_10000", "time_change_visible_ms_p95_10000", "time_change_visible_ms_median_100000",
    "speedup_vs_timeline_plugin_10000", "drag_backlog_ms_100000", "cold_start_nocache_ms_median",
    "cold_start_ms_100000", "load_validate_ms_100000", "search_keystroke_ms_p95_100000", "memory_mb_100000",
    "validate_problems_ms_100000",
)


def spread(samples: list[float]) -> dict:
    """Minimum, median, 95th percentile and count of some timings (None for none)."""
    if not samples:
        return {"min": None, "median": None, "p95": None, "max": None, "n": 0}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]
    return {"min": ordered[0], "median": statistics.median(ordered), "p95": p95, "max": ordered[-1],
            "n": len(ordered)}


def record(result: dict, key: str, samples: list[float], p95_key: str | None = None) -> dict:
    """Keep the median of ``samples`` under ``key`` (and the p95 under ``p95_key``), the spread beside."""
    s = spread(samples)
    result[key] = s["median"]
    if p95_key:
        result[p95_key] = s["p95"]
    result.setdefault("spread", {})[key] = s
    return s


def targets(result: dict) -> dict:
    """Each target with the run's value and whether it was met (None: not measured in this run)."""
    out = {}
    for key, limit, op, text in TARGETS:
        value = result.get(key)
        met = None if value is None else {"<": value < limit, "<=": value <= limit, ">=": value >= limit}[op]
        out[key] = {"target": f"{op} {limit:g}", "value": value, "met": met, "description": text}
    stall = result.get("max_main_thread_stall_ms_drag_10000")
    out["max_main_thread_stall_ms_drag_10000"] = {
        "target": "< 50", "value": stall, "met": None if stall is None else stall < 50,
        "description": "no blocking on the main thread during a drag @10k (longest stall < 50 ms)"}
    return out


def _fmt(value, unit: str = "ms") -> str:
    if value is None:
        return "—"
    if unit == "x":
        return f"{value:.1f}×" if value < 10 else f"{value:.0f}×"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}"


def _cell(result: dict, key: str) -> str:
    """``median (min–p95)`` when the figure has a spread, else the value."""
    s = result.get("spread", {}).get(key)
    value = result.get(key)
    if value is None:
        return "—"
    if not s or s["n"] < 2:
        return _fmt(value)
    return f"{_fmt(s['median'])} ({_fmt(s['min'])}–{_fmt(s['p95'])})"


ROWS = (
    ("load + validate (ms)", "load_validate_ms_{n}"),
    ("timeline change, visible (ms)", "time_change_visible_ms_median_{n}"),
    ("  scrubbing a month a step, visible (ms)", "scrub_change_visible_ms_median_{n}"),
    ("  the page's painted report (ms)", "time_change_ms_median_{n}"),
    ("folium.plugins.Timeline, visible (ms)", "timeline_plugin_visible_ms_median_{n}"),
    ("  peer ÷ ours", "speedup_vs_timeline_plugin_{n}"),
    ("TimestampedGeoJson, visible (ms)", "timestamped_plugin_visible_ms_median_{n}"),
    ("  peer ÷ ours", "speedup_vs_timestamped_plugin_{n}"),
    ("selection (ms)", "select_ms_median_{n}"),
    ("search keystroke (ms)", "search_ms_median_{n}"),
    ("drag backlog after a {drag} s drag (ms)", "drag_backlog_ms_{n}"),
    ("  page updates / date changes in the drag", "drag_updates_{n}"),
    ("drag: longest main-thread stall (ms)", "max_main_thread_stall_ms_drag_{n}"),
    ("cold start, page cache (ms)", "cold_start_ms_{n}"),
    ("cold start, no page cache (ms)", "cold_start_nocache_ms_{n}"),
    ("memory, app + web processes (MB PSS)", "memory_mb_{n}"),
    ("memory, summed RSS (MB)", "memory_rss_sum_mb_{n}"),
)


def format_table(result: dict) -> str:
    """The result as a readable table: one row per figure, one column per size, then targets and machine."""
    sizes = result["sizes"]
    width = 44
    names = result.get("size_labels") or {}
    lines = ["Treaty Explorer benchmark: median (min–p95) in ms unless named", "",
             "".ljust(width) + "".join(f"N={names.get(str(n), f'{n:,}'):<22}" for n in sizes)]
    for label, pattern in ROWS:
        label = label.format(drag=f"{result.get('drag_seconds', 5):g}")
        keys = [pattern.format(n=n) for n in sizes]
        if not any(result.get(k) is not None for k in keys):
            continue
        cells = []
        for key in keys:
            value = result.get(key)
            if "speedup" in key:
                cells.append(_fmt(value, "x"))
            elif isinstance(value, str):
                cells.append(value)
            else:
                cells.append(_cell(result, key))
        lines.append(label.ljust(width) + "".join(f"{c:<24}" for c in cells))
    lines += ["",
              f"cold start, shipped data: page cache {_cell(result, 'cold_start_ms_median')} ms, "
              f"no page cache {_cell(result, 'cold_start_nocache_ms_median')} ms",
              f"100,000 bad dates validated: {_cell(result, 'validate_problems_ms_100000')} ms",
              f"date jump across a border change (1938-03-01 ↔ 1938-04-01, shipped data), visible: "
              f"{_cell(result, 'border_change_visible_ms_median')} ms",
              f"rebuild-and-reload @1k (folium recipe): {_cell(result, 'rebuild_reload_ms_median_1000')} ms"
              f"   → ours is {_fmt(result.get('speedup_vs_rebuild_1000'), 'x')} faster (visible)",
              f"snapshot, app running: PNG 1920×1080 {_fmt(result.get('snapshot_1080p_ms_median'))} ms,"
              f" 3840×2160 {_fmt(result.get('snapshot_4k_ms_median'))} ms,"
              f" PDF {_fmt(result.get('snapshot_pdf_ms_median'))} ms; from a cold CLI, 4K PNG"
              f" {_fmt(result.get('snapshot_4k_cold_cli_ms_median'))} ms", "", "Targets:"]
    for target in result["targets"].values():
        mark = {True: "met", False: "NOT MET", None: "not measured"}[target["met"]]
        value = _fmt(target["value"], "x" if "faster" in target["description"] else "ms")
        lines.append(f"  {target['description']:<62} {value:>8}  {mark}")
    load = result.get("load_average") or {}
    machine = result["machine"]
    lines += ["", f"load average (1 min) during the run: min {_fmt(load.get('min'))}, median "
                  f"{_fmt(load.get('median'))}, max {_fmt(load.get('max'))} on {machine['cpu_count']} CPUs",
              f"{machine['date']} · Python {machine['python']} · PySide6 {machine['pyside6']} · {machine['platform']}"
              f" · {result.get('bench_seconds', '?')} s"]
    if result.get("phase_seconds"):
        lines.append("time per part (s): " + ", ".join(f"{k} {v:g}" for k, v in result["phase_seconds"].items()))
    lines += [f"note: {note}" for note in result["notes"]]
    return "\n".join(lines)
