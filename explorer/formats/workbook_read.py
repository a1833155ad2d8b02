"""Reading our own spreadsheet format (XLSX, or the CSV files side by side) back into our document.

Headers may be written as exported (``End date``, ``Title (de)``) or as our field names (``end_date``). A
curator may add rows freely; an event's ``Place`` may name a place on the Places sheet by its ID or its name,
or be a town the Places sheet does not have yet, which is then looked up offline (see
:mod:`explorer.formats.places`). Nothing our format requires is made up here: a row that lacks it is
reported by the loader at its sheet and row."""

from __future__ import annotations

from explorer.formats.document import Conversion, DocumentBuilder, Origin
from explorer.formats.report import ERROR, WARNING, ImportReport
from explorer.formats.tables import Table, column_key
from explorer.formats.workbook import read_cell
from explorer.formats.workbook_spec import CHILDREN, DATASET, ERAS, EVENTS, LINKS, PARTIES, PLACES, Sheet, split_translation

FORMAT_XLSX = "Treaty Explorer workbook (XLSX)"
FORMAT_CSV = "Treaty Explorer sheets (CSV)"


def looks_like(table: Table) -> bool:
    """Our Events sheet: at least ID, Title, Kind and Date columns."""
    return {"id", "title", "kind", "date"} <= set(table.keys)


def _columns(sheet: Sheet, table: Table, report: ImportReport) -> list:
    """For each column of the table: (our column, language or None), or None for a column we do not know."""
    lookup = {}
    for c in sheet.columns:
        lookup[column_key(c.header)] = c
        lookup[column_key(c.key)] = c
    out = []
    for header in table.header:
        base, lang = split_translation(header)
        column = lookup.get(column_key(base))
        if column is None and str(header or "").strip():
            report.add(f"column '{header}' is not one of this sheet's ({', '.join(c.header for c in sheet.columns)});"
                       " left out", WARNING, sheet=table.name)
        out.append((column, lang) if column else None)
    return out


def _rows(sheet: Sheet, table: Table | None, report: ImportReport):
    """``(row number, item dict)`` for each row of a sheet, translations gathered in ``translations``."""
    if table is None:
        return
    columns = _columns(sheet, table, report)
    for number, values in table.rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue     # an empty row (spreadsheets keep some at the end)
        item: dict = {}
        for spec, value in zip(columns, values):
            if spec is None:
                continue
            column, lang = spec
            value = read_cell(value, column.kind)
            if value is None:
                if column.empty is not None and not lang:
                    item[column.key] = type(column.empty)(column.empty)
                continue
            if lang:
                item.setdefault("translations", {}).setdefault(lang, {})[column.key] = value
            else:
                item[column.key] = value
        if item:
            yield number, item


def _fields(sheet: Sheet) -> dict[str, str]:
    return {c.key: c.header for c in sheet.columns}


