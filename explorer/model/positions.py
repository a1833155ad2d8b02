"""Find the line in a JSON text where a given object (or one of its keys) is written.

Used only when a file has problems, so the fast C parser serves the normal load and this slower,
position-tracking parse runs just to put line numbers on error messages.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner


class JsonPositions:
    """Parses ``text`` once, remembering where every object starts and ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: dict[int, tuple[int, int]] = {}
        decoder = json.JSONDecoder()
        spans = self._spans

        def parse_object(s_and_end, *args, **kwargs):
            start = s_and_end[1] - 1
            obj, end = json.decoder.JSONObject(s_and_end, *args, **kwargs)
            spans[id(obj)] = (start, end)
            return obj, end

        decoder.parse_object = parse_object
        decoder.scan_once = json.scanner.py_make_scanner(decoder)
        self.root = decoder.decode(text)

    def line_of(self, path: tuple, key: str | None = None) -> int | None:
        """1-based line of the object at ``path`` (or of ``key`` inside it), None if not found."""
        node = self.root
        try:
            for step in path:
                node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
        span = self._spans.get(id(node))
        if span is None:
            return None
        start, end = span
        pos = start
        if key is not None:
            found = self.text.find(json.dumps(key), start, end)
            pos = found if found >= 0 else start
        return self.text.count("\n", 0, pos) + 1
