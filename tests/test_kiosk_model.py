"""The kiosk's Qt-free parts: configuration, PIN hash, idle/attract/reset machine, staff gesture, PIN rate
limit, crash budget and the interaction log. No Qt is imported here."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from explorer.kiosk.config import (
    KioskConfig, check_attract_events, cmd_hash_pin, hash_pin, load_config, parse_config, verify_pin,
)
from explorer.kiosk.idle import Act, IdleMachine, IdleTimings, Phase
from explorer.kiosk.interaction_log import InteractionLog
from explorer.model.recovery import CrashBudget
from explorer.kiosk.staff import PinLimiter, StaffGesture
from explorer.resources import KIOSK_EXAMPLE

ROOT = Path(__file__).parents[1]
GOOD = """
text_scale = 1.25
[idle]
prompt_after_s = 60
reset_after_s = 15
[attract]
events = ["rapallo-1922", "berlin-1926"]
dwell_s = 8
start_after_s = 10
[languages]
offered = ["de", "en"]
default = "de"
[home]
center = [52.0, 20.0]
zoom = 4
date = 1922-04-16
[staff]
pin_hash = "{pin_hash}"
[log]
dir = "{log_dir}"
[map]
borders = "present"
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def fast_hash():
    return hash_pin("2468", iterations=10_000)


# --- configuration -------------------------------------------------------------------------------------

def test_a_good_file_is_read_completely(tmp_path, fast_hash):
    path = write(tmp_path / "kiosk.toml", GOOD.format(pin_hash=fast_hash, log_dir=tmp_path / "logs"))
    loaded = load_config(path, tmp_path / "state")
    c = loaded.config
    assert loaded.source == "file" and loaded.problems == []
    assert (c.prompt_after_s, c.reset_after_s, c.attract_dwell_s, c.attract_start_after_s) == (60, 15, 8, 10)
    assert c.attract_events == ("rapallo-1922", "berlin-1926")
    assert c.languages_offered == ("de", "en") and c.language_default == "de"
    assert c.home.center == (52.0, 20.0) and c.home.zoom == 4 and c.home.date == dt.date(1922, 4, 16)
    assert c.text_scale == 1.25 and c.staff_pin_hash == fast_hash and c.log_dir == tmp_path / "logs"
    assert c.map_borders == "present" and KioskConfig().map_borders == "period"
    assert (tmp_path / "state" / "last-good-kiosk.toml").read_text() == path.read_text()


@pytest.mark.parametrize("text, key", [
    ("[idle]\nprompt_after_s = 'soon'\n", "idle.prompt_after_s"),
    ("[idle]\nreset_after_s = -3\n", "idle.reset_after_s"),
    ("[idle]\nprompt_after = 30\n", "idle.prompt_after"),            # unknown key (typo)
    ("[atract]\ndwell_s = 3\n", "atract"),                           # unknown section
    ("[attract]\nevents = 'rapallo-1922'\n", "attract.events"),
    ("[languages]\noffered = ['en', 'fr']\n", "languages.offered"),
    ("[languages]\noffered = ['en']\ndefault = 'de'\n", "languages.default"),
    ("[home]\ncenter = [52.0]\n", "home.center"),
    ("[home]\ndate = 'April 1922'\n", "home.date"),
    ("text_scale = true\n", "text_scale"),
    ("[staff]\npin_hash = '1234'\n", "staff.pin_hash"),              # a PIN in clear is refused
    ("[recovery]\nmax_crashes = 2.5\n", "recovery.max_crashes"),
    ("[map]\nborders = 'today'\n", "map.borders"),
])
def test_a_bad_value_is_named_by_its_key(tmp_path, text, key):
    path = write(tmp_path / "kiosk.toml", text)
    loaded = load_config(path, tmp_path / "state")
    assert loaded.source == "defaults"
    assert any(key in problem and str(path) in problem for problem in loaded.problems), loaded.problems
    assert loaded.config.prompt_after_s == KioskConfig().prompt_after_s


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path / "kiosk.toml", "[idle]\nprompt_after_s = 'x'\nreset_after_s = 'y'\n[foo]\n")
    problems = load_config(path, tmp_path / "state").problems
    assert sum(("idle.prompt_after_s" in p) or ("idle.reset_after_s" in p) or ("foo: unknown" in p) for p in problems) == 3


def test_broken_toml_falls_back_to_the_last_good_file(tmp_path, fast_hash):
    state = tmp_path / "state"
    path = write(tmp_path / "kiosk.toml", GOOD.format(pin_hash=fast_hash, log_dir=tmp_path / "logs"))
    assert load_config(path, state).source == "file"
    write(path, "[idle\nprompt_after_s = 5")                        # an edit that broke the file
    loaded = load_config(path, state)
    assert loaded.source == "last-good"
    assert loaded.config.prompt_after_s == 60 and loaded.config.staff_pin_hash == fast_hash
    assert any("not valid TOML" in p for p in loaded.problems)
    assert any("last good" in p for p in loaded.problems)


