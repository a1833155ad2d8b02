"""Our dataset as a spreadsheet (XLSX, or CSV files side by side) and back, with nothing lost.

The layout is :mod:`explorer.formats.workbook_spec`. The CSV form is the same sheets as separate files named
after the events file: ``interwar.csv`` (Events), ``interwar.places.csv``, ``interwar.links.csv``,
``interwar.sources.csv`` … ``interwar.dataset.csv``; opening ``interwar.csv`` reads them all."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from explorer.formats.workbook_spec import (BOOL, CHILDREN, COORD, CSV_SUFFIX, DATASET, DATE, EVENTS, LINES,
                                            NUMBER, SHEETS, Column, Sheet, translation_header)

_LISTS_OF_OBJECTS = {s.parent_field: s for s in CHILDREN}


# --- writing -------------------------------------------------------------------------------------------
def _languages(items) -> list[str]:
    langs: dict[str, None] = {}
    for item in items:
        for lang in (item.get("translations") or {}) if isinstance(item, dict) else ():
            langs[lang] = None
    return list(langs)


def _cell(value, column: Column):
    if value is None:
        return None
    if column.kind == LINES and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if column.kind == BOOL:
        return bool(value)
    return value


def _items(doc: dict, sheet: Sheet) -> list[dict]:
    """The dicts that make the rows of a sheet (child rows carry their event's id as ``event``)."""
    if sheet is EVENTS:
        return doc.get("events", [])
    if sheet.parent_field:
        return [{"event": e.get("id"), **child} for e in doc.get("events", [])
                for child in e.get(sheet.parent_field) or []]
    if sheet.name == "Eras":
        return doc.get("dataset", {}).get("eras", [])
    return doc.get(sheet.name.lower(), [])


def table_rows(doc: dict, sheet: Sheet) -> tuple[list[str], list[list]]:
    """Header and rows of one sheet (the Dataset sheet is two columns, Field and Value)."""
    if sheet is DATASET:
        return ["Field", "Value"], _dataset_rows(doc)
    items = _items(doc, sheet)
    langs = _languages(items)
    translated = [(c, lang) for lang in langs for c in sheet.columns
                  if any(c.key in (i.get("translations") or {}).get(lang, {}) for i in items)]
    header = [c.header for c in sheet.columns] + [translation_header(c.header, lang) for c, lang in translated]
    rows = []
    for item in items:
        row = [_cell(item.get(c.key), c) for c in sheet.columns]
        row += [_cell((item.get("translations") or {}).get(lang, {}).get(c.key), c) for c, lang in translated]
        rows.append(row)
    return header, rows


def _dataset_rows(doc: dict) -> list[list]:
    head = doc.get("dataset", {})
    view = head.get("default_view") or {}
    center = view.get("center") or [None, None]
    values = {"title": head.get("title"), "description": head.get("description"),
              "default_view.center.0": center[0] if len(center) > 0 else None,
              "default_view.center.1": center[1] if len(center) > 1 else None,
              "default_view.zoom": view.get("zoom"), "default_view.date": view.get("date"),
              "credits": head.get("credits"), "format": doc.get("format"), "$schema": doc.get("$schema")}
    rows = [[c.header, _cell(values[c.key], c)] for c in DATASET.columns if values[c.key] is not None]
    for lang, texts in (head.get("translations") or {}).items():
        for c in DATASET.columns:
            if c.key in texts:
                rows.append([translation_header(c.header, lang), _cell(texts[c.key], c)])
    return rows


def to_xlsx(doc: dict) -> bytes:
    """Our document as an XLSX workbook. Every text is stored as text (never as a formula or a date)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for sheet in SHEETS:
        header, rows = table_rows(doc, sheet)
        ws = book.create_sheet(sheet.name)
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append([None] * len(row))
            for cell, value in zip(ws[ws.max_row], row):
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"       # "=…" stays text: a cell from a dataset never becomes a formula
                    if "\n" in value or len(value) > 60:
                        cell.alignment = wrap
        ws.freeze_panes = "A2"
        for i, title in enumerate(header, start=1):
            width = 60 if title.split(" (")[0] in ("Summary", "Significance", "Key points", "Description",
                                                  "Note", "Citation", "Value") else 18
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_paths(events_path: Path) -> dict[str, Path]:
    """Sheet name -> file for the CSV form (``interwar.csv``, ``interwar.places.csv`` …)."""
    return {name: events_path if suffix is None else events_path.with_name(f"{events_path.stem}.{suffix}.csv")
            for name, suffix in CSV_SUFFIX.items()}


def to_csv_files(doc: dict, events_path: Path) -> dict[Path, bytes]:
    """Our document as CSV files (UTF-8 with a byte-order mark, so Excel reads the accents), by path."""
    paths = csv_paths(events_path)
    out = {}
    for sheet in SHEETS:
        header, rows = table_rows(doc, sheet)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else "true" if v is True else "false" if v is False else v
                             for v in row])
        out[paths[sheet.name]] = ("\ufeff" + buf.getvalue()).encode("utf-8")
    return out


# --- reading -------------------------------------------------------------------------------------------
def read_cell(value, kind: str):
    """A cell's value as our field's type; what cannot be read is passed on for the loader to name."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == LINES:
        text = str(value).replace("\r\n", "\n")
        return [line.strip() for line in text.split("\n") if line.strip()]
    if kind == BOOL:
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold()
        return True if text in ("true", "yes", "1", "x", "ja", "oui") else False if text in (
            "false", "no", "0", "nein", "non") else str(value)
    if kind in (NUMBER, COORD):
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            number, text = value, repr(value)
        else:
            text = str(value).strip().replace(",", ".")
            try:
                number = float(text)
            except ValueError:
                return str(value).strip()
        if kind == COORD:
            return float(number)      # coordinates are decimal degrees, also where a sheet shows "20"
        return int(number) if float(number).is_integer() and "." not in text and "e" not in text.lower() else number
    if kind == DATE and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{int(value):04d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
