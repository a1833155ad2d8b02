"""What ``explorer snapshot`` and ``explorer animate`` are asked to do, checked before Qt starts. Free of Qt.

Everything the user typed is checked (event id, sizes, centre, dates, where to write) here, so a mistake costs
no time and gives one clear line on stderr and exit status 2, never a traceback. The commands themselves, which
start the renderer, are in ``explorer.snapshot.qt.commands``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import tempfile
from pathlib import Path

from explorer.snapshot.spec import SnapshotSpec, format_for, paper_named, parse_center, parse_size


#: Zoom levels the map page allows (``min_zoom``/``max_zoom`` in ``explorer/webmap/page.py``).
ZOOM_RANGE = (2, 11)


ANIMATION_FORMATS = (".gif", ".mp4")


class UsageError(ValueError):
    """Something on the command line cannot be used; the message says what and how to fix it."""


def snapshot_spec(args, dataset) -> SnapshotSpec:
    """The spec the ``snapshot`` arguments ask for; UsageError naming the bad argument."""
    from explorer.formats.startup import check_start_state
    from explorer.model.dates import parse_day

    problem = check_start_state(dataset, args.event, args.date)
    if problem:
        raise UsageError(problem)
    center = None
    if args.center is not None:
        try:
            center = parse_center(args.center)
        except ValueError as exc:
            raise UsageError(f"--center: {exc}") from None
    if args.zoom is not None and not ZOOM_RANGE[0] <= args.zoom <= ZOOM_RANGE[1]:
        raise UsageError(f"--zoom {args.zoom:g}: the map zooms from {ZOOM_RANGE[0]} to {ZOOM_RANGE[1]}")
    return make_spec(size=size_option("--size", args.size), view_size=size_option("--view-size", args.view_size),
                     event=args.event, date=parse_day(args.date) if args.date else None, center=center,
                     zoom=args.zoom, caption=not args.no_caption, paper=paper_named(args.size),
                     borders=args.borders)


#: What ``--all`` writes beside the images.
INDEX_FILES = ("index.json", "index.csv")


def check_output(path: str | Path, args) -> None:
    """UsageError if the command must not write ``path`` (it is the dataset, read-only, or exists without
    ``--force``)."""
    from explorer.safe_write import TargetRefused, check_target

    try:
        check_target(path, inputs=[args.data], force=getattr(args, "force", False))
    except TargetRefused as exc:
        raise UsageError(str(exc)) from None


def ensure_writable(path: str | Path) -> None:
    """UsageError unless a file can be created at ``path`` (its folder exists and takes new files)."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a directory")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"cannot write {path}: the folder {parent} does not exist")
    _probe(parent, path)


def ensure_directory(directory: str | Path) -> None:
    """Create ``directory`` if needed; UsageError unless files can be written in it."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the folder {directory}: {exc.strerror or exc}") from None
    _probe(directory, directory)


def _probe(directory: Path, named: Path) -> None:
    # Trying is the only reliable test (permissions, read-only mounts, ACLs, running as root).
    try:
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write {named}: {exc.strerror or exc}") from None


def size_option(option: str, text: str) -> tuple[int, int]:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def format_option(path) -> str:
    try:
        return format_for(path)
    except ValueError as exc:
        raise UsageError(f"--out: {exc}") from None


def make_spec(**fields) -> SnapshotSpec:
    try:
        return SnapshotSpec(**fields)
    except ValueError as exc:
        raise UsageError(f"--size: {exc}") from None


def animation_dates(args, dataset) -> tuple[dt.date, dt.date]:
    from explorer.model.dates import parse_day

    dates = []
    for option, text, default in (("--from", args.date_from, dataset.first_date),
                                  ("--to", args.date_to, dataset.last_date)):
        try:
            dates.append(parse_day(text) if text else default)
        except ValueError as exc:
            raise UsageError(f"{option}: {exc}") from None
    if dates[0] > dates[1]:
        raise UsageError(f"--from {dates[0]} is after --to {dates[1]}")
    return dates[0], dates[1]


def fail(message: str) -> int:
    print(f"explorer: error: {message}", file=sys.stderr)
    return 2


def index_csv(rows: list[dict]) -> str:
    """The index of an ``--all`` run as CSV (id, title, date, file)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, ["id", "title", "date", "file"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