@pytest.mark.parametrize("damage, reason", [
    (b"[idle]\nprompt_after_s = 5\n# caf\xe9 in Latin-1\n", "not UTF-8"),      # one invalid byte
    (b"", "holds no settings"),                                                # emptied by mistake
    (b"# only a comment\n\n", "holds no settings"),
    (b"\xff\xfe[\x00i\x00", "not UTF-8"),                                         # saved as UTF-16
])
def test_an_unusable_file_never_replaces_the_last_good_one(tmp_path, fast_hash, damage, reason):
    """The exhibit never stays dark, and the staff PIN of the last good file is never lost (issue 10)."""
    state = tmp_path / "state"
    path = write(tmp_path / "kiosk.toml", GOOD.format(pin_hash=fast_hash, log_dir=tmp_path / "logs"))
    assert load_config(path, state).source == "file"
    path.write_bytes(damage)
    loaded = load_config(path, state)
    assert loaded.source == "last-good" and loaded.config.staff_pin_hash == fast_hash
    assert any(reason in p and str(path) in p for p in loaded.problems), loaded.problems
    # ... and it was not copied over the last good file: a second start still has the PIN.
    assert load_config(path, state).config.staff_pin_hash == fast_hash


def test_pin_hash_parameters_are_bounded(fast_hash):
    """A hash asking for 10**12 iterations would hold the kiosk for days per try: it is refused."""
    from explorer.kiosk.config import ConfigError

    algorithm, _iterations, salt, digest = fast_hash.split("$")
    for iterations in ("1", "9999", "2000001", str(10 ** 12)):
        with pytest.raises(ConfigError, match="staff.pin_hash"):
            parse_config({"staff": {"pin_hash": "$".join((algorithm, iterations, salt, digest))}})
        assert not verify_pin("2468", "$".join((algorithm, iterations, salt, digest)))
    with pytest.raises(ConfigError, match="staff.pin_hash"):
        parse_config({"staff": {"pin_hash": "$".join((algorithm, "10000", "ab" * 100, digest))}})
    with pytest.raises(ValueError, match="iterations"):
        hash_pin("2468", iterations=10 ** 12)


def test_missing_file_and_no_last_good_gives_defaults_with_a_reason(tmp_path):
    loaded = load_config(tmp_path / "nope.toml", tmp_path / "state")
    assert loaded.source == "defaults" and loaded.config.prompt_after_s == KioskConfig().prompt_after_s
    assert any("cannot read" in p for p in loaded.problems)
    assert loaded.config.log_dir == tmp_path / "state" / "logs"


def test_no_file_at_all_is_fine(tmp_path):
    loaded = load_config(None, tmp_path / "state")
    assert loaded.source == "defaults" and loaded.problems == []


def test_unknown_tour_events_are_dropped_and_reported(mini):
    config = parse_config({"attract": {"events": ["rapallo-1922", "atlantis-1923", "berlin-1926"]}})
    cleaned, problems = check_attract_events(config, mini)
    assert cleaned.attract_events == ("rapallo-1922", "berlin-1926")
    assert len(problems) == 1 and "attract.events" in problems[0] and "atlantis-1923" in problems[0]


def test_the_example_configuration_is_valid():
    config = parse_config(__import__("tomllib").loads(KIOSK_EXAMPLE.read_text()))
    assert config.attract_events and config.staff_pin_hash is None or config.staff_pin_hash.startswith("pbkdf2")


# --- PIN ---------------------------------------------------------------------------------------------

def test_pin_hash_is_salted_and_verifies():
    a, b = hash_pin("2468", iterations=10_000), hash_pin("2468", iterations=10_000)
    assert a != b and a.startswith("pbkdf2_sha256$10000$")      # fresh salt each time
    assert "2468" not in a
    assert verify_pin("2468", a) and verify_pin("2468", b)
    assert not verify_pin("2469", a) and not verify_pin("", a)
    assert not verify_pin("2468", None) and not verify_pin("2468", "garbage")


def test_hash_pin_command_prints_a_usable_hash(capsys):
    assert cmd_hash_pin(SimpleNamespace(pin="13579")) == 0
    printed = capsys.readouterr().out.strip()
    assert verify_pin("13579", printed)
    assert parse_config({"staff": {"pin_hash": printed}}).staff_pin_hash == printed
    assert cmd_hash_pin(SimpleNamespace(pin="12")) == 2          # too short for a PIN pad


