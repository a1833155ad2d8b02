"""The ``explorer`` command line. Qt is imported only by the commands that need it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer import __version__
from explorer.resources import DEFAULT_DATASET


def _add_data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATASET, metavar="PATH",
                        help="dataset file in Treaty Explorer's JSON format (default: the shipped interwar dataset)")


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check dataset files and report every problem")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=f"files to check (default: {DEFAULT_DATASET.name})")

    p = sub.add_parser("export-data", help="print the normalised dataset as JSON, GeoJSON or CSV")
    _add_data_arg(p)
    p.add_argument("--format", choices=("json", "geojson", "csv"), default="json")
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")

    from explorer.commands import register_qt_commands
    register_qt_commands(sub, _add_data_arg)
    return parser


def _fail(message: str) -> int:
    print(f"explorer: error: {message}", file=sys.stderr)
    return 2


def cmd_validate(args) -> int:
    """Check each file; print every problem; exit 1 if any file has one."""
    from explorer.model.loader import validate_file

    paths = args.paths or [DEFAULT_DATASET]
    failed = 0
    for path in paths:
        problems = validate_file(path)
        if problems:
            failed += 1
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        else:
            print(f"{path}: ok")
    return 1 if failed else 0


def load_or_report(path: Path):
    """Load a dataset, or print its problems to stderr and return None."""
    from explorer.model.loader import DatasetError, load_dataset

    try:
        return load_dataset(path)
    except DatasetError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"explorer: error: {path} has {len(exc.problems)} problem(s); nothing was changed", file=sys.stderr)
        return None


def cmd_export_data(args) -> int:
    """Write the normalised dataset in the chosen format."""
    from explorer.model.export import FORMATS
    from explorer.safe_write import write_text_atomic

    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    text = FORMATS[args.format](dataset)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_text_atomic(args.out, text)
    except OSError as exc:
        return _fail(f"cannot write {args.out}: {exc.strerror or exc}")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def check_start_state(dataset, event_id: str | None, date_text: str | None) -> str | None:
    """Why ``--event``/``--date`` cannot be used with this dataset, or None if they can."""
    from explorer.model.dates import parse_day

    if event_id is not None and not dataset.has_event(event_id):
        return f"no event '{event_id}' in {dataset.path}; `explorer export-data --format csv` lists the ids"
    if date_text is not None:
        try:
            parse_day(date_text)
        except ValueError as exc:
            return f"--date: {exc}"
    return None


def cmd_run(args) -> int:
    """Open the window (or the kiosk)."""
    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    error = check_start_state(dataset, args.event, args.date)
    if error:
        return _fail(error)
    from explorer.ui.app import run_app

    return run_app(dataset, args)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``explorer`` command."""
    args = build_parser().parse_args(argv)
    handlers = {None: cmd_run, "validate": cmd_validate, "export-data": cmd_export_data}
    handler = handlers.get(args.command) or args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
