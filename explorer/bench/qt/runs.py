"""The benchmark's in-process part: for each size, the real main window (changes until visible, selections,
search, a drag), the folium time-slider plugins on the same data, the folium rebuild recipe, snapshots."""

from __future__ import annotations

import statistics

from explorer.bench.plan import PEER_MAX, SHIPPED, drag_sizes
from explorer.bench.report import phase, progress, record
from explorer.resources import DEFAULT_DATASET


def measure_in_process(sizes, paths, reps, result: dict, work) -> None:
    """Every in-process figure into ``result`` (keys per size, spreads in ``result["spread"]``)."""
    from explorer.qt.application import create_application

    create_application()
    from explorer.bench.qt import measure
    from explorer.model.loader import load_dataset
    from explorer.qt.web_context import WebContext

    context = WebContext()
    for n in sizes:
        dataset = load_dataset(paths[n])
        with phase(result, f"window, {n} events"):
            progress(f"opening the window, {len(dataset.events)} events")
            session = measure.WindowSession(dataset, context)
            try:
                _window_figures(session, n, n in drag_sizes(sizes), reps, result)
            finally:
                session.close()
        if n <= PEER_MAX:
            with phase(result, f"folium plugins, {n} events"):
                _peers(dataset, n, context, reps, result)
        if n == 1000:
            with phase(result, "rebuild-and-reload baseline, 1000 events"):
                record(result, "rebuild_reload_ms_median_1000",
                       measure.folium_recipe_reload(dataset, context, reps.rebuilds), "rebuild_reload_ms_p95_1000")
                record(result, "rebuild_own_page_ms_median_1000", measure.rebuild_reload(dataset, context, reps.rebuilds))
    with phase(result, "snapshots"):
        _snapshots(context, reps, result, work)
    context.deleteLater()
    measure.spin(50)


def _snapshots(context, reps, result: dict, work) -> None:
    from explorer.bench.qt import measure
    from explorer.model.loader import load_dataset

    shipped = load_dataset(DEFAULT_DATASET)
    for key, size, suffix in (("snapshot_1080p_ms_median", (1920, 1080), ".png"),
                              ("snapshot_4k_ms_median", (3840, 2160), ".png"),
                              ("snapshot_pdf_ms_median", (1920, 1080), ".pdf")):
        times, note = measure.snapshot(shipped, context, size, reps.snapshots, work, suffix)
        record(result, key, times)
        if note:
            result["notes"].append(f"{key}: {note}")
    _snapshot_commands(result, reps, work)