def test_hash_pin_command_loads_no_qt():
    code = ("import sys; from explorer.cli import main; rc = main(['hash-pin', '4321']); "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))), rc)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert lines[-1] == "[] 0" and verify_pin("4321", lines[0])


# --- idle machine ---------------------------------------------------------------------------------------

TIMINGS = IdleTimings(prompt_after_s=60, reset_after_s=10, attract_start_after_s=5, dwell_s=8,
                      tour=("a", "b", "c"))


def acts(actions):
    return [a.act for a in actions]


def test_idle_cycle_prompt_reset_attract_and_loop():
    m = IdleMachine(TIMINGS, now=0)
    assert m.phase is Phase.HOME
    assert acts(m.touch(1)) == [Act.SESSION_START] and m.phase is Phase.ACTIVE
    assert m.tick(60.9) == [] and m.phase is Phase.ACTIVE
    first = m.tick(61)
    assert acts(first) == [Act.SHOW_PROMPT] and first[0].value == 10 and m.phase is Phase.PROMPT
    assert [(a.act, a.value) for a in m.tick(62.5)] == [(Act.COUNTDOWN, 9)]
    assert m.tick(62.7) == []                                      # same second: nothing new
    reset = m.tick(71)
    assert acts(reset) == [Act.SESSION_END, Act.RESET] and reset[0].value == (70.0, 0.0) and m.phase is Phase.HOME
    assert m.tick(75.9) == []
    assert acts(m.tick(76)) == [Act.TOUR_START] and m.phase is Phase.ATTRACT
    assert m.tick(500) == [] and m.next_deadline(500) is None      # the tour plays itself (test_playback)


def test_touch_during_prompt_dismisses_it_and_restarts_the_timer():
    m = IdleMachine(TIMINGS, now=0)
    m.touch(0)
    m.tick(60)
    assert m.phase is Phase.PROMPT and m.would_wake()
    assert acts(m.touch(65)) == [Act.DISMISS_PROMPT] and m.phase is Phase.ACTIVE
    assert m.tick(124) == []                                       # 60 s counted from the touch
    assert acts(m.tick(125)) == [Act.SHOW_PROMPT]


def test_activity_keeps_the_kiosk_active():
    m = IdleMachine(TIMINGS, now=0)
    m.touch(0)
    for t in range(10, 300, 30):
        assert m.touch(t) == [] and m.tick(t + 29) == []
    assert m.phase is Phase.ACTIVE


def test_first_touch_in_attract_ends_the_tour_and_shows_home():
    m = IdleMachine(TIMINGS, now=0)
    m.tick(5)
    m.tick(13)
    assert m.phase is Phase.ATTRACT and m.would_wake()
    actions = m.touch(14)
    assert acts(actions) == [Act.TOUR_END, Act.SHOW_HOME, Act.SESSION_START]
    assert m.phase is Phase.ACTIVE and not m.would_wake()


def test_touch_at_home_starts_a_session_without_waking_actions():
    m = IdleMachine(TIMINGS, now=0)
    assert not m.would_wake()
    assert acts(m.touch(2)) == [Act.SESSION_START]


def test_no_tour_configured_waits_at_home():
    m = IdleMachine(IdleTimings(60, 10, 5, 8, ()), now=0)
    assert m.tick(1000) == [] and m.phase is Phase.HOME and m.next_deadline(1000) is None


def test_a_long_pause_catches_up_in_one_tick_and_listener_hears_all():
    heard = []
    m = IdleMachine(TIMINGS, now=0, listener=heard.append)
    m.touch(0)
    actions = m.tick(60 + 10 + 5 + 8 * 2 + 1)
    assert acts(actions) == [Act.SHOW_PROMPT, Act.SESSION_END, Act.RESET, Act.TOUR_START]
    assert heard[1:] == actions                                    # heard[0]: the touch's SESSION_START


def test_session_end_reports_the_visit_from_its_first_touch_to_the_reset():
    """A visitor touches at 100 s and 130 s, then reads until the prompt (60 s later) and its countdown
    (10 s) end: the visit lasted 100 s, of which 30 s between the first and the last touch."""
    m = IdleMachine(TIMINGS, now=0)
    m.touch(100)
    m.touch(115)
    m.touch(130)
    actions = m.tick(130 + 60 + 10 + 3)            # the timer ticked a little late: the reset was at 200 s
    assert [a.value for a in actions if a.act is Act.SESSION_END] == [(100.0, 30.0)]


# --- staff gesture and PIN limiter -------------------------------------------------------------------------

