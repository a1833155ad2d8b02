"""Open any dataset file the app understands, detecting its format from the content (not the extension).

Our JSON format is strict by default: a file with problems opens nothing, as ``explorer validate`` has always
said, since it is the file the curator maintains. Every other format is imported: what converts cleanly
opens, and the report lists the rest. ``partial=True`` opens the rest of our own files too (for a GUI that
shows the problems in a dialog and opens what it can)."""

from __future__ import annotations

import csv
import gc
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.formats import geojson_import, storymap, timelinejs, timelinejs_sheet, workbook_read
from explorer.formats.check import check_conversion
from explorer.formats.document import Conversion
from explorer.formats.report import ERROR, ImportProblem, ImportReport
from explorer.formats.tables import Table, decode, is_xlsx, read_csv, read_xlsx
from explorer.formats.workbook import csv_paths
from explorer.model.collector import collector_paused
from explorer.model.loader import FREEZE_FROM_BYTES, read_in_pieces
from explorer.model.text_checks import FactsBeside, read_facts_beside

if TYPE_CHECKING:
    from explorer.model.dataset import Dataset

NATIVE = "Treaty Explorer JSON"
_BOM = b"\xef\xbb\xbf"
#: A byte-order mark and white space before a file's first character.
_LEADING = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*")
#: Suffixes of files that ``explorer validate FOLDER`` checks.
DATASET_SUFFIXES = (".json", ".geojson", ".csv", ".xlsx")


@dataclass
class Opened:
    """What reading a file gave: the converted document (None if the file could not be read at all)."""

    conversion: Conversion | None
    report: ImportReport
    native: bool = False             # our own format, handed to the loader with what was read:
    native_text: str | None = None   # its text, where it was decoded (the loader decodes it if it needs to)
    native_root: dict | None = None  # ... what it parsed to (the loader need not parse it again)
    native_bytes: bytes | None = None  # ... and its bytes (UTF-8, without a byte-order mark)
    beside: FactsBeside | None = None  # ... and the helper reading its findings (a big file)
    native_dataset: Dataset | None = None  # ... or, for a big valid file, the dataset read in pieces already


def read_bytes(path: Path, report: ImportReport) -> bytes | None:
    """The file's bytes, or None with the reason in words (missing, a folder, not allowed, …); the file's
    stamp goes to ``report.file_stamp`` (for ``Dataset.file_stamp``)."""
    from explorer.model.loader import read_stamped

    try:
        data, report.file_stamp = read_stamped(path)
        return data
    except FileNotFoundError:
        report.add("file not found")
    except IsADirectoryError:
        report.add("this is a folder, not a file (`explorer validate FOLDER` checks every dataset in one)")
    except PermissionError:
        report.add("cannot be read: permission denied")
    except OSError as exc:
        report.add(f"cannot be read: {(exc.strerror or str(exc)).lower()}")
    return None


def read(path: str | Path) -> Opened:
    """Detect the format of ``path`` and convert it to our document (not checked yet)."""
    path = Path(path)
    file = str(path)
    report = ImportReport(file)
    if path.is_dir():
        report.add("this is a folder, not a file (`explorer validate FOLDER` checks every dataset in one)")
        return Opened(None, report)
    beside = read_facts_beside(path)
    data = read_bytes(path, report)
    opened = _read(data, path, file, report, beside)
    if beside is not None:
        if opened.native and opened.native_bytes is not None:
            opened.beside = beside
        else:
            beside.cancel()
    return opened


def _read(data: bytes | None, path: Path, file: str, report: ImportReport,
          beside: FactsBeside | None = None) -> Opened:
    if data is None:
        return Opened(None, report)
    if is_xlsx(data):
        return Opened(_xlsx(data, file, report), report)
    start = _LEADING.match(data).end()
    if data[start:start + 1] in (b"{", b"["):
        # JSON: parsed from the bytes, decoded to text only where that is needed (at 100,000 events the
        # text is 150-430 MB, and decoding it took up to two seconds).
        return _json(None, file, report, data, beside)
    text = decode(data)
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        return _json(text, file, report, data)
    if stripped[:1] == "<":
        report.add("an XML or HTML file; KML and web pages are written by `explorer export-data`, not read")
        return Opened(None, report)
    if not stripped:
        report.add("the file is empty")
        return Opened(None, report)
    return Opened(_csv(path, data, file, report), report)


