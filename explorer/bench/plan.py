"""What one ``explorer bench`` run measures: how many repetitions at each size, which sizes get which
figures, and so which keys its result must hold (free of Qt).

The size 40 stands for the shipped dataset, whatever its real count (90 events today): the key suffix
``_40`` is kept for the JSON's old keys, and the table names the column ``shipped (90)``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The size that stands for the shipped dataset (whatever its real count).
SHIPPED = 40
#: From this size on, memory and a cold start are measured at every size (not only the largest).
MEMORY_FROM = 10_000
#: From this size on, the slow paths are repeated fewer times (each spread still has its samples).
BIG = 100_000


@dataclass(frozen=True)
class Reps:
    """How many repetitions of each measurement (fewer at ``BIG`` sizes: see the ``*_at`` methods)."""

    load: int
    cold: int
    changes: int
    peer_changes: int
    rebuilds: int
    selections: int
    snapshots: int
    drag_seconds: float
    big_cold: int = 3
    border_changes: int = 20
    quick: bool = False

    @classmethod
    def for_run(cls, quick: bool) -> "Reps":
        """Fewer repetitions for a smoke run."""
        if quick:
            return cls(load=3, cold=2, changes=20, peer_changes=5, rebuilds=2, selections=5, snapshots=1,
                       drag_seconds=2.0, big_cold=1, border_changes=6, quick=True)
        return cls(load=10, cold=5, changes=100, peer_changes=15, rebuilds=5, selections=25, snapshots=3,
                   drag_seconds=5.0)

    def load_at(self, n: int) -> int:
        """Loads of a dataset of ``n`` events (one takes seconds at 100,000)."""
        return self.load if n < BIG else 3

    def changes_at(self, n: int) -> int:
        """Random date jumps timed at ``n`` events (steps and painted reports take half as many each)."""
        return self.changes if n < BIG else max(20, self.changes * 2 // 5)

    def selections_at(self, n: int) -> int:
        """Marker clicks timed at ``n`` events."""
        return self.selections if n < BIG else max(5, self.selections * 2 // 5)

    def backlogs_at(self, n: int) -> int:
        """Scripted drags whose backlog is timed at ``n`` events."""
        return 1 if self.quick else (2 if n >= BIG else 3)


def size_label(n: int, shipped_count: int | None = None) -> str:
    """How the table names a size: ``shipped (90)`` for the shipped dataset, the count otherwise."""
    if n == SHIPPED:
        return f"shipped ({shipped_count})" if shipped_count else "shipped"
    return f"{n:,}"


#: Sizes above this are not run through the folium plugins (one change takes them seconds; loading minutes).
PEER_MAX = 10_000


def memory_sizes(sizes: list[int]) -> list[int]:
    """The sizes whose cold start and memory are measured: every size from ``MEMORY_FROM`` on, and the
    largest synthetic one of a smaller run."""
    chosen = {n for n in sizes if n >= MEMORY_FROM}
    if not chosen and max(sizes) > SHIPPED:
        chosen.add(max(sizes))
    return sorted(chosen)


def drag_sizes(sizes: list[int]) -> list[int]:
    """The sizes whose scripted drags are timed: the largest, and every size from 10,000 on."""
    return sorted({n for n in sizes if n == max(sizes) or n >= MEMORY_FROM})


def expected_keys(sizes: list[int], quick: bool = False) -> list[str]:
    """Every key a run over ``sizes`` must fill with a number (a key missing here is a bug of the bench;
    the folium plugins' keys may instead be explained by a note when npm could not install them)."""
    keys = ["cold_start_ms_median", "cold_start_nocache_ms_median", "snapshot_4k_ms_median"]
    for n in sizes:
        keys += [f"load_validate_ms_{n}", f"time_change_visible_ms_median_{n}", f"time_change_visible_ms_p95_{n}",
                 f"scrub_change_visible_ms_median_{n}", f"time_change_ms_median_{n}", f"select_ms_median_{n}",
                 f"search_ms_median_{n}", f"search_keystroke_ms_p95_{n}"]
        if n <= PEER_MAX:
            keys += [f"timeline_plugin_visible_ms_median_{n}", f"speedup_vs_timeline_plugin_{n}",
                     f"timestamped_plugin_visible_ms_median_{n}", f"speedup_vs_timestamped_plugin_{n}"]
    if SHIPPED in sizes:
        keys += ["border_change_visible_ms_median", "border_change_visible_ms_p95"]
    if 1000 in sizes:
        keys += ["rebuild_reload_ms_median_1000", "speedup_vs_rebuild_1000"]
    for n in drag_sizes(sizes):
        keys += [f"drag_backlog_ms_{n}", f"max_main_thread_stall_ms_drag_{n}"]
    for n in memory_sizes(sizes):
        keys += [f"memory_mb_{n}", f"memory_rss_sum_mb_{n}", f"cold_start_ms_{n}", f"cold_start_nocache_ms_{n}"]
    if max(sizes) >= BIG or not quick:
        keys.append("validate_problems_ms_100000")
    return keys
