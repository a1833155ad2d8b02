"""The commands that read and write other formats: ``import``, ``export-data`` and ``validate`` (files and
folders), and the ``--data`` loading every command shares. No Qt here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from explorer.formats.opener import DATASET_SUFFIXES, document_text, open_document
from explorer.formats.report import ImportReport
from explorer.formats.startup import load_or_report, print_report as _print_report

#: ``export-data --format`` choices; ``json`` is the normalised export of :mod:`explorer.model.export`.
EXPORT_FORMATS = ("json", "geojson", "csv", "xlsx", "timelinejs", "kml")
_BINARY_OR_MANY = {"xlsx": "an XLSX workbook", "csv": "several CSV files (one per sheet)"}


def _fail(message: str) -> int:
    print(f"explorer: error: {message}", file=sys.stderr)
    return 2


# --- validate ------------------------------------------------------------------------------------------
def dataset_files(folder: Path) -> list[Path]:
    """The dataset files in a folder (not its subfolders), leaving out the extra sheets of a CSV export
    (``x.places.csv`` beside ``x.csv``), which are read with their events file."""
    from explorer.formats.workbook import csv_paths

    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in DATASET_SUFFIXES and p.is_file()
                   and not p.name.startswith("."))
    names = {p.name for p in files}
    extra = set()
    for p in files:
        if p.suffix.lower() == ".csv":
            extra |= {s.name for name, s in csv_paths(p).items() if name != "Events" and s.name in names}
    return [p for p in files if p.name not in extra]


def cmd_validate(args) -> int:
    """Check each file, and every dataset file in each folder; print every problem; exit 1 if any has one."""
    from explorer.resources import DEFAULT_DATASET

    paths: list[Path] = []
    for path in args.paths or [DEFAULT_DATASET]:
        if path.is_dir():
            found = dataset_files(path)
            if not found:
                print(f"{path}: a folder with no dataset files ({', '.join(DATASET_SUFFIXES)}) in it",
                      file=sys.stderr)
                paths.append(None)
            paths += found
        else:
            paths.append(path)
    failed = 0
    for path in paths:
        if path is None:
            failed += 1
            continue
        _dataset, _doc, report = open_document(path, partial=False, want_doc=False)
        _print_report(report)
        if report.errors or not report.opened:
            failed += 1
            n = len(report.errors)
            print(f"{path}: {n} problem{'s' if n != 1 else ''}", file=sys.stderr)
        else:
            kind = f" ({report.format})" if report.format and report.format != "Treaty Explorer JSON" else ""
            print(f"{path}: ok{kind}")
    return 1 if failed else 0


# --- writing -------------------------------------------------------------------------------------------
def _inputs(data: Path) -> list[Path]:
    """The input file and, for our CSV sheets, the files read with it."""
    from explorer.formats.workbook import csv_paths

    return [data] + (list(csv_paths(data).values()) if data.suffix.lower() == ".csv" else [])


def check_targets(targets: list[Path], data: Path, force: bool) -> str | None:
    """Why these files must not be written, or None (see ``explorer.safe_write.check_target``: an input is
    never overwritten, a read-only file never replaced, an existing file only with ``--force``)."""
    from explorer.safe_write import TargetRefused, check_target

    for target in targets:
        try:
            check_target(target, inputs=_inputs(data), force=force)
        except TargetRefused as exc:
            return str(exc)
    return None


def _write(files: dict[Path, bytes]) -> str | None:
    from explorer.safe_write import write_bytes_atomic

    for path, data in files.items():
        try:
            write_bytes_atomic(path, data)
        except FileNotFoundError:
            return f"cannot write {path}: the folder {path.parent} does not exist"
        except PermissionError:
            return f"cannot write {path}: permission denied"
        except OSError as exc:
            return f"cannot write {path}: {(exc.strerror or str(exc)).lower()}"
    return None


def cmd_import(args) -> int:
    """Convert FILE (any format) to our JSON format at ``--out``; exit 1 if anything was left out."""
    if args.out is None:
        return _fail("give --out DATASET.json")
    error = check_targets([args.out], args.file, args.force)
    if error:
        return _fail(error)
    dataset, doc, report = open_document(args.file, partial=True)
    _print_report(report)
    if dataset is None or doc is None:
        print(f"explorer: error: {report.summary()}; nothing was written", file=sys.stderr)
        return 1
    error = _write({args.out: document_text(doc).encode("utf-8")})
    if error:
        return _fail(error)
    left_out = ", without what is listed above" if report.errors else ""
    print(f"wrote {args.out}: {report.summary().split(': ', 1)[1]}{left_out}", file=sys.stderr)
    for credit in report.credits:
        print(f"places: {credit}", file=sys.stderr)
    return 1 if report.errors else 0


def export_files(fmt: str, dataset, doc: dict, out: Path | None) -> dict[Path | None, bytes]:
    """The files an export writes, by path (None: standard output)."""
    from explorer.formats import exports, workbook

    if fmt == "json":
        from explorer.model.export import to_json

        return {out: to_json(dataset).encode("utf-8")}
    if fmt == "xlsx":
        return {out: workbook.to_xlsx(doc)}
    if fmt == "csv":
        return dict(workbook.to_csv_files(doc, out))
    if fmt == "kml":
        return {out: exports.to_kml(doc).encode("utf-8")}
    obj = exports.to_geojson(doc) if fmt == "geojson" else exports.to_timelinejs(doc)
    if fmt == "timelinejs":
        problems = exports.timelinejs_problems(obj)
        if problems:    # our own bug if it happens: say so rather than write a file TimelineJS rejects
            raise ValueError("the TimelineJS export does not match TimelineJS's structure: " + "; ".join(problems[:5]))
    return {out: (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")}


def cmd_export_data(args) -> int:
    """Write the dataset (any input format) as JSON, GeoJSON, CSV, XLSX, TimelineJS or KML."""
    if args.format in _BINARY_OR_MANY and args.out is None:
        return _fail(f"--format {args.format} writes {_BINARY_OR_MANY[args.format]}; give --out FILE")
    targets = []
    if args.out is not None:
        if args.format == "csv":
            from explorer.formats.workbook import csv_paths

            targets = list(csv_paths(args.out).values())
        else:
            targets = [args.out]
    error = check_targets(targets, args.data, getattr(args, "force", False))
    if error:
        return _fail(error)
    dataset, doc, report = open_document(args.data)
    if report.problems:
        _print_report(report)
    if dataset is None:
        return _fail(f"{args.data} has {len(report.errors)} problem(s); nothing was written")
    files = export_files(args.format, dataset, doc, args.out)
    if args.out is None:
        try:
            sys.stdout.write(files[None].decode("utf-8"))
            sys.stdout.flush()
        except BrokenPipeError:          # `explorer export-data | head`: the reader had enough, not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    error = _write(files)
    if error:
        return _fail(error)
    for path in files:
        print(f"wrote {path}", file=sys.stderr)
    return 0
