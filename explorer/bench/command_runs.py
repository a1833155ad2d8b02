"""Timing ``explorer`` commands as a user runs them: a fresh process each, its wall time and the peak memory
of its process tree (the app and its QtWebEngine processes), sampled while it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time

SAMPLE_S = 0.02


def run_command(args: list[str], timeout_s: float = 300) -> dict:
    """Run ``python -m explorer ARGS`` headless; {"ms", "peak_mb" (summed RSS of the tree), "returncode"}."""
    import psutil

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM") or "offscreen"}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "explorer", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    peak = 0
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        if time.perf_counter() - t0 > timeout_s:
            proc.kill()
            break
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(_rss(p) for p in tree))
        except psutil.NoSuchProcess:
            pass
        time.sleep(SAMPLE_S)
    stderr = proc.communicate()[1].decode(errors="replace")
    return {"ms": (time.perf_counter() - t0) * 1000, "peak_mb": peak / 2**20, "returncode": proc.returncode,
            "stderr": stderr[-500:]}


def _rss(process) -> int:
    import psutil

    try:
        return process.memory_info().rss
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0