def _json(text: str | None, file: str, report: ImportReport, data: bytes | None = None,
          beside: FactsBeside | None = None) -> Opened:
    """A JSON file, from its text or its bytes (at least one of them)."""
    import orjson

    bom = data is not None and data.startswith(_BOM)
    if text is None and not bom:
        # A big valid dataset of ours is read in pieces, never parsed whole: the whole tree would keep twice
        # the memory the dataset needs (``pieces.py``). Anything else (another format, a file with
        # problems) is parsed whole below.
        dataset, _facts = read_in_pieces(data, file, beside)
        if dataset is not None:
            report.format = NATIVE
            return Opened(None, report, native=True, native_bytes=data, native_dataset=dataset)
    if bom and text is None:
        text = decode(data)              # orjson refuses a byte-order mark: parse the text
    try:
        # The compiled parser first (a third of the time at 100,000 events, where this took seconds); the
        # standard one for what it refuses, which reads a little more (NaN, huge integers) and says where.
        # No cyclic collection while millions of parsed objects appear (none of them in a cycle): its full
        # passes took longer than the parse itself.
        if len(data if text is None else text) >= FREEZE_FROM_BYTES:
            gc.collect()              # while the heap is small (the loader would, after the parse; see there)
        with collector_paused():
            obj = orjson.loads(data if data is not None and not bom else text)   # bytes: no copy to UTF-8 first
        fresh = obj
    except orjson.JSONDecodeError:
        obj = fresh = None
    if obj is None and text is None:
        text = decode(data)
    try:
        if obj is None:
            obj = json.loads(text)
    except json.JSONDecodeError as exc:
        report.add(f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno)
        return Opened(None, report)
    if isinstance(obj, dict) and "dataset" in obj:
        report.format = NATIVE
        # The loader parses with orjson as well: hand it the document unless the standard parser read it.
        # (Where the loader gets no bytes, the text was decoded above: for a byte-order mark or the standard
        # parser, or it was all there was.)
        same = fresh is not None and data is not None and not bom
        return Opened(None, report, native=True, native_text=text, native_root=fresh,
                      native_bytes=data if same else None)
    if text is None:
        text = decode(data)
    for module in (storymap, geojson_import, timelinejs):
        if module.looks_like(obj):
            return Opened(_guarded(module.convert, report, obj, file, report, text), report)
    if _is_reading_copy(obj):
        report.add("this is the reading copy that `explorer export-data --format json` writes (each event with its "
                   "place and its links from both ends), not a dataset: open the dataset it was written from, or "
                   "write a copy to edit and open again with `explorer export-data --format xlsx`")
        return Opened(None, report)
    report.add("a JSON file, but not one this app reads: our format, TimelineJS, StoryMapJS or a GeoJSON "
               "FeatureCollection")
    return Opened(None, report)


def _is_reading_copy(obj) -> bool:
    """Whether ``obj`` looks like ``export-data --format json`` output: a title and events that carry links."""
    events = obj.get("events") if isinstance(obj, dict) else None
    return (isinstance(events, list) and "title" in obj and bool(events) and isinstance(events[0], dict)
            and "links" in events[0] and isinstance(events[0].get("place"), (dict, type(None))))


def _guarded(convert, report: ImportReport, *args) -> Conversion | None:
    """Run an importer; a failure of ours is reported in words with the rest of the report, not raised."""
    try:
        return convert(*args)
    except Exception as exc:    # a bug of ours, not a problem of the file: never a traceback at the user
        report.add(f"this file could not be converted (please report this as a bug: {type(exc).__name__}: {exc})")
        return None


def _xlsx(data: bytes, file: str, report: ImportReport) -> Conversion | None:
    try:
        tables = {t.name: t for t in read_xlsx(data)}
    except Exception as exc:   # openpyxl raises many kinds for a damaged workbook
        report.add(f"cannot read the workbook: {exc}")
        return None
    events = next((t for name, t in tables.items() if name.casefold() == "events"), None)
    if events is not None and workbook_read.looks_like(events):
        by_name = {name.capitalize(): t for name, t in tables.items()}
        return _guarded(workbook_read.convert, report, by_name, file, report, workbook_read.FORMAT_XLSX)
    for table in tables.values():
        if timelinejs_sheet.looks_like(table):
            return _guarded(timelinejs_sheet.convert, report, table, file, report, "TimelineJS sheet (XLSX)")
    report.add("a workbook, but neither our sheets (Events, Places, Links …) nor the TimelineJS template's "
               "columns (Year, Month, Day, … Headline, Text …)")
    return None


