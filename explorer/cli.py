"""The ``explorer`` command line. Qt is imported only by the commands that need it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer import __version__
from explorer.resources import DEFAULT_DATASET


def _add_data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATASET, metavar="PATH",
                        help="dataset file: ours, TimelineJS (JSON, or its sheet as CSV/XLSX), StoryMapJS, GeoJSON "
                             "or our XLSX/CSV export (default: the shipped interwar dataset)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Treaty Explorer: a map-and-timeline explorer of interwar agreements. "
                    "Without a command it opens the window.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_data_arg(parser)
    parser.add_argument("--event", metavar="ID", help="open with this event selected, e.g. rapallo-1922")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="open at this date")
    parser.add_argument("--kiosk", action="store_true", help="run as a museum kiosk (full screen, locked down)")
    parser.add_argument("--config", type=Path, metavar="TOML", help="kiosk configuration file")
    parser.add_argument("--gui-errors", action="store_true",
                        help="also show problems with the dataset in a dialog (the desktop menu entry starts with "
                             "this, since nobody reads its error output)")
    parser.add_argument("--layout-report", type=Path, metavar="FILE.json",
                        help="with --kiosk: write where every widget of the kiosk lies once it has painted, then "
                             "exit (status 1 when something does not fit the screen)")
    parser.add_argument("--force", action="store_true", help="with --layout-report: replace FILE.json if it exists")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check dataset files (any format) and report every problem")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help=f"files or folders to check (default: {DEFAULT_DATASET.name})")

    p = sub.add_parser("export-data", help="write the dataset as JSON, GeoJSON, CSV, XLSX, TimelineJS or KML")
    _add_data_arg(p)
    p.add_argument("--format", choices=("json", "geojson", "csv", "xlsx", "timelinejs", "kml"), default="json",
                   help="json: normalised; csv/xlsx: our sheets, which open again; geojson: events and links")
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists (never the input)")

    from explorer.commands import register_qt_commands, register_setup_commands
    register_qt_commands(sub, _add_data_arg)
    register_setup_commands(sub)
    return parser


def _fail(message: str) -> int:
    print(f"explorer: error: {message}", file=sys.stderr)
    return 2


def cmd_validate(args) -> int:
    """Check each file or folder (any format); print every problem; exit 1 if any file has one."""
    from explorer.formats.cli import cmd_validate as validate

    return validate(args)


def cmd_export_data(args) -> int:
    """Write the dataset in the chosen format."""
    from explorer.formats.cli import cmd_export_data as export

    return export(args)


def cmd_kiosk_example(args) -> int:
    """Print the kiosk example configuration shipped in the package, or write it to ``--out``."""
    from explorer.resources import KIOSK_EXAMPLE

    text = KIOSK_EXAMPLE.read_text(encoding="utf-8")
    if args.out is None:
        sys.stdout.write(text)
        return 0
    from explorer.safe_write import TargetRefused, check_target, write_text_atomic

    try:
        check_target(args.out, force=args.force)
    except TargetRefused as exc:
        return _fail(str(exc))
    write_text_atomic(args.out, text)
    print(f"wrote {args.out}; start the kiosk with: explorer --kiosk --config {args.out}", file=sys.stderr)
    return 0


def cmd_run(args) -> int:
    """Open the window (or the kiosk): the dataset and the start options are checked first, without Qt.
    Problems with the dataset go to stderr and, with ``--gui-errors``, into a dialog too."""
    from explorer.formats.startup import check_start_state, open_for_start
    from explorer.webmap.page import render_template_beside

    render_template_beside()            # a first start: the page template is rendered meanwhile
    dataset, report = open_for_start(args.data)
    if args.gui_errors and report.errors:
        from explorer.app import show_problems

        show_problems(args.data, report, opened=dataset is not None)
    if dataset is None:
        return 1
    error = check_start_state(dataset, args.event, args.date)
    if error:
        return _fail(error)
    if getattr(args, "layout_report", None) and not args.kiosk:
        return _fail("--layout-report describes the kiosk: add --kiosk")
    from explorer.app import run

    return run(dataset, args)


def run() -> None:
    """The ``explorer`` program (console script and ``python -m explorer``): :func:`main` with Chromium's
    harmless messages kept off stderr once Qt starts (``explorer.stderr_filter``); exits with its status."""
    from explorer import stderr_filter

    stderr_filter.request()
    sys.exit(main())


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``explorer`` command line, for callers in this process (tests); the program itself
    is :func:`run`."""
    args = build_parser().parse_args(argv)
    handlers = {None: cmd_run, "validate": cmd_validate, "export-data": cmd_export_data,
                "kiosk-example": cmd_kiosk_example}
    handler = handlers.get(args.command) or args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
