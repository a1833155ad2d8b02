"""The kiosk's interaction log: one JSON object per line, one file per day, no personal data. Free of Qt.

Only the kinds and fields listed in ``KINDS`` can be written, so nothing a visitor types or where they
touch can end up in it: just that sessions happened, which events were opened, which language was chosen,
that a tour was interrupted, and errors. Old files are deleted after ``keep_days``; a day's file stops
growing at ``max_bytes`` (one last line says so).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from pathlib import Path

log = logging.getLogger(__name__)

#: Every kind of line and the fields it may carry.
KINDS: dict[str, tuple[str, ...]] = {
    "kiosk_start": ("config_source", "version", "dataset"),
    "kiosk_exit": ("code", "reason"),
    "config_problem": ("message",),
    "session_start": (),
    "session_end": ("seconds", "touching_s", "language"),
    "event_opened": ("event", "via"),
    "language_chosen": ("language",),
    "tour_started": (),
    "tour_interrupted": ("step",),
    "reset": (),
    "renderer_crash": ("recent",),
    "staff_pin_wrong": (),
    "staff_pin_locked": ("seconds",),
    "error": ("message",),
    "log_full": (),
}
PREFIX = "kiosk-"
RESERVE = 80                # bytes kept free at the end of a full day's file for the "log_full" line


class InteractionLog:
    """Appends lines to ``<dir>/kiosk-YYYY-MM-DD.jsonl``. ``clock`` returns seconds since the epoch."""

    def __init__(self, directory: Path, clock=time.time, max_bytes: int = 5_000_000, keep_days: int = 90) -> None:
        self.directory = Path(directory)
        self.clock = clock
        self.max_bytes = max_bytes
        self.keep_days = keep_days
        self._day: dt.date | None = None
        self._full_day: dt.date | None = None
        self.failed = False

    def path_for(self, day: dt.date) -> Path:
        """The file for one day."""
        return self.directory / f"{PREFIX}{day.isoformat()}.jsonl"

    def write(self, kind: str, **fields) -> None:
        """Append one line. Unknown kinds or fields are a programming error (ValueError); a disk that
        cannot be written is logged once and otherwise ignored (the exhibit must go on)."""
        allowed = KINDS.get(kind)
        if allowed is None:
            raise ValueError(f"unknown interaction-log kind {kind!r}")
        extra = set(fields) - set(allowed)
        if extra:
            raise ValueError(f"interaction-log kind {kind!r} has no field(s) {sorted(extra)}")
        now = self.clock()
        stamp = dt.datetime.fromtimestamp(now).astimezone()
        line = {"t": stamp.isoformat(timespec="seconds"), "kind": kind, **fields}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.path_for(stamp.date())
            if stamp.date() != self._day:
                self._day = stamp.date()
                self._prune(stamp.date())
            size = path.stat().st_size if path.exists() else 0
            if size >= self.max_bytes - RESERVE or self._full_day == stamp.date():
                return
            text = json.dumps(line, ensure_ascii=False) + "\n"
            if size + len(text.encode("utf-8")) > self.max_bytes - RESERVE:
                text = json.dumps({"t": line["t"], "kind": "log_full"}) + "\n"     # the day's last line
                self._full_day = stamp.date()
            with path.open("a", encoding="utf-8") as stream:
                stream.write(text)
        except OSError as exc:
            if not self.failed:
                log.error("cannot write the interaction log in %s: %s", self.directory, exc)
            self.failed = True

    def _prune(self, today: dt.date) -> None:
        cutoff = today - dt.timedelta(days=self.keep_days)
        for path in self.directory.glob(f"{PREFIX}*.jsonl"):
            try:
                day = dt.date.fromisoformat(path.stem[len(PREFIX):])
            except ValueError:
                continue
            if day < cutoff:
                path.unlink(missing_ok=True)

    def read_day(self, day: dt.date | None = None) -> list[dict]:
        """The lines of one day (today by default), for tests and a quick look."""
        day = day or dt.datetime.fromtimestamp(self.clock()).astimezone().date()
        path = self.path_for(day)
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