def convert(tables: dict[str, Table], file: str, report: ImportReport, format_name: str,
            files: dict[str, str] | None = None) -> Conversion:
    """Our document from the sheets of our workbook (by sheet name). ``files`` names the CSV file of each
    sheet, so that a problem names the file it is in."""
    report.format = format_name
    builder = DocumentBuilder(file, format_name, report)
    files = files or {}
    origins: dict[str, list[Origin]] = {"events": [], "places": [], "links": [], "eras": [], "parties": [],
                                        "dataset": []}

    def origin(sheet: Sheet, number: int, fields=None) -> Origin:
        return Origin(row=number, sheet=None if sheet.name in files else sheet.name, fields=fields or _fields(sheet))

    def where(sheet: Sheet, number: int) -> dict:
        return {"row": number, "file": files.get(sheet.name, file),
                "sheet": None if sheet.name in files else sheet.name}

    places = []
    for number, item in _rows(PLACES, tables.get(PLACES.name), report):
        places.append(item)
        origins["places"].append(origin(PLACES, number))
        if isinstance(item.get("id"), str):
            builder.reserve_id("places", item["id"])
    builder.places = places
    builder.origins["places"] = origins["places"]
    by_name = {str(p.get("name", "")).casefold(): p.get("id") for p in places}
    by_name.update({str(p.get("historical_name", "")).casefold(): p.get("id") for p in places
                    if p.get("historical_name")})
    place_ids = {p.get("id") for p in places}

    events, event_rows = [], {}
    for number, item in _rows(EVENTS, tables.get(EVENTS.name), report):
        fields = _fields(EVENTS)
        place = item.get("place")
        if isinstance(place, str) and place not in place_ids:
            if place.casefold() in by_name:
                item["place"] = by_name[place.casefold()]
            else:
                new = builder.add_place(Origin(row=number, sheet=EVENTS.name, fields={"place": "Place"}), name=place)
                if new:
                    item["place"] = new
        events.append(item)
        event_rows[item.get("id")] = len(events) - 1
        origins["events"].append(origin(EVENTS, number, fields))
    for sheet in CHILDREN:
        seen: dict[str, int] = {}
        for number, item in _rows(sheet, tables.get(sheet.name), report):
            event_id = item.pop("event", None)
            if event_id not in event_rows:
                report.add(f"no event '{event_id}' on the Events sheet; this row is left out", ERROR,
                           field="Event", **where(sheet, number))
                continue
            index = event_rows[event_id]
            events[index].setdefault(sheet.parent_field, []).append(item)
            k = seen.get(event_id, 0)
            seen[event_id] = k + 1
            label = f"{sheet.name} sheet, row {number}" if sheet.name not in files else f"{files[sheet.name]}, row {number}"
            origins["events"][index].fields[f"{sheet.parent_field}[{k}]"] = label
    links = []
    for number, item in _rows(LINKS, tables.get(LINKS.name), report):
        links.append(item)
        origins["links"].append(origin(LINKS, number))
    parties = []
    for number, item in _rows(PARTIES, tables.get(PARTIES.name), report):
        parties.append(item)
        origins["parties"].append(origin(PARTIES, number))
    eras = []
    for number, item in _rows(ERAS, tables.get(ERAS.name), report):
        eras.append(item)
        origins["eras"].append(origin(ERAS, number))
    head = _dataset(tables.get(DATASET.name), report)
    origins["dataset"].append(Origin(sheet=None if DATASET.name in files else DATASET.name,
                                     fields={c.key.split(".")[0]: c.header for c in DATASET.columns}))
    fmt = head.pop("format", None)
    schema = head.pop("$schema", None)
    builder.events = events
    builder.title = head.get("title")
    built = builder.build().doc["dataset"]   # a default view where the sheet gives none
    view = head.get("default_view") or {}
    if not view:
        head["default_view"] = built["default_view"]
    if eras:
        head["eras"] = eras
    doc = {"$schema": schema} if schema else {}
    if fmt is not None:
        doc["format"] = fmt
    doc.update({"dataset": head, "places": builder.places, "events": events})
    if links:
        doc["links"] = links
    if parties:
        doc["parties"] = parties
    origins["places"] = builder.origins["places"]
    return Conversion(doc, origins, file, format_name)


def _dataset(table: Table | None, report: ImportReport) -> dict:
    """The Dataset sheet (Field, Value rows) as our ``dataset`` object (plus ``format``)."""
    head: dict = {}
    if table is None:
        return head
    lookup = {column_key(c.header): c for c in DATASET.columns}
    lookup.update({column_key(c.key): c for c in DATASET.columns})
    rows = [(n, v) for n, v in table.rows if v and v[0] not in (None, "")]
    for number, values in rows:
        base, lang = split_translation(str(values[0]))
        column = lookup.get(column_key(base))
        if column is None:
            report.add(f"'{values[0]}' is not a field of the Dataset sheet; left out", WARNING, row=number,
                       sheet=DATASET.name)
            continue
        value = read_cell(values[1] if len(values) > 1 else None, column.kind)
        if value is None:
            continue
        if lang:
            head.setdefault("translations", {}).setdefault(lang, {})[column.key] = value
        elif column.key.startswith("default_view."):
            view = head.setdefault("default_view", {})
            _, key, *rest = column.key.split(".")
            if key == "center":
                center = view.setdefault("center", [None, None])
                center[int(rest[0])] = value
            else:
                view[key] = value
        else:
            head[column.key] = value
    # keep the order our files use
    order = ["title", "description", "default_view", "eras", "credits", "translations", "format", "$schema"]
    return {k: head[k] for k in order if k in head} | {k: v for k, v in head.items() if k not in order}
