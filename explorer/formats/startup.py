"""What every command that opens a dataset does first: open it (any format) or say why not, and check the
start options (``--event``, ``--date``) against it. Free of Qt."""

from __future__ import annotations

import sys
from pathlib import Path

from explorer.formats.opener import NATIVE, open_checked_before, open_document
from explorer.formats.report import ImportReport
from explorer.model import dataset_cache


def print_report(report: ImportReport, stream=None, notes: bool = True) -> None:
    """Each problem of an import report on its own line (stderr by default)."""
    stream = stream or sys.stderr
    lines = report.problem_lines(notes=notes)
    for start in range(0, len(lines), 1000):      # in batches: 100,000 problems, a few writes, not 100,000
        stream.write("".join(f"{line}\n" for line in lines[start:start + 1000]))


def load_or_report(path: Path):
    """The dataset at ``path`` in any format, or None after printing why to stderr. An imported file with
    problems opens without the rows that have them; our own format opens only when it has none. Notes (which
    town a name was taken for) are left to ``explorer validate`` and ``explorer import``."""
    return open_for_start(path)[0]


def open_for_start(path: Path) -> tuple:
    """Like :func:`load_or_report`, also returning the import report (``(Dataset | None, ImportReport)``),
    for a start that shows the problems in a dialog as well (``explorer --gui-errors``). Opened by
    :func:`open_as_before`."""
    dataset, report = open_as_before(path)
    print_report(report, notes=False)
    if dataset is None:
        count = len(report.errors)
        print(f"explorer: error: {path} has {count} problem{'s' if count != 1 else ''}; nothing was changed",
              file=sys.stderr)
        return None, report
    if report.errors:
        print(f"explorer: {report.summary()}: opened without them", file=sys.stderr)
    return dataset, report


def open_as_before(path: Path, partial: bool | None = None) -> tuple:
    """``(Dataset | None, ImportReport)`` for ``path`` in any format, for a start or File > Open: a big file
    of our own format opened before, and not changed since, read as it was checked then
    (``model/dataset_cache.py``); one opened for the first time kept so by a helper process. ``partial``:
    as :func:`explorer.formats.opener.open_document` (by default every format but ours opens without the
    items that have problems; True: ours too)."""
    before = open_checked_before(path)
    if before is not None:
        return before
    dataset, _doc, report = open_document(path, partial=partial, want_doc=False)
    if dataset is not None and report.format == NATIVE and not report.problems:
        dataset_cache.keep_beside(dataset)      # the next open of this file reads it checked already
    return dataset, report


def check_start_state(dataset, event_id: str | None, date_text: str | None) -> str | None:
    """Why ``--event``/``--date`` cannot be used with this dataset, or None if they can. A date outside the
    dataset's span is refused with the span named (it used to be moved to the nearest end without a word)."""
    from explorer.model.dates import parse_day

    if event_id is not None and not dataset.has_event(event_id):
        return f"no event '{event_id}' in {dataset.path}; `explorer export-data --format csv` lists the ids"
    if date_text is not None:
        try:
            day = parse_day(date_text)
        except ValueError as exc:
            return f"--date: {exc}"
        first, last = dataset.first_date, dataset.last_date
        if not first <= day <= last:
            return f"--date {day}: {dataset.path or dataset.title} spans {first} to {last}"
    return None
