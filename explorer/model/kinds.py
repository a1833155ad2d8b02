"""How each kind of event is drawn everywhere (map markers, timeline marks, legends, snapshots): a colour,
and a shape and a letter, so that nothing is told by colour alone. Free of Qt."""

from __future__ import annotations

#: The kinds a dataset may use, in the order legends and menus list them.
KINDS = ("treaty", "conference", "agreement", "protocol", "declaration", "event", "military")

KIND_COLORS = {
    "treaty": "#c0392b",
    "conference": "#1f6fb2",
    "agreement": "#1e8449",
    "protocol": "#7d3c98",
    "declaration": "#d35400",
    "event": "#4d5656",
    "military": "#7b4b2a",
}

#: A shape per kind (drawn by the map page, the timeline and the legends alike).
KIND_SHAPES = {
    "treaty": "circle",
    "conference": "square",
    "agreement": "diamond",
    "protocol": "triangle",
    "declaration": "triangle-down",
    "event": "hexagon",
    "military": "cross",
}

#: A letter per kind, for marks too small for a shape to read and for screen readers' short names.
KIND_LETTERS = {
    "treaty": "T",
    "conference": "C",
    "agreement": "A",
    "protocol": "P",
    "declaration": "D",
    "event": "E",
    "military": "M",
}
