"""README's performance table from one `explorer bench --json` run: the paragraph that says when and where it
ran, the table, and the figures that are not per size. Prints Markdown; README's "Performance" section holds
what it printed for the run it names.

    explorer bench --json --sizes 40,1000,10000,100000 > bench.json
    python tools/bench_table.py bench.json
"""

from __future__ import annotations

import datetime as dt
import json
import sys

SIZES = ("40", "1000", "10000", "100000")


def duration(ms: float | None) -> str:
    """``7.2 ms``, ``400 ms``, ``3.60 s``; empty for a figure not measured."""
    if ms is None:
        return ""
    if ms < 100:
        return f"{ms:.1f} ms"
    if ms < 1000:
        return f"{ms:.0f} ms"
    return f"{ms / 1000:.2f} s"


def megabytes(mb: float | None) -> str:
    return "" if mb is None else f"{mb:,.0f} MB"


def mark(result: dict, key: str) -> str:
    met = result["targets"].get(key, {}).get("met")
    return {True: "✔", False: "✘"}.get(met, "?")


def row(label: str, cells: list[str], target: str = "") -> str:
    return f"| {label} | {' | '.join(cells)} | {target} |"


def per_size(result: dict, key: str, p95: str | None = None) -> list[str]:
    cells = []
    for n in SIZES:
        value = result.get(f"{key}_{n}")
        cell = duration(value)
        if p95 and value is not None and result.get(f"{p95}_{n}") is not None:
            cell += f" ({duration(result[f'{p95}_{n}'])})"
        cells.append(cell)
    return cells


def peer(result: dict, plugin: str) -> list[str]:
    cells = []
    for n in SIZES:
        seen = result.get(f"{plugin}_plugin_visible_ms_median_{n}")
        ratio = result.get(f"speedup_vs_{plugin}_plugin_{n}")
        cells.append(f"{duration(seen)}: {ratio:.1f}×" if seen is not None and ratio is not None else "")
    return cells


def memory(result: dict) -> list[str]:
    cells = []
    for n in SIZES:
        pss, rss = result.get(f"memory_mb_{n}"), result.get(f"memory_rss_sum_mb_{n}")
        cells.append(f"{megabytes(pss)} ({megabytes(rss)})" if pss is not None else "")
    return cells


def table(result: dict) -> str:
    labels = [result["size_labels"][n] for n in SIZES]
    load = result["load_average"]
    when = dt.datetime.fromisoformat(result["machine"]["date"])
    machine = result["machine"]
    met = sum(1 for t in result["targets"].values() if t["met"])
    lines = [
        f"Run of {when:%-d %B %Y, %H:%M} UTC, on the {machine['cpu_count']}-core VM (no GPU, {machine['qt_platform']} "
        f"Qt, Python {machine['python']}, PySide6 {machine['pyside6']}, glibc "
        f"{machine['platform'].rsplit('glibc', 1)[-1]}), with nothing else running: the 1-minute load average was "
        f"{load['min']:.1f}–{load['max']:.1f} (median {load['median']:.1f}) on {machine['cpu_count']} CPUs, the "
        f"benchmark's own processes. `explorer bench --json --sizes 40,1000,10000,100000` took "
        f"{result['bench_seconds']:.0f} s. Each target is marked ✔ where it was met and ✘ where it was not; "
        f"{met} of the {len(result['targets'])} were met:",
        "",
        f"| | {' | '.join(labels)} | target |",
        "|---|---|---|---|---|---|",
        row("load + validate", per_size(result, "load_validate_ms"),
            f"≤ 0.3 s at 10k {mark(result, 'load_validate_ms_10000')}, ≤ 2 s at 100k "
            f"{mark(result, 'load_validate_ms_100000')}"),
        row("timeline change, visible, median (p95)",
            per_size(result, "time_change_visible_ms_median", "time_change_visible_ms_p95"),
            f"≤ 20 (33) ms at 10k {mark(result, 'time_change_visible_ms_median_10000')}"
            f"{mark(result, 'time_change_visible_ms_p95_10000')}, ≤ 33 ms at 100k "
            f"{mark(result, 'time_change_visible_ms_median_100000')}"),
        row("scrubbing a month a step, visible, median", per_size(result, "scrub_change_visible_ms_median")),
        row("the page's painted report, median", per_size(result, "time_change_ms_median")),
        row("folium.plugins.Timeline, visible: peer ÷ ours", peer(result, "timeline"),
            f"≥ 10× at 10k {mark(result, 'speedup_vs_timeline_plugin_10000')}"),
        row("folium TimestampedGeoJson, visible: peer ÷ ours", peer(result, "timestamped")),
        row("selection, median", per_size(result, "select_ms_median")),
        row("search keystroke, median (p95)", per_size(result, "search_ms_median", "search_keystroke_ms_p95"),
            f"p95 ≤ 16 ms at 100k {mark(result, 'search_keystroke_ms_p95_100000')}"),
        row("drag backlog after a 5 s drag", per_size(result, "drag_backlog_ms"),
            f"≤ 50 ms at 100k {mark(result, 'drag_backlog_ms_100000')}"),
        row("drag: longest main-thread stall", per_size(result, "max_main_thread_stall_ms_drag"),
            f"< 50 ms at 10k {mark(result, 'max_main_thread_stall_ms_drag_10000')}"),
        row("cold start, page cache, median", per_size(result, "cold_start_ms"),
            f"≤ 3 s at 100k {mark(result, 'cold_start_ms_100000')}"),
        row("cold start, no page cache", per_size(result, "cold_start_nocache_ms")),
        row("memory, app + web processes, PSS (summed RSS)", memory(result),
            f"≤ 600 MB at 100k {mark(result, 'memory_mb_100000')}"),
        "",
        f"- cold start with the shipped data: page cache {duration(result.get('cold_start_ms_median'))}, no page "
        f"cache {duration(result.get('cold_start_nocache_ms_median'))} (target ≤ 1 s without the cache "
        f"{mark(result, 'cold_start_nocache_ms_median')})",
        f"- 100,000 bad dates validated: {duration(result.get('validate_problems_ms_100000'))} (target < 5 s "
        f"{mark(result, 'validate_problems_ms_100000')})",
        f"- a date jump across a border change (1938-03-01 ↔ 1938-04-01, shipped data), visible: "
        f"{duration(result.get('border_change_visible_ms_median'))} median, "
        f"{duration(result.get('border_change_visible_ms_p95'))} p95",
        f"- rebuild-and-reload (the folium recipe) at 1,000 events: "
        f"{duration(result.get('rebuild_reload_ms_median_1000'))}; ours is "
        f"{result.get('speedup_vs_rebuild_1000', 0):.1f}× faster",
        f"- snapshot with the app running: PNG 1920×1080 {duration(result.get('snapshot_1080p_ms_median'))}, "
        f"3840×2160 {duration(result.get('snapshot_4k_ms_median'))} {mark(result, 'snapshot_4k_ms_median')}, PDF "
        f"{duration(result.get('snapshot_pdf_ms_median'))}; a 4K PNG from a cold `explorer snapshot` "
        f"{duration(result.get('snapshot_4k_cold_cli_ms_median'))} {mark(result, 'snapshot_4k_cold_cli_ms_median')}",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as file:
        print(table(json.load(file)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
