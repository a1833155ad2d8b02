"""Render the timeline slider offscreen in the scenes docs/images shows, and save each as a PNG.

    python tools/timeline_screenshot.py --out-dir docs/images [--big /tmp/100k.json] [--scene NAME ...]

Scenes: desktop (the shipped dataset, Rapallo selected), zoomed (1938–1940, the border row and the
Molotov–Ribbentrop pact selected), borders (a border change clicked: its callout), uncertain (1921–1923:
year-only and one-of-two-days dates drawn over their possible span), window (the time-window band), kiosk-de (touch sizes,
large text, German), density (the big dataset, e.g. ``explorer generate --events 100000``; skipped without
``--big``). Runs with no display (Qt's offscreen platform).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCENES = ("desktop", "zoomed", "borders", "uncertain", "window", "kiosk-de", "density")


def _scene(name: str, dataset, big):
    """A shown slider set up for scene ``name`` (None when the scene needs what was not given)."""
    from explorer.model.state import ExplorerState
    from explorer.qt.timeline_slider import TimelineSlider

    if name == "density":
        if big is None:
            return None
        state = ExplorerState(big, date=dt.date(1939, 9, 1))
        slider = TimelineSlider(state)
        slider.resize(1600, slider.sizeHint().height())
        state.select(big.events[len(big.events) // 3].id)
        return slider
    state = ExplorerState(dataset)
    slider = TimelineSlider(state)
    width = 1600
    if name == "kiosk-de":
        state.set_language("de")
        slider.set_sizes(touch=True, text_scale=1.25)
        width = 1896
    slider.resize(width, slider.sizeHint().height())
    if name == "desktop":
        state.select("rapallo-1922")
    elif name == "zoomed":
        state.select("molotov-ribbentrop-1939")
        slider.zoom_by(9)
    elif name == "borders":
        change = next(c for c in slider.border_changes if c.event == "anschluss-1938")
        slider.go_to_border_change(change)
    elif name == "uncertain":
        state.set_date(dt.date(1921, 12, 1))        # 1921: Sondergruppe R (the year only); 1922: Junkers at Fili
        slider.zoom_by(6)
    elif name == "window":
        state.set_filters(window_days=365)
        state.set_date(dt.date(1926, 4, 24))
    elif name == "kiosk-de":
        state.select("berlin-1926")
    return slider


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--big", type=Path, help="a large dataset for the density scene")
    parser.add_argument("--scene", action="append", choices=SCENES, help="only these scenes (default: all)")
    args = parser.parse_args()

    from explorer.formats.startup import load_or_report
    from explorer.qt.application import create_application
    from explorer.resources import DEFAULT_DATASET

    app = create_application()
    dataset = load_or_report(DEFAULT_DATASET)
    big = load_or_report(args.big) if args.big else None
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.scene or SCENES:
        slider = _scene(name, dataset, big)
        if slider is None:
            print(f"skipped {name} (no --big dataset)", file=sys.stderr)
            continue
        slider.show()
        app.processEvents()
        out = args.out_dir / f"timeline-{name}.png"
        if not slider.grab().save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        print(f"wrote {out}", file=sys.stderr)
        slider.close()
        slider.deleteLater()
    return 0


if __name__ == "__main__":
    sys.exit(main())