def test_five_taps_in_the_corner_within_three_seconds():
    g = StaffGesture(corner="top-left", size_px=96, taps=5, within_s=3.0)
    assert not any(g.tap(10, 10, 1920, 1080, t * 0.5) for t in range(4))
    assert g.tap(20, 30, 1920, 1080, 2.0)
    assert not g.tap(10, 10, 1920, 1080, 2.1)                     # the count started over


def test_slow_taps_or_a_tap_elsewhere_do_not_open_the_pad():
    g = StaffGesture()
    assert not any(g.tap(10, 10, 1920, 1080, t * 1.0) for t in range(5))   # 4 s for five taps
    g = StaffGesture()
    for t in range(3):
        g.tap(10, 10, 1920, 1080, t * 0.2)
    g.tap(900, 500, 1920, 1080, 0.7)                               # a visitor's tap in between
    assert not any(g.tap(10, 10, 1920, 1080, 0.8 + t * 0.1) for t in range(4))


def test_other_corners():
    g = StaffGesture(corner="bottom-right", size_px=100)
    assert g.in_corner(1900, 1070, 1920, 1080) and not g.in_corner(10, 10, 1920, 1080)
    with pytest.raises(ValueError):
        StaffGesture(corner="middle")


def test_pin_limiter_locks_out_with_growing_waits():
    lim = PinLimiter(free=3, base_s=30, max_s=100)
    for t in range(3):
        assert lim.allowed(t)
        lim.record(False, t)
    assert lim.allowed(3)
    lim.record(False, 3)                                           # fourth wrong PIN
    assert not lim.allowed(3) and lim.wait_s(3) == 30
    assert lim.allowed(33)
    lim.record(False, 33)
    assert lim.wait_s(33) == 60
    lim.record(False, 93)
    assert lim.wait_s(93) == 100                                   # capped
    lim.record(True, 193)
    assert lim.failures == 0 and lim.allowed(193)


def test_crash_budget():
    budget = CrashBudget(max_crashes=2, window_s=60)
    assert budget.record(0) and budget.record(10)
    assert not budget.record(20)                                   # third within a minute: give up
    budget = CrashBudget(max_crashes=2, window_s=60)
    assert all(budget.record(t) for t in (0, 50, 120, 170, 240))   # spread out: keep recovering


# --- interaction log ------------------------------------------------------------------------------------

def test_log_lines_are_json_without_personal_data(tmp_path):
    clock = [dt.datetime(2026, 5, 1, 10, 0).timestamp()]
    log = InteractionLog(tmp_path, clock=lambda: clock[0])
    log.write("session_start")
    log.write("event_opened", event="rapallo-1922", via="visitor")
    log.write("language_chosen", language="de")
    log.write("tour_interrupted", step=2)
    log.write("session_end", seconds=42.0, touching_s=12.5, language="de")
    log.write("error", message="renderer died")
    lines = log.read_day(dt.date(2026, 5, 1))
    assert [l["kind"] for l in lines] == ["session_start", "event_opened", "language_chosen", "tour_interrupted",
                                          "session_end", "error"]
    assert lines[1]["event"] == "rapallo-1922" and lines[2]["language"] == "de"
    assert all(set(l) <= {"t", "kind", "event", "via", "language", "step", "seconds", "touching_s", "message"}
               for l in lines)
    with pytest.raises(ValueError):
        log.write("event_opened", event="x", visitor_name="Anna")   # no field for anything personal
    with pytest.raises(ValueError):
        log.write("touched_at", x=10, y=20)


def test_log_rotates_daily_prunes_old_days_and_caps_size(tmp_path):
    day = dt.datetime(2026, 5, 1, 23, 59).timestamp()
    clock = [day]
    log = InteractionLog(tmp_path, clock=lambda: clock[0], max_bytes=400, keep_days=30)
    old = tmp_path / "kiosk-2026-03-01.jsonl"
    old.write_text("{}\n")
    log.write("session_start")
    clock[0] = day + 120                                            # past midnight
    log.write("session_start")
    assert (tmp_path / "kiosk-2026-05-01.jsonl").exists() and (tmp_path / "kiosk-2026-05-02.jsonl").exists()
    assert not old.exists()
    for _ in range(50):
        log.write("event_opened", event="rapallo-1922", via="tour")
    path = tmp_path / "kiosk-2026-05-02.jsonl"
    assert path.stat().st_size <= 400
    kinds = [json.loads(l)["kind"] for l in path.read_text().splitlines()]
    assert kinds[-1] == "log_full" and kinds.count("log_full") == 1


def test_an_unwritable_log_does_not_stop_the_kiosk(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    log = InteractionLog(blocker / "logs")
    log.write("session_start")                                     # no exception
    assert log.failed
