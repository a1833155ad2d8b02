"""``explorer kiosk-report``: the daily summary of the interaction log, from lines the kiosk really writes
(its idle machine driven through visits by a clock of plain numbers). Free of Qt."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from explorer.cli import main
from explorer.kiosk.idle import Act, IdleMachine, IdleTimings
from explorer.kiosk.interaction_log import InteractionLog
from explorer.kiosk.report import read_days

ROOT = Path(__file__).resolve().parents[1]
TIMINGS = IdleTimings(prompt_after_s=90, reset_after_s=20, attract_start_after_s=30, dwell_s=12, tour=("a",))


def visit(machine, log, clock, start, touches, events, language="en"):
    """A visitor touches at ``start + touches[i]`` s, opens ``events``, then walks away: the machine prompts,
    counts down and resets; the lines go to ``log`` as the kiosk window writes them."""
    def act(actions):
        for action in actions:
            if action.act is Act.SESSION_START:
                log.write("session_start")
            elif action.act is Act.SESSION_END:
                log.write("session_end", seconds=action.value[0], touching_s=action.value[1], language=language)
            elif action.act is Act.RESET:
                log.write("reset")

    for i, offset in enumerate(touches):
        clock[0] = start + offset
        act(machine.touch(clock[0]))
        if i < len(events):
            log.write("event_opened", event=events[i], via="visitor")
    if language != "en":
        log.write("language_chosen", language=language)
    clock[0] = start + touches[-1] + 90 + 20 + 1
    act(machine.tick(clock[0]))


def test_a_days_visits_their_length_events_and_languages(tmp_path, capsys):
    base = dt.datetime(2026, 5, 1, 10, 0).timestamp()
    clock = [base]
    log = InteractionLog(tmp_path, clock=lambda: clock[0])
    machine = IdleMachine(TIMINGS, now=base)
    visit(machine, log, clock, base + 10, [0, 5, 15], ["rapallo-1922", "berlin-1926"])            # 15 s of touching
    visit(machine, log, clock, base + 600, [0, 40], ["rapallo-1922"], language="de")            # 40 s
    visit(machine, log, clock, base + 1200, [0, 2, 4, 60], ["versailles-1919", "rapallo-1922", "genoa-1922"])
    log.write("event_opened", event="berlin-1926", via="tour")                                  # not a visitor's
    log.write("renderer_crash", recent=1)
    (day,) = read_days([tmp_path])
    summary = day.summary()
    # Each visit lasts from its first touch to the reset: last touch + 90 s idle + 20 s countdown.
    assert summary["visits"] == 3 and sorted(day.visit_s) == [125.0, 150.0, 170.0]
    assert summary["median_visit_s"] == 150.0 and summary["median_touching_s"] == 40.0
    assert summary["top_events"][0] == ["rapallo-1922", 3] and summary["events_opened"] == 6
    assert summary["events_opened_by_tour"] == 1 and summary["renderer_crashes"] == 1
    assert summary["languages"] == {"de": 1, "en": 2} and summary["resets"] == 3

    assert main(["kiosk-report", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "2 min 30 s" in text and "Treaty of Rapallo" in text and "de 1 (33%), en 2 (67%)" in text
    assert main(["kiosk-report", str(tmp_path / "kiosk-2026-05-01.jsonl"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["visits"] == 3


def test_days_are_reported_each_with_a_total_and_broken_lines_are_skipped(tmp_path, capsys):
    for day, seconds in (("2026-05-01", 100.0), ("2026-05-02", 300.0)):
        (tmp_path / f"kiosk-{day}.jsonl").write_text(
            f'{{"t": "{day}T10:00:00+02:00", "kind": "session_start"}}\n'
            f'{{"t": "{day}T10:05:00+02:00", "kind": "session_end", "seconds": {seconds}}}\n'
            f'{{"t": "{day}T10:05:00+02:00", "kind": "sess', encoding="utf-8")     # cut off by a power failure
    days = read_days([tmp_path])
    assert [d.day for d in days] == ["2026-05-01", "2026-05-02"] and [d.unreadable for d in days] == [1, 1]
    assert main(["kiosk-report", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "total" in out and "3 min 20 s" in out and "2 lines could not be read" in out


def test_a_missing_or_empty_log_is_a_clear_error(tmp_path, capsys):
    assert main(["kiosk-report", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["kiosk-report", str(tmp_path)]) == 1
    assert "no kiosk log lines" in capsys.readouterr().err


def test_the_report_loads_no_qt(tmp_path):
    (tmp_path / "kiosk-2026-05-01.jsonl").write_text('{"t": "2026-05-01T10:00:00+02:00", "kind": "session_start"}\n')
    code = (f"import sys; from explorer.cli import main; rc = main(['kiosk-report', {str(tmp_path)!r}]); "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))), rc)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[] 0"