def _csv(path: Path, data: bytes, file: str, report: ImportReport) -> Conversion | None:
    try:
        table = read_csv(data)
    except csv.Error as exc:
        report.add(f"cannot read the CSV file: {exc}")
        return None
    if workbook_read.looks_like(table):
        tables, files = {"Events": table}, {}
        for name, sibling in csv_paths(path).items():
            if name == "Events" or not sibling.exists():
                continue
            raw = read_bytes(sibling, ImportReport(str(sibling)))
            if raw is not None:
                try:
                    tables[name] = read_csv(raw, name)
                except csv.Error as exc:
                    report.add(f"cannot read the CSV file: {exc}", file=str(sibling))
                    continue
                files[name] = str(sibling)
        return _guarded(workbook_read.convert, report, tables, file, report, workbook_read.FORMAT_CSV, files)
    if timelinejs_sheet.looks_like(table):
        return _guarded(timelinejs_sheet.convert, report, Table("", table.header, table.rows), file, report,
                        "TimelineJS sheet (CSV)")
    report.add("not a format this app reads: a CSV file needs the TimelineJS template's columns (Year, Month, "
               "Day, … Headline, Text …) or ours (ID, Title, Kind, Date …)")
    return None


def document_text(doc: dict) -> str:
    """Our JSON format's text for a document (what ``explorer import`` writes): UTF-8, indented, accents as is."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def open_dataset(path: str | Path, *, partial: bool | None = None) -> tuple[Dataset | None, ImportReport]:
    """Open any supported file: ``(Dataset | None, ImportReport)``. ``partial`` (default: for every format
    but our own) opens what passes when something does not; the report lists every problem either way."""
    dataset, _doc, report = open_document(path, partial=partial, want_doc=False)
    return dataset, report


def open_document(path: str | Path, *, partial: bool | None = None,
                  want_doc: bool = True) -> tuple[Dataset | None, dict | None, ImportReport]:
    """Like :func:`open_dataset`, also returning the checked document (our format) that the Dataset was made
    from: ``(Dataset | None, dict | None, ImportReport)``. Without ``want_doc`` a valid file of our own
    format gives None for the document: parsing it a second time for nobody took seconds at 100,000 events."""
    # One pause of the collector from the format check's parse to the loader's end (which takes what it
    # built out of the collector's passes): otherwise the first young collection in between walks every
    # object the parse made (a quarter of a second at 100,000 events).
    with collector_paused():
        opened = read(path)
        report = opened.report
        if opened.native:
            return _stamped(*_native(opened.native_text, report, partial=bool(partial), want_doc=want_doc,
                                     root=opened.native_root, data=opened.native_bytes, beside=opened.beside,
                                     dataset=opened.native_dataset))
    if opened.conversion is None:
        return None, None, report
    dataset, doc = check_conversion(opened.conversion, report, partial=partial is not False)
    return _stamped(dataset, doc, report)


def open_checked_before(path: str | Path) -> tuple[Dataset, ImportReport] | None:
    """A big file of our own format opened from its dataset as checked at an earlier start, if one is kept
    for the file as it is now (``model/dataset_cache.py``); else None: open it with :func:`open_document`.
    For a start only; ``explorer validate`` and the other commands always check the file itself."""
    from explorer.model import dataset_cache

    dataset = dataset_cache.cached(path)
    if dataset is None:
        return None
    report = ImportReport(str(path), NATIVE, opened=True, file_stamp=dataset.file_stamp,
                          counts={"events": len(dataset.events), "places": len(dataset.places),
                                  "links": len(dataset.links)})
    return dataset, report


def _stamped(dataset: Dataset | None, doc: dict | None, report: ImportReport):
    """The opened triple, its dataset stamped with the file as it was read."""
    if dataset is not None:
        dataset.file_stamp = report.file_stamp
    return dataset, doc, report


def _parse(text: str | bytes):
    """The JSON document of ``text`` or bytes (checked already): orjson where it takes it, else the standard
    parser."""
    import orjson

    with collector_paused():
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:       # what orjson refuses and Python's json reads (NaN, huge ints)
            return json.loads(text)


def _native(text: str | None, report: ImportReport, partial: bool, want_doc: bool = True, root: dict | None = None,
            data: bytes | None = None, beside: FactsBeside | None = None, dataset: Dataset | None = None):
    from explorer.model.loader import check_text

    problems = []
    if dataset is None:             # not read and checked in pieces already
        dataset, problems = check_text(text, report.file, root=root, data=data, beside=beside)
    for p in problems:
        report.problems.append(ImportProblem(p.file, p.message, ERROR, line=p.line, item=p.item, field=p.field))
    # The document again only for whoever uses it: the caller, or the partial open below (``explorer
    # validate`` of a broken 150 MB file spent seconds here parsing it a second time for nobody).
    doc = _parse(text if text is not None else data) if want_doc or (dataset is None and partial) else None
    if dataset is not None:
        report.opened = True
        report.counts = {"events": len(dataset.events), "places": len(dataset.places), "links": len(dataset.links)}
        return dataset, doc, report
    if not partial:
        return None, doc, report
    quiet = ImportReport(report.file)
    conv = Conversion(doc, {}, report.file, NATIVE)
    dataset, doc = check_conversion(conv, quiet, partial=True)
    report.opened, report.counts = quiet.opened, quiet.counts
    return dataset, doc, report
