"""``explorer borders``: the state in force at a place on a day, or that day's borders as GeoJSON."""

from __future__ import annotations

import json
import sys

from explorer.model.dates import parse_day


def _fail(message: str) -> int:
    print(f"explorer borders: error: {message}", file=sys.stderr)
    return 2


def parse_lat_lon(text: str) -> tuple[float, float]:
    """``"52.1,23.7"`` -> (52.1, 23.7); ValueError with a readable message otherwise."""
    parts = text.split(",")
    if len(parts) != 2:
        raise ValueError(f"'{text}' is not LAT,LON (e.g. 52.10,23.73)")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"'{text}' is not LAT,LON (e.g. 52.10,23.73)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"'{text}' is off the globe (latitude -90..90, longitude -180..180)")
    return lat, lon


def cmd_borders(args) -> int:
    """Print the state at ``--at`` on ``--date``, or write the day's borders to ``--out``."""
    from explorer.model.borders import default_borders
    from explorer.safe_write import write_text_atomic

    try:
        day = parse_day(args.date)
    except ValueError as exc:
        return _fail(f"--date: {exc}")
    if (args.at is None) == (args.out is None):
        return _fail("give --at LAT,LON or --out FILE.geojson")
    borders = default_borders()
    first, last = borders.coverage
    if not first <= day <= last:
        return _fail(f"--date: {day} is outside the period borders ({first} to {last})")
    if args.out is not None:
        from explorer.safe_write import TargetRefused, check_target

        try:
            check_target(args.out, force=args.force)
        except TargetRefused as exc:
            return _fail(str(exc))
        text = json.dumps(borders.geojson_on(day), ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            write_text_atomic(args.out, text)
        except OSError as exc:
            return _fail(f"cannot write {args.out}: {exc.strerror or exc}")
        print(f"wrote {args.out}: {len(borders.features_on(day))} states on {day}", file=sys.stderr)
        return 0
    try:
        lat, lon = parse_lat_lon(args.at)
    except ValueError as exc:
        return _fail(f"--at: {exc}")
    state = borders.state_at(lat, lon, day)
    if args.json:
        out = None if state is None else {
            "name": state.name, "name_de": state.name_de, "sovereign": state.sovereign,
            "sovereign_de": state.sovereign_de, "status": state.status, "precision": state.precision,
            "precision_note": state.precision_note, "source": state.source, "event": state.event,
            "feature": state.feature, "valid_from": state.valid_from.isoformat(),
            "valid_to": state.valid_to.isoformat()}
        print(json.dumps({"date": day.isoformat(), "lat": lat, "lon": lon, "state": out}, ensure_ascii=False))
        return 0
    if state is None:
        print(f"{lat},{lon} on {day}: no state (sea, or outside the map)")
        return 0
    precision = {1: "approximate", 2: "moderately precise", 3: "determined by law"}[state.precision]
    lines = [f"{state.name} ({state.name_de})"]
    if state.sovereign:
        lines.append(f"sovereign: {state.sovereign} ({state.status})")
    else:
        lines.append(f"status: {state.status}")
    lines.append(f"precision: {state.precision} ({precision})" + (f": {state.precision_note}" if state.precision_note else ""))
    lines.append(f"in force: {state.valid_from} to {state.valid_to}")
    lines.append(f"source: {state.source}")
    if state.event:
        lines.append(f"event: {state.event}")
    print("\n".join(lines))
    return 0
