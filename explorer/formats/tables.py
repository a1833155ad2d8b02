"""Reading spreadsheets as tables of rows: CSV files (UTF-8, with or without a byte-order mark, or Windows-1252
as Excel writes it) and XLSX workbooks (every sheet, values only: formulas are read as their last value and
never evaluated). Column names are compared loosely: ``End Year``, ``end_year`` and ``END YEAR`` are one."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path


def column_key(name) -> str:
    """A header as compared: lower case, words joined by ``_`` (``"Media Credit"`` -> ``media_credit``)."""
    return re.sub(r"[\s_\-]+", "_", str(name or "").strip().lower()).strip("_")


@dataclass
class Table:
    """One sheet: its name, its header (as written) and its rows, each with its spreadsheet row number."""

    name: str
    header: list[str]
    rows: list[tuple[int, list]]

    @property
    def keys(self) -> list[str]:
        """The header as compared (see :func:`column_key`)."""
        return [column_key(h) for h in self.header]

    def records(self):
        """``(row number, {column key: value})`` for every row that is not empty."""
        keys = self.keys
        for number, values in self.rows:
            record = {}
            for key, value in zip(keys, values):
                if key and value not in (None, "") and key not in record:
                    record[key] = value
            if any(_filled(v) for v in record.values()):
                yield number, record


def _filled(value) -> bool:
    return not (isinstance(value, str) and not value.strip())


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (a byte-order mark is dropped), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes, name: str = "") -> Table:
    """A CSV file as a table; the delimiter (comma, semicolon or tab) is detected from the header line."""
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = rows[0] if rows else []
    return Table(name, header, [(i + 2, r) for i, r in enumerate(rows[1:])])


def read_xlsx(data: bytes) -> list[Table]:
    """Every sheet of an XLSX workbook as a table (the first non-empty row is the header)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        tables = []
        for sheet in book.worksheets:
            rows = []
            header = None
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = [_cell(v) for v in values]
                if header is None:
                    if any(v not in (None, "") for v in values):
                        header = [str(v) if v is not None else "" for v in values]
                    continue
                rows.append((number, values))
            tables.append(Table(sheet.title, header or [], rows))
        return tables
    finally:
        book.close()


def _cell(value):
    """A cell's value as text or number; dates typed as dates become ISO dates."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


def is_xlsx(data: bytes) -> bool:
    """An XLSX (zip with a workbook part) rather than some other file."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "xl/workbook.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def sibling(path: Path, table: str) -> Path:
    """Where a CSV export keeps one of its other tables: ``interwar.csv`` -> ``interwar.places.csv``."""
    return path.with_name(f"{path.stem}.{table}.csv")
