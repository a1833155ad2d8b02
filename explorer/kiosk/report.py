"""``explorer kiosk-report LOG``: a daily summary of the kiosk's interaction log, for the museum. Free of Qt.

Per day: visits, the median visit (from the first touch until the exhibit started over) and how much of it
was spent touching, the events visitors opened most (the tour's own stops are not counted), which language
visits ended in, tours shown and interrupted, resets, renderer crashes and errors. LOG is a day's file
(``kiosk-YYYY-MM-DD.jsonl``) or the log folder; lines that cannot be read (a power cut mid-line) are counted
and skipped.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from explorer.kiosk.interaction_log import PREFIX

TOP_EVENTS = 5


@dataclass
class Day:
    """What one day's log says."""

    day: str
    visits: int = 0
    visit_s: list[float] = field(default_factory=list)
    touching_s: list[float] = field(default_factory=list)
    opened: Counter = field(default_factory=Counter)          # by visitors
    opened_by_tour: int = 0
    languages: Counter = field(default_factory=Counter)       # the language each visit ended in
    languages_chosen: Counter = field(default_factory=Counter)
    tours: int = 0
    tours_interrupted: int = 0
    resets: int = 0
    renderer_crashes: int = 0
    errors: int = 0
    config_problems: int = 0
    unreadable: int = 0

    def add(self, line: dict) -> None:
        """Count one log line."""
        kind = line.get("kind")
        if kind == "session_start":
            self.visits += 1
        elif kind == "session_end":
            if isinstance(line.get("seconds"), (int, float)):
                self.visit_s.append(float(line["seconds"]))
            if isinstance(line.get("touching_s"), (int, float)):
                self.touching_s.append(float(line["touching_s"]))
            if isinstance(line.get("language"), str):
                self.languages[line["language"]] += 1
        elif kind == "event_opened" and isinstance(line.get("event"), str):
            if line.get("via") == "tour":
                self.opened_by_tour += 1
            else:
                self.opened[line["event"]] += 1
        elif kind == "language_chosen" and isinstance(line.get("language"), str):
            self.languages_chosen[line["language"]] += 1
        elif kind == "tour_started":
            self.tours += 1
        elif kind == "tour_interrupted":
            self.tours_interrupted += 1
        elif kind == "reset":
            self.resets += 1
        elif kind == "renderer_crash":
            self.renderer_crashes += 1
        elif kind == "error":
            self.errors += 1
        elif kind == "config_problem":
            self.config_problems += 1

    def merge(self, other: Day) -> None:
        """Add another day's counts (for the total)."""
        for name in ("visits", "opened_by_tour", "tours", "tours_interrupted", "resets", "renderer_crashes", "errors",
                     "config_problems", "unreadable"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.visit_s += other.visit_s
        self.touching_s += other.touching_s
        self.opened.update(other.opened)
        self.languages.update(other.languages)
        self.languages_chosen.update(other.languages_chosen)

    def summary(self) -> dict:
        """The day as plain data (what ``--json`` prints)."""
        return {"day": self.day, "visits": self.visits,
                "median_visit_s": _median(self.visit_s), "median_touching_s": _median(self.touching_s),
                "events_opened": sum(self.opened.values()), "events_opened_by_tour": self.opened_by_tour,
                "top_events": [[event, n] for event, n in _top(self.opened)],
                "languages": dict(sorted((self.languages or self.languages_chosen).items())),
                "tours": self.tours, "tours_interrupted": self.tours_interrupted, "resets": self.resets,
                "renderer_crashes": self.renderer_crashes, "errors": self.errors,
                "config_problems": self.config_problems, "unreadable_lines": self.unreadable}


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _top(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:TOP_EVENTS]


def log_files(paths) -> list[Path]:
    """The day files named or inside the folders named, in date order; FileNotFoundError for a path that
    does not exist."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(path.glob(f"{PREFIX}*.jsonl"))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return sorted(set(files), key=lambda p: p.name)


def read_days(paths) -> list[Day]:
    """One ``Day`` per day found in the files (a line's own date decides its day)."""
    days: dict[str, Day] = {}
    for path in log_files(paths):
        fallback = path.stem[len(PREFIX):] if path.stem.startswith(PREFIX) else path.stem
        with path.open(encoding="utf-8", errors="replace") as stream:
            for text in stream:
                if not text.strip():
                    continue
                try:
                    line = json.loads(text)
                except ValueError:
                    line = None
                stamp = line.get("t") if isinstance(line, dict) else None
                day = stamp[:10] if isinstance(stamp, str) and len(stamp) >= 10 else fallback
                record = days.setdefault(day, Day(day))
                if isinstance(line, dict):
                    record.add(line)
                else:
                    record.unreadable += 1
    return [days[key] for key in sorted(days)]


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def _languages(counts: dict) -> str:
    total = sum(counts.values())
    return ", ".join(f"{code} {n} ({n / total:.0%})" for code, n in counts.items()) if total else "–"


def format_report(days: list[Day], titles: dict[str, str] | None = None) -> str:
    """The report as text: a table of days (and their total), then each day's most opened events."""
    titles = titles or {}
    total = Day("total")
    for day in days:
        total.merge(day)
    rows = [d.summary() for d in days] + ([total.summary()] if len(days) > 1 else [])
    header = ("day", "visits", "median visit", "touching", "opened", "tours", "interrupted", "resets", "crashes",
              "errors", "languages of visits")
    table = [header] + [(r["day"], str(r["visits"]), _duration(r["median_visit_s"]), _duration(r["median_touching_s"]),
                         str(r["events_opened"]), str(r["tours"]), str(r["tours_interrupted"]), str(r["resets"]),
                         str(r["renderer_crashes"]), str(r["errors"]), _languages(r["languages"])) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i in (0, len(header) - 1) else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))).rstrip() for row in table]
    lines.append("")
    lines.append("Events visitors opened most (the tour's stops not counted):")
    for r in rows:
        top = ", ".join(f"{titles.get(event, event)} ({n})" for event, n in r["top_events"]) or "none"
        lines.append(f"  {r['day']}: {top}")
    unreadable = total.unreadable
    if unreadable:
        lines.append(f"\n{unreadable} line{'s' if unreadable != 1 else ''} could not be read and {'were' if unreadable != 1 else 'was'} skipped.")
    lines.append("\nA visit lasts from its first touch until the exhibit starts over (after the idle prompt's "
                 "countdown); \"touching\" is from its first to its last touch.")
    return "\n".join(lines) + "\n"


def cmd_kiosk_report(args) -> int:
    """``explorer kiosk-report LOG ...``: print the summary (``--json``: as one JSON object)."""
    try:
        days = read_days(args.logs)
    except (FileNotFoundError, OSError) as exc:
        print(f"explorer: error: {exc}", file=sys.stderr)
        return 2
    if not days:
        print(f"explorer: error: no kiosk log lines in {', '.join(map(str, args.logs))} "
              f"(the files are named {PREFIX}YYYY-MM-DD.jsonl)", file=sys.stderr)
        return 1
    if args.json:
        total = Day("total")
        for day in days:
            total.merge(day)
        print(json.dumps({"days": [d.summary() for d in days], "total": total.summary()}, ensure_ascii=False))
        return 0
    print(format_report(days, _titles(args.data)), end="")
    return 0


def _titles(path) -> dict[str, str]:
    """Event titles from the dataset, so the report names events (ids alone where it cannot be read)."""
    if path is None:
        return {}
    try:
        from explorer.model import load_dataset

        return {event.id: event.title for event in load_dataset(path).events}
    except Exception:                                   # noqa: BLE001 (a report is still useful with ids)
        return {}