def _window_figures(session, n: int, drag: bool, reps, result: dict) -> None:
    from explorer.bench.qt import measure, visible

    changes = reps.changes_at(n)
    progress(f"timeline changes until visible, {n} events ({changes} jumps, {changes // 2} steps)")
    visible.time_change_visible(session, 5, seed=99)            # warm-up
    record(result, f"time_change_visible_ms_median_{n}", visible.time_change_visible(session, changes),
           f"time_change_visible_ms_p95_{n}")
    record(result, f"scrub_change_visible_ms_median_{n}",
           visible.time_change_visible(session, changes // 2, scrub=True), f"scrub_change_visible_ms_p95_{n}")
    # The page's own painted report (the figure earlier runs gave): visible is later by the compositor.
    record(result, f"time_change_ms_median_{n}", measure.time_change(session, changes // 2),
           f"time_change_ms_p95_{n}")
    record(result, f"scrub_change_ms_median_{n}", measure.time_change(session, changes // 2, scrub=True),
           f"scrub_change_ms_p95_{n}")
    if n == SHIPPED:
        progress(f"date jumps across a border change, shipped data ({reps.border_changes})")
        record(result, "border_change_visible_ms_median", visible.border_change_visible(session, reps.border_changes),
               "border_change_visible_ms_p95")
    progress(f"selections, {n} events ({reps.selections_at(n)})")
    times, checked = measure.selection(session, reps.selections_at(n))
    record(result, f"select_ms_median_{n}", times, f"select_ms_p95_{n}")
    if checked["n"] and (checked["details_ok"] < checked["n"] or checked["links_drawn"] < checked["n"]):
        result["notes"].append(f"selection at {n}: details filled {checked['details_ok']}/{checked['n']}, "
                               f"links drawn {checked['links_drawn']}/{checked['n']}")
    progress(f"search keystrokes, {n} events")
    times, _hits = measure.search(session)
    record(result, f"search_ms_median_{n}", times, f"search_ms_p95_{n}")
    result[f"search_keystroke_ms_p95_{n}"] = result[f"search_ms_p95_{n}"]
    if drag:
        progress(f"scripted {reps.drag_seconds:g} s timeline drags, {n} events (stall, then backlog)")
        stall = measure.drag_stall(session, reps.drag_seconds)
        result[f"max_main_thread_stall_ms_drag_{n}"] = stall["max_stall_ms"]
        result[f"drag_frames_painted_{n}"] = stall["frames_painted"]
        result[f"drag_date_changes_{n}"] = stall["date_changes"]
        backlogs = [visible.drag_backlog(session, reps.drag_seconds) for _ in range(reps.backlogs_at(n))]
        record(result, f"drag_backlog_ms_{n}", [b["backlog_ms"] for b in backlogs])
        last = backlogs[-1]
        result[f"drag_updates_{n}"] = f"{last['page_updates']} / {last['date_changes']}"
        if not all(b["final_date_shown"] for b in backlogs):
            result["notes"].append(f"drag at {n}: the page did not end on the final date")
    errors = session.view.page().console_errors
    if errors:
        result["notes"].append(f"page errors at {n}: {errors[:3]}")


def _peers(dataset, n: int, context, reps, result: dict) -> None:
    """folium.plugins.Timeline and TimestampedGeoJson on the same data, dates and base map, same view size."""
    from explorer.bench import peer_pages
    from explorer.bench.qt.visible import PeerSession, peer_change_visible

    try:
        files = peer_pages.peer_files()
    except RuntimeError as exc:
        result["notes"].append(f"folium plugins not measured: {exc}")
        return
    ours = result.get(f"time_change_visible_ms_median_{n}")
    for name, kind, build, shift in (
            ("timeline_plugin", "timeline", peer_pages.timeline_page, 0),
            ("timestamped_plugin", "timedimension", peer_pages.timestamped_page, peer_pages.TIME_DIMENSION_SHIFT_DAYS)):
        progress(f"{name}, {n} events ({reps.peer_changes} jumps)")
        try:
            peer = PeerSession(kind, build(dataset), files, context)
        except (RuntimeError, TimeoutError) as exc:
            result["notes"].append(f"{name} at {n}: {exc}")
            continue
        try:
            peer_change_visible(peer, dataset, 2)                   # warm-up
            times = peer_change_visible(peer, dataset, reps.peer_changes, shift)
            s = record(result, f"{name}_visible_ms_median_{n}", times, f"{name}_visible_ms_p95_{n}")
            result[f"{name}_load_ms_{n}"] = peer.load_ms
            result[f"speedup_vs_{name}_{n}"] = s["median"] / ours if ours else None
            if peer.errors:
                result["notes"].append(f"{name} at {n}: page errors {peer.errors[:2]}")
        except TimeoutError as exc:
            result["notes"].append(f"{name} at {n}: {exc}")
        finally:
            peer.close()


def _snapshot_commands(result: dict, reps, work) -> None:
    """The snapshot commands from a cold start: a 4K PNG of Rapallo, and ``--all`` over the shipped data
    (left out of ``--quick``), with the peak memory of each."""
    from explorer.bench.command_runs import run_command

    count = min(reps.cold, 3)
    progress(f"cold `explorer snapshot` at 3840×2160 ({count} runs)")
    runs = [run_command(["snapshot", "--event", "rapallo-1922", "--size", "3840x2160",
                         "--out", str(work / f"cold-{i}.png")]) for i in range(count)]
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
