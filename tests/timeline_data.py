"""Small datasets and helpers for the timeline tests: the mini dataset with extra events, one event per kind,
border changes of one's own, and a shown slider."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtGui import QColor

from explorer.model.borders import BorderChange
from explorer.model.kinds import KINDS
from explorer.model.loader import check_text

MINI = Path(__file__).parent / "data" / "mini.json"


def dataset_with(*events: dict, eras: list[dict] | None = None, base: Path = MINI):
    """The mini dataset plus ``events`` (each a dict of fields over a plain agreement at Berlin)."""
    raw = json.loads(base.read_text(encoding="utf-8"))
    for i, fields in enumerate(events):
        event = {"id": f"extra-{i}", "title": f"Extra {i}", "kind": "agreement", "date": "1925-01-01",
                 "place": "berlin", "parties": ["Germany"], "summary": "x", "sources": [{"citation": "s"}]}
        event.update(fields)
        raw["events"].append(event)
    if eras is not None:
        raw["dataset"]["eras"] = eras
    dataset, problems = check_text(json.dumps(raw), "timeline-test.json")
    assert not problems, problems
    return dataset


def one_per_kind():
    """Only events of one day each, one per kind, three years apart from 1920 (ids are the kinds)."""
    raw = json.loads(MINI.read_text(encoding="utf-8"))
    raw["events"] = [{"id": kind, "title": kind.title(), "kind": kind, "date": f"{1920 + 3 * i}-06-01",
                      "place": "berlin", "parties": ["Germany"], "summary": "x", "sources": [{"citation": "s"}]}
                     for i, kind in enumerate(KINDS)]
    raw["links"] = []
    dataset, problems = check_text(json.dumps(raw), "kinds.json")
    assert not problems, problems
    return dataset


def changes(*days: str) -> list[BorderChange]:
    """Border changes on these days, named after them."""
    return [BorderChange(dt.date.fromisoformat(day), f"Change of {day}", f"Änderung vom {day}",
                         f"Source for {day}", None, (f"state@{day}",)) for day in days]


def show(qtbot, widget, width: int = 1000, height: int | None = None):
    """Show the slider at its own height (or ``height``) and wait for it."""
    qtbot.addWidget(widget)
    widget.resize(width, height or widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def close(color: QColor, want: str | QColor, tolerance: int = 14) -> bool:
    """Whether two colours are within ``tolerance`` in each channel."""
    want = QColor(want)
    return all(abs(a - b) <= tolerance for a, b in zip(color.getRgb()[:3], want.getRgb()[:3]))
