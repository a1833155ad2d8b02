"""Sub-commands beyond validate/export-data. Each handler lives in its own module and is imported only
when its command runs, so ``explorer --help`` and ``explorer validate`` never load Qt."""

from __future__ import annotations

import importlib
from pathlib import Path


def _lazy(target: str):
    """A handler that imports ``module:function`` on first call."""
    module_name, function = target.split(":")

    def handler(args):
        return getattr(importlib.import_module(module_name), function)(args)

    return handler


def _add_force_arg(parser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace output files that exist already (never the input, never a read-only file)")


def _add_borders_arg(parser) -> None:
    parser.add_argument("--borders", choices=("period", "present"), default="period",
                        help="the borders in force on the date (default) or today's")


def register_qt_commands(sub, add_data_arg) -> None:
    """Add snapshot, animate, bench, generate, import, borders, kiosk-report and hash-pin to the ``explorer``
    parser."""
    p = sub.add_parser("snapshot", help="export the map as PNG, PDF or standalone HTML, headless")
    add_data_arg(p)
    target = p.add_mutually_exclusive_group()
    target.add_argument("--event", metavar="ID", help="select this event (and move to its date)")
    target.add_argument("--all", action="store_true", help="one image per event into --out-dir, with an index")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date to show")
    p.add_argument("--center", metavar="LAT,LON", help="map centre (default: framed on the event, or the dataset's view)")
    p.add_argument("--zoom", type=float, help="map zoom level")
    p.add_argument("--size", default="1920x1080", metavar="WxH",
                   help="output size in pixels (default 1920x1080), or a4/a3: paper (a PDF of its size, a PNG at 300 dpi)")
    p.add_argument("--view-size", default="1280x720", metavar="WxH",
                   help="the on-screen window size whose framing is reproduced (default 1280x720)")
    p.add_argument("--no-caption", action="store_true", help="leave out the caption block")
    _add_borders_arg(p)
    p.add_argument("--layout", type=Path, metavar="FILE.json",
                   help="also write what was drawn where (markers, labels, overlays) as JSON, in output pixels")
    p.add_argument("--out", type=Path, metavar="FILE", help="output file; format from the extension (.png, .pdf, .html)")
    p.add_argument("--out-dir", type=Path, metavar="DIR", help="with --all: where to write the images")
    p.add_argument("--format", choices=("png", "pdf", "html"), default=None, help="with --all: the format (default png)")
    _add_force_arg(p)
    p.set_defaults(handler=_lazy("explorer.snapshot.qt.commands:cmd_snapshot"))

    p = sub.add_parser("animate", help="export the timeline playing through a date range as GIF or MP4")
    add_data_arg(p)
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="first date (default: the dataset's first)")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last date (default: the dataset's last)")
    p.add_argument("--fps", type=int, default=10, help="frames per second (default 10)")
    p.add_argument("--duration", type=float, default=20.0, help="length in seconds (default 20)")
    p.add_argument("--size", default="1280x720", metavar="WxH", help="frame size (default 1280x720)")
    p.add_argument("--no-caption", action="store_true", help="leave out the caption block")
    _add_borders_arg(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="output .gif or .mp4")
    _add_force_arg(p)
    p.set_defaults(handler=_lazy("explorer.snapshot.qt.commands:cmd_animate"))

    p = sub.add_parser("bench", help="measure speed and memory from the shipped data (size 40) to 100,000 events")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--quick", action="store_true", help="fewer repetitions (for a smoke run)")
    p.add_argument("--sizes", default="40,1000,10000,100000",
                   help="dataset sizes to measure; 40 stands for the shipped dataset, whatever its count (default 40,1000,10000,100000)")
    p.set_defaults(handler=_lazy("explorer.bench.qt.cli:cmd_bench"))

    p = sub.add_parser("generate", help="write a synthetic dataset of N events (for scale tests and benchmarks)")
    p.add_argument("--events", type=int, default=1000, help="number of events (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    _add_force_arg(p)
    p.set_defaults(handler=_lazy("explorer.bench.synthetic:cmd_generate"))

    p = sub.add_parser("import", help="convert a TimelineJS, StoryMapJS, GeoJSON or spreadsheet file to our format")
    p.add_argument("file", type=Path, metavar="FILE", help="the file to convert (its format is detected)")
    p.add_argument("--out", type=Path, required=True, metavar="DATASET.json", help="where to write our JSON format")
    p.add_argument("--force", action="store_true", help="replace DATASET.json if it exists (never the input)")
    p.set_defaults(handler=_lazy("explorer.formats.cli:cmd_import"))

    p = sub.add_parser("borders", help="the state in force at a place on a day, or that day's borders as GeoJSON")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day (1918-03-03 to 1941-12-31)")
    p.add_argument("--at", metavar="LAT,LON", help="print the state at this point")
    p.add_argument("--json", action="store_true", help="with --at: print one JSON object")
    p.add_argument("--out", type=Path, metavar="FILE.geojson", help="write the day's borders as GeoJSON")
    p.add_argument("--force", action="store_true", help="with --out: overwrite an existing file")
    p.set_defaults(handler=_lazy("explorer.model.borders_cli:cmd_borders"))

    p = sub.add_parser("kiosk-report", help="a daily summary of the kiosk's interaction log: visits, median "
                                            "visit, events opened most, languages")
    p.add_argument("logs", nargs="+", type=Path, metavar="LOG",
                   help="a day's log (kiosk-YYYY-MM-DD.jsonl) or the kiosk's log folder")
    add_data_arg(p)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.set_defaults(handler=_lazy("explorer.kiosk.report:cmd_kiosk_report"))

    p = sub.add_parser("hash-pin", help="print the salted hash of a kiosk staff PIN for the kiosk configuration")
    p.add_argument("pin", nargs="?", help="the PIN (asked for without echo when left out)")
    p.set_defaults(handler=_lazy("explorer.kiosk.config:cmd_hash_pin"))


def register_setup_commands(sub) -> None:
    """Add doctor, install-desktop and kiosk-example: setting the app up on a machine (none imports Qt)."""
    p = sub.add_parser("doctor", help="check what the app needs on this machine; say how to install what is missing")
    p.set_defaults(handler=_lazy("explorer.doctor:cmd_doctor"))

    p = sub.add_parser("install-desktop", help="add Treaty Explorer to this user's desktop menu (entry and icon)")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--remove", action="store_true", help="take the menu entry and icon away again")
    action.add_argument("--print", action="store_true", help="only print the desktop entry")
    p.set_defaults(handler=_lazy("explorer.install_desktop:cmd_install_desktop"))

    p = sub.add_parser("kiosk-example", help="print (or write) the complete, commented kiosk configuration")
    p.add_argument("--out", type=Path, metavar="FILE", help="write it to FILE, e.g. kiosk.toml")
    _add_force_arg(p)         # handled by explorer.cli.cmd_kiosk_example
