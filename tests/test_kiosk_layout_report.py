"""The kiosk's layout report without a window: the sizes for a screen (Qt-free), what the check finds, and
``explorer --kiosk --layout-report`` run as a visitor's screen would run it, on a virtual 1366 × 768 screen."""

import pytest

from explorer.kiosk.layout_check import layout_problems
from explorer.kiosk.metrics import KioskMetrics


def test_metrics_follow_physical_density_where_it_is_believable():
    plain = KioskMetrics.for_screen(1920, 1080)
    assert (plain.unit, plain.touch) == (1.0, 48)
    dense = KioskMetrics.for_screen(1920, 1080, dpi=220)        # a 10" 1080p screen: seen from close by
    assert dense.unit == pytest.approx(1.5) and dense.touch >= 78   # ... but never more room than 1280 × 720 needs
    assert KioskMetrics.for_screen(1920, 1080, dpi=5000).unit == 1.0     # not believed
    assert KioskMetrics.for_screen(1280, 720).touch == 48           # never below 48 px
    assert KioskMetrics.for_screen(1080, 1920).portrait and KioskMetrics.for_screen(1080, 1920).unit == 1.0
    assert KioskMetrics.for_screen(1920, 1080, 1.2, large_text=True).text == pytest.approx(1.56)


def test_the_layout_check_finds_what_does_not_fit():
    good = {"name": "home_button", "rect": [10, 10, 100, 60], "text": "Home", "text_width": 60, "room": 70,
            "min_touch": 48}
    assert layout_problems({"screen": [1366, 768], "widgets": [good]}) == []
    bad = [dict(good, rect=[1300, 10, 100, 60]), dict(good, text_width=80), dict(good, rect=[10, 10, 100, 40]),
           dict(good, min_touch=40), {"name": "timeline", "rect": [0, 600, 1366, 160], "span": ["1918-03-03", "1939-12-31"],
                                      "data_span": ["1918-03-03", "1941-06-22"], "min_touch": 48},
           {"name": "paragraph", "rect": [900, 2000, 500, 30], "text": "x", "text_width": 5, "room": 500,
            "clip": [880, 100, 480, 500], "min_touch": 0},
           {"name": "title", "rect": [0, 0, 500, 60], "text": "a\nb\nc", "text_width": 50, "room": 500,
            "text_height": 90, "room_height": 60, "min_touch": 0}]
    found = layout_problems({"screen": [1366, 768], "widgets": bad})
    assert len(found) == len(bad)
    for words in ("not inside the screen", "needs 80.0 px", "smaller than a touch target", "below 48",
                  "not the whole span", "wider than the details column", "of height"):
        assert any(words in line for line in found), words
    assert layout_problems({"screen": [3840, 2160], "widgets": [good]})[0].startswith("home_button 'Home': min_touch 48")


# --- the command ------------------------------------------------------------------------------------------

@pytest.mark.gui
def test_the_layout_report_command_on_a_virtual_screen(tmp_path):
    """``explorer --kiosk --layout-report`` on a 1366 × 768 offscreen screen: the report as issue 14 shows
    it, nothing that does not fit, and no file replaced without --force."""
    import json
    import os
    import subprocess
    import sys

    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "gallery", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", EXPLORER_KIOSK_STATE_DIR=str(tmp_path))
    out = tmp_path / "layout.json"

    def run(*extra):
        return subprocess.run([sys.executable, "-m", "explorer", "--kiosk", "--layout-report", str(out), *extra],
                              capture_output=True, text=True, env=env, timeout=120)

    done = run()
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text("utf-8"))
    assert report["screen"] == [1366, 768] and layout_problems(report) == []
    home = next(w for w in report["widgets"] if w["name"] == "home_button")
    assert set(home) >= {"name", "rect", "text", "text_width", "min_touch"} and home["min_touch"] >= 48
    assert home["text"] == "⌂ Home" and 0 < home["text_width"] <= home["rect"][2]
    assert "no problems" in done.stderr
    again = run()
    assert again.returncode == 2 and "--force" in again.stderr
    assert run("--force").returncode == 0
    alone = subprocess.run([sys.executable, "-m", "explorer", "--layout-report", str(out)], capture_output=True,
                           text=True, env=env, timeout=60)
    assert alone.returncode == 2 and "add --kiosk" in alone.stderr


SCREENS = [(1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160), (1080, 1920)]


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_size_on_a_virtual_screen_of_that_size(tmp_path, size):
    """Issue 14's sizes, each on an offscreen screen of exactly that size (what Qt reports to the kiosk, not a
    resized window), at the three text scales and in both languages: the report finds nothing that does not
    fit, every touch target is at least 48 px at 1080p scale, and the whole timeline span is in view."""
    import json
    import os
    import subprocess
    import sys

    width, height = size
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "gallery", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", EXPLORER_KIOSK_STATE_DIR=str(tmp_path))
    for scale, language in ((1.0, "en"), (1.25, "de"), (1.5, "en")):
        config = tmp_path / f"kiosk-{scale}.toml"
        config.write_text(f'text_scale = {scale}\n\n[languages]\noffered = ["en", "de"]\ndefault = "{language}"\n',
                          "utf-8")
        out = tmp_path / f"layout-{scale}.json"
        done = subprocess.run([sys.executable, "-m", "explorer", "--kiosk", "--config", str(config),
                               "--layout-report", str(out)], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, (scale, done.stderr[-2000:])
        report = json.loads(out.read_text("utf-8"))
        assert report["screen"] == [width, height] and report["language"] == language
        assert report["text_scale"] == pytest.approx(scale) and layout_problems(report) == []
        unit = KioskMetrics.for_screen(width, height).unit
        assert report["min_touch"] >= 48 * unit - 1
        timeline = next(w for w in report["widgets"] if w["name"] == "timeline")
        assert timeline["span"][0] <= timeline["data_span"][0] and timeline["span"][1] >= timeline["data_span"][1]
